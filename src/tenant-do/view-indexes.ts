// Indexes for the views people saved, created when a view starts needing one and dropped
// when no view does. Each repeats, exactly, the expressions the view SQL
// (src/schema/views/sql.ts) orders, groups, sums and looks up by — built by the same
// functions (src/schema/views/sql-terms.ts) — over the live records of a table, so a page
// of a sorted or grouped view is the first rows of an index, and its groups and summaries
// are one pass over an index, never parsing a record's JSON. An index is named by a hash of
// its columns: views that need the same one share it. Field ids reach SQL text only through
// `sqlId` (inside `cellSql`); names people type never do.

import type { Schema } from "../schema/model";
import { findTable, liveFields } from "../schema/model";
import { cellSql } from "../schema/views/cell-sql";
import { operator } from "../schema/views/operators";
import { shapeOf } from "../schema/views/query";
import { isViewIndex, type ViewIndex, viewIndexes } from "../schema/views/sql-terms";
import { conditionsOf, liveViews } from "../schema/views/view";
import type { Storage } from "./sql";

/** At most this many view indexes per database: each costs a little on every write. */
export const MAX_VIEW_INDEXES = 32;

/** The indexes the saved views need, the first views' first. */
export function wantedIndexes(schema: Schema): ViewIndex[] {
  const wanted = new Map<string, ViewIndex>();
  for (const view of liveViews(schema)) {
    const table = findTable(schema, view.tableId);
    if (!table) continue;
    const fields = new Map(liveFields(table).map((f) => [f.id, f]));
    const lookups: string[] = [];
    for (const condition of conditionsOf(view.filters)) {
      const field = fields.get(condition.fieldId);
      const op = operator(condition.op);
      if (field && op?.lookup && op.fits(field.type)) lookups.push(op.lookup(cellSql(field.id, "")));
    }
    for (const index of viewIndexes(shapeOf(view, table), lookups)) if (wanted.size < MAX_VIEW_INDEXES) wanted.set(index.name, index);
  }
  return [...wanted.values()];
}

/** Creates the indexes views need now and drops the ones none needs (and those of older
 *  versions: `vk_`, one per sorted field). Returns the names synced; given the names of the
 *  last sync (`synced`), storage is not read at all when the views want the same indexes (a
 *  table or field added: most structure changes). Should a transaction around the sync roll
 *  back, an index may be missing until the views want others or the next wake: a view then
 *  scans, slower but never wrong. */
export function syncViewIndexes(storage: Storage, schema: Schema, synced?: ReadonlySet<string>): Set<string> {
  const wanted = new Map(wantedIndexes(schema).map((index) => [index.name, index]));
  const names = new Set(wanted.keys());
  if (synced && synced.size === names.size && [...names].every((name) => synced.has(name))) return names;
  const existing = storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND (name LIKE 'vx\\_%' ESCAPE '\\' OR name LIKE 'vk\\_%' ESCAPE '\\')").toArray().map((row) => row.name);
  for (const name of existing) if (!wanted.has(name)) storage.sql.exec(`DROP INDEX IF EXISTS "${name.replace(/"/g, "")}"`);
  for (const [name, index] of wanted) {
    if (existing.includes(name) || !isViewIndex(name)) continue;
    try {
      storage.sql.exec(`CREATE INDEX IF NOT EXISTS "${name}" ${index.sql}`);
    } catch {
      // An expression SQLite will not index: the view still runs, by scanning.
    }
  }
  return names;
}

/** The view indexes there are now, by name (read, not remembered: a sync rolled back may
 *  have left one out). */
export function viewIndexNames(storage: Storage): Set<string> {
  const rows = storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'vx\\_%' ESCAPE '\\'").toArray();
  return new Set(rows.map((row) => row.name).filter(isViewIndex));
}
