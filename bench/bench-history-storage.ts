// Bench-only (scenario 10, issue 16): the storage a database takes after many edits, with
// the change log compacted beyond 30 days as the alarm does it. One call is one simulated day:
// `edits` cell edits through the real action path (transactions of 5,000), their log rows
// dated within that day, then compaction with the clock at the day's end, 5,000 rows a pass
// until nothing is left beyond the window (what the alarm's repeated calls do). Returns the
// database's size and the log's rows afterwards. A day of many edits comes in several calls
// (`from` of `perDay`; one request of 11,000 edits made workerd drop the connection), the
// last of which compacts. Imported by bench/trove-entry.ts only.

import { History } from "../src/tenant-do/history";
import type { Tenant } from "../src/tenant-do/tenant";

const DAY = 86_400_000;
const RECORDS = 200;
const CHUNK = 5_000;

export interface StorageDay {
  /** Day 0 of the simulated time line (the harness keeps it for the whole run). */
  start: number;
  day: number;
  /** The day's edits before this call's, and in the whole day. */
  from: number;
  perDay: number;
  edits: number;
  tableId: string;
  /** The object's storage size (the platform's, not the engine's interface). */
  databaseSize: () => number;
}

export function historyStorageDay(tenant: Tenant, input: StorageDay): { bytes: number; logRows: number; indexRows: number; compacted: number } {
  const owner = tenant.accounts.members().find((m) => m.role === "owner");
  if (!owner) throw new Error("no owner: sign up first");
  const sql = tenant.storage.sql;
  const seqBefore = sql.exec<{ s: number | null }>("SELECT MAX(seq) AS s FROM changes").one().s ?? 0;
  for (let done = 0; done < input.edits; done += CHUNK) {
    tenant.storage.transactionSync(() => {
      for (let i = done; i < Math.min(input.edits, done + CHUNK); i++) {
        const n = input.day * input.perDay + input.from + i;
        const recordId = `r${String(n % RECORDS).padStart(7, "0")}`;
        const result = tenant.applyAction(owner, { kind: "setCell", tableId: input.tableId, recordId, fieldId: "fname", text: `Player ${n} of the storage bench` }, "grid");
        if (!result.ok) throw new Error(result.reason);
      }
    });
  }
  // The day's changes spread over that day of the simulated time line (seq order kept); the
  // database's making (sign-up, the table) happened at its start.
  const dayStart = input.start + input.day * DAY;
  if (input.day === 0) sql.exec("UPDATE changes SET at = ? WHERE seq <= ?", input.start, seqBefore);
  const spacing = Math.floor(DAY / Math.max(1, input.perDay));
  sql.exec("UPDATE changes SET at = ? + (? + seq - ?) * ? WHERE seq > ?", dayStart, input.from, seqBefore, spacing, seqBefore);
  const history = new History(tenant.storage, () => dayStart + DAY);
  let compacted = 0;
  const lastOfDay = input.from + input.edits >= input.perDay;
  while (lastOfDay) {
    const pass = history.compact();
    compacted += pass.removed;
    if (!pass.more) break;
  }
  const count = (table: string) => sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n;
  return { bytes: input.databaseSize(), logRows: count("changes"), indexRows: count("change_records"), compacted };
}
