// The schema in storage, written by what changed: each table (with its fields) is one row of
// `schema_tables` (position, JSON), and `schema_doc` holds the rest of the schema (forms,
// views, …) with `tables` left empty. Actions build a new schema sharing every part they did
// not change (./../schema/actions.ts), so comparing parts by identity finds what to write:
// "Create table" in a database of 300 tables writes one small row, not the whole document.
// The migration that adds schema_tables (./migrations.ts) split the older single document.

import type { Schema, Table } from "../schema/model";
import { first, type Storage } from "./sql";

/** Reads the schema; undefined when the database has none yet. */
export function loadSchema(storage: Storage): Schema | undefined {
  const { sql } = storage;
  const doc = first(sql.exec<{ json: string }>("SELECT json FROM schema_doc WHERE id = 1"));
  if (!doc) return undefined;
  const rest = JSON.parse(doc.json) as Schema;
  const tables = sql.exec<{ json: string }>("SELECT json FROM schema_tables ORDER BY pos").toArray().map((row) => JSON.parse(row.json) as Table);
  return { ...rest, tables };
}

/** The first schema of a new database. */
export function insertSchema(storage: Storage, schema: Schema): void {
  storage.sql.exec("INSERT INTO schema_doc (id, json) VALUES (1, ?)", JSON.stringify({ ...schema, tables: [] }));
  writeTables(storage, [], schema.tables);
}

/** Writes what differs between `before` (as stored) and `after`. */
export function saveSchema(storage: Storage, before: Schema, after: Schema): void {
  if (before === after) return;
  if (before.tables !== after.tables) writeTables(storage, before.tables, after.tables);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("tables");
  const restChanged = [...keys].some((key) => (before as unknown as Record<string, unknown>)[key] !== (after as unknown as Record<string, unknown>)[key]);
  if (restChanged) storage.sql.exec("UPDATE schema_doc SET json = ? WHERE id = 1", JSON.stringify({ ...after, tables: [] }));
}

function writeTables(storage: Storage, before: readonly Table[], after: readonly Table[]): void {
  const { sql } = storage;
  const was = new Map(before.map((table, pos) => [table.id, { table, pos }]));
  after.forEach((table, pos) => {
    const old = was.get(table.id);
    was.delete(table.id);
    if (old && old.table === table && old.pos === pos) return;
    sql.exec(
      "INSERT INTO schema_tables (id, pos, json) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET pos = excluded.pos, json = excluded.json",
      table.id, pos, JSON.stringify(table),
    );
  });
  for (const id of was.keys()) sql.exec("DELETE FROM schema_tables WHERE id = ?", id);
}
