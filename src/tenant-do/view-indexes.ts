// Indexes for the fields views sort by, created when a view starts sorting by a field and
// dropped when no view does. Each repeats, exactly, the expressions the view SQL
// (src/schema/views/sql.ts) orders by — `json_extract(cells, '$."<field id>".k') IS NULL`,
// then the key, then `seq` — over the live records of a table, so a page of an ungrouped
// view sorted by that field (ascending) is read from the index instead of sorting the table
// (test/workerd/views.test.ts checks the plan). Grouped views are not indexed yet: their
// group key is a CASE expression. Field ids reach SQL text only through `sqlId`.

import type { Schema } from "../schema/model";
import { cellSql, sqlId } from "../schema/views/cell-sql";
import { liveViews } from "../schema/views/view";
import type { Storage } from "./sql";

const PREFIX = "vk_";

/** The fields some ungrouped view sorts by first. */
export function indexedFields(schema: Schema): Set<string> {
  const fields = new Set<string>();
  for (const view of liveViews(schema)) if (!view.group && view.sorts[0]) fields.add(view.sorts[0].fieldId);
  return fields;
}

/** Creates the indexes views need now and drops the ones none needs. */
export function syncViewIndexes(storage: Storage, schema: Schema): void {
  const wanted = new Map([...indexedFields(schema)].filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id)).map((id) => [`${PREFIX}${sqlId(id)}`, id]));
  const existing = storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'vk\\_%' ESCAPE '\\'").toArray().map((row) => row.name);
  for (const name of existing) if (!wanted.has(name)) storage.sql.exec(`DROP INDEX IF EXISTS "${name.replace(/"/g, "")}"`);
  for (const [name, fieldId] of wanted) {
    if (existing.includes(name)) continue;
    const key = cellSql(fieldId, "").key;
    storage.sql.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON records (table_id, ${key} IS NULL, ${key}, seq) WHERE deleted_at IS NULL`);
  }
}
