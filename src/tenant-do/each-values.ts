// A side table of the values of multiple choices and links, one row per (field, value,
// record), for the views that group or filter by them (issue 12). An expression index holds
// one entry per record, so it cannot serve "a record under each of its options" nor "has any
// of": this table can — a "has any" filter is a seek per option, a group by option reads no
// record's JSON. It exists only while a saved view groups or filters by such a field
// (`syncEachValues`, beside the expression indexes of ./view-indexes.ts): the fields kept are
// listed in `each_fields`, filled from the records when first wanted, emptied and, when no
// field is wanted, dropped with the triggers. SQLite triggers on `records` keep it exact
// whichever write changed a record (a cell, a paste, an import, a type change, an erase), so
// no writer of `records` needs to know it exists. This module is its only writer.
// Rows keep an element once per occurrence, as the view's in-memory evaluation counts them;
// deleted records keep their rows (the view's SQL joins `records` and checks deleted_at).

import { findTable, liveFields, type Schema } from "../schema/model";
import { isSqlId, sqlId } from "../schema/views/cell-sql";
import { isEach } from "../schema/views/group-kinds";
import { conditionsOf, groupingsOf, liveViews } from "../schema/views/view";
import type { Storage } from "./sql";

/** At most this many fields are kept: each costs a little on every write of its table. */
export const MAX_EACH_FIELDS = 16;

/** Conditions the side table answers (the view SQL reads them through `CellSql.holders`). */
const HOLDING_OPS: ReadonlySet<string> = new Set(["hasAny", "hasNone", "linksTo"]);

export type EachField = { tableId: string; fieldId: string };

/** The multiple-choice and link fields saved views group or filter by ("has any", "has none",
 *  "links to"), the first views' first. */
export function wantedEachFields(schema: Schema): EachField[] {
  const wanted = new Map<string, EachField>();
  for (const view of liveViews(schema)) {
    const table = findTable(schema, view.tableId);
    if (!table || !isSqlId(table.id)) continue;
    const fields = new Map(liveFields(table).map((f) => [f.id, f]));
    const ids = [...groupingsOf(view).filter((g) => g.part === null).map((g) => g.fieldId), ...conditionsOf(view.filters).filter((c) => HOLDING_OPS.has(c.op)).map((c) => c.fieldId)];
    for (const id of ids) {
      const field = fields.get(id);
      if (field && isEach(field.type, null) && isSqlId(field.id) && wanted.size < MAX_EACH_FIELDS) wanted.set(`${table.id} ${field.id}`, { tableId: table.id, fieldId: field.id });
    }
  }
  return [...wanted.values()];
}

// The elements of NEW's kept fields: strings and numbers, as the in-memory evaluation's
// `eachKeys` takes them (a lone value counts as one element).
const ELEMENTS = `SELECT f.field_id, j.value, NEW.id FROM each_fields AS f, json_each(NEW.cells, '$."' || f.field_id || '".value') AS j WHERE f.table_id = NEW.table_id AND j.type IN ('text', 'integer', 'real')`;

const CREATE = [
  "CREATE TABLE IF NOT EXISTS each_fields (table_id TEXT NOT NULL, field_id TEXT NOT NULL, PRIMARY KEY (table_id, field_id)) WITHOUT ROWID",
  "CREATE TABLE IF NOT EXISTS each_values (field_id TEXT NOT NULL, value, record_id TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS each_values_by_value ON each_values (field_id, value, record_id)",
  "CREATE INDEX IF NOT EXISTS each_values_by_record ON each_values (record_id, field_id, value)",
  `CREATE TRIGGER IF NOT EXISTS each_values_insert AFTER INSERT ON records BEGIN INSERT INTO each_values (field_id, value, record_id) ${ELEMENTS}; END`,
  `CREATE TRIGGER IF NOT EXISTS each_values_update AFTER UPDATE OF cells, table_id ON records BEGIN DELETE FROM each_values WHERE record_id = OLD.id; INSERT INTO each_values (field_id, value, record_id) ${ELEMENTS}; END`,
  "CREATE TRIGGER IF NOT EXISTS each_values_delete AFTER DELETE ON records BEGIN DELETE FROM each_values WHERE record_id = OLD.id; END",
];

const DROP = ["DROP TRIGGER IF EXISTS each_values_insert", "DROP TRIGGER IF EXISTS each_values_update", "DROP TRIGGER IF EXISTS each_values_delete", "DROP TABLE IF EXISTS each_values", "DROP TABLE IF EXISTS each_fields"];

const exists = (storage: Storage): boolean => storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'each_fields'").toArray().length > 0;

/** The fields kept now. */
export function keptEachFields(storage: Storage): EachField[] {
  if (!exists(storage)) return [];
  return storage.sql.exec<{ table_id: string; field_id: string }>("SELECT table_id, field_id FROM each_fields").toArray().map((r) => ({ tableId: r.table_id, fieldId: r.field_id }));
}

/** Keeps exactly `wanted`: a field newly wanted is filled from its table's records, one no
 *  longer wanted is emptied; with none, the tables and triggers go. In one transaction. */
export function keepEachFields(storage: Storage, wanted: readonly EachField[]): void {
  const key = (f: EachField) => `${f.tableId} ${f.fieldId}`;
  const want = new Map(wanted.filter((f) => isSqlId(f.tableId) && isSqlId(f.fieldId)).map((f) => [key(f), f]));
  storage.transactionSync(() => {
    if (want.size === 0) {
      if (exists(storage)) for (const sql of DROP) storage.sql.exec(sql);
      return;
    }
    for (const sql of CREATE) storage.sql.exec(sql);
    const kept = new Map(keptEachFields(storage).map((f) => [key(f), f]));
    for (const [k, f] of kept) {
      if (want.has(k)) continue;
      storage.sql.exec("DELETE FROM each_values WHERE field_id = ? AND record_id IN (SELECT id FROM records WHERE table_id = ?)", f.fieldId, f.tableId);
      storage.sql.exec("DELETE FROM each_fields WHERE table_id = ? AND field_id = ?", f.tableId, f.fieldId);
    }
    for (const [k, f] of want) {
      if (kept.has(k)) continue;
      storage.sql.exec("INSERT INTO each_fields (table_id, field_id) VALUES (?, ?)", f.tableId, f.fieldId);
      storage.sql.exec(`INSERT INTO each_values (field_id, value, record_id) SELECT ?, j.value, r.id FROM records AS r, json_each(r.cells, '$."${sqlId(f.fieldId)}".value') AS j WHERE r.table_id = ? AND j.type IN ('text', 'integer', 'real')`, f.fieldId, f.tableId);
    }
  });
}

/** Keeps the fields the saved views of `schema` need. */
export function syncEachValues(storage: Storage, schema: Schema, kept?: string): string {
  const wanted = wantedEachFields(schema);
  const key = wanted.map((f) => `${f.tableId} ${f.fieldId}`).join(",");
  // Most structure changes leave the wanted fields as they were: then nothing is asked of SQLite.
  if (key !== kept) keepEachFields(storage, wanted);
  return key;
}

/** The field ids of `tableId` whose elements are in the side table now. */
export function eachFieldsOf(storage: Storage, tableId: string): Set<string> {
  return new Set(keptEachFields(storage).filter((f) => f.tableId === tableId).map((f) => f.fieldId));
}
