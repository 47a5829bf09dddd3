// The one hook between actions and derived fields: after any action applied, refuse what
// would break a derived field (an ill-typed expression, a loop, a person typing into a
// computed cell, a derived field retyped by hand) and recompute what the action changed.
// Runs inside the action's transaction, so a refusal rolls everything back, and undo (which
// is an action too) recomputes the same way.

import type { Action, Applied, Document } from "../actions";
import { findField, findTable, type Field, type Schema } from "../model";
import { check } from "./check";
import { constantsUsed, findLoop, RECORDS } from "./deps";
import { readText } from "./dtypes";
import { parseExpr } from "./expr";
import { Recomputer } from "./recompute";

type Ok = Extract<Applied, { ok: true }>;

const k = (tableId: string, fieldId: string) => `${tableId}/${fieldId}`;

/** Why a derived field cannot be saved as it is in `schema`, or null. */
export function derivedProblem(schema: Schema, tableId: string, field: Field, context: Document["context"]): string | null {
  if (!field.derived) return null;
  const table = findTable(schema, tableId);
  if (!table) return "That table no longer exists.";
  const parsed = parseExpr(field.derived.expr);
  if (!parsed.ok) return parsed.reason;
  const checked = check(parsed.expr, { schema, table }, context);
  if (!checked.ok) return `“${field.name}” cannot be computed: ${checked.reason}.`;
  if (checked.type !== field.type) return `“${field.name}” gives a ${checked.type}, not a ${field.type}.`;
  const loop = findLoop(schema, table, field.id, parsed.expr);
  return loop ? `That would make a loop: ${loop}.` : null;
}

/** What an action changed that derived fields may read: derived fields to recompute
 *  everywhere (`seeds`) and fields ("table/field") whose dependents must be. */
function structureOf(action: Action, before: Schema, after: Schema, seeds: Set<string>, keys: Set<string>): void {
  switch (action.kind) {
    case "batch":
      for (const a of action.actions) structureOf(a, before, after, seeds, keys);
      return;
    case "addField":
    case "restoreField":
    case "setDerived": {
      const id = action.kind === "addField" ? action.field.id : action.fieldId;
      seeds.add(k(action.tableId, id));
      keys.add(k(action.tableId, id));
      return;
    }
    case "deleteField":
    case "changeFieldType": {
      keys.add(k(action.tableId, action.fieldId));
      // A computed field's options changed (decimals, say): its own cells are rewritten too.
      const table = findTable(after, action.tableId);
      if (action.kind === "changeFieldType" && table && findField(table, action.fieldId)?.derived) seeds.add(k(action.tableId, action.fieldId));
      return;
    }
    case "moveField":
      keys.add(k(action.tableId, RECORDS));
      keys.add(k(action.tableId, action.fieldId));
      return;
    case "deleteTable":
    case "restoreTable":
      for (const f of findTable(after, action.tableId)?.fields ?? []) keys.add(k(action.tableId, f.id));
      keys.add(k(action.tableId, RECORDS));
      return;
    case "setConstant":
      for (const t of after.tables) for (const f of t.fields) if (f.derived && (constantsUsed(f.derived.expr, before).has(action.constantId) || constantsUsed(f.derived.expr, after).has(action.constantId))) seeds.add(k(t.id, f.id));
      return;
    default:
      return;
  }
}

/** Checks and recomputes after `action` was applied to `doc` (whose schema is still the one
 *  before): the applied result, or a refusal. */
export function settleDerived(doc: Document, action: Action, applied: Ok): Applied {
  const before = doc.schema;
  const after = applied.schema;
  const refused = refusal(doc, action, before, after);
  if (refused) return { ok: false, reason: refused };
  if (action.kind === "batch") return applied; // its parts were settled one by one
  doc.schema = after;
  try {
    const engine = new Recomputer(doc);
    if (!engine.any) return applied;
    switch (action.kind) {
      case "setCell":
        engine.cellsChanged(action.tableId, [action.fieldId], [action.recordId]);
        break;
      case "addRecord":
      case "restoreRecord":
        engine.recordArrived(action.tableId, action.recordId);
        break;
      case "deleteRecord":
        engine.cellsChanged(action.tableId, [RECORDS], [action.recordId]);
        break;
      case "recordBatch": // a paste or a bulk delete: what each part touched
        for (const part of action.actions) {
          if (part.kind === "setCell") engine.cellsChanged(action.tableId, [part.fieldId], [part.recordId]);
          else if (part.kind === "addRecord" || part.kind === "restoreRecord") engine.recordArrived(action.tableId, part.recordId);
          else if (part.kind === "deleteRecord") engine.cellsChanged(action.tableId, [RECORDS], [part.recordId]);
        }
        break;
      case "importRecords":
        for (const record of action.add) engine.recordArrived(action.tableId, record.id);
        for (const record of action.update) engine.cellsChanged(action.tableId, Object.keys(record.cells), [record.id]);
        for (const group of action.linked) for (const record of group.records) engine.recordArrived(group.tableId, record.id);
        break;
      case "setImported":
        // A streamed import's records are in its journal: what reads its table, on every record.
        if (action.job !== undefined) {
          const table = findTable(after, action.tableId);
          engine.recomputeAll(new Set(), new Set([RECORDS, ...(table?.fields.map((f) => f.id) ?? [])].map((f) => k(action.tableId, f))));
          break;
        }
        for (const group of action.records) engine.cellsChanged(group.tableId, [RECORDS], group.ids);
        for (const change of action.cells) engine.cellsChanged(action.tableId, Object.keys(change.cells), [change.recordId]);
        break;
      default: {
        const seeds = new Set<string>();
        const keys = new Set<string>();
        structureOf(action, before, after, seeds, keys);
        if (seeds.size > 0 || keys.size > 0) engine.recomputeAll(seeds, keys);
      }
    }
    return applied;
  } finally {
    doc.schema = before;
  }
}

function refusal(doc: Document, action: Action, before: Schema, after: Schema): string | null {
  switch (action.kind) {
    case "setCell":
      return typedIntoComputed(after, action.tableId, [action.fieldId]);
    case "recordBatch":
      return typedIntoComputed(after, action.tableId, action.actions.flatMap((part) => (part.kind === "setCell" ? [part.fieldId] : part.kind === "addRecord" ? Object.keys(part.cells) : [])));
    case "addField":
    case "setDerived":
    case "restoreField": {
      const id = action.kind === "addField" ? action.field.id : action.fieldId;
      const table = findTable(after, action.tableId);
      const field = table && findField(table, id);
      return field ? derivedProblem(after, action.tableId, field, doc.context) : null;
    }
    case "changeFieldType": {
      const field = findField(findTable(before, action.tableId) ?? { id: "", name: "", fields: [] }, action.fieldId);
      return field?.derived && field.type !== action.type ? `“${field.name}” is derived: its type follows what it computes.` : null;
    }
    case "setConstant": {
      if (action.constant === null) return null;
      const read = readText(action.constant.type, action.constant.text, doc.context, doc.context.timeZone);
      return read.ok ? (read.value === null ? "A constant needs a value." : null) : `The value ${read.reason}.`;
    }
    default:
      return null;
  }
}

/** Why typed text may not go into these fields: a computed one names itself. */
function typedIntoComputed(schema: Schema, tableId: string, fieldIds: readonly string[]): string | null {
  const table = findTable(schema, tableId);
  for (const id of new Set(fieldIds)) {
    const field = table && findField(table, id);
    if (field?.derived) return `“${field.name}” is computed; change what it is computed from.`;
  }
  return null;
}
