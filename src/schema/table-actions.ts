// Table actions: add, rename, delete (kept, so it can be restored) and restore.

import { type Applied, assertNever, checkName } from "./action-kit";
import { findTable, liveTables, type Schema, type Table } from "./model";

export type TableAction =
  /** `fields`: what the new table starts with (a "Name" text field when made by hand). */
  | { kind: "addTable"; tableId: string; name: string; at: number; fields?: { id: string; name: string }[] }
  | { kind: "renameTable"; tableId: string; name: string }
  | { kind: "deleteTable"; tableId: string; at: number }
  | { kind: "restoreTable"; tableId: string };

export function isTableAction(action: { kind: string }): action is TableAction {
  const a = action as Record<string, unknown>;
  switch (action.kind) {
    case "addTable":
      return typeof a.name === "string" && typeof a.at === "number" && (a.fields === undefined || (Array.isArray(a.fields) && a.fields.length <= 1 && a.fields.every((f) => typeof f?.id === "string" && typeof f?.name === "string" && f.name.trim() !== "" && f.name.length <= 80)));
    case "renameTable":
      return typeof a.name === "string";
    case "deleteTable":
      return typeof a.at === "number";
    case "restoreTable":
      return true;
    default:
      return false;
  }
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
