// A record's cells as the records table stores them: JSON keyed by field id, each cell with
// its sort key (`k`), which views order and group by. Encoding and decoding only; the table
// itself is written by sql-records.ts.

import type { FieldTypeName } from "../schema/fields/registry";
import type { Cells, CellTypes, StoredRecord } from "../schema/records";
import { cellSortKey } from "../schema/records";
import type { StoredCell } from "../schema/values";

export type Row = { id: string; table_id: string; created_at: number; deleted_at: number | null; cells: string };
type StoredJson = { [fieldId: string]: StoredCell & { k?: string | number | null } };

/** Cells already encoded as stored JSON (with their sort keys), by object. */
export type EncodedCells = WeakMap<StoredCell, string>;

/** The version of FieldType.sortKey that stored cells' keys were computed with. */
export const SORT_KEYS_VERSION = "2";

/** A record's cells as stored: each cell with its sort key (`k`). */
export function stored(cells: Cells, types: CellTypes): StoredJson {
  const out: StoredJson = {};
  for (const [fieldId, cell] of Object.entries(cells)) out[fieldId] = withKey(cell, types[fieldId]);
  return out;
}

/** A record's cells as stored: JSON with each cell's sort key (`k`). */
export function encode(cells: Cells, types: CellTypes): string {
  return JSON.stringify(stored(cells, types));
}

export function withKey(cell: StoredCell, type: FieldTypeName | undefined): StoredCell & { k?: string | number | null } {
  const k = cellSortKey(cell, type);
  return k === null ? cell : { ...cell, k };
}

export function decode(row: Row): StoredRecord {
  const stored = JSON.parse(row.cells) as StoredJson;
  const cells: Cells = {};
  for (const [fieldId, { k: _k, ...cell }] of Object.entries(stored)) cells[fieldId] = cell;
  const record: StoredRecord = { id: row.id, tableId: row.table_id, cells, createdAt: row.created_at };
  if (row.deleted_at !== null) record.deletedAt = row.deleted_at;
  return record;
}

/** The names of the columns `partial` reads (as many as a recomputation may select). */
export const COLUMNS = Array.from({ length: 40 }, (_, i) => `c${i}`);

/** A record with only some cells (columns c0, c1… of `row`, holding each cell's JSON or
 *  null); a cell keeps its sort key `k`, which nothing reading a cell looks at. */
export function partial(row: Row & { [col: string]: string | number | null }, fieldIds: readonly string[]): StoredRecord {
  const cells: Cells = {};
  for (let i = 0; i < fieldIds.length; i++) {
    const json = row[COLUMNS[i]!];
    if (typeof json === "string") cells[fieldIds[i]!] = JSON.parse(json) as StoredCell;
  }
  const record: StoredRecord = { id: row.id, tableId: row.table_id, cells, createdAt: row.created_at };
  if (row.deleted_at !== null) record.deletedAt = row.deleted_at;
  return record;
}
