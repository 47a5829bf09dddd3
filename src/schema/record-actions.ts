// Record actions: add (with typed text per field), edit one cell, delete (kept) and
// restore, and a batch of these in one table (a paste, a bulk delete) that is one step for
// undo and needs only the right to write. Every cell keeps the text it was given beside what
// it parsed to.

import * as v from "valibot";
import { ActionDescription, ActionId, ActionTime, type Applied, assertNever, type Document, kindsOf, undoDescription } from "./action-kit";
import { findField, findTable, type Table } from "./model";
import { type Cells, cellTypes } from "./records";
import { columnContext } from "./place-hints";
import { parseCellText, type StoredCell } from "./values";
import { grouped } from "./text";

const MAX_CELL_TEXT = 100_000;
/** A batch's parts, at most: a paste of a few thousand cells, a page of deleted records. */
export const MAX_BATCH_ACTIONS = 20_000;
/** Cells of one new record, at most (a table's fields). */
const MAX_CELLS = 1_000;

const CellText = v.pipe(v.string(), v.maxLength(MAX_CELL_TEXT, `A value is at most ${grouped(MAX_CELL_TEXT)} characters.`));

const OneRecordActionSchema = v.variant("kind", [
  v.object({ kind: v.literal("addRecord"), tableId: ActionId, recordId: ActionId, at: ActionTime, cells: v.pipe(v.record(ActionId, CellText), v.check((c) => Object.keys(c).length <= MAX_CELLS, "Too many values for one record.")) }),
  v.object({ kind: v.literal("setCell"), tableId: ActionId, recordId: ActionId, fieldId: ActionId, text: CellText }),
  v.object({ kind: v.literal("deleteRecord"), tableId: ActionId, recordId: ActionId, at: ActionTime }),
  v.object({ kind: v.literal("restoreRecord"), tableId: ActionId, recordId: ActionId }),
]);

/** The variant of every record action, nested in the variant of all actions (actions.ts). */
export const RecordActionVariant = v.variant("kind", [
  OneRecordActionSchema,
  /** Record actions in one table done as one step: applied in order, undone together (the
   *  inverse is the parts' inverses in reverse order). */
  v.object({ kind: v.literal("recordBatch"), tableId: ActionId, description: ActionDescription, actions: v.pipe(v.array(OneRecordActionSchema), v.maxLength(MAX_BATCH_ACTIONS, `A step changes at most ${grouped(MAX_BATCH_ACTIONS)} records.`)) }),
]);

export type OneRecordAction = v.InferOutput<typeof OneRecordActionSchema>;
export type RecordAction = v.InferOutput<typeof RecordActionVariant>;
export type RecordBatchAction = Extract<RecordAction, { kind: "recordBatch" }>;

/** A batch changes one table: every part names the batch's table. */
export function inOneTable(action: { kind: string; tableId: string; actions?: unknown }): boolean {
  return action.kind !== "recordBatch" || (action as RecordBatchAction).actions.every((p) => p.tableId === action.tableId);
}

export const RecordActionSchema = v.pipe(RecordActionVariant, v.check((a) => inOneTable(a), "A batch changes one table."));

export const RECORD_ACTION_KINDS = kindsOf({ options: [...OneRecordActionSchema.options, RecordActionVariant.options[1]] });

/** Whether an action (already known to be one) is a record action, by its kind: record
 *  changes need only the right to write. */
export function isRecordActionKind(action: { kind: string }): action is RecordAction {
  return RECORD_ACTION_KINDS.has(action.kind);
}

/** Whether untrusted JSON is a well-formed record action. */
export function isRecordAction(value: unknown): value is RecordAction {
  return v.is(RecordActionSchema, value);
}

/** Parses a field's text into a stored cell, or null for blank text (an empty cell). */
function cellFor(doc: Document, table: Table, fieldId: string, text: string): StoredCell | null | string {
  const field = findField(table, fieldId);
  if (!field || field.deletedAt !== undefined) return "That field no longer exists.";
  if (text.length > MAX_CELL_TEXT) return `A value is at most ${grouped(MAX_CELL_TEXT)} characters.`;
  if (text.trim() === "") return null;
  const read = doc.read?.get(fieldId);
  if (read && read.text === text) return read;
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
      return ok({ kind: "recordBatch", tableId: table.id, description: undoDescription(action.description), actions: inverses });
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
