// From parsed rows and what the person chose in the preview (header or not, a type or
// "skip" per column, the table's name) to the one action that imports them, and the report
// it will make. Pure; ids and the clock come in.

import type { Outcome } from "../errors";
import type { ParseContext } from "../fields/field-type";
import type { NewField } from "../field-actions";
import { type ColumnGuess, detectHeader, type ImportType, inferColumns } from "./infer";
import { type ImportTableAction, MAX_FILE_NAME } from "./import-action";

/** A column's fate: a type, "skip", or undefined (the guess). */
export type ColumnChoice = ImportType | "skip" | undefined;

export interface ImportSettings {
  name: string;
  /** null: as detected. */
  header: boolean | null;
  columns: readonly ColumnChoice[];
  /** The uploaded file's name, "" for pasted text (kept with the import, for history). */
  file?: string;
}

/** What an import did, column by column: shown at the end. */
export interface ImportReport {
  records: number;
  columns: { name: string; type: ImportType; flagged: number }[];
  skipped: string[];
  /** Rows not imported, with why: none for rows that were read (every row becomes a record). */
  notImported: { row: number; reason: string }[];
}

/** The action and report for `rows` as `preview` (made with the same settings) shows them. */
export function planImport(rows: readonly string[][], preview: ImportPreview, settings: ImportSettings, newId: () => string, at: number): Outcome<{ action: ImportTableAction; report: ImportReport }> {
  const { columns } = preview;
  const kept = columns.map((column, c) => ({ column, c })).filter(({ c }) => settings.columns[c] !== "skip");
  if (kept.length === 0) return { ok: false, reason: "Every column is skipped: keep at least one." };
  const fields: NewField[] = kept.map(({ column }) => ({ id: newId(), name: column.name, type: column.type, options: column.options }));
  const body = preview.header ? rows.slice(1) : rows;
  const records = body.map((row) => ({ id: newId(), texts: kept.map(({ c }) => row[c] ?? "") }));
  const action: ImportTableAction = { kind: "importTable", tableId: newId(), name: settings.name, at, fields, records, recordCount: records.length, ...(settings.file === undefined ? {} : { file: settings.file.slice(0, MAX_FILE_NAME) }) };
  const report: ImportReport = {
    records: records.length,
    columns: kept.map(({ column }) => ({ name: column.name, type: column.type, flagged: column.notUnderstood })),
    skipped: columns.filter((_, c) => settings.columns[c] === "skip").map((column) => column.name),
    notImported: [],
  };
  return { ok: true, action, report };
}

/** What the preview shows before anything is written. */
export interface ImportPreview {
  header: boolean;
  /** Records the import will make. */
  records: number;
  /** Rows shorter or longer than the widest (padded: no value is lost). */
  ragged: number;
  warnings: string[];
  columns: ColumnGuess[];
}

/** The preview of `rows`: the header detected unless the person said, each column guessed
 *  unless the person chose. */
export function previewImport(parsed: PreviewSource, header: boolean | null, columns: readonly ColumnChoice[], context: ParseContext): ImportPreview {
  const hasHeader = header ?? parsed.header ?? detectHeader(parsed.rows, context);
  return {
    header: hasHeader,
    records: (parsed.total ?? parsed.rows.length) - (hasHeader ? 1 : 0),
    ragged: parsed.ragged,
    warnings: parsed.warnings,
    columns: inferColumns(parsed.rows, hasHeader, context, columns.map((c) => (c === "skip" ? undefined : c)), parsed.distinct),
  };
}

/** What a preview reads: every row, or for a file read in chunks (./stream.ts) its first rows,
 *  with `total` rows in all and a few distinct texts per column from every row (choices). */
export interface PreviewSource {
  rows: readonly string[][];
  ragged: number;
  warnings: string[];
  header?: true;
  total?: number;
  distinct?: readonly (readonly string[] | null)[];
}
