// Record actions: add (with typed text per field), edit one cell, delete (kept) and
// restore, and a batch of these in one table (a paste, a bulk delete) that is one step for
// undo and needs only the right to write. Every cell keeps the text it was given beside what
// it parsed to.

import { type Applied, assertNever, type Document, isJsonObject } from "./action-kit";
import { findField, findTable, type Table } from "./model";
import { type Cells, cellTypes } from "./records";
import { columnContext } from "./place-hints";
import { parseCellText, type StoredCell } from "./values";

export type OneRecordAction =
  | { kind: "addRecord"; tableId: string; recordId: string; at: number; cells: { [fieldId: string]: string } }
  | { kind: "setCell"; tableId: string; recordId: string; fieldId: string; text: string }
  | { kind: "deleteRecord"; tableId: string; recordId: string; at: number }
  | { kind: "restoreRecord"; tableId: string; recordId: string };

/** Record actions in one table done as one step: applied in order, undone together (the
 *  inverse is the parts' inverses in reverse order). */
export type RecordBatchAction = { kind: "recordBatch"; tableId: string; description: string; actions: OneRecordAction[] };

export type RecordAction = OneRecordAction | RecordBatchAction;

const MAX_CELL_TEXT = 100_000;
/** A batch's parts, at most: a paste of a few thousand cells, a page of deleted records. */
export const MAX_BATCH_ACTIONS = 20_000;

export function isRecordAction(action: { kind: string }): action is RecordAction {
  const a = action as Record<string, unknown>;
  if (action.kind === "recordBatch") {
    const parts = a.actions;
    return typeof a.tableId === "string" && typeof a.description === "string" && Array.isArray(parts) && parts.length <= MAX_BATCH_ACTIONS
      && parts.every((p: unknown) => isJsonObject(p) && p.tableId === a.tableId && p.kind !== "recordBatch" && isRecordAction(p as { kind: string }));
  }
  if (typeof a.recordId !== "string") return false;
  switch (action.kind) {
    case "addRecord":
      return typeof a.at === "number" && isJsonObject(a.cells) && Object.values(a.cells).every((t) => typeof t === "string");
    case "setCell":
      return typeof a.fieldId === "string" && typeof a.text === "string";
    case "deleteRecord":
      return typeof a.at === "number";
    case "restoreRecord":
      return true;
    default:
      return false;
  }
}

/** Parses a field's text into a stored cell, or null for blank text (an empty cell). */
function cellFor(doc: Document, table: Table, fieldId: string, text: string): StoredCell | null | string {
  const field = findField(table, fieldId);
  if (!field || field.deletedAt !== undefined) return "That field no longer exists.";
  if (text.length > MAX_CELL_TEXT) return `A value is at most ${MAX_CELL_TEXT.toLocaleString("en")} characters.`;
  if (text.trim() === "") return null;
  return parseCellText(field.type, text, field.options, columnContext(doc, table.id, field));
}

export function applyRecordAction(doc: Document, action: RecordAction): Applied {
  const table = findTable(doc.schema, action.tableId);
  if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
  const ok = (inverse: RecordAction): Applied => ({ ok: true, schema: doc.schema, inverse });
  switch (action.kind) {
    case "recordBatch": {
      // The caller runs this in one storage transaction and rolls back on a refusal.
      const inverses: OneRecordAction[] = [];
      for (const part of action.actions) {
        if (part.tableId !== table.id) return { ok: false, reason: "A batch changes one table." };
        const result = applyRecordAction(doc, part);
        if (!result.ok) return result;
        inverses.unshift(result.inverse as OneRecordAction);
      }
      return ok({ kind: "recordBatch", tableId: table.id, description: `undo ${action.description}`, actions: inverses });
    }
    case "addRecord": {
      if (doc.records.get(table.id, action.recordId)) return { ok: false, reason: "That record already exists." };
      const cells: Cells = {};
      for (const [fieldId, text] of Object.entries(action.cells)) {
        const cell = cellFor(doc, table, fieldId, text);
        if (typeof cell === "string") return { ok: false, reason: cell };
        if (cell) cells[fieldId] = cell;
      }
      doc.records.insert({ id: action.recordId, tableId: table.id, cells, createdAt: action.at }, cellTypes(table));
      return ok({ kind: "deleteRecord", tableId: table.id, recordId: action.recordId, at: action.at });
    }
    case "setCell": {
      const record = doc.records.get(table.id, action.recordId);
      if (!record || record.deletedAt !== undefined) return { ok: false, reason: "That record no longer exists." };
      const cell = cellFor(doc, table, action.fieldId, action.text);
      if (typeof cell === "string") return { ok: false, reason: cell };
      const before = record.cells[action.fieldId]?.text ?? "";
      doc.records.setCells(table.id, record.id, { [action.fieldId]: cell }, cellTypes(table), record);
      return ok({ kind: "setCell", tableId: table.id, recordId: record.id, fieldId: action.fieldId, text: before });
    }
    case "deleteRecord": {
      const record = doc.records.get(table.id, action.recordId);
      if (!record || record.deletedAt !== undefined) return { ok: false, reason: "That record no longer exists." };
      doc.records.setDeleted(table.id, record.id, action.at);
      return ok({ kind: "restoreRecord", tableId: table.id, recordId: record.id });
    }
    case "restoreRecord": {
      const record = doc.records.get(table.id, action.recordId);
      if (!record || record.deletedAt === undefined) return { ok: false, reason: "That record is not deleted." };
      const at = record.deletedAt;
      doc.records.setDeleted(table.id, record.id, null);
      return ok({ kind: "deleteRecord", tableId: table.id, recordId: record.id, at });
    }
    default:
      return assertNever(action);
  }
}
