// The action that imports a table: the table, its fields and every record, applied as ONE
// step, so one Undo takes the whole import back (its inverse deletes the table, which keeps
// its records, so Redo restores it as it was). Every cell keeps its text; a value its field
// does not understand is kept and flagged, never dropped.
//
// The change log keeps the action without its records (`forLog`): they live in the table,
// and a 5 MB import would not fit in one log row (SQLite's 2 MB). Undo and Redo need only
// the inverse.

import * as v from "valibot";
import { ActionId, ActionName, ActionTime, type Applied, checkName, type Document } from "../action-kit";
import { NewFieldSchema } from "../field-actions";
import type { ParseContext } from "../fields/field-type";
import { AMBIGUOUS, type LocationValue } from "../fields/location";
import { findTable, liveTables, type Table } from "../model";
import { type Cells, cellTypes } from "../records";
import { hintOfValues } from "../place-hints";
import { parseCellText, type StoredCell } from "../values";
import { IMPORT_LIMITS } from "./csv";

/** An uploaded file's name is kept up to this many characters. */
export const MAX_FILE_NAME = 200;

/** The action, as checked when it applies and when it comes back from the change log. */
export const ImportTableActionSchema = v.object({
  kind: v.literal("importTable"),
  tableId: ActionId,
  name: ActionName,
  at: ActionTime,
  fields: v.pipe(v.array(NewFieldSchema), v.maxLength(IMPORT_LIMITS.columns)),
  /** One entry per record: its id and each field's text, in `fields` order. */
  records: v.pipe(v.array(v.object({ id: ActionId, texts: v.pipe(v.array(v.pipe(v.string(), v.maxLength(IMPORT_LIMITS.cellChars))), v.maxLength(IMPORT_LIMITS.columns)) })), v.maxLength(IMPORT_LIMITS.rows)),
  /** How many records the import made (the log keeps this, not the records). */
  recordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Where the rows came from, for the records' history: the file's name, or "" for pasted
   *  text (absent in imports logged before it was kept). */
  file: v.optional(v.pipe(v.string(), v.maxLength(MAX_FILE_NAME))),
});

export type ImportTableAction = v.InferOutput<typeof ImportTableActionSchema>;

/** Whether untrusted JSON is a well-formed import. */
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
