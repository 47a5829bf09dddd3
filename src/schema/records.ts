// Records and where they live. A record is a map from field id to a stored cell (the text a
// person typed beside its parsed value). The engine reaches records only through the
// RecordStore interface: SQLite in the tenant object, a Map here for tests.

import type { Json } from "./fields/field-type";
import type { StoredCell } from "./values";

export type Cells = { [fieldId: string]: StoredCell };

export interface StoredRecord {
  id: string;
  tableId: string;
  cells: Cells;
  createdAt: number;
  deletedAt?: number;
}

export interface RecordStore {
  get(tableId: string, recordId: string): StoredRecord | undefined;
  insert(record: StoredRecord): void;
  /** Sets (or with `null`, clears) some cells of one record. */
  setCells(tableId: string, recordId: string, cells: { [fieldId: string]: StoredCell | null }): void;
  setDeleted(tableId: string, recordId: string, deletedAt: number | null): void;
  /** Rewrites one field's cell in every record of a table (type changes re-parse this way). */
  rewriteField(tableId: string, fieldId: string, rewrite: (cell: StoredCell) => StoredCell): void;
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
  /** Live records of `tableId` whose link field `fieldId` points at any of `targetIds`:
   *  for each target, the linking record ids (the other side of a link). */
  linkedFrom(tableId: string, fieldId: string, targetIds: readonly string[]): Map<string, string[]>;
}

export interface RecordQuery {
  sort?: { fieldId: string; descending: boolean };
  invalidIn?: string;
  offset: number;
  limit: number;
}

/** A value reduced to something SQL can order and group by: numbers stay numbers. */
export function sortKey(value: Json | null): string | number | null {
  if (value === null) return null;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return value.toLowerCase();
  if (Array.isArray(value)) return value.map((v) => String(sortKey(v))).join(", ");
  if (typeof value.amount === "number") return value.amount;
  if (typeof value.start === "string") return value.start;
  for (const key of ["city", "state", "country", "name", "label"]) {
    if (typeof value[key] === "string") return String(value[key]).toLowerCase();
  }
  return JSON.stringify(value);
}

/** What a cell sorts by: its value's key, except for lists of ids (links, multiple choice),
 *  which sort by the names they were typed as rather than by meaningless ids. */
export function cellSortKey(cell: StoredCell | undefined): string | number | null {
  if (!cell || cell.value === null) return null;
  return Array.isArray(cell.value) ? cell.text.trim().toLowerCase() : sortKey(cell.value);
}

/** A RecordStore in memory, for tests and for the pure engine. */
export class MemoryRecordStore implements RecordStore {
  readonly records = new Map<string, StoredRecord>();

  get(tableId: string, recordId: string): StoredRecord | undefined {
    const record = this.records.get(recordId);
    return record?.tableId === tableId ? record : undefined;
  }

  insert(record: StoredRecord): void {
    this.records.set(record.id, structuredClone(record));
  }

  setCells(tableId: string, recordId: string, cells: { [fieldId: string]: StoredCell | null }): void {
    const record = this.get(tableId, recordId);
    if (!record) return;
    for (const [fieldId, cell] of Object.entries(cells)) {
      if (cell === null) delete record.cells[fieldId];
      else record.cells[fieldId] = cell;
    }
  }

  setDeleted(tableId: string, recordId: string, deletedAt: number | null): void {
    const record = this.get(tableId, recordId);
    if (!record) return;
    if (deletedAt === null) delete record.deletedAt;
    else record.deletedAt = deletedAt;
  }

  rewriteField(tableId: string, fieldId: string, rewrite: (cell: StoredCell) => StoredCell): void {
    for (const record of this.records.values()) {
      const cell = record.tableId === tableId ? record.cells[fieldId] : undefined;
      if (cell) record.cells[fieldId] = rewrite(cell);
    }
  }

  list(tableId: string, offset: number, limit: number): StoredRecord[] {
    return [...this.records.values()]
      .filter((r) => r.tableId === tableId && r.deletedAt === undefined)
      .slice(offset, offset + limit);
  }

  count(tableId: string): number {
    return this.list(tableId, 0, Number.MAX_SAFE_INTEGER).length;
  }

  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.records.values()) if (r.deletedAt === undefined) counts.set(r.tableId, (counts.get(r.tableId) ?? 0) + 1);
    return counts;
  }

  query(tableId: string, query: RecordQuery): { records: StoredRecord[]; total: number } {
    let rows = this.list(tableId, 0, Number.MAX_SAFE_INTEGER);
    if (query.invalidIn) {
      const fieldId = query.invalidIn;
      rows = rows.filter((r) => r.cells[fieldId]?.invalid !== undefined);
    }
    if (query.sort) {
      const { fieldId, descending } = query.sort;
      const keyed = rows.map((r) => ({ r, k: cellSortKey(r.cells[fieldId]) }));
      keyed.sort((a, b) => {
        if (a.k === null || b.k === null) return a.k === b.k ? 0 : a.k === null ? 1 : -1;
        const order = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
        return descending ? -order : order;
      });
      rows = keyed.map((x) => x.r);
    }
    return { records: rows.slice(query.offset, query.offset + query.limit), total: rows.length };
  }

  fieldTexts(tableId: string, fieldId: string): [string, string][] {
    return this.list(tableId, 0, Number.MAX_SAFE_INTEGER).flatMap((r): [string, string][] => {
      const cell = r.cells[fieldId];
      return cell ? [[r.id, cell.text]] : [];
    });
  }

  linkedFrom(tableId: string, fieldId: string, targetIds: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const record of this.list(tableId, 0, Number.MAX_SAFE_INTEGER)) {
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
    for (const record of this.list(tableId, 0, Number.MAX_SAFE_INTEGER)) {
      for (const [fieldId, cell] of Object.entries(record.cells)) {
        if (cell.invalid !== undefined) counts[fieldId] = (counts[fieldId] ?? 0) + 1;
      }
    }
    return counts;
  }
}
