// The action that imports a table: the table, its fields and every record, applied as ONE
// step, so one Undo takes the whole import back (its inverse deletes the table, which keeps
// its records, so Redo restores it as it was). Every cell keeps its text; a value its field
// does not understand is kept and flagged, never dropped.
//
// The change log keeps the action without its records (`forLog`): they live in the table,
// and a 5 MB import would not fit in one log row (SQLite's 2 MB). Undo and Redo need only
// the inverse.

import * as v from "valibot";
import { type Applied, checkName, type Document } from "../action-kit";
import type { NewField } from "../field-actions";
import type { Json, ParseContext } from "../fields/field-type";
import { AMBIGUOUS, type LocationValue } from "../fields/location";
import { fieldTypeNames } from "../fields/registry";
import { findTable, liveTables, type Table } from "../model";
import { type Cells, cellTypes } from "../records";
import { hintOfValues } from "../place-hints";
import { parseCellText, type StoredCell } from "../values";
import { IMPORT_LIMITS } from "./csv";

const Id = v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/));

/** The action, as checked when it comes back from the change log. */
export const ImportTableActionSchema = v.object({
  kind: v.literal("importTable"),
  tableId: Id,
  name: v.pipe(v.string(), v.maxLength(200)),
  at: v.number(),
  fields: v.pipe(v.array(v.object({ id: Id, name: v.pipe(v.string(), v.maxLength(200)), type: v.picklist(fieldTypeNames), options: v.custom<Json>(() => true) })), v.maxLength(IMPORT_LIMITS.columns)),
  /** One entry per record: its id and each field's text, in `fields` order. */
  records: v.pipe(v.array(v.object({ id: Id, texts: v.pipe(v.array(v.string()), v.maxLength(IMPORT_LIMITS.columns)) })), v.maxLength(IMPORT_LIMITS.rows)),
  /** How many records the import made (the log keeps this, not the records). */
  recordCount: v.number(),
});

export type ImportTableAction = { kind: "importTable"; tableId: string; name: string; at: number; fields: NewField[]; records: { id: string; texts: string[] }[]; recordCount: number };

export function isImportTableAction(value: unknown): value is ImportTableAction {
  return v.is(ImportTableActionSchema, value);
}

/** What the change log keeps: the action without its records. */
export function importForLog(action: ImportTableAction): ImportTableAction {
  return { ...action, records: [] };
}

export function applyImportTable(doc: Document, action: ImportTableAction): Applied {
  if (findTable(doc.schema, action.tableId)) return { ok: false, reason: "That table already exists." };
  const problem = checkName("table", action.name, liveTables(doc.schema));
  if (problem) return { ok: false, reason: problem };
  const added: { id: string; name: string }[] = [];
  for (const field of action.fields) {
    const clash = checkName("field", field.name, added);
    if (clash) return { ok: false, reason: clash };
    if (added.some((f) => f.id === field.id)) return { ok: false, reason: "Two fields have the same id." };
    added.push(field);
  }
  const table: Table = { id: action.tableId, name: action.name.trim(), fields: action.fields.map((f) => ({ ...f, name: f.name.trim() })) };
  const types = cellTypes(table);
  // A place column is read twice where needed: first on its own, then the ambiguous names
  // again with where the column's other places lie.
  const firstReads = new Map<number, (StoredCell | undefined)[]>();
  const hinted = new Map<number, ParseContext>();
  table.fields.forEach((field, c) => {
    if (field.type !== "location") return;
    const cells = action.records.map((r) => {
      const text = r.texts[c] ?? "";
      return text.trim() === "" || text.length > IMPORT_LIMITS.cellChars ? undefined : parseCellText(field.type, text, field.options, doc.context);
    });
    firstReads.set(c, cells);
    const hint = hintOfValues(cells.flatMap((cell) => (cell && cell.invalid === undefined && cell.value !== null ? [cell.value as LocationValue] : [])));
    hinted.set(c, { ...doc.context, placeHint: () => hint });
  });
  for (const [i, record] of action.records.entries()) {
    if (record.texts.length > table.fields.length) return { ok: false, reason: `Record ${i + 1} has more values than the table has fields.` };
    if (doc.records.get(table.id, record.id)) return { ok: false, reason: "That record already exists." };
    const cells: Cells = {};
    for (const [c, text] of record.texts.entries()) {
      const field = table.fields[c]!;
      if (text.length > IMPORT_LIMITS.cellChars) return { ok: false, reason: `Record ${i + 1}: a value is at most ${IMPORT_LIMITS.cellChars.toLocaleString("en")} characters.` };
      if (text.trim() === "") continue;
      const first = firstReads.get(c)?.[i];
      cells[field.id] = first && !first.invalid?.startsWith(AMBIGUOUS) ? first : parseCellText(field.type, text, field.options, hinted.get(c) ?? doc.context);
    }
    doc.records.insert({ id: record.id, tableId: table.id, cells, createdAt: action.at }, types);
  }
  return { ok: true, schema: { ...doc.schema, tables: [...doc.schema.tables, table] }, inverse: { kind: "deleteTable", tableId: table.id, at: action.at } };
}
