// Reading the change log back as history (issue 16): the activity feed (filtered by table,
// member, structure only; paged by seq), one record's changes, the last deletion of a thing
// (who and when, for the trash), the log since a moment (point-in-time), and compaction —
// rows older than the history window go, so the log stays bounded. The log itself is
// written by ./change-log.ts; the columns read here come from migration 11.

import { type Action, isAction } from "../schema/actions";
import { CHANGE_SOURCES, type ChangeSource, type LoggedChange } from "../schema/history/describe";
import { type Erased, withoutErased } from "../schema/history/forget";
import { partsAbout } from "../schema/history/parts";
import { BY_RECORD, CREATION_OF, dropChangesThrough, forgetChangesBySeq, forgetDefinitionChanges, forgetFieldChanges, forgetRecordChanges, forgetTableChanges, rewriteChange } from "./change-log";
import { first, type Storage } from "./sql";
import { DAY } from "./time";

/** The topic of the activity feed: every change touches it. */
export const ACTIVITY_TOPIC = "activity";

/** How long history, the trash and point-in-time restore reach back. */
export const HISTORY_DAYS = 30;
export const HISTORY_MS = HISTORY_DAYS * DAY;

export interface HistoryFilter {
  tableId?: string;
  recordId?: string;
  userId?: string;
  /** Only changes to structure (tables, fields, forms, views), not to records. */
  structure?: boolean;
  /** Only rows before this seq (the next page). */
  before?: number;
  limit: number;
}

type Row = { seq: number; at: number; user_id: string; source: string; action: string; inverse: string; undone: number };

const COLUMNS = "seq, at, user_id, source, action, inverse, undone";

/** The seqs of one record's changes (the record's id bound three times): its own by the
 *  index, the steps of many parts that touched it, and its creation. */
export const RECORD_SEQS = `seq IN (SELECT seq FROM changes WHERE ${BY_RECORD} UNION ALL SELECT seq FROM change_records WHERE record_id = ? UNION ALL ${CREATION_OF})`;

/** The WHERE of the partial index changes_deletions (migration 11), repeated word for word
 *  so that SQLite uses it. */
const DELETIONS = "kind IN ('deleteTable', 'deleteField', 'deleteRecord', 'deleteForm', 'deleteView')";

/** A logged step's action and inverse, or undefined when either is not an action (any more). */
function actions(row: { action: string; inverse: string }): { action: Action; inverse: Action } | undefined {
  let action: unknown;
  let inverse: unknown;
  try {
    action = JSON.parse(row.action);
    inverse = JSON.parse(row.inverse);
  } catch {
    return undefined;
  }
  return isAction(action) && isAction(inverse) ? { action, inverse } : undefined;
}

function parse(row: Row): LoggedChange | undefined {
  const pair = actions(row);
  if (!pair) return undefined;
  const { action, inverse } = pair;
  const source = CHANGE_SOURCES.find((s) => s === row.source) ?? "";
  // Sample rows, undo rows and form submissions are logged as already undone (no one's undo
  // stack): they were not "taken back".
  const undone = row.undone === 1 && source !== "undo" && source !== "sample" && !row.user_id.startsWith("form:");
  return { seq: row.seq, at: row.at, userId: row.user_id, source, action, inverse, undone };
}

export class History {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** Changes, newest first. Every condition is a fixed piece of SQL with a bound value. */
  read(filter: HistoryFilter): LoggedChange[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (filter.tableId !== undefined) {
      where.push("table_id = ?");
      values.push(filter.tableId);
    }
    if (filter.recordId !== undefined) {
      // Its own changes, the batches that touched it (migration 15) and its creation (from its
      // row's created_seq): three index lookups.
      where.push(RECORD_SEQS);
      values.push(filter.recordId, filter.recordId, filter.recordId);
    }
    if (filter.userId !== undefined) {
      where.push("user_id = ?");
      values.push(filter.userId);
    }
    if (filter.structure) where.push("record_id IS NULL");
    if (filter.before !== undefined) {
      where.push("seq < ?");
      values.push(filter.before);
    }
    const query = `SELECT ${COLUMNS} FROM changes${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
    const rows = this.storage.sql.exec<Row>(query, ...values, Math.max(1, Math.min(filter.limit, 500))).toArray();
    return rows.map(parse).filter((c): c is LoggedChange => c !== undefined);
  }

  /** One logged change by its seq. */
  get(seq: number): LoggedChange | undefined {
    const row = first(this.storage.sql.exec<Row>(`SELECT ${COLUMNS} FROM changes WHERE seq = ?`, seq));
    return row && parse(row);
  }

  /** The latest deletion of kind `kind` in a table whose action matches `matches` (who
   *  deleted a table, field or record, and when). */
  lastDeletion(kind: "deleteTable" | "deleteField" | "deleteRecord", tableId: string, matches: (action: Action) => boolean, recordId?: string): LoggedChange | undefined {
    if (recordId !== undefined) {
      // Deleted alone, or with others in one step (a bulk delete: a batch that touched it).
      const rows = this.storage.sql.exec<Row>(
        `SELECT ${COLUMNS} FROM changes WHERE seq IN (SELECT seq FROM changes WHERE record_id = ?1 AND kind != 'addRecord' AND kind = ?2 UNION ALL SELECT seq FROM change_records WHERE record_id = ?1) ORDER BY seq DESC LIMIT 20`,
        recordId, kind,
      ).toArray();
      for (const row of rows) {
        const change = parse(row);
        if (change && partsAbout(change, recordId).some((p) => p.action.kind === kind && matches(p.action))) return change;
      }
      return undefined;
    }
    const rows = this.storage.sql.exec<Row>(`SELECT ${COLUMNS} FROM changes WHERE ${DELETIONS} AND kind = ? AND table_id = ? ORDER BY seq DESC LIMIT 20`, kind, tableId);
    for (const row of rows) {
      const change = parse(row);
      if (change && matches(change.action)) return change;
    }
    return undefined;
  }

  /** Form and view deletions of the last `HISTORY_DAYS`, newest first (their definitions are
   *  in the inverses: a deleted form or view lives on only in the log). */
  formAndViewDeletions(): LoggedChange[] {
    const since = this.now() - HISTORY_MS;
    const rows = this.storage.sql.exec<Row>(
      `SELECT ${COLUMNS} FROM changes WHERE ${DELETIONS} AND kind IN ('deleteForm', 'deleteView') AND at >= ? ORDER BY seq DESC LIMIT 500`, since,
    ).toArray();
    return rows.map(parse).filter((c): c is LoggedChange => c !== undefined);
  }

  /** Every change after `at`, oldest first, optionally only those about one table; `limit`
   *  bounds the work (point-in-time restore refuses beyond it). */
  since(at: number, limit: number, tableId?: string): LoggedChange[] | "too many" {
    const start = first(this.storage.sql.exec<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM changes WHERE at <= ?", at))?.seq ?? 0;
    const rows = tableId === undefined
      ? this.storage.sql.exec<Row>(`SELECT ${COLUMNS} FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, start, limit + 1).toArray()
      : this.storage.sql.exec<Row>(`SELECT ${COLUMNS} FROM changes WHERE table_id = ? AND seq > ? ORDER BY seq LIMIT ?`, tableId, start, limit + 1).toArray();
    if (rows.length > limit) return "too many";
    const changes = rows.map(parse);
    return changes.every((c) => c !== undefined) ? (changes as LoggedChange[]) : "too many";
  }

  /** When the history starts (the oldest change kept), or undefined for an empty log. */
  oldest(): number | undefined {
    return first(this.storage.sql.exec<{ at: number | null }>("SELECT at FROM changes ORDER BY seq LIMIT 1"))?.at ?? undefined;
  }

  /** The import that made the table `tableId`, while the log still has it: a table's first
   *  change, so the index finds it at once. */
  importOf(tableId: string): LoggedChange | undefined {
    const row = first(this.storage.sql.exec<Row>(`SELECT ${COLUMNS} FROM changes WHERE table_id = ? AND kind = 'importTable' ORDER BY seq LIMIT 1`, tableId));
    return row && parse(row);
  }

  /** Compaction: changes older than the history window go, at most `batch` rows a call (the
   *  alarm calls again while there is more). Undo reaches no further back than history. */
  compact(batch = 5000): { removed: number; more: boolean } {
    const cutoff = this.now() - HISTORY_MS;
    // The first change inside the window: everything before it goes (a scan of old rows only).
    const edge = first(this.storage.sql.exec<{ seq: number }>("SELECT seq FROM changes WHERE at >= ? ORDER BY seq LIMIT 1", cutoff))?.seq ?? Number.MAX_SAFE_INTEGER;
    const last = first(this.storage.sql.exec<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM (SELECT seq FROM changes WHERE seq < ? ORDER BY seq LIMIT ?)", edge, batch))?.seq;
    if (last == null) return { removed: 0, more: false };
    const removed = dropChangesThrough(this.storage, last);
    return { removed, more: removed >= batch };
  }

  /** Removes every logged change about things that are erased for good (the trash emptied):
   *  nothing of them stays in the log either. */
  forgetTable(tableId: string): void {
    forgetTableChanges(this.storage, tableId);
  }

  /** Erases records of `tableId` from the log (each with its row's `created_seq`, read
   *  before the row went): the changes about one of them alone go, and
   *  every step that held their values among others' (a paste, a bulk delete, a restore to a
   *  moment: found through `change_records`; an import into the table and its undo) is
   *  rewritten without them (../schema/history/forget.ts), or goes when nothing else is left. */
  forgetRecords(tableId: string, records: readonly { id: string; createdSeq: number | null }[]): void {
    if (records.length === 0) return;
    const seqs = new Set(forgetRecordChanges(this.storage, records));
    this.rewrite(tableId, seqs, { records: new Set(records.map((r) => r.id)), fields: new Set() });
  }

  /** Erases a field of `tableId` from the log: the changes about it alone go, the new records
   *  logged with a value for it lose that value, and the steps of many parts lose its parts. */
  forgetField(tableId: string, fieldId: string): void {
    forgetFieldChanges(this.storage, tableId, fieldId);
    this.rewrite(tableId, new Set(), { records: new Set(), fields: new Set([fieldId]) });
  }

  forgetDefinition(kind: "form" | "view", id: string): void {
    forgetDefinitionChanges(this.storage, kind, id);
  }

  /** Rewrites the logged steps `seqs`, and the table's steps of many parts (few rows: pastes,
   *  bulk deletes, imports and their undos, restores), without what is erased. */
  private rewrite(tableId: string, seqs: Set<number>, erased: Erased): void {
    const many = this.storage.sql.exec<{ seq: number }>("SELECT seq FROM changes WHERE table_id = ? AND kind IN ('recordBatch', 'batch', 'importRecords', 'setImported')", tableId);
    for (const row of many) seqs.add(row.seq);
    for (const seq of seqs) {
      const row = first(this.storage.sql.exec<{ action: string; inverse: string }>("SELECT action, inverse FROM changes WHERE seq = ?", seq));
      const pair = row && actions(row);
      if (!pair) continue;
      const left = withoutErased(pair, erased);
      if (!left) this.forgetSeqs([seq]);
      else {
        const next = { action: JSON.stringify(left.action), inverse: JSON.stringify(left.inverse) };
        if (next.action !== row.action || next.inverse !== row.inverse) rewriteChange(this.storage, seq, next.action, next.inverse);
      }
    }
  }

  forgetSeqs(seqs: readonly number[]): void {
    forgetChangesBySeq(this.storage, seqs);
  }
}

export type { ChangeSource };
