// The last errors this database's object saw (a request that answered 500, an alarm that
// threw, a socket message whose handling threw), kept in a small ring buffer for the
// operator view (./operator.ts). The message is cut short; nothing a person typed is added.
//
// Recording must stay cheap when errors come in floods (a socket sending frames that each
// fail): an error like the newest one (same place, same first line) within a minute is
// counted in memory and added to that row's `repeats` at most once a second — one small
// UPDATE, not an INSERT and a trim per error. A wake starts a new row.

import { first, type Storage } from "./sql";

/** How many errors are kept: older ones go as new ones come. */
export const RECENT_ERRORS = 50;
/** Errors alike within this long count on one row. */
const COALESCE_MS = 60_000;
/** A row's count is written at most this often (what happened since shows in `list`). */
const FLUSH_MS = 1_000;

export interface RecentError {
  at: number;
  place: string;
  reference: string;
  message: string;
  /** How many times it happened (the first and the ones like it after it). */
  repeats: number;
}

export class RecentErrors {
  /** The newest row and what is counted on it but not yet written. */
  private last: { id: number; signature: string; at: number; pending: number; writtenAt: number } | undefined;

  constructor(private readonly storage: Storage, private readonly now: () => number) {}

  /** Keeps an error (after the migrations ran: an object nobody signed up for keeps none).
   *  False when it was only counted on the row of one like it. */
  record(place: string, error: unknown, reference = ""): boolean {
    // The first line only (the stack is read when a row is written: a repeat costs no more).
    const head = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const signature = `${place.slice(0, 100)}\n${head.split("\n", 1)[0]!.slice(0, 300)}`;
    const now = this.now();
    try {
      const last = this.last;
      if (last && last.signature === signature && now - last.at < COALESCE_MS) {
        last.pending++;
        last.at = now;
        if (now - last.writtenAt >= FLUSH_MS) this.flush();
        return false;
      }
      this.flush();
      const message = error instanceof Error ? `${head}\n${error.stack ?? ""}` : head;
      const { sql } = this.storage;
      const row = first(sql.exec<{ id: number }>(
        "INSERT INTO recent_errors (at, place, reference, message) VALUES (?, ?, ?, ?) RETURNING id", now, place.slice(0, 100), reference.slice(0, 20), message.slice(0, 2_000),
      ));
      sql.exec("DELETE FROM recent_errors WHERE id <= ?", (row?.id ?? 0) - RECENT_ERRORS);
      this.last = row && { id: row.id, signature, at: now, pending: 0, writtenAt: now };
    } catch (failure) {
      console.error("recent errors", failure); // no storage yet, or storage itself failing
    }
    return true;
  }

  /** Writes the newest row's count so far. */
  private flush(): void {
    const last = this.last;
    if (!last || last.pending === 0) return;
    this.storage.sql.exec("UPDATE recent_errors SET repeats = repeats + ?, at = ? WHERE id = ?", last.pending, last.at, last.id);
    last.pending = 0;
    last.writtenAt = this.now();
  }

  /** Newest first, with what is counted but not yet written (reading writes nothing). */
  list(): RecentError[] {
    const rows = this.storage.sql.exec<{ id: number; at: number; place: string; reference: string; message: string; repeats: number }>(
      "SELECT id, at, place, reference, message, repeats FROM recent_errors ORDER BY id DESC",
    ).toArray();
    const last = this.last;
    return rows.map(({ id, ...row }) => (last && id === last.id && last.pending > 0 ? { ...row, at: last.at, repeats: row.repeats + last.pending } : { ...row }));
  }
}
