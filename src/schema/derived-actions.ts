// Actions of derived fields and named constants: change a derived field's expression (and
// the type its result is stored as), and set or delete a database's named constant. Each
// returns its inverse, so undo and redo work as for any action; the recomputation they cause
// runs in ./derived/settle.ts, in the same transaction.

import * as v from "valibot";
import type { Applied } from "./action-kit";
import { ConstantSchema, DTYPES, ExprSchema, type Constant, type Expr } from "./derived/expr";
import { findField, findTable, type Schema } from "./model";
import { foldSpaces } from "./text";

export type DerivedAction =
  | { kind: "setDerived"; tableId: string; fieldId: string; expr: Expr; type: (typeof DTYPES)[number]; options: { [key: string]: string | number } }
  | { kind: "setConstant"; tableId: string; constantId: string; constant: Constant | null; tables: string[] };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const OptionsSchema = v.record(v.pipe(v.string(), v.maxLength(20)), v.union([v.pipe(v.string(), v.maxLength(64)), v.number()]));

export const DerivedActionSchema = v.variant("kind", [
  v.object({ kind: v.literal("setDerived"), tableId: id, fieldId: id, expr: ExprSchema, type: v.picklist(DTYPES), options: OptionsSchema }),
  v.object({ kind: v.literal("setConstant"), tableId: v.string(), constantId: id, constant: v.nullable(ConstantSchema), tables: v.pipe(v.array(id), v.maxLength(1000)) }),
]);

export function isDerivedActionKind(action: { kind: string }): action is DerivedAction {
  return action.kind === "setDerived" || action.kind === "setConstant";
}

export function isDerivedAction(value: unknown): value is DerivedAction {
  return v.safeParse(DerivedActionSchema, value).success;
}

export const MAX_CONSTANTS = 200;

export function applyDerivedAction(schema: Schema, action: DerivedAction): Applied {
  if (action.kind === "setConstant") return applySetConstant(schema, action);
  const table = findTable(schema, action.tableId);
  if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
  const field = findField(table, action.fieldId);
  if (!field || field.deletedAt !== undefined) return { ok: false, reason: "That field no longer exists." };
  if (!field.derived) return { ok: false, reason: `“${field.name}” is not a derived field.` };
  const changed = { ...field, type: action.type, options: action.options, derived: { expr: action.expr } };
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
