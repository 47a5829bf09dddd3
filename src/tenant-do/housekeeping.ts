// What the object's alarm does while nobody asks: forget idle sessions and sign-ins, expired
// form counters and staged imports, erase the trash beyond 30 days, compact the change log,
// refresh derived fields that read "today", and notice that a deletion is due. Each step
// asks for the alarm again when it has more to do.

import { nextRefresh, refreshToday, todayFields } from "../schema/derived/today";
import { ACTIVITY_TOPIC, HISTORY_MS } from "./history";
import { saveSchema } from "./schema-store";
import type { Tenant, TenantEnvironment } from "./tenant";
import { DAY } from "./time";

/** What this part uses of the engine (./tenant.ts): its port. */
export type HousekeepingPort = Pick<
  Tenant,
  "accounts" | "adopt" | "alarms" | "derivedJobs" | "document" | "errors" | "forms" | "history" |
  "importJobs" | "imports" | "initialised" | "lifecycle" | "live" | "schema" | "sessionStore" |
  "sessionTtlMs" | "timeZone" | "trash"
>;
/** While a job runs, how often the rest of the housekeeping runs between its chunks. */
const SWEEP_EVERY = 60_000;

export class Housekeeping {
  /** When the whole housekeeping last ran (in memory: a woken object runs it at once). */
  private lastSweep: number | undefined;

  constructor(
    private readonly tenant: HousekeepingPort,
    private readonly env: TenantEnvironment,
  ) {}

  /** Erases from the trash for good what was deleted before `before` (not undoable: the
   *  log forgets it too). Returns how many things went. */
  eraseTrash(before: number): number {
    const erased = this.env.storage.transactionSync(() => {
      const result = this.tenant.trash.erase(this.tenant.schema, before);
      if (result.count > 0) saveSchema(this.env.storage, this.tenant.schema, result.schema);
      return result;
    });
    if (erased.count > 0) {
      this.tenant.adopt(erased.schema);
      this.tenant.live.broadcastSoon(["tables", "forms", ACTIVITY_TOPIC, ...erased.schema.tables.flatMap((t) => [`table:${t.id}`, `records:${t.id}`])]);
    }
    return erased.count;
  }

  /** Derived fields that read "today" or "now": recomputed by the alarm, which then asks
   *  to run again at the next midnight in the database's zone (an alarm may fire twice:
   *  recomputing again changes nothing). */
  refreshDerivedToday(): void {
    const doc = this.tenant.document();
    if (todayFields(doc).length === 0) return;
    const tables = this.env.storage.transactionSync(() => refreshToday(doc));
    this.tenant.live.broadcastSoon(tables.map((t) => `records:${t}`));
    this.scheduleTodayRefresh();
  }

  /** One chunk of a background recomputation (./derived-jobs.ts), its progress pushed to
   *  the pages showing its tables; true when more is left (the alarm is asked again). */
  recomputeStep(): boolean {
    const { more, tables } = this.tenant.derivedJobs.step();
    if (tables.length === 0) return false;
    if (more) this.env.scheduleAlarm(this.env.now());
    this.tenant.live.broadcastSoon(["constants", ...tables.flatMap((t) => [`records:${t}`, `table:${t}`])]);
    return more;
  }

  /** Asks the alarm for the next midnight when some derived field reads today (the next
   *  full hour when one reads now). */
  scheduleTodayRefresh(): void {
    const at = nextRefresh({ schema: this.tenant.schema }, this.env.now(), this.tenant.timeZone);
    if (at !== null) this.env.scheduleAlarm(at + 1000);
  }

  /** The platform's alarm fired: runs `expire`; an error is kept for the operator and
   *  thrown on (the platform retries the alarm). */
  alarm(): { erase?: true } {
    this.tenant.alarms.ran();
    try {
      return this.expire();
    } catch (error) {
      this.tenant.errors.record("alarm", error);
      throw error;
    }
  }

  /** The alarm: forgets sessions and sign-ins idle for longer than the database allows.
   *  `erase`: the database's deletion is due, and the shell erases all of its storage. */
  expire(): { sessions: number; logins: number; erase?: true } {
    if (!this.tenant.initialised) return { sessions: 0, logins: 0 };
    if (this.tenant.lifecycle.deletionDue()) return { sessions: 0, logins: 0, erase: true };
    // Imports first, a slice at a time; then a chunk of a recomputation of many records.
    // While either has more, the alarm comes again at once, and the rest of the
    // housekeeping runs at most once a minute in between, so a long job never starves it.
    const importing = this.tenant.importJobs.step();
    if (importing) this.env.scheduleAlarm(this.env.now());
    const deletion = this.tenant.lifecycle.deletionAt();
    if (deletion !== undefined) this.env.scheduleAlarm(deletion);
    const recomputing = !importing && this.recomputeStep();
    if ((importing || recomputing) && this.lastSweep !== undefined && this.env.now() - this.lastSweep < SWEEP_EVERY) return { sessions: 0, logins: 0 };
    this.lastSweep = this.env.now();
    const cutoff = this.env.now() - this.tenant.sessionTtlMs;
    const sessions = this.tenant.live.expire(cutoff);
    const logins = this.tenant.accounts.expireLogins(this.tenant.sessionTtlMs);
    const counter = this.tenant.forms.expire();
    const staged = this.tenant.imports.expire();
    if (staged !== undefined) this.env.scheduleAlarm(staged + DAY + 1000);
    const throttle = this.tenant.accounts.expireAnonymous();
    if (throttle !== undefined) this.env.scheduleAlarm(throttle + 1000);
    if (counter !== undefined) this.env.scheduleAlarm(counter + 1000);
    // History: the trash keeps 30 days, the log is compacted beyond them (a batch a time).
    this.eraseTrash(this.env.now() - HISTORY_MS);
    this.tenant.importJobs.journal.expire(this.env.now() - HISTORY_MS);
    const compacted = this.tenant.history.compact();
    if (compacted.more) this.env.scheduleAlarm(this.env.now() + 1000);
    this.refreshDerivedToday();
    const remaining = this.tenant.sessionStore.count();
    if (remaining > 0 || this.tenant.history.oldest() !== undefined) this.env.scheduleAlarm(this.env.now() + DAY);
    return { sessions, logins };
  }
}
