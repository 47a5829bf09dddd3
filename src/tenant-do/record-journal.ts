// What changed in a database's records lately, in memory: a cell edit names its record and
// fields; anything else (records added, deleted, restored, erased, a field rewritten or
// recomputed) names only its table, or nothing ("all"). A view's page kept from an earlier
// render (./view-cache.ts) asks what changed since, to know whether it still holds. Kept per
// storage (a WeakMap: objects of one isolate never share it); bounded, and anything older
// than what it keeps reads as "all". Over-telling is safe (a rolled-back edit is re-read);
// every write of `records` goes through ./sql-records.ts, which tells it. While a kept view
// of a table may adjust its tallies in place (`keepsRows`), a cell edit there also keeps the
// record's stored row as it was before (`before`), so the view can take the record's old
// contribution out; edits in other tables read nothing more.

import type { StoredRow } from "../schema/views/live-tallies";
import type { Storage } from "./sql";

export type RecordChange = { tableId: string | null; recordId: string | null; fields: readonly string[] | null; before?: StoredRow };

/** At most this many changes are kept: a view kept from before them reads "all". */
const KEEP = 256;

export class RecordJournal {
  version = 0;
  /** The tables whose cell edits keep the stored row as it was (a kept view of the table
   *  adjusts its tallies by it). */
  readonly keepsRows = new Set<string>();
  private readonly changes: (RecordChange & { version: number })[] = [];

  /** Cells `fields` of one record changed; `before`: its stored row before the change. */
  cells(tableId: string, recordId: string, fields: readonly string[], before?: StoredRow): void {
    this.push({ tableId, recordId, fields, ...(before && { before }) });
  }

  /** Anything in a table's records (or, `tableId` null, in any table's) changed. */
  table(tableId: string | null): void {
    this.push({ tableId, recordId: null, fields: null });
  }

  /** What changed after `version`: "all" when that is no longer known. */
  since(version: number): RecordChange[] | "all" {
    if (version === this.version) return [];
    const oldest = this.changes[0]?.version ?? this.version + 1;
    if (version < oldest - 1) return "all";
    return this.changes.filter((c) => c.version > version);
  }

  private push(change: RecordChange): void {
    this.version++;
    this.changes.push({ ...change, version: this.version });
    if (this.changes.length > KEEP) this.changes.splice(0, this.changes.length - KEEP);
  }
}

const journals = new WeakMap<Storage, RecordJournal>();

/** The journal of one object's records. */
export function journalOf(storage: Storage): RecordJournal {
  let journal = journals.get(storage);
  if (!journal) {
    journal = new RecordJournal();
    journals.set(storage, journal);
  }
  return journal;
}
