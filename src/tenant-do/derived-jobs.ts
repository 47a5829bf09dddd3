// Recomputations of very many records, run by the alarm (issue 14): the job of
// ../schema/derived/background.ts kept in the meta table (read from SQLite each time, so
// it survives eviction and a rolled-back action takes its part of it back), a chunk per
// alarm event in its own transaction, progress pushed live on each table's
// `derived-progress:<table>` topic (and `constants`), and which cells of a page are still
// pending.

import type { Background } from "../schema/action-kit";
import { addToJob, type Job, progressOf, stepJob } from "../schema/derived/background";
import { deleteMetaRow, readMeta, writeMeta } from "./meta-store";
import type { Storage } from "./sql";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type DerivedJobsPort = Pick<Tenant, "document" | "records">;

const KEY = "derived_job";

/** From this many records a recomputation runs in the background. */
export const BACKGROUND_FROM = 5_000;
/** Records recomputed per alarm event: a moment's work, then other requests get their turn. */
export const CHUNK = 10_000;

export const progressTopic = (tableId: string) => `derived-progress:${tableId}`;

export class DerivedJobs {
  /** From how many records, and how many a chunk (tests make both small). */
  from = BACKGROUND_FROM;
  chunk = CHUNK;

  constructor(
    private readonly tenant: DerivedJobsPort,
    private readonly storage: Storage,
    private readonly scheduleAlarm: (at: number) => void,
    private readonly now: () => number,
  ) {}

  read(): Job {
    const value = readMeta(this.storage, KEY);
    if (value === undefined) return [];
    try {
      const job = JSON.parse(value) as unknown;
      return Array.isArray(job) ? (job as Job) : [];
    } catch {
      return [];
    }
  }

  private write(job: Job): void {
    if (job.length === 0) deleteMetaRow(this.storage, KEY);
    else writeMeta(this.storage, KEY, JSON.stringify(job));
  }

  /** What an action's document defers to: written in the action's transaction, and the
   *  alarm asked for (an alarm for a rolled-back action finds nothing new to do). */
  background(): Background {
    return {
      from: this.from,
      defer: (keys) => {
        const counts = this.tenant.records.counts();
        this.write(addToJob(this.read(), keys, (tableId) => counts.get(tableId) ?? 0));
        this.scheduleAlarm(this.now());
      },
    };
  }

  get running(): boolean {
    return this.read().length > 0;
  }

  /** One chunk, in one transaction; returns whether more is left (the caller asks for the
   *  alarm again) and the tables it touched. */
  step(budget = this.chunk): { more: boolean; tables: string[] } {
    const before = this.read();
    if (before.length === 0) return { more: false, tables: [] };
    const after = this.storage.transactionSync(() => {
      const doc = this.tenant.document();
      delete doc.background;
      const left = stepJob(doc, before, budget);
      this.write(left);
      return left;
    });
    const tables = [...new Set(before.map((f) => f.key.split("/")[0]!))];
    return { more: after.length > 0, tables };
  }

  /** How far a table's recomputation is, or null when none runs. */
  progress(tableId: string): { percent: number; fieldIds: string[] } | null {
    return progressOf(this.read(), tableId);
  }

  /** Of these records, "record/field" for each cell not recomputed yet. */
  pending(tableId: string, recordIds: readonly string[]): Set<string> {
    const out = new Set<string>();
    const fields = this.read().filter((f) => f.key.startsWith(`${tableId}/`));
    if (fields.length === 0 || recordIds.length === 0) return out;
    for (let i = 0; i < recordIds.length; i += 90) {
      const batch = recordIds.slice(i, i + 90);
      const rows = this.storage.sql.exec<{ id: string; seq: number }>(`SELECT id, seq FROM records WHERE table_id = ? AND id IN (${batch.map(() => "?").join(", ")})`, tableId, ...batch);
      for (const row of rows) for (const f of fields) if (row.seq > f.after) out.add(`${row.id}/${f.key.slice(tableId.length + 1)}`);
    }
    return out;
  }
}
