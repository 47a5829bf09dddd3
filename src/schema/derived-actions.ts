// Actions of derived fields and named constants: change a derived field's expression (and
// the type its result is stored as), and set or delete a database's named constant. Each
// returns its inverse, so undo and redo work as for any action; the recomputation they cause
// runs in ./derived/settle.ts, in the same transaction.

import * as v from "valibot";
import { ActionId, type Applied, kindsOf } from "./action-kit";
import { ConstantSchema, DTYPES, ExprSchema } from "./derived/expr";
import { upgradedType } from "./derived/upgrade";
import { findField, findTable, type Schema } from "./model";
import { foldSpaces } from "./text";

const OptionsSchema = v.pipe(v.record(v.pipe(v.string(), v.maxLength(20)), v.union([v.pipe(v.string(), v.maxLength(64)), v.number()])), v.check((o) => Object.keys(o).length <= 20));

export const DerivedActionSchema = v.variant("kind", [
  v.object({ kind: v.literal("setDerived"), tableId: ActionId, fieldId: ActionId, expr: ExprSchema, type: v.picklist(DTYPES), options: OptionsSchema }),
  /** A constant belongs to no table (`tableId` ""); `tables`: those whose records use it. */
  v.object({ kind: v.literal("setConstant"), tableId: v.union([v.literal(""), ActionId]), constantId: ActionId, constant: v.nullable(ConstantSchema), tables: v.pipe(v.array(ActionId), v.maxLength(1000)) }),
]);

export type DerivedAction = v.InferOutput<typeof DerivedActionSchema>;

export const DERIVED_ACTION_KINDS = kindsOf(DerivedActionSchema);

export function isDerivedActionKind(action: { kind: string }): action is DerivedAction {
  return DERIVED_ACTION_KINDS.has(action.kind);
}

/** Whether untrusted JSON is a well-formed action of derived fields or constants. */
export function isDerivedAction(value: unknown): value is DerivedAction {
  return v.is(DerivedActionSchema, value);
}

export const MAX_CONSTANTS = 200;

export function applyDerivedAction(schema: Schema, action: DerivedAction): Applied {
  if (action.kind === "setConstant") return applySetConstant(schema, action);
  const table = findTable(schema, action.tableId);
  if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
  const field = findField(table, action.fieldId);
  if (!field || field.deletedAt !== undefined) return { ok: false, reason: "That field no longer exists." };
  if (!field.derived) return { ok: false, reason: `“${field.name}” is not a derived field.` };
  // An older definition (an undo may bring one back from the change log) is stored as today's.
  const stored = upgradedType(schema, table, action.expr, action.type) ?? action;
  const changed = { ...field, type: stored.type, options: stored.options, derived: { expr: action.expr } };
  const inverse: DerivedAction = { kind: "setDerived", tableId: table.id, fieldId: field.id, expr: field.derived.expr, type: field.type as (typeof DTYPES)[number], options: field.options as { [key: string]: string | number } };
  const tables = schema.tables.map((t) => (t.id === table.id ? { ...t, fields: t.fields.map((f) => (f.id === field.id ? changed : f)) } : t));
  return { ok: true, schema: { ...schema, tables }, inverse };
}

function applySetConstant(schema: Schema, action: Extract<DerivedAction, { kind: "setConstant" }>): Applied {
  const constants = schema.constants ?? [];
  const before = constants.find((c) => c.id === action.constantId) ?? null;
  const inverse: DerivedAction = { ...action, constant: before };
  if (action.constant === null) {
    if (!before) return { ok: false, reason: "That constant no longer exists." };
    return { ok: true, schema: { ...schema, constants: constants.filter((c) => c.id !== before.id) }, inverse };
  }
  const next = { ...action.constant, id: action.constantId, name: action.constant.name.trim() };
  const clash = constants.find((c) => c.id !== next.id && foldSpaces(c.name) === foldSpaces(next.name));
  if (clash) return { ok: false, reason: `There is already a constant called “${clash.name}”.` };
  if (!before && constants.length >= MAX_CONSTANTS) return { ok: false, reason: `A database holds at most ${MAX_CONSTANTS} constants.` };
  const list = before ? constants.map((c) => (c.id === next.id ? next : c)) : [...constants, next];
  return { ok: true, schema: { ...schema, constants: list }, inverse };
}
