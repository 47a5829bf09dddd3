// The `meta` table (key → text: the database's name, origin, settings, the background job)
// and nothing else touches it. The engine (./tenant.ts) keeps a copy in memory; a part whose
// value must roll back with an action's transaction (./derived-jobs.ts) reads the row itself.

import { first, type Storage } from "./sql";

/** Every row, read once on load. */
export function loadMeta(storage: Storage): Map<string, string> {
  return new Map(storage.sql.exec<{ key: string; value: string }>("SELECT key, value FROM meta").toArray().map((row) => [row.key, row.value]));
}

export function readMeta(storage: Storage, key: string): string | undefined {
  return first(storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key))?.value;
}

export function writeMeta(storage: Storage, key: string, value: string): void {
  storage.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
}

export function deleteMetaRow(storage: Storage, key: string): void {
  storage.sql.exec("DELETE FROM meta WHERE key = ?", key);
}
