// Field actions: add, rename, move, hide, delete (kept), restore, and change type. A type
// change re-reads every cell's kept text with the new type, so changing back restores
// exactly what was there.

import * as v from "valibot";
import { ActionId, ActionIndex, ActionName, ActionOptions, ActionTime, type Applied, assertNever, checkName, type Document, kindsOf } from "./action-kit";
import { ExprSchema } from "./derived/expr";
import { fieldTypeNames } from "./fields/registry";
import { checkFieldSetup } from "./field-setup";
import { type Field, findField, findTable, liveFields, type Schema, type Table } from "./model";
import { AMBIGUOUS } from "./fields/location";
import { columnContext } from "./place-hints";
import { parseCellText } from "./values";

/** How wide a grid column may be made (pixels). */
export const COLUMN_WIDTH = { min: 60, max: 800 } as const;
const WIDTH_MESSAGE = `A column is ${COLUMN_WIDTH.min} to ${COLUMN_WIDTH.max} pixels wide.`;

export function isColumnWidth(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= COLUMN_WIDTH.min && value <= COLUMN_WIDTH.max;
}

const FieldType = v.picklist(fieldTypeNames, "Unknown field type.");
const ColumnWidth = v.pipe(v.number(), v.integer(), v.minValue(COLUMN_WIDTH.min, WIDTH_MESSAGE), v.maxValue(COLUMN_WIDTH.max, WIDTH_MESSAGE));

/** A field as `addField` and an import make it: its options are checked by its type's own
 *  schema when the action applies (field-setup.ts). */
export const NewFieldSchema = v.object({ id: ActionId, name: ActionName, type: FieldType, options: ActionOptions, derived: v.optional(v.object({ expr: ExprSchema })) });

export type NewField = v.InferOutput<typeof NewFieldSchema>;

export const FieldActionSchema = v.variant("kind", [
  v.object({ kind: v.literal("addField"), tableId: ActionId, field: NewFieldSchema, index: ActionIndex }),
  v.object({ kind: v.literal("renameField"), tableId: ActionId, fieldId: ActionId, name: ActionName }),
  v.object({ kind: v.literal("moveField"), tableId: ActionId, fieldId: ActionId, index: ActionIndex }),
  v.object({ kind: v.literal("setFieldHidden"), tableId: ActionId, fieldId: ActionId, hidden: v.boolean() }),
  /** The column's width in the table's grid; null: as its type suggests. */
  v.object({ kind: v.literal("setFieldWidth"), tableId: ActionId, fieldId: ActionId, width: v.nullable(ColumnWidth) }),
  /** `last`: the undo of an addField — the field also moves to the end of the list, so it
   *  shifts no position that later moves recorded; its restore puts it back at `index`. */
  v.object({ kind: v.literal("deleteField"), tableId: ActionId, fieldId: ActionId, at: ActionTime, last: v.optional(v.literal(true)) }),
  v.object({ kind: v.literal("restoreField"), tableId: ActionId, fieldId: ActionId, index: v.optional(ActionIndex) }),
  v.object({ kind: v.literal("changeFieldType"), tableId: ActionId, fieldId: ActionId, type: FieldType, options: ActionOptions }),
]);

export type FieldAction = v.InferOutput<typeof FieldActionSchema>;

export const FIELD_ACTION_KINDS = kindsOf(FieldActionSchema);

/** Whether an action (already known to be one) is a field action, by its kind. */
export function isFieldActionKind(action: { kind: string }): action is FieldAction {
  return FIELD_ACTION_KINDS.has(action.kind);
}

/** Whether untrusted JSON is a well-formed field action. */
export function isFieldAction(value: unknown): value is FieldAction {
  return v.is(FieldActionSchema, value);
}

function withTable(schema: Schema, table: Table): Schema {
  return { ...schema, tables: schema.tables.map((t) => (t.id === table.id ? table : t)) };
}

function withField(table: Table, field: Field): Table {
  return { ...table, fields: table.fields.map((f) => (f.id === field.id ? field : f)) };
}

export function applyFieldAction(doc: Document, action: FieldAction): Applied {
  const table = findTable(doc.schema, action.tableId);
  if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
  if (action.kind === "addField") {
    if (findField(table, action.field.id)) return { ok: false, reason: "That field already exists." };
    const problem = checkName("field", action.field.name, liveFields(table));
    if (problem) return { ok: false, reason: problem };
    // A field is never created half set up: a link needs its table, a choice its options.
    const setup = checkFieldSetup(doc.schema, action.field.type, action.field.options);
    if (!setup.ok) return { ok: false, reason: `“${action.field.name.trim()}”: ${setup.reason}` };
    const field: Field = { ...action.field, name: action.field.name.trim(), options: setup.options };
    const fields = [...table.fields];
    fields.splice(Math.max(0, Math.min(action.index, fields.length)), 0, field);
    return { ok: true, schema: withTable(doc.schema, { ...table, fields }), inverse: { kind: "deleteField", tableId: table.id, fieldId: field.id, at: 0, last: true } };
  }
  const field = findField(table, action.fieldId);
  if (!field) return { ok: false, reason: "That field no longer exists." };
  if (action.kind === "restoreField") {
    if (field.deletedAt === undefined) return { ok: false, reason: "That field is not deleted." };
    const problem = checkName("field", field.name, liveFields(table), field.id);
    if (problem) return { ok: false, reason: `Cannot restore: ${problem}` };
    const { deletedAt, ...restored } = field;
    if (action.index === undefined) return { ok: true, schema: withTable(doc.schema, withField(table, restored)), inverse: { kind: "deleteField", tableId: table.id, fieldId: field.id, at: deletedAt } };
    const fields = table.fields.filter((f) => f !== field);
    fields.splice(Math.max(0, Math.min(action.index, fields.length)), 0, restored);
    return { ok: true, schema: withTable(doc.schema, { ...table, fields }), inverse: { kind: "deleteField", tableId: table.id, fieldId: field.id, at: deletedAt, last: true } };
  }
  if (field.deletedAt !== undefined) return { ok: false, reason: "That field was deleted." };
  switch (action.kind) {
    case "renameField": {
      const problem = checkName("field", action.name, liveFields(table), field.id);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: withTable(doc.schema, withField(table, { ...field, name: action.name.trim() })), inverse: { kind: "renameField", tableId: table.id, fieldId: field.id, name: field.name } };
    }
    case "moveField": {
      const from = table.fields.indexOf(field);
      const fields = table.fields.filter((f) => f !== field);
      fields.splice(Math.max(0, Math.min(action.index, fields.length)), 0, field);
      return { ok: true, schema: withTable(doc.schema, { ...table, fields }), inverse: { kind: "moveField", tableId: table.id, fieldId: field.id, index: from } };
    }
    case "setFieldWidth": {
      if (action.width !== null && !isColumnWidth(action.width)) return { ok: false, reason: WIDTH_MESSAGE };
      const { width: _, ...rest } = field;
      const changed: Field = action.width === null ? rest : { ...rest, width: action.width };
      return { ok: true, schema: withTable(doc.schema, withField(table, changed)), inverse: { kind: "setFieldWidth", tableId: table.id, fieldId: field.id, width: field.width ?? null } };
    }
    case "setFieldHidden": {
      const { hidden: _, ...rest } = field;
      const changed: Field = action.hidden ? { ...rest, hidden: true } : rest;
      return { ok: true, schema: withTable(doc.schema, withField(table, changed)), inverse: { kind: "setFieldHidden", tableId: table.id, fieldId: field.id, hidden: field.hidden === true } };
    }
    case "deleteField": {
      const deleted: Field = { ...field, deletedAt: action.at };
      if (!action.last) return { ok: true, schema: withTable(doc.schema, withField(table, deleted)), inverse: { kind: "restoreField", tableId: table.id, fieldId: field.id } };
      const index = table.fields.indexOf(field);
      const fields = [...table.fields.filter((f) => f !== field), deleted];
      return { ok: true, schema: withTable(doc.schema, { ...table, fields }), inverse: { kind: "restoreField", tableId: table.id, fieldId: field.id, index } };
    }
    case "changeFieldType": {
      const changed: Field = { ...field, type: action.type, options: action.options };
      let ambiguous = false;
      doc.records.rewriteField(table.id, field.id, action.type, (cell) => {
        const parsed = parseCellText(action.type, cell.text, action.options, doc.context);
        if (parsed.invalid?.startsWith(AMBIGUOUS)) ambiguous = true;
        return parsed;
      });
      // Ambiguous place names are read again, decided by where the column's other places lie.
      if (ambiguous) {
        const context = columnContext(doc, table.id, { id: field.id, type: action.type });
        doc.records.rewriteField(table.id, field.id, action.type, (cell) => (cell.invalid?.startsWith(AMBIGUOUS) ? parseCellText(action.type, cell.text, action.options, context) : cell));
      }
      return { ok: true, schema: withTable(doc.schema, withField(table, changed)), inverse: { kind: "changeFieldType", tableId: table.id, fieldId: field.id, type: field.type, options: field.options } };
    }
    default:
      return assertNever(action);
  }
}
