// The RecordStore in the object's SQLite. One row per record; cells are JSON keyed by field
// id. Field ids reach SQL only as bound JSON paths, never in SQL text. Setting one cell
// reads and writes one row (and a counter); a page of records reads only that page: the
// number of live records and of not-understood values per field are kept in record_stats.

import type { FieldTypeName } from "../schema/fields/registry";
import type { Cells, CellTypes, RecomputeProgress, RecomputeRange, RecordQuery, RecordStore, StoredRecord } from "../schema/records";
import { checkParts } from "../schema/records";
import type { StoredCell } from "../schema/values";
import { keysetQuery, type OrderTerm, pageFrom } from "../schema/paging";
import { type Fragment, isSqlId } from "../schema/views/cell-sql";
import type { StoredRow } from "../schema/views/live-tallies";
import type { SqlRow } from "../schema/views/sql";
import { sortTerms } from "../schema/views/sql-terms";
import { NEXT_CHANGE_SEQ } from "./change-log";
import { journalOf } from "./record-journal";
import { decode, type EncodedCells, encode, partial, type Row, withKey } from "./stored-cells";
import { first, run, type Storage } from "./sql";


/** The grid's order as SQL terms over `records`: its sort (a link by its records' names,
 *  the SQL views order links by: ../schema/views/sql-terms.ts), then creation order. A
 *  field id that is not one Trove made (never, from the schema) leaves creation order. */
function orderOf(query: RecordQuery): OrderTerm[] {
  const s = query.sort;
  if (!s || !isSqlId(s.fieldId) || (s.names && !(isSqlId(s.names.tableId) && isSqlId(s.names.fieldId)))) return [{ sql: "records.seq", descending: false }];
  return sortTerms({ sorts: [{ field: { id: s.fieldId, options: s.names ? { tableId: s.names.tableId } : {} }, descending: s.descending, names: s.names?.fieldId }] });
}

const REWRITE_BATCH = 500;
/** Records a recomputation reads and writes per statement pair (fewer, bigger statements:
 *  a cell's JSON is about 100 bytes, so a batch's is about 200 KB). */
const RECOMPUTE_BATCH = 2_000;

/** The JSON path of a field's cell; the id is quoted, and bound as a parameter. */
const path = (fieldId: string, part?: string) => `$."${fieldId.replace(/"/g, "")}"${part ? `.${part}` : ""}`;

/** Characters of one batch's JSON parameter (≤ 3 bytes each: under SQLite's 2 MB). */
const BATCH_CHARS = 600_000;

/** The record_stats key of a table's live-record count. */
const RECORDS = "";

export class SqlRecordStore implements RecordStore {
  constructor(private readonly storage: Storage) {}

  private bump(tableId: string, fieldId: string, delta: number): void {
    if (delta === 0) return;
    this.storage.sql.exec(
      "INSERT INTO record_stats (table_id, field_id, n) VALUES (?, ?, ?) ON CONFLICT(table_id, field_id) DO UPDATE SET n = n + excluded.n",
      tableId, fieldId, delta,
    );
  }

  /** Counts a live record in (+1) or out (-1), with its not-understood cells. */
  private tally(record: StoredRecord, sign: 1 | -1): void {
    this.bump(record.tableId, RECORDS, sign);
    for (const [fieldId, cell] of Object.entries(record.cells)) if (cell.invalid !== undefined) this.bump(record.tableId, fieldId, sign);
  }

  private stat(tableId: string, fieldId: string): number {
    return first(this.storage.sql.exec<{ n: number }>("SELECT n FROM record_stats WHERE table_id = ? AND field_id = ?", tableId, fieldId))?.n ?? 0;
  }

  get(tableId: string, recordId: string): StoredRecord | undefined {
    const row = first(this.storage.sql.exec<Row>("SELECT * FROM records WHERE id = ? AND table_id = ?", recordId, tableId));
    return row && decode(row);
  }

  insert(record: StoredRecord, types: CellTypes): void {
    journalOf(this.storage).table(record.tableId);
    this.storage.sql.exec(
      `INSERT INTO records (id, table_id, seq, created_at, deleted_at, cells, created_seq) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records WHERE table_id = ?), ?, ?, ?, ${NEXT_CHANGE_SEQ})`,
      record.id, record.tableId, record.tableId, record.createdAt, record.deletedAt ?? null, encode(record.cells, types),
    );
    if (record.deletedAt === undefined) this.tally(record, 1);
  }

  /** Inserts live records into one table after its last, a batch at a time: one JSON
   *  parameter per batch expanded by json_each (one statement, not one per record), and the
   *  counters once per batch. Cells are encoded once per object: an import's chunks share
   *  one cell object per distinct text of a column, and pass the same `encoded` along.
   *  Returns the not-understood cells per field. */
  insertMany(tableId: string, records: readonly { id: string; cells: Cells }[], createdAt: number, types: CellTypes, encoded: EncodedCells = new WeakMap()): Map<string, number> {
    const flagged = new Map<string, number>();
    journalOf(this.storage).table(tableId);
    const keys = new Map<string, string>();
    const { sql } = this.storage;
    let batch: string[] = [];
    let chars = 0;
    const flush = () => {
      if (batch.length === 0) return;
      const base = sql.exec<{ n: number }>("SELECT COALESCE(MAX(seq), 0) AS n FROM records WHERE table_id = ?", tableId).one().n;
      sql.exec(
        "INSERT INTO records (id, table_id, seq, created_at, deleted_at, cells) SELECT json_extract(value, '$[0]'), ?, ? + key, ?, NULL, json_extract(value, '$[1]') FROM json_each(?)",
        tableId, base + 1, createdAt, `[${batch.join(",")}]`,
      );
      this.bump(tableId, RECORDS, batch.length);
      batch = [];
      chars = 0;
    };
    for (const record of records) {
      let json = `[${JSON.stringify(record.id)},{`;
      let comma = "";
      for (const fieldId in record.cells) {
        const cell = record.cells[fieldId]!;
        if (cell.invalid !== undefined) flagged.set(fieldId, (flagged.get(fieldId) ?? 0) + 1);
        let cellJson = encoded.get(cell);
        if (cellJson === undefined) {
          cellJson = JSON.stringify(withKey(cell, types[fieldId]));
          encoded.set(cell, cellJson);
        }
        let key = keys.get(fieldId);
        if (key === undefined) {
          key = `${JSON.stringify(fieldId)}:`;
          keys.set(fieldId, key);
        }
        json += comma + key + cellJson;
        comma = ",";
      }
      json += "}]";
      if (chars + json.length > BATCH_CHARS) flush();
      batch.push(json);
      chars += json.length;
    }
    flush();
    for (const [fieldId, n] of flagged) this.bump(tableId, fieldId, n);
    return flagged;
  }

  setCells(tableId: string, recordId: string, cells: { [fieldId: string]: StoredCell | null }, types: CellTypes, read?: StoredRecord): void {
    const before = read ?? this.get(tableId, recordId);
    if (!before) return;
    const journal = journalOf(this.storage);
    journal.cells(tableId, recordId, Object.keys(cells), journal.keepsRows.has(tableId) ? storedRow(this.storage, tableId, recordId) : undefined);
    for (const [fieldId, cell] of Object.entries(cells)) {
      if (before.deletedAt === undefined) {
        const was = before.cells[fieldId]?.invalid !== undefined ? 1 : 0;
        this.bump(tableId, fieldId, (cell?.invalid !== undefined ? 1 : 0) - was);
      }
      if (cell === null) {
        this.storage.sql.exec("UPDATE records SET cells = json_remove(cells, ?) WHERE id = ? AND table_id = ?", path(fieldId), recordId, tableId);
      } else {
        this.storage.sql.exec("UPDATE records SET cells = json_set(cells, ?, json(?)) WHERE id = ? AND table_id = ?", path(fieldId), JSON.stringify(withKey(cell, types[fieldId])), recordId, tableId);
      }
    }
  }

  setDeleted(tableId: string, recordId: string, deletedAt: number | null): void {
    const record = this.get(tableId, recordId);
    if (!record) return;
    journalOf(this.storage).table(tableId);
    this.storage.sql.exec("UPDATE records SET deleted_at = ? WHERE id = ? AND table_id = ?", deletedAt, recordId, tableId);
    const wasLive = record.deletedAt === undefined;
    if (wasLive && deletedAt !== null) this.tally(record, -1);
    if (!wasLive && deletedAt === null) this.tally(record, 1);
  }

  rewriteField(tableId: string, fieldId: string, type: FieldTypeName, rewrite: (cell: StoredCell) => StoredCell): void {
    journalOf(this.storage).table(tableId);
    let after = "";
    for (;;) {
      const rows = this.storage.sql
        .exec<{ id: string; cell: string; deleted_at: number | null }>(
          "SELECT id, json_extract(cells, ?) AS cell, deleted_at FROM records WHERE table_id = ? AND id > ? AND json_extract(cells, ?) IS NOT NULL ORDER BY id LIMIT ?",
          path(fieldId), tableId, after, path(fieldId), REWRITE_BATCH,
        )
        .toArray();
      let delta = 0;
      for (const row of rows) {
        const { k: _k, ...cell } = JSON.parse(row.cell) as StoredCell & { k?: unknown };
        const next = rewrite(cell);
        if (row.deleted_at === null) delta += (next.invalid !== undefined ? 1 : 0) - (cell.invalid !== undefined ? 1 : 0);
        this.storage.sql.exec("UPDATE records SET cells = json_set(cells, ?, json(?)) WHERE id = ?", path(fieldId), JSON.stringify(withKey(next, type)), row.id);
      }
      this.bump(tableId, fieldId, delta);
      if (rows.length < REWRITE_BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
  }

  list(tableId: string, offset: number, limit: number): StoredRecord[] {
    return this.query(tableId, { offset, limit }).records;
  }

  count(tableId: string): number {
    return this.stat(tableId, RECORDS);
  }

  counts(): Map<string, number> {
    const rows = this.storage.sql.exec<{ table_id: string; n: number }>("SELECT table_id, n FROM record_stats WHERE field_id = ?", RECORDS);
    return new Map([...rows].map((row) => [row.table_id, row.n]));
  }

  query(tableId: string, query: RecordQuery): { records: StoredRecord[]; total: number } {
    const where = ["records.table_id = ?", "records.deleted_at IS NULL"];
    const params: (string | number)[] = [tableId];
    if (query.invalidIn) {
      where.push("json_extract(records.cells, ?) IS NOT NULL");
      params.push(path(query.invalidIn, "invalid"));
    }
    const total = this.stat(tableId, query.invalidIn ?? RECORDS);
    const keyed = query.key ? this.keyed(tableId, query, { sql: where.join(" AND "), params }) : null;
    if (keyed) return { records: keyed.map(decode), total };
    const page = pageFrom(query.offset, query.limit, total);
    if (page.limit === 0 && page.fromEnd) return { records: [], total };
    // The order is total (seq breaks every tie), so read from the end it is the same rows
    // backwards: a page past the middle skips the rows after it, not the rows before it.
    const order = orderOf(query).map((t) => `${t.sql} ${t.descending !== page.fromEnd ? "DESC" : "ASC"}`);
    const rows = this.storage.sql
      .exec<Row>(`SELECT * FROM records WHERE ${where.join(" AND ")} ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`, ...params, page.limit, page.skip)
      .toArray();
    if (page.fromEnd) rows.reverse();
    return { records: rows.map(decode), total };
  }

  /** The page after (or before) the record a page turn names, by seeks (../schema/paging.ts);
   *  null when no record has that id. */
  private keyed(tableId: string, query: RecordQuery, where: Fragment): Row[] | null {
    const key = query.key!;
    const terms = orderOf(query);
    const found = this.storage.sql.exec<SqlRow>(`SELECT ${terms.map((t, i) => `${t.sql} AS o${i}`).join(", ")} FROM records WHERE table_id = ? AND id = ?`, tableId, "after" in key ? key.after : key.before).toArray()[0];
    const q = found && keysetQuery({ select: "records.*", where, terms, values: terms.map((_, i) => found[`o${i}`] ?? null), backwards: "before" in key, limit: query.limit });
    const rows = q ? this.storage.sql.exec<Row>(q.sql, ...q.params).toArray() : null;
    return rows && "before" in key ? rows.reverse() : rows;
  }

  /** The live records before and after one in creation order, and its place (1-based). */
  neighbours(tableId: string, recordId: string): { previous: string | null; next: string | null; position: number } | null {
    const live = "table_id = ? AND deleted_at IS NULL";
    const row = this.storage.sql
      .exec<{ previous: string | null; next: string | null; position: number }>(
        `SELECT (SELECT id FROM records WHERE ${live} AND seq < r.seq ORDER BY seq DESC LIMIT 1) AS previous,
                (SELECT id FROM records WHERE ${live} AND seq > r.seq ORDER BY seq LIMIT 1) AS next,
                (SELECT count(*) FROM records WHERE ${live} AND seq <= r.seq) AS position
         FROM records r WHERE r.table_id = ? AND r.id = ?`,
        tableId, tableId, tableId, tableId, recordId,
      )
      .toArray()[0];
    return row ?? null;
  }

  /** Live records after creation-order position `after`, a page at a time (exports). */
  /** The stored cells' JSON of the next `limit` live records after `seq` (an export's page:
   *  only what it writes, nothing decoded that it does not read). */
  cellsAfter(tableId: string, after: number, limit: number): { seq: number; cells: string }[] {
    return this.storage.sql.exec<{ seq: number; cells: string }>("SELECT seq, cells FROM records WHERE table_id = ? AND deleted_at IS NULL AND seq > ? ORDER BY seq LIMIT ?", tableId, after, limit).toArray();
  }

  fieldTexts(tableId: string, fieldId: string): [string, string][] {
    return this.storage.sql
      .exec<{ id: string; text: string }>("SELECT id, json_extract(cells, ?) AS text FROM records WHERE table_id = ? AND deleted_at IS NULL AND json_extract(cells, ?) IS NOT NULL ORDER BY seq", path(fieldId, "text"), tableId, path(fieldId, "text"))
      .toArray()
      .map((row) => [row.id, row.text]);
  }

  valueCounts(tableId: string, fieldId: string, parts: readonly string[]): { values: (string | number | null)[]; count: number }[] {
    checkParts(parts);
    const columns = parts.map((_, i) => `json_extract(cells, ?) AS p${i}`).join(", ");
    const groups = parts.map((_, i) => `p${i}`).join(", ");
    const rows = this.storage.sql
      .exec<Record<string, string | number | null>>(
        `SELECT ${columns}, count(*) AS n FROM records WHERE table_id = ? AND deleted_at IS NULL AND json_type(cells, ?) = 'object' GROUP BY ${groups}`,
        ...parts.map((p) => path(fieldId, `value.${p}`)), tableId, path(fieldId, "value"),
      )
      .toArray();
    return rows.map((row) => ({ values: parts.map((_, i) => row[`p${i}`] ?? null), count: Number(row.n) }));
  }

  linkedFrom(tableId: string, fieldId: string, targetIds: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    // Targets go in as bound parameters, a page at a time (SQLite allows 100 per statement).
    for (let i = 0; i < targetIds.length; i += 90) {
      const batch = targetIds.slice(i, i + 90);
      const rows = this.storage.sql.exec<{ id: string; target: string }>(
        `SELECT r.id AS id, j.value AS target FROM records r, json_each(r.cells, ?) j WHERE r.table_id = ? AND r.deleted_at IS NULL AND j.value IN (${batch.map(() => "?").join(", ")}) ORDER BY r.seq`,
        path(fieldId, "value"), tableId, ...batch,
      );
      for (const row of rows) result.set(row.target, [...(result.get(row.target) ?? []), row.id]);
    }
    return result;
  }

  /** Reads live records a batch at a time by creation order (from `range.after`, at most
   *  `range.limit` of them; all by default) and writes a batch's changed cells with one
   *  UPDATE … FROM json_each, keeping the not-understood counts. */
  recomputeField(tableId: string, fieldId: string, types: CellTypes, compute: (record: StoredRecord) => StoredCell | null | undefined, range?: RecomputeRange, reads?: readonly string[]): RecomputeProgress {
    journalOf(this.storage).table(tableId);
    let after = range?.after ?? -1;
    let left = range?.limit ?? Number.POSITIVE_INFINITY;
    let visited = 0;
    const at = path(fieldId);
    // Only the cells the computation reads (each as its JSON, by a bound path): a record's
    // other cells are neither sent nor parsed. Column names are ours (c0, c1…), never ids.
    const cols = reads && reads.length < 40 ? [...new Set([fieldId, ...reads])] : null;
    const select = cols
      ? `SELECT rowid AS rid, id, table_id, created_at, deleted_at, seq, ${cols.map((_, i) => `cells -> ? AS c${i}`).join(", ")} FROM records WHERE table_id = ? AND deleted_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`
      : "SELECT rowid AS rid, * FROM records WHERE table_id = ? AND deleted_at IS NULL AND seq > ? ORDER BY seq LIMIT ?";
    const paths = cols ? cols.map((id) => path(id)) : [];
    for (;;) {
      const size = Math.min(RECOMPUTE_BATCH, left);
      const rows = this.storage.sql.exec<Row & { seq: number; rid: number } & { [col: string]: string | number | null }>(select, ...paths, tableId, after, size).toArray();
      let delta = 0;
      // [row, new cell] for each record whose cell changes, and the rows whose cell becomes empty.
      const sets: [number, StoredCell][] = [];
      const removes: number[] = [];
      for (const row of rows) {
        const record = cols ? partial(row, cols) : decode(row);
        const next = compute(record);
        if (next === undefined) continue;
        delta += (next?.invalid !== undefined ? 1 : 0) - (record.cells[fieldId]?.invalid !== undefined ? 1 : 0);
        if (next === null) removes.push(row.rid);
        else sets.push([row.rid, withKey(next, types[fieldId])]);
      }
      // One statement a batch, rows found by rowid; each cell goes as JSON (`->` keeps it JSON).
      if (sets.length > 0) {
        this.storage.sql.exec("UPDATE records SET cells = json_set(cells, ?, w.value -> 1) FROM json_each(?) w WHERE records.rowid = w.value ->> 0", at, JSON.stringify(sets));
      }
      if (removes.length > 0) {
        this.storage.sql.exec("UPDATE records SET cells = json_remove(cells, ?) FROM json_each(?) w WHERE records.rowid = w.value", at, JSON.stringify(removes));
      }
      this.bump(tableId, fieldId, delta);
      visited += rows.length;
      left -= rows.length;
      if (rows.length > 0) after = rows[rows.length - 1]!.seq;
      if (rows.length < size) return { after, visited, done: true };
      if (left <= 0) return { after, visited, done: false };
    }
  }

  invalidCounts(tableId: string): { [fieldId: string]: number } {
    const counts: { [fieldId: string]: number } = {};
    for (const row of this.storage.sql.exec<{ field_id: string; n: number }>("SELECT field_id, n FROM record_stats WHERE table_id = ? AND field_id != '' AND n > 0", tableId)) {
      counts[row.field_id] = row.n;
    }
    return counts;
  }

}

// ---- whole-table work outside the RecordStore interface: this module owns `records` and
// `record_stats`; the trash (./trash.ts) erases and a backup (./backups.ts) restores here.

/** The JSON path of a field's cell (the id quoted, bound as a parameter). */
const cellPath = (fieldId: string) => `$."${fieldId.replace(/"/g, "")}"`;

/** One record's row as stored (what a view's SQL reads of it: ../schema/views/live-tallies.ts). */
export function storedRow(storage: Storage, tableId: string, recordId: string): StoredRow | undefined {
  return storage.sql.exec<StoredRow>("SELECT rowid, id, table_id, seq, created_at, deleted_at, cells FROM records WHERE table_id = ? AND id = ?", tableId, recordId).toArray()[0];
}

/** Erases a table's records and counts for good. */
export function eraseTableRows(storage: Storage, tableId: string): void {
  journalOf(storage).table(tableId);
  run(storage, "DELETE FROM records WHERE table_id = ?", tableId);
  run(storage, "DELETE FROM record_stats WHERE table_id = ?", tableId);
}

/** Erases one field's cells and counts for good. */
export function eraseFieldCells(storage: Storage, tableId: string, fieldId: string): void {
  journalOf(storage).table(tableId);
  run(storage, "UPDATE records SET cells = json_remove(cells, ?) WHERE table_id = ? AND json_extract(cells, ?) IS NOT NULL", cellPath(fieldId), tableId, cellPath(fieldId));
  run(storage, "DELETE FROM record_stats WHERE table_id = ? AND field_id = ?", tableId, fieldId);
}

/** Erases a table's records deleted before `before`; returns their ids, each with the seq of
 *  the change that added it (for the log to forget: ./change-log.ts). */
export function eraseDeletedRecords(storage: Storage, tableId: string, before: number): { id: string; createdSeq: number | null }[] {
  journalOf(storage).table(tableId);
  return storage.sql
    .exec<{ id: string; created_seq: number | null }>("DELETE FROM records WHERE table_id = ? AND deleted_at IS NOT NULL AND deleted_at < ? RETURNING id, created_seq", tableId, before)
    .toArray()
    .map((r) => ({ id: r.id, createdSeq: r.created_seq }));
}

/** A restored record, numbered `seq` in its table (counts: `rebuildRecordStats` after). */
export function insertRestoredRecord(storage: Storage, record: { id: string; tableId: string; createdAt: number; deletedAt: number | null; cells: Cells }, seq: number, types: CellTypes): void {
  journalOf(storage).table(record.tableId);
  storage.sql.exec("INSERT INTO records (id, table_id, seq, created_at, deleted_at, cells) VALUES (?, ?, ?, ?, ?, ?)",
    record.id, record.tableId, seq, record.createdAt, record.deletedAt, encode(record.cells, types));
}

/** The counts kept beside the records, computed afresh (as migration 3 builds them). */
export function rebuildRecordStats(storage: Storage): void {
  journalOf(storage).table(null);
  storage.sql.exec(`INSERT INTO record_stats (table_id, field_id, n)
    SELECT table_id, '', COUNT(*) FROM records WHERE deleted_at IS NULL GROUP BY table_id`);
  storage.sql.exec(`INSERT INTO record_stats (table_id, field_id, n)
    SELECT r.table_id, j.key, COUNT(*) FROM records r, json_each(r.cells) j
    WHERE r.deleted_at IS NULL AND json_extract(j.value, '$.invalid') IS NOT NULL GROUP BY r.table_id, j.key`);
}
