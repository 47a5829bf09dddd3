// The import journal (issue 15): what a streamed import into an existing table did, record
// by record — each record it added, and each record it updated with the cells it had before
// — so that the whole import, however many chunks its job wrote, is ONE undo step: the
// change log keeps a small `setImported` naming the job, and undoing it reads the journal a
// page at a time (../schema/import/import-records-action.ts). Undo and Redo swap the kept
// cells with the record's. A job taken back stops (`present`). Entries go with the change
// log's history window (HISTORY_MS): an import older than that can no longer be undone.

import type { ImportJournal, JournalEntry } from "../schema/action-kit";
import type { StoredCell } from "../schema/values";
import { first, type Storage } from "./sql";

type Cells = { [fieldId: string]: StoredCell | null };

export class SqlImportJournal implements ImportJournal {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** Starts a job's journal (in the transaction of the action that starts the import). */
  begin(jobId: string): void {
    this.storage.sql.exec("INSERT OR REPLACE INTO import_journal_jobs (job_id, present, created_at) VALUES (?, 1, ?)", jobId, this.now());
  }

  /** Notes records a chunk added. */
  added(jobId: string, tableId: string, recordIds: readonly string[]): void {
    for (const id of recordIds) this.storage.sql.exec("INSERT OR IGNORE INTO import_journal (job_id, pos, table_id, record_id, cells) VALUES (?, (SELECT COALESCE(MAX(pos), -1) + 1 FROM import_journal WHERE job_id = ?), ?, ?, NULL)", jobId, jobId, tableId, id);
  }

  /** Notes a record a chunk updated, with its cells as they were: the first time kept, a
   *  later update of other fields adding their earlier cells (an added record stays added). */
  updated(jobId: string, tableId: string, recordId: string, before: Cells): void {
    const { sql } = this.storage;
    const row = first(sql.exec<{ pos: number; cells: string | null }>("SELECT pos, cells FROM import_journal WHERE job_id = ? AND record_id = ?", jobId, recordId));
    if (!row) {
      sql.exec("INSERT INTO import_journal (job_id, pos, table_id, record_id, cells) VALUES (?, (SELECT COALESCE(MAX(pos), -1) + 1 FROM import_journal WHERE job_id = ?), ?, ?, ?)", jobId, jobId, tableId, recordId, JSON.stringify(before));
      return;
    }
    if (row.cells === null) return;
    const kept = JSON.parse(row.cells) as Cells;
    let grew = false;
    for (const [fieldId, cell] of Object.entries(before)) {
      if (fieldId in kept) continue;
      kept[fieldId] = cell;
      grew = true;
    }
    if (grew) this.swap(jobId, row.pos, kept);
  }

  page(jobId: string, after: number, limit: number): JournalEntry[] {
    return this.storage.sql
      .exec<{ pos: number; table_id: string; record_id: string; cells: string | null }>("SELECT pos, table_id, record_id, cells FROM import_journal WHERE job_id = ? AND pos > ? ORDER BY pos LIMIT ?", jobId, after, limit)
      .toArray()
      .map((r) => ({ pos: r.pos, tableId: r.table_id, recordId: r.record_id, cells: r.cells === null ? null : (JSON.parse(r.cells) as Cells) }));
  }

  swap(jobId: string, pos: number, cells: Cells): void {
    this.storage.sql.exec("UPDATE import_journal SET cells = ? WHERE job_id = ? AND pos = ?", JSON.stringify(cells), jobId, pos);
  }

  setPresent(jobId: string, present: boolean): void {
    this.storage.sql.exec("UPDATE import_journal_jobs SET present = ? WHERE job_id = ?", present ? 1 : 0, jobId);
  }

  /** Whether the job's import is there (not undone); undefined for a job with no journal. */
  present(jobId: string): boolean | undefined {
    const row = first(this.storage.sql.exec<{ present: number }>("SELECT present FROM import_journal_jobs WHERE job_id = ?", jobId));
    return row && row.present === 1;
  }

  /** Records the job added and updated so far. */
  counts(jobId: string): { added: number; updated: number } {
    const row = this.storage.sql.exec<{ added: number; updated: number }>("SELECT COALESCE(SUM(cells IS NULL), 0) AS added, COALESCE(SUM(cells IS NOT NULL), 0) AS updated FROM import_journal WHERE job_id = ?", jobId).one();
    return { added: row.added, updated: row.updated };
  }

  /** Drops the journals of imports started before `before` (past undoing). */
  expire(before: number): void {
    const old = this.storage.sql.exec<{ job_id: string }>("SELECT job_id FROM import_journal_jobs WHERE created_at < ?", before).toArray();
    for (const { job_id } of old) {
      this.storage.sql.exec("DELETE FROM import_journal WHERE job_id = ?", job_id);
      this.storage.sql.exec("DELETE FROM import_journal_jobs WHERE job_id = ?", job_id);
    }
  }
}

// ---- forgetting (the trash emptied: ./trash.ts): what is erased for good leaves the journal
// too, as it leaves the change log (an undo then skips what is gone).

export function forgetJournalTable(storage: Storage, tableId: string): void {
  storage.sql.exec("DELETE FROM import_journal WHERE table_id = ?", tableId);
}

export function forgetJournalField(storage: Storage, tableId: string, fieldId: string): void {
  storage.sql.exec("UPDATE import_journal SET cells = json_remove(cells, ?) WHERE table_id = ? AND cells IS NOT NULL", `$."${fieldId}"`, tableId);
}

export function forgetJournalRecords(storage: Storage, tableId: string, recordIds: readonly string[]): void {
  for (const id of recordIds) storage.sql.exec("DELETE FROM import_journal WHERE table_id = ? AND record_id = ?", tableId, id);
}
