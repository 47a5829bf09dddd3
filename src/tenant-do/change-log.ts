// The change log (`changes`): every applied action with its inverse, who made it, and the
// two stacks each member walks with Undo and Redo, as in every editor.
//
// - The undo stack is the member's rows with `undone = 0`, newest first. Undo applies a
//   row's inverse, marks it undone, and logs what it applied as an undo row (history: it is
//   no one's undo stack).
// - The redo stack is the member's undo rows with `redoable = 1`, most recent undo first.
//   Redo applies an undo row's inverse (the inverse of the inverse, computed when the undo
//   was applied, so a soft delete comes back as a restore), clears its flag, and logs what
//   it applied as a new change, which Undo can take back again.
// - A new change by the member clears their redo stack (one UPDATE on a partial index).
// - A public form's submission (`form:<id>`) has no stack: it is logged with `undone = 1`.
// - `origin` points undo and redo rows at the change the member first made, so buttons and
//   notices name it ("Redo: create table “Venues”"), however often it went back and forth.
// - A record's creation (`addRecord`) is not in the by-record index (changes_by_record):
//   the record's row keeps the seq of the change that added it (`created_seq`, taken as
//   NEXT_CHANGE_SEQ when it is inserted, just before its change is written), so a public
//   form's submission writes one index entry fewer. Record history, the trash and erasing
//   find it through that seq (./history.ts).
// The migrations that add `origin` and `redoable`, and `created_seq`, are in ./migrations.ts.

import { type Action, forLog, isAction } from "../schema/actions";
import type { ChangeSource } from "../schema/history/describe";
import { first, run, type Storage } from "./sql";

/** A logged change that Undo or Redo can apply: `apply` is its inverse, `about` the change
 *  the member first made (for labels), `origin` that change's seq. */
export interface Reversible {
  seq: number;
  origin: number;
  about: Action;
  apply: Action;
}

/** How a row enters the log. */
export type Entry = { kind: "change" } | { kind: "history" } | { kind: "undo" | "redo"; origin: number };

type Row = { seq: number; origin: number | null; about: string; inverse: string };

/** The records a batch's parts touch, each once (nested batches included), and the records
 *  of its table an import into a table added or updated (and its undo or redo puts back). */
export function recordsIn(action: Action): string[] {
  const ids = new Set<string>();
  const walk = (a: Action) => {
    if (a.kind === "batch" || a.kind === "recordBatch") for (const part of a.actions) walk(part);
    else if (a.kind === "importRecords") for (const r of [...a.add, ...a.update]) ids.add(r.id);
    else if (a.kind === "setImported") {
      for (const group of a.records) if (group.tableId === a.tableId) for (const id of group.ids) ids.add(id);
      for (const c of a.cells) ids.add(c.recordId);
    } else if ("recordId" in a) ids.add(a.recordId);
  };
  walk(action);
  return [...ids];
}

/** The seq the next change written will take, as SQL (AUTOINCREMENT: one more than the
 *  highest ever given, which sqlite_sequence keeps even when those rows are gone). A record
 *  inserted by an action takes it as `created_seq`: the action's change is the next row. */
export const NEXT_CHANGE_SEQ = "(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0) + 1)";

/** A record's changes in the by-record index: every kind but its creation. The partial
 *  index's WHERE is repeated word for word, so SQLite uses it. */
export const BY_RECORD = "record_id = ? AND kind != 'addRecord'";

/** A record's creation, found through its row's `created_seq` (the record `?`; checked to be
 *  that record's `addRecord`, so a seq that means something else is never taken for it). */
export const CREATION_OF = "SELECT c.seq FROM records r JOIN changes c ON c.seq = r.created_seq WHERE r.id = ? AND c.record_id = r.id AND c.kind = 'addRecord'";

/** Kinds whose records are indexed in `change_records`. */
const MANY = new Set(["batch", "recordBatch", "importRecords", "setImported"]);

const PICK = "SELECT c.seq AS seq, c.origin AS origin, COALESCE(o.action, c.action) AS about, c.inverse AS inverse FROM changes c LEFT JOIN changes o ON o.seq = c.origin";

/** What a label needs of a step: no inverse (it can be as large as the step). */
const LABEL = "SELECT c.seq AS seq, COALESCE(o.action, c.action) AS about FROM changes c LEFT JOIN changes o ON o.seq = c.origin";

/** The top of a member's undo and redo stacks. */
const TOP = {
  undo: "WHERE c.user_id = ? AND c.undone = 0 ORDER BY c.seq DESC LIMIT 1",
  redo: "WHERE c.user_id = ? AND c.redoable = 1 ORDER BY c.seq DESC LIMIT 1",
} as const;

export class ChangeLog {
  /** The Undo and Redo labels last described, by "stack:member" (./stackLabel). */
  private readonly labels = new Map<string, { seq: number; about: string; context: object; label: string }>();
  /** Members known to have an empty redo stack since this object woke: their next change
   *  need not clear it (a cell edit then writes one row here, not an UPDATE and a row). Only
   *  `write` of an undo row makes a redo stack, and it takes the member out again. */
  private readonly noRedo = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** Writes one applied action. A member's new change clears their redo stack. `source`
   *  says where it came from (undo and redo rows say so themselves). */
  write(userId: string, action: Action, inverse: Action, entry: Entry, source: ChangeSource = ""): void {
    const { sql } = this.storage;
    if (entry.kind === "change" && !userId.startsWith("form:") && !this.noRedo.has(userId)) {
      // Remembered only when it found nothing to clear: a rollback of this transaction then
      // leaves the stack as empty as it was (had it cleared rows, a rollback would bring them back).
      if (run(this.storage, "UPDATE changes SET redoable = 0 WHERE user_id = ? AND redoable = 1", userId) === 0) this.noRedo.add(userId);
    }
    if (entry.kind === "undo") this.noRedo.delete(userId);
    // A public form's submission is no one's undo stack either: logged as already undone, it
    // stays out of the undo index (changes_undoable), which no `form:` writer ever reads. That
    // index row is what a submission saves for the two history adds (by table, by record).
    const undone = entry.kind === "history" || entry.kind === "undo" || (entry.kind === "change" && userId.startsWith("form:")) ? 1 : 0;
    const origin = entry.kind === "undo" || entry.kind === "redo" ? entry.origin : null;
    const recordId = "recordId" in action ? action.recordId : null;
    const values = [
      this.now(), userId, JSON.stringify(forLog(action)), JSON.stringify(inverse), undone, entry.kind === "undo" ? 1 : 0, origin,
      entry.kind === "undo" || entry.kind === "redo" ? entry.kind : source, action.tableId, recordId, action.kind,
    ];
    const insert = "INSERT INTO changes (at, user_id, action, inverse, undone, redoable, origin, source, table_id, record_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const touched = MANY.has(action.kind) ? recordsIn(action) : [];
    if (touched.length === 0) {
      sql.exec(insert, ...values);
      return;
    }
    // A batch (paste, bulk delete, restore to a moment) or an import into a table: each record
    // it touched can find it.
    const { seq } = sql.exec<{ seq: number }>(`${insert} RETURNING seq`, ...values).one();
    sql.exec("INSERT OR IGNORE INTO change_records (record_id, seq) SELECT value, ? FROM json_each(?)", seq, JSON.stringify(touched));
  }

  /** The member's last change that can still be undone. */
  lastUndoable(userId: string): Reversible | undefined {
    return this.pick(`${PICK} ${TOP.undo}`, userId);
  }

  /** The member's most recent undo that can still be redone. */
  lastRedoable(userId: string): Reversible | undefined {
    return this.pick(`${PICK} ${TOP.redo}`, userId);
  }

  /** What the Undo or Redo button says: `describe` of the top of the member's stack. Every
   *  page render asks, so the label is kept with the row it describes (its seq and logged
   *  text) and `context` (the schema it was described against), and the logged JSON is
   *  parsed again only when one of them moved; the inverse is not read (issue 17). */
  stackLabel(userId: string, stack: "undo" | "redo", context: object, describe: (about: Action) => string): string | undefined {
    const row = first(this.storage.sql.exec<{ seq: number; about: string }>(`${LABEL} ${TOP[stack]}`, userId));
    const key = `${stack}:${userId}`;
    if (!row) {
      this.labels.delete(key);
      return undefined;
    }
    const kept = this.labels.get(key);
    if (kept && kept.seq === row.seq && kept.about === row.about && kept.context === context) return kept.label;
    // Only the step described is read (Undo itself reads and checks the inverse too).
    const about: unknown = JSON.parse(row.about);
    const label = isAction(about) ? describe(about) : undefined;
    if (label === undefined) this.labels.delete(key);
    else this.labels.set(key, { seq: row.seq, about: row.about, context, label });
    return label;
  }

  /** The change was undone: off the undo stack. */
  markUndone(seq: number): void {
    this.storage.sql.exec("UPDATE changes SET undone = 1 WHERE seq = ?", seq);
  }

  /** The undo was redone: off the redo stack. */
  markRedone(seq: number): void {
    this.storage.sql.exec("UPDATE changes SET redoable = 0 WHERE seq = ?", seq);
  }

  private pick(query: string, userId: string): Reversible | undefined {
    const row = first(this.storage.sql.exec<Row>(query, userId));
    return row && reversibleOf(row);
  }
}

function reversibleOf(row: Row): Reversible | undefined {
  const about: unknown = JSON.parse(row.about);
  const apply: unknown = JSON.parse(row.inverse);
  return isAction(about) && isAction(apply) ? { seq: row.seq, origin: row.origin ?? row.seq, about, apply } : undefined;
}

// ---- forgetting: this module owns `changes` and `change_records`; history (./history.ts)
// reads them and asks for these when it compacts, and the trash when it erases for good.

/** Compaction: every change up to `last` goes; returns how many. */
export function dropChangesThrough(storage: Storage, last: number): number {
  const removed = run(storage, "DELETE FROM changes WHERE seq <= ?", last);
  run(storage, "DELETE FROM change_records WHERE seq <= ?", last);
  return removed;
}

export function forgetTableChanges(storage: Storage, tableId: string): void {
  run(storage, "DELETE FROM change_records WHERE seq IN (SELECT seq FROM changes WHERE table_id = ?)", tableId);
  run(storage, "DELETE FROM changes WHERE table_id = ?", tableId);
}

/** Deletes the changes about these records alone (each with the seq of its creation, from
 *  its row: `createdSeq`); returns the steps of many parts that held them among others'
 *  (their `change_records` rows go too), for the caller to rewrite. */
export function forgetRecordChanges(storage: Storage, records: readonly { id: string; createdSeq: number | null }[]): number[] {
  const seqs: number[] = [];
  for (const { id, createdSeq } of records) {
    run(storage, `DELETE FROM changes WHERE ${BY_RECORD}`, id);
    if (createdSeq !== null) run(storage, "DELETE FROM changes WHERE seq = ? AND record_id = ? AND kind = 'addRecord'", createdSeq, id);
    for (const row of storage.sql.exec<{ seq: number }>("SELECT seq FROM change_records WHERE record_id = ?", id)) seqs.push(row.seq);
    run(storage, "DELETE FROM change_records WHERE record_id = ?", id);
  }
  return seqs;
}

/** Deletes the changes about a field alone, and its value from the new records logged. */
export function forgetFieldChanges(storage: Storage, tableId: string, fieldId: string): void {
  run(storage, "DELETE FROM changes WHERE table_id = ? AND (json_extract(action, '$.fieldId') = ? OR json_extract(action, '$.field.id') = ?)", tableId, fieldId, fieldId);
  const path = `$.cells."${fieldId.replace(/"/g, "")}"`;
  run(storage, "UPDATE changes SET action = json_remove(action, ?) WHERE table_id = ? AND kind = 'addRecord' AND json_extract(action, ?) IS NOT NULL", path, tableId, path);
}

/** A logged step rewritten (what is erased for good taken out of it). */
export function rewriteChange(storage: Storage, seq: number, action: string, inverse: string): void {
  run(storage, "UPDATE changes SET action = ?, inverse = ? WHERE seq = ?", action, inverse, seq);
}

export function forgetChangesBySeq(storage: Storage, seqs: readonly number[]): void {
  for (const seq of seqs) {
    run(storage, "DELETE FROM changes WHERE seq = ?", seq);
    run(storage, "DELETE FROM change_records WHERE seq = ?", seq);
  }
}

/** Every logged change that adds, updates or deletes one form or view (erased for good). */
export function forgetDefinitionChanges(storage: Storage, kind: "form" | "view", id: string): void {
  const Kind = kind === "form" ? "Form" : "View";
  run(
    storage,
    `DELETE FROM changes WHERE kind IN ('add${Kind}', 'update${Kind}', 'delete${Kind}') AND (json_extract(action, '$.${kind}.id') = ? OR json_extract(action, '$.${kind}Id') = ?)`,
    id, id,
  );
}
