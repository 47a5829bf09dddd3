// Every change to a database is an action from this closed union, applied through `apply`,
// which returns the new schema and the inverse action. The same actions feed storage, the
// change log, live updates and undo. Applying is pure and deterministic: ids and clocks
// come in the action itself.

import { findTable, foldName, liveTables, type Schema } from "./model";

export type Action =
  | { kind: "addTable"; tableId: string; name: string; at: number }
  | { kind: "renameTable"; tableId: string; name: string }
  | { kind: "deleteTable"; tableId: string; at: number }
  | { kind: "restoreTable"; tableId: string };

export type Applied = { ok: true; schema: Schema; inverse: Action } | { ok: false; reason: string };

export const MAX_NAME_LENGTH = 80;

function assertNever(value: never): never {
  throw new Error(`unhandled action ${JSON.stringify(value)}`);
}

function checkTableName(schema: Schema, name: string, exceptId?: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return "A table needs a name.";
  if (trimmed.length > MAX_NAME_LENGTH) return `A table name is at most ${MAX_NAME_LENGTH} characters.`;
  const clash = liveTables(schema).find((t) => t.id !== exceptId && foldName(t.name) === foldName(trimmed));
  return clash ? `There is already a table called “${clash.name}”.` : null;
}

export function apply(schema: Schema, action: Action): Applied {
  switch (action.kind) {
    case "addTable": {
      if (findTable(schema, action.tableId)) return { ok: false, reason: "That table already exists." };
      const problem = checkTableName(schema, action.name);
      if (problem) return { ok: false, reason: problem };
      const table = { id: action.tableId, name: action.name.trim(), fields: [] };
      return {
        ok: true,
        schema: { ...schema, tables: [...schema.tables, table] },
        inverse: { kind: "deleteTable", tableId: action.tableId, at: action.at },
      };
    }
    case "renameTable": {
      const table = findTable(schema, action.tableId);
      if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
      const problem = checkTableName(schema, action.name, table.id);
      if (problem) return { ok: false, reason: problem };
      return {
        ok: true,
        schema: mapTable(schema, table.id, (t) => ({ ...t, name: action.name.trim() })),
        inverse: { kind: "renameTable", tableId: table.id, name: table.name },
      };
    }
    case "deleteTable": {
      const table = findTable(schema, action.tableId);
      if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
      return {
        ok: true,
        schema: mapTable(schema, table.id, (t) => ({ ...t, deletedAt: action.at })),
        inverse: { kind: "restoreTable", tableId: table.id },
      };
    }
    case "restoreTable": {
      const table = findTable(schema, action.tableId);
      if (!table || table.deletedAt === undefined) return { ok: false, reason: "That table is not deleted." };
      const problem = checkTableName(schema, table.name, table.id);
      if (problem) return { ok: false, reason: `Cannot restore: ${problem}` };
      const { deletedAt, ...restored } = table;
      return {
        ok: true,
        schema: mapTable(schema, table.id, () => restored),
        inverse: { kind: "deleteTable", tableId: table.id, at: deletedAt },
      };
    }
    default:
      return assertNever(action);
  }
}

function mapTable(schema: Schema, id: string, change: (t: Schema["tables"][number]) => Schema["tables"][number]): Schema {
  return { ...schema, tables: schema.tables.map((t) => (t.id === id ? change(t) : t)) };
}

/** What an action touches, for live updates: sessions that read these topics re-render. */
export function topicsOf(action: Action): string[] {
  return ["tables", `table:${action.tableId}`];
}

/** Checks untrusted JSON (a stored change, a socket frame) is an action. */
export function isAction(value: unknown): value is Action {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const str = (k: string) => typeof v[k] === "string";
  const num = (k: string) => typeof v[k] === "number";
  switch (v.kind) {
    case "addTable":
      return str("tableId") && str("name") && num("at");
    case "renameTable":
      return str("tableId") && str("name");
    case "deleteTable":
      return str("tableId") && num("at");
    case "restoreTable":
      return str("tableId");
    default:
      return false;
  }
}

/** A short description of what an action did, for the undo button and the change log. */
export function describeAction(action: Action, schema: Schema): string {
  const name = findTable(schema, action.tableId)?.name ?? "a table";
  switch (action.kind) {
    case "addTable":
      return `create table “${action.name}”`;
    case "renameTable":
      return `rename table to “${action.name}”`;
    case "deleteTable":
      return `delete table “${name}”`;
    case "restoreTable":
      return `restore table “${name}”`;
    default:
      return assertNever(action);
  }
}
