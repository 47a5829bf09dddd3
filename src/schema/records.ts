// Records and where they live. A record is a map from field id to a stored cell (the text a
// person typed beside its parsed value). The engine reaches records only through the
// RecordStore interface: SQLite in the tenant object, a Map here for tests.

import type { PageKey } from "./paging";
import { type FieldTypeName, fieldType } from "./fields/registry";
import { order } from "./fields/sort-keys";
import { foldName } from "./text";
import { eachKeys } from "./views/group-kinds";
import type { StoredCell } from "./values";

export type Cells = { [fieldId: string]: StoredCell };

export interface StoredRecord {
  id: string;
  tableId: string;
  cells: Cells;
  createdAt: number;
  deletedAt?: number;
}

/** The type of each field whose cells are written, so a store can keep each cell's sort key
 *  (see cellSortKey); a cell of a field not named here gets no key and sorts last. */
export type CellTypes = { readonly [fieldId: string]: FieldTypeName };

/** The types of a table's fields, as CellTypes. */
export function cellTypes(table: { readonly fields: readonly { id: string; type: FieldTypeName }[] }): CellTypes {
  return Object.fromEntries(table.fields.map((f) => [f.id, f.type]));
}

export interface RecordStore {
  get(tableId: string, recordId: string): StoredRecord | undefined;
  insert(record: StoredRecord, types: CellTypes): void;
  /** Sets (or with `null`, clears) some cells of one record. `before`: the record as the
   *  caller just read it in this transaction, so the store need not read it again. */
  setCells(tableId: string, recordId: string, cells: { [fieldId: string]: StoredCell | null }, types: CellTypes, before?: StoredRecord): void;
  setDeleted(tableId: string, recordId: string, deletedAt: number | null): void;
  /** Rewrites one field's cell in every record of a table (type changes re-parse this way);
   *  `type` is the field's type after the rewrite. */
  rewriteField(tableId: string, fieldId: string, type: FieldTypeName, rewrite: (cell: StoredCell) => StoredCell): void;
  /** Live (not deleted) records of a table, in order of creation. */
  list(tableId: string, offset: number, limit: number): StoredRecord[];
  count(tableId: string): number;
  /** Live records per table, for every table, in one read. */
  counts(): Map<string, number>;
  /** A page of live records: sorted by a field's value (empty cells last), or only those
   *  whose cell in `invalidIn` was not understood. */
  query(tableId: string, query: RecordQuery): { records: StoredRecord[]; total: number };
  /** How many live records hold a not-understood value, per field. */
  invalidCounts(tableId: string): { [fieldId: string]: number };
  /** The kept text of one field in every live record of a table, as [record id, text]. */
  fieldTexts(tableId: string, fieldId: string): [string, string][];
  /** How many live records hold each combination of some top-level parts (plain property
   *  names) of one field's understood value: where a column's places lie. */
  valueCounts(tableId: string, fieldId: string, parts: readonly string[]): { values: (string | number | null)[]; count: number }[];
  /** Live records of `tableId` whose link field `fieldId` points at any of `targetIds`:
   *  for each target, the linking record ids (the other side of a link). */
  linkedFrom(tableId: string, fieldId: string, targetIds: readonly string[]): Map<string, string[]>;
  /** Visits the live records of a table in creation order (in batches; all of them, or
   *  `range.limit` after position `range.after`) and sets one field's cell to what `compute`
   *  returns (null: empty; undefined: leave it): derived fields recomputed. With `reads`,
   *  `compute` may be given only those cells (and the field's own) of each record. */
  recomputeField(tableId: string, fieldId: string, types: CellTypes, compute: (record: StoredRecord) => StoredCell | null | undefined, range?: RecomputeRange, reads?: readonly string[]): RecomputeProgress;
}

/** Where a recomputation resumes: after a position in creation order (-1: the start). */
export interface RecomputeRange {
  after: number;
  limit: number;
}

/** How far it got: the position of the last record visited, how many, and whether none is
 *  left after it. */
export interface RecomputeProgress {
  after: number;
  visited: number;
  done: boolean;
}

export interface RecordQuery {
  /** `names`: a link field's linked table and its name field (its first): the records are
   *  ordered by the linked records' names, as views order links; absent, by the cells' keys. */
  sort?: { fieldId: string; descending: boolean; names?: { tableId: string; fieldId: string } };
  invalidIn?: string;
  offset: number;
  limit: number;
  /** The record a page turn started after (or ended before): the page is the `limit` rows
   *  past its place in the order, whether or not it is still listed; `offset` is used only
   *  when no record has that id (./paging.ts). */
  key?: PageKey | null;
}

type SortKey = string | number;

/** What a cell sorts by: its field type's sort key (which orders as the type's compare) or,
 *  for types whose values are ids, the text it was typed as; null for an empty or
 *  not-understood cell, or a field of unknown type (sorted last). */
export function cellSortKey(cell: StoredCell | undefined, type: FieldTypeName | undefined): SortKey | null {
  if (!cell || cell.value === null || type === undefined) return null;
  const kind = fieldType(type);
  if (kind.sortsByText) return foldName(cell.text);
  try {
    return kind.sortKey(cell.value as never);
  } catch {
    return null; // a value of another shape, left by a bug: sorted with the empty cells
  }
}

/** Linked records' names as sort keys, by record id (a link names a record of any table). */
export type LinkedNames = ReadonlyMap<string, string | number | null>;

/** A link cell's sort key by name: its linked records' name keys in its order, run
 *  together (as views/group-sql.ts `linkNamesSql` does in SQL); null when none has one. */
export function linkNamesKey(cell: StoredCell | undefined, names: LinkedNames): string | null {
  if (!cell || cell.value === null) return null;
  const keys = eachKeys(cell.value).flatMap((id) => {
    const k = names.get(String(id));
    return k === undefined || k === null ? [] : [String(k)];
  });
  return keys.length > 0 ? keys.join("") : null;
}

/** Orders keys as SQL does with empty cells last (in either direction). */
function compareKeys(a: SortKey | null, b: SortKey | null, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const o = order(a, b);
  return descending ? -o : o;
}

/** Parts named in `valueCounts`: a few plain property names (they become JSON paths). */
export function checkParts(parts: readonly string[]): void {
  if (parts.length === 0 || parts.length > 4 || !parts.every((p) => /^[A-Za-z]{1,40}$/.test(p))) throw new Error("valueCounts takes one to four plain part names");
}

/** A RecordStore in memory, for tests and for the pure engine. */
export class MemoryRecordStore implements RecordStore {
  readonly records = new Map<string, StoredRecord>();
  /** Sort keys by record id and field id, computed as cells are written (as in SQLite). */
  private readonly keys = new Map<string, Map<string, SortKey | null>>();

  private setKey(recordId: string, fieldId: string, cell: StoredCell | undefined, type: FieldTypeName | undefined): void {
    const keys = this.keys.get(recordId) ?? new Map<string, SortKey | null>();
    this.keys.set(recordId, keys);
    keys.set(fieldId, cellSortKey(cell, type));
  }

  /** Live records of a table, in order of creation. */
  private *live(tableId: string): Generator<StoredRecord> {
    for (const r of this.records.values()) if (r.tableId === tableId && r.deletedAt === undefined) yield r;
  }

  get(tableId: string, recordId: string): StoredRecord | undefined {
    const record = this.records.get(recordId);
    return record?.tableId === tableId ? record : undefined;
  }

  insert(record: StoredRecord, types: CellTypes): void {
    this.records.set(record.id, structuredClone(record));
    this.keys.delete(record.id);
    for (const [fieldId, cell] of Object.entries(record.cells)) this.setKey(record.id, fieldId, cell, types[fieldId]);
  }

  setCells(tableId: string, recordId: string, cells: { [fieldId: string]: StoredCell | null }, types: CellTypes, _before?: StoredRecord): void {
    const record = this.get(tableId, recordId);
    if (!record) return;
    for (const [fieldId, cell] of Object.entries(cells)) {
      if (cell === null) delete record.cells[fieldId];
      else record.cells[fieldId] = cell;
      this.setKey(recordId, fieldId, cell ?? undefined, types[fieldId]);
    }
  }

  setDeleted(tableId: string, recordId: string, deletedAt: number | null): void {
    const record = this.get(tableId, recordId);
    if (!record) return;
    if (deletedAt === null) delete record.deletedAt;
    else record.deletedAt = deletedAt;
  }

  rewriteField(tableId: string, fieldId: string, type: FieldTypeName, rewrite: (cell: StoredCell) => StoredCell): void {
    for (const record of this.records.values()) {
      const cell = record.tableId === tableId ? record.cells[fieldId] : undefined;
      if (!cell) continue;
      record.cells[fieldId] = rewrite(cell);
      this.setKey(record.id, fieldId, record.cells[fieldId], type);
    }
  }

  list(tableId: string, offset: number, limit: number): StoredRecord[] {
    const page: StoredRecord[] = [];
    let skipped = 0;
    for (const r of this.live(tableId)) {
      if (page.length >= limit) break;
      if (skipped < offset) skipped++;
      else page.push(r);
    }
    return page;
  }

  count(tableId: string): number {
    let n = 0;
    for (const _ of this.live(tableId)) n++;
    return n;
  }

  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.records.values()) if (r.deletedAt === undefined) counts.set(r.tableId, (counts.get(r.tableId) ?? 0) + 1);
    return counts;
  }

  /** The name keys (field `fieldId`) of every record of `tableId`, deleted ones too (a link
   *  still names them), by record id. */
  private names(tableId: string, fieldId: string): LinkedNames {
    const names = new Map<string, SortKey | null>();
    for (const r of this.records.values()) if (r.tableId === tableId) names.set(r.id, this.keys.get(r.id)?.get(fieldId) ?? null);
    return names;
  }

  query(tableId: string, query: RecordQuery): { records: StoredRecord[]; total: number } {
    const invalidIn = query.invalidIn;
    const rows: StoredRecord[] = [];
    for (const r of this.live(tableId)) if (invalidIn === undefined || r.cells[invalidIn]?.invalid !== undefined) rows.push(r);
    // A page turn's record is placed among them as the SQL store places it (by its values).
    const keyId = query.key ? ("after" in query.key ? query.key.after : query.key.before) : undefined;
    const marker = keyId === undefined ? undefined : this.get(tableId, keyId);
    const all = marker && !rows.includes(marker) ? [...this.records.values()].filter((r) => r === marker || rows.includes(r)) : rows;
    if (query.sort) {
      const { fieldId, descending, names } = query.sort;
      const linked = names && this.names(names.tableId, names.fieldId);
      const key = (r: StoredRecord) => (linked ? linkNamesKey(r.cells[fieldId], linked) : (this.keys.get(r.id)?.get(fieldId) ?? null));
      all.sort((a, b) => compareKeys(key(a), key(b), descending)); // stable: ties keep creation order
    }
    const total = rows.length;
    if (!marker || !query.key) return { records: all.slice(query.offset, query.offset + query.limit), total };
    const at = all.indexOf(marker);
    const page = "after" in query.key ? all.slice(at + 1, at + 1 + query.limit) : all.slice(Math.max(0, at - query.limit), at);
    return { records: page, total };
  }

  fieldTexts(tableId: string, fieldId: string): [string, string][] {
    const texts: [string, string][] = [];
    for (const r of this.live(tableId)) {
      const cell = r.cells[fieldId];
      if (cell) texts.push([r.id, cell.text]);
    }
    return texts;
  }

  valueCounts(tableId: string, fieldId: string, parts: readonly string[]): { values: (string | number | null)[]; count: number }[] {
    checkParts(parts);
    const counts = new Map<string, { values: (string | number | null)[]; count: number }>();
    for (const r of this.live(tableId)) {
      const value = r.cells[fieldId]?.value;
      if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) continue;
      const values = parts.map((p) => {
        const v = Object.hasOwn(value, p) ? value[p] : undefined;
        return typeof v === "string" || typeof v === "number" ? v : null;
      });
      const k = JSON.stringify(values);
      const known = counts.get(k);
      if (known) known.count++;
      else counts.set(k, { values, count: 1 });
    }
    return [...counts.values()];
  }

  recomputeField(tableId: string, fieldId: string, types: CellTypes, compute: (record: StoredRecord) => StoredCell | null | undefined, range?: RecomputeRange, _reads?: readonly string[]): RecomputeProgress {
    // A record's position is its place among the table's records ever stored, in creation order.
    const all = [...this.records.values()].filter((r) => r.tableId === tableId);
    let after = range?.after ?? -1;
    let visited = 0;
    const limit = range?.limit ?? Number.POSITIVE_INFINITY;
    for (let i = after + 1; i < all.length; i++) {
      if (visited >= limit) return { after, visited, done: false };
      after = i;
      const record = all[i]!;
      if (record.deletedAt !== undefined) continue;
      visited++;
      const cell = compute(structuredClone(record));
      if (cell !== undefined) this.setCells(tableId, record.id, { [fieldId]: cell }, types);
    }
    return { after, visited, done: true };
  }

  linkedFrom(tableId: string, fieldId: string, targetIds: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const record of this.live(tableId)) {
      const value = record.cells[fieldId]?.value;
      if (!Array.isArray(value)) continue;
      for (const target of value) {
        if (typeof target !== "string" || !targetIds.includes(target)) continue;
        result.set(target, [...(result.get(target) ?? []), record.id]);
      }
    }
    return result;
  }

  invalidCounts(tableId: string): { [fieldId: string]: number } {
    const counts: { [fieldId: string]: number } = {};
    for (const record of this.live(tableId)) {
      for (const [fieldId, cell] of Object.entries(record.cells)) {
        if (cell.invalid !== undefined) counts[fieldId] = (counts[fieldId] ?? 0) + 1;
      }
    }
    return counts;
  }
}
