// Table actions: add, rename, delete (kept, so it can be restored) and restore.

import * as v from "valibot";
import { ActionId, ActionName, ActionTime, type Applied, assertNever, checkName, kindsOf } from "./action-kit";
import { findTable, liveTables, type Schema, type Table } from "./model";

export const TableActionSchema = v.variant("kind", [
  /** `fields`: what the new table starts with (a "Name" text field when made by hand). */
  v.object({ kind: v.literal("addTable"), tableId: ActionId, name: ActionName, at: ActionTime, fields: v.optional(v.pipe(v.array(v.object({ id: ActionId, name: v.pipe(ActionName, v.check((n) => n.trim() !== "", "A field needs a name.")) })), v.maxLength(1))) }),
  v.object({ kind: v.literal("renameTable"), tableId: ActionId, name: ActionName }),
  v.object({ kind: v.literal("deleteTable"), tableId: ActionId, at: ActionTime }),
  v.object({ kind: v.literal("restoreTable"), tableId: ActionId }),
]);

export type TableAction = v.InferOutput<typeof TableActionSchema>;

export const TABLE_ACTION_KINDS = kindsOf(TableActionSchema);

/** Whether an action (already known to be one) is a table action, by its kind. */
export function isTableActionKind(action: { kind: string }): action is TableAction {
  return TABLE_ACTION_KINDS.has(action.kind);
}

/** Whether untrusted JSON is a well-formed table action. */
export function isTableAction(value: unknown): value is TableAction {
  return v.is(TableActionSchema, value);
}

function mapTable(schema: Schema, id: string, change: (t: Table) => Table): Schema {
  return { ...schema, tables: schema.tables.map((t) => (t.id === id ? change(t) : t)) };
}

export function applyTableAction(schema: Schema, action: TableAction): Applied {
  const live = liveTables(schema);
  switch (action.kind) {
    case "addTable": {
      if (findTable(schema, action.tableId)) return { ok: false, reason: "That table already exists." };
      const problem = checkName("table", action.name, live);
      if (problem) return { ok: false, reason: problem };
      const fields = (action.fields ?? []).map((f) => ({ id: f.id, name: f.name.trim(), type: "text" as const, options: {} }));
      const table: Table = { id: action.tableId, name: action.name.trim(), fields };
      return { ok: true, schema: { ...schema, tables: [...schema.tables, table] }, inverse: { kind: "deleteTable", tableId: action.tableId, at: action.at } };
    }
    case "renameTable": {
      const table = findTable(schema, action.tableId);
      if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
      const problem = checkName("table", action.name, live, table.id);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: mapTable(schema, table.id, (t) => ({ ...t, name: action.name.trim() })), inverse: { kind: "renameTable", tableId: table.id, name: table.name } };
    }
    case "deleteTable": {
      const table = findTable(schema, action.tableId);
      if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
      return { ok: true, schema: mapTable(schema, table.id, (t) => ({ ...t, deletedAt: action.at })), inverse: { kind: "restoreTable", tableId: table.id } };
    }
    case "restoreTable": {
      const table = findTable(schema, action.tableId);
      if (!table || table.deletedAt === undefined) return { ok: false, reason: "That table is not deleted." };
      const problem = checkName("table", table.name, live, table.id);
      if (problem) return { ok: false, reason: `Cannot restore: ${problem}` };
      const { deletedAt, ...restored } = table;
      return { ok: true, schema: mapTable(schema, table.id, () => restored), inverse: { kind: "deleteTable", tableId: table.id, at: deletedAt } };
    }
    default:
      return assertNever(action);
  }
}
