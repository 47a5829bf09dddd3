// The last errors this database's object saw (a request that answered 500, an alarm that
// threw), kept in a small ring buffer for the operator view
// (./operator.ts). The message is cut short; nothing a person typed is added to it.

import type { Storage } from "./sql";

/** How many errors are kept: older ones go as new ones come. */
export const RECENT_ERRORS = 50;

export interface RecentError {
  at: number;
  place: string;
  reference: string;
  message: string;
}

export class RecentErrors {
  constructor(private readonly storage: Storage, private readonly now: () => number) {}

  /** Keeps an error (after the migrations ran: an object nobody signed up for keeps none). */
  record(place: string, error: unknown, reference = ""): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
    const { sql } = this.storage;
    try {
      sql.exec("INSERT INTO recent_errors (at, place, reference, message) VALUES (?, ?, ?, ?)", this.now(), place.slice(0, 100), reference.slice(0, 20), message.slice(0, 2_000));
      sql.exec("DELETE FROM recent_errors WHERE id <= (SELECT MAX(id) FROM recent_errors) - ?", RECENT_ERRORS);
    } catch (failure) {
      console.error("recent errors", failure); // no storage yet, or storage itself failing
    }
  }

  list(): RecentError[] {
    return this.storage.sql.exec<{ at: number; place: string; reference: string; message: string }>(
      "SELECT at, place, reference, message FROM recent_errors ORDER BY id DESC",
    ).toArray().map((row) => ({ ...row }));
  }
}
