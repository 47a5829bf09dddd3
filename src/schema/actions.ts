// Every change to a database is an action from this closed union, applied through `apply`,
// which returns the new schema and the inverse action. The same actions feed storage, the
// change log, live updates and undo. Ids and clocks come in the action itself, so applying
// is deterministic. Record changes go to the RecordStore; nothing is ever destroyed: deleted
// tables, fields and records are marked, and every cell keeps the text it was given.

import * as v from "valibot";
import { ActionDescription, ActionId, type Applied, assertNever, type Document, undoDescription } from "./action-kit";
import { findField, findTable, type Schema, type Table } from "./model";
import { applyFieldAction, type FieldAction, FieldActionSchema, isFieldActionKind } from "./field-actions";
import { applyFormAction, type FormAction, FormActionSchema, isFormActionKind } from "./form-actions";
import { applyDerivedAction, type DerivedAction, DerivedActionSchema, isDerivedActionKind } from "./derived-actions";
import { settleDerived } from "./derived/settle";
import { applyRecordAction, inOneTable, isRecordActionKind, type RecordAction, RecordActionVariant } from "./record-actions";
import { applyImportTable, type ImportTableAction, ImportTableActionSchema, importForLog } from "./import/import-action";
import { applyImportRecords, applySetImported, type ImportRecordsAction, ImportRecordsActionSchema, importRecordsForLog, type SetImportedAction, SetImportedActionSchema } from "./import/import-records-action";
import { applyTableAction, isTableActionKind, type TableAction, TableActionSchema } from "./table-actions";
import { applyViewAction, isViewActionKind, mayChangeView, type ViewAction, ViewActionSchema } from "./view-actions";
import type { Member } from "./members";
import { can, type Permission } from "./roles";

/** At most this many parts in a batch (a point-in-time restore of 5,000 changes fits). */
export const MAX_BATCH_PARTS = 20_000;

const BatchActionBase = v.object({ kind: v.literal("batch"), tableId: v.union([v.literal(""), ActionId]), description: ActionDescription });

/** Several actions that a person did as one step (e.g. turning a text field into a link to
 *  a new table): undone together. Run inside a storage transaction: if one part fails, the
 *  caller rolls back what the earlier parts wrote. (Written out by hand only because a
 *  type cannot be inferred from a schema that contains itself.) */
export type BatchAction = v.InferOutput<typeof BatchActionBase> & { actions: Action[] };

export type Action = TableAction | FieldAction | RecordAction | FormAction | ViewAction | ImportTableAction | ImportRecordsAction | SetImportedAction | DerivedAction | BatchAction;

export type { Applied, Document } from "./action-kit";

/** Every action, one variant on `kind`: each family's schema lives beside its code (the
 *  *-actions.ts files); a batch holds actions, checked by the same schema. */
export const ActionSchema: v.GenericSchema<unknown, Action> = v.pipe(
  v.variant("kind", [
    TableActionSchema,
    FieldActionSchema,
    RecordActionVariant,
    FormActionSchema,
    ViewActionSchema,
    ImportTableActionSchema,
    ImportRecordsActionSchema,
    SetImportedActionSchema,
    DerivedActionSchema,
    v.object({ ...BatchActionBase.entries, actions: v.pipe(v.array(v.lazy(() => ActionSchema)), v.maxLength(MAX_BATCH_PARTS)) }),
  ]),
  v.check((a) => inOneTable(a), "A batch changes one table."),
);

/** Checks untrusted JSON (a stored change, an action built from a request) is an action. */
export function isAction(value: unknown): value is Action {
  return v.is(ActionSchema, value);
}

/** Checks an action against ActionSchema, then applies it (and settles derived values). */
export function apply(doc: Document, action: Action): Applied {
  const checked = v.safeParse(ActionSchema, action);
  if (!checked.success) return { ok: false, reason: reasonOf(checked.issues) };
  return applyChecked(doc, action);
}

function reasonOf(issues: readonly v.BaseIssue<unknown>[]): string {
  // The deepest issue says what was wrong; a variant's own issue only names the kinds.
  const issue = issues[0];
  return issue?.message ?? "That change is not understood.";
}

function applyChecked(doc: Document, action: Action): Applied {
  const applied = applyOnly(doc, action);
  return applied.ok ? settleDerived(doc, action, applied) : applied;
}

function applyOnly(doc: Document, action: Action): Applied {
  if (isDerivedActionKind(action)) return applyDerivedAction(doc.schema, action);
  if (action.kind === "batch") return applyBatch(doc, action);
  if (action.kind === "importTable") return applyImportTable(doc, action);
  if (action.kind === "importRecords") return applyImportRecords(doc, action);
  if (action.kind === "setImported") return applySetImported(doc, action);
  if (isTableActionKind(action)) return applyTableAction(doc.schema, action);
  if (isFieldActionKind(action)) return applyFieldAction(doc, action);
  if (isFormActionKind(action)) return applyFormAction(doc.schema, action);
  if (isViewActionKind(action)) return applyViewAction(doc.schema, action);
  if (isRecordActionKind(action)) return applyRecordAction(doc, action);
  return assertNever(action);
}

/** Applies the parts in order. `doc.schema` follows along, so later parts (and the
 *  context's lookups) see what earlier parts made. */
function applyBatch(doc: Document, batch: BatchAction): Applied {
  const start = doc.schema;
  const inverses: Action[] = [];
  for (const action of batch.actions) {
    const result = applyChecked(doc, action);
    if (!result.ok) {
      doc.schema = start;
      return result;
    }
    doc.schema = result.schema;
    inverses.unshift(result.inverse);
  }
  const schema = doc.schema;
  doc.schema = start;
  return { ok: true, schema, inverse: { kind: "batch", tableId: batch.tableId, description: undoDescription(batch.description), actions: inverses } };
}

/** What an action touches, for live updates: sessions that show these topics re-render. */
export function topicsOf(action: Action): string[] {
  if (action.kind === "batch") return [...new Set(action.actions.flatMap(topicsOf))];
  if (isFormActionKind(action)) return ["forms", `table:${action.tableId}`];
  if (isViewActionKind(action)) return [`table:${action.tableId}`];
  if (action.kind === "setConstant") return ["constants", ...action.tables.flatMap((t) => [`table:${t}`, `records:${t}`])];
  const topics = ["tables", `table:${action.tableId}`];
  if (isRecordActionKind(action)) topics.shift(); // record changes leave the list of tables alone…
  // …an import into a table may also make records in the tables its links point to.
  if (action.kind === "importRecords") topics.push(...action.linked.map((l) => `records:${l.tableId}`));
  if (action.kind === "setImported") topics.push(...action.records.map((r) => `records:${r.tableId}`));
  return [...topics, `records:${action.tableId}`]; // …but every change may show in a table's grid
}

/** What the change log keeps of an action: an import without its records (they are in the
 *  table; undo and redo need only the inverse). */
export function forLog(action: Action): Action {
  if (action.kind === "importRecords") return importRecordsForLog(action);
  return action.kind === "importTable" ? importForLog(action) : action;
}

/** A short description of what an action did, for the undo button and the change log. */
export function describeAction(action: Action, schema: Schema): string {
  const table = findTable(schema, action.tableId);
  const tableName = table?.name ?? "a table";
  const fieldName = (t: Table | undefined, id: string) => (t && findField(t, id)?.name) ?? "a field";
  switch (action.kind) {
    case "batch":
    case "recordBatch":
    case "importRecords":
    case "setImported":
      return action.description;
    case "importTable":
      return `import table “${action.name}” (${action.recordCount.toLocaleString("en")} ${action.recordCount === 1 ? "record" : "records"})`;
    case "addTable":
      return `create table “${action.name}”`;
    case "renameTable":
      return `rename table to “${action.name}”`;
    case "deleteTable":
      return `delete table “${tableName}”`;
    case "restoreTable":
      return `restore table “${tableName}”`;
    case "addField":
      return `add field “${action.field.name}”`;
    case "renameField":
      return `rename field to “${action.name}”`;
    case "moveField":
      return `move field “${fieldName(table, action.fieldId)}”`;
    case "setFieldHidden":
      return `${action.hidden ? "hide" : "show"} field “${fieldName(table, action.fieldId)}”`;
    case "setFieldWidth":
      return `resize column “${fieldName(table, action.fieldId)}”`;
    case "deleteField":
      return `delete field “${fieldName(table, action.fieldId)}”`;
    case "restoreField":
      return `restore field “${fieldName(table, action.fieldId)}”`;
    case "changeFieldType": {
      const field = table && findField(table, action.fieldId);
      return field?.type === action.type ? `change the options of “${field.name}”` : `change “${fieldName(table, action.fieldId)}” to ${action.type}`;
    }
    case "addRecord":
      return `add a record to “${tableName}”`;
    case "deleteRecord":
      return `delete a record from “${tableName}”`;
    case "restoreRecord":
      return `restore a record in “${tableName}”`;
    case "setCell":
      return `edit “${fieldName(table, action.fieldId)}”`;
    case "addForm":
      return `create form “${action.form.title}”`;
    case "updateForm":
      return `change form “${action.form.title}”`;
    case "deleteForm":
      return `delete form “${schema.forms?.find((f) => f.id === action.formId)?.title ?? "a form"}”`;
    case "addView":
      return `create view “${action.view.name}”`;
    case "updateView":
      return `change view “${action.view.name}”`;
    case "setDerived":
      return `change how “${fieldName(table, action.fieldId)}” is computed`;
    case "setConstant": {
      const name = action.constant?.name ?? schema.constants?.find((c) => c.id === action.constantId)?.name ?? "a constant";
      return action.constant ? `set constant “${name}”` : `delete constant “${name}”`;
    }
    case "deleteView":
      return `delete view “${schema.views?.find((v) => v.id === action.viewId)?.name ?? "a view"}”`;
    default:
      return assertNever(action);
  }
}

/** Record edits need "write"; structure needs "build". An import into a table is a record
 *  edit unless it adds fields. */
function permissionFor(action: Action): Permission {
  if (action.kind === "importRecords") return action.fields.length > 0 ? "build" : "write";
  if (action.kind === "setImported") return action.fieldIds.length > 0 ? "build" : "write";
  return isRecordActionKind(action) ? "write" : "build";
}

/** Why this member may not apply `action` now, or null. Views decide by their owner: a
 *  personal view is its maker's alone, a shared one needs "build". */
export function whyRefused(schema: Schema, member: Member, action: Action): string | null {
  if (isViewActionKind(action)) return mayChangeView(schema, action, member);
  return can(member.role, permissionFor(action)) ? null : "Your role does not allow this.";
}
