// Imports as resumable jobs. Starting one applies the importTable action (the table and its
// fields, no records: one change in the log, so one Undo deletes the table with every row
// the job added) and writes the job's row in the same transaction. The rows then go in a
// chunk (IMPORT_CHUNK) at a time, each chunk in one transaction with the job's progress, so
// a chunk is applied exactly once whatever happens between two (eviction, restart, an alarm
// that fires twice). The first chunk runs in the request that started the job (an import of
// up to one chunk is done when the page answers; a bigger one answers at once with its
// progress bar); the rest run in the alarm, a bounded slice at a time so the database keeps
// answering meanwhile. Progress goes to open pages by topic.
// A job stops when cancelled, when its table was undone or deleted, or when its staged text
// is gone; the report says how far it got.

import type { Outcome } from "../schema/errors";
import type { Json } from "../schema/fields/field-type";
import type { FieldTypeName } from "../schema/fields/registry";
import { type ChunkCache, chunkRecords, IMPORT_CHUNK, type ImportJobView, type ImportPlan, type JobState, jobReport, planImportJob } from "../schema/import/job";
import type { ImportSettings } from "../schema/import/plan";
import type { Member } from "../schema/members";
import { type ReadState, startState } from "../schema/import/stream";
import { apply } from "../schema/actions";
import type { ImportRecordsAction } from "../schema/import/import-records-action";
import { emptyTally, intoChunkAction, type IntoJobPlan, intoReport, type IntoTally, isIntoPlan } from "../schema/import/into-job";
import { findTable, type Table } from "../schema/model";
import { cellTypes } from "../schema/records";
import { randomId } from "../ui/engine/ids";
import type { EncodedCells } from "./stored-cells";
import { SqlImportJournal } from "./import-journal";
import { first } from "./sql";
import type { Tenant, TenantEnvironment } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type ImportJobsPort = Pick<Tenant, "applyAction" | "document" | "imports" | "live" | "records" | "schema">;

/** Time a request spends on a new job's first chunks (0: one chunk), and the alarm on each
 *  slice (ms): a request waiting behind a slice waits at most that long. */
const REQUEST_SLICE = 0;
const ALARM_SLICE = 250;
/** What one chunk is counted as against a slice (ms; a 2,000-row chunk takes about that). */
const CHUNK_MS = 50;

type Row = { id: string; member_id: string; import_id: string; table_id: string; name: string; state: JobState; total: number; done: number; plan: string; flagged: string; reason: string | null; created_at: number };

/** Where a job reading a file uploaded in chunks is: the chunk, the row in it, header rows
 *  still to skip, and the state that chunk is read from (../schema/import/stream.ts). */
type StreamCursor = { chunk: number; row: number; skip: number; chunks: number; state: ReadState };

/** Rows [from, to) of `rows` are the job's next records; `cursor`: where it is next (null:
 *  pasted text, counted by `done`); `last`: no rows are left after these. */
type Slice = { rows: readonly string[][]; plan: ImportPlan; from: number; to: number; cursor: string | null; last: boolean };

/** What a running job keeps in memory: the cells read so far by text and their stored JSON,
 *  and the rows of the uploaded chunk it is in (one chunk at a time). */
type JobCache = { cells: ChunkCache; encoded: EncodedCells; chunk?: { index: number; rows: string[][]; next: ReadState }; keys?: [string, string][] };

/** Topics of a job's progress: its own (the import page) and every running import (the tables page). */
export const IMPORTS_TOPIC = "imports";
export const jobTopic = (jobId: string) => `import:${jobId}`;

export class ImportJobs {
  /** Time a request spends on a new job's first chunks (ms; 0: one chunk). */
  requestSlice = REQUEST_SLICE;
  /** Per running job, the cells read so far by text and their stored JSON (memory only: a
   *  woken object starts them again). */
  private readonly caches = new Map<string, JobCache>();
  /** What streamed imports into existing tables did, for their undo (./import-journal.ts). */
  readonly journal: SqlImportJournal;

  constructor(
    private readonly tenant: ImportJobsPort,
    private readonly env: TenantEnvironment,
  ) {
    this.journal = new SqlImportJournal(env.storage, env.now);
  }

  /** Starts importing the member's staged import as previewed with `settings`. */
  start(member: Member, importId: string, settings: ImportSettings): Outcome<{ jobId: string; tableId: string }> {
    const doc = this.tenant.document(member);
    const shown = this.tenant.imports.preview(member.id, importId, settings.header, settings.columns, doc.context);
    if (!shown) return { ok: false, reason: "This import is no longer here: paste the text or choose the file again." };
    const at = this.env.now();
    const planned = planImportJob(shown.parsed.total ?? shown.parsed.rows.length, shown.preview, settings, () => randomId(8), at);
    if (!planned.ok) return planned;
    const { action, plan } = planned;
    const jobId = randomId(10);
    // A file uploaded in chunks is read a chunk at a time from where the job is (`cursor`).
    const { streamed } = shown.parsed;
    const cursor = streamed ? JSON.stringify({ chunk: 0, row: 0, skip: plan.skip, chunks: streamed.chunks, state: startState(streamed.scan) } satisfies StreamCursor) : null;
    const result = this.tenant.applyAction(member, action, "import", () => {
      this.env.storage.sql.exec(
        "INSERT INTO import_jobs (id, member_id, import_id, table_id, name, state, total, done, plan, flagged, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'running', ?, 0, ?, ?, NULL, ?, ?)",
        jobId, member.id, importId, action.tableId, action.name.trim(), action.recordCount, JSON.stringify(plan), JSON.stringify(plan.fields.map(() => 0)), at, at,
      );
      if (cursor !== null) this.env.storage.sql.exec("INSERT INTO import_cursors (job_id, cursor) VALUES (?, ?)", jobId, cursor);
    });
    if (!result.ok) return result;
    this.tenant.live.broadcastSoon([...result.topics, IMPORTS_TOPIC]);
    if (this.step(this.requestSlice)) this.env.scheduleAlarm(this.env.now());
    return { ok: true, jobId, tableId: action.tableId };
  }

  /** Runs chunks of running jobs, oldest first, for about `budget` ms. True when work is left. */
  step(budget = ALARM_SLICE): boolean {
    const until = Date.now() + budget;
    // workerd's clock stands still while code runs without I/O, so the chunks are counted too.
    for (let chunks = 1; ; chunks++) {
      const job = first(this.env.storage.sql.exec<Row>("SELECT * FROM import_jobs WHERE state = 'running' ORDER BY created_at, id LIMIT 1"));
      if (!job) return false;
      this.chunk(job);
      if (Date.now() >= until || chunks >= Math.max(1, Math.floor(budget / CHUNK_MS))) return this.runningCount() > 0;
    }
  }

  /** Applies the job's next chunk, or ends it. */
  private chunk(row: Row): void {
    const job = { ...row, cursor: this.cursorOf(row.id) };
    const table = findTable(this.tenant.schema, job.table_id);
    if (!table || table.deletedAt !== undefined) {
      this.end(job, "cancelled", "Its table was undone or deleted, so the import stopped.");
      return;
    }
    if (job.done >= job.total) {
      this.end(job, "done", null);
      return;
    }
    let cache = this.caches.get(job.id);
    if (!cache) {
      this.caches.clear();
      cache = { cells: [], encoded: new WeakMap() };
      this.caches.set(job.id, cache);
    }
    const plan = JSON.parse(job.plan) as ImportPlan;
    const slice = job.cursor === null ? this.pastedSlice(job, plan) : this.streamedSlice(job, plan, cache);
    if (!slice) {
      this.end(job, "failed", "The imported file is no longer kept (it expires after a day), so the import stopped.");
      return;
    }
    if (isIntoPlan(plan)) {
      this.intoChunk(job, plan, slice, table, cache);
      return;
    }
    const types = new Map<string, { type: FieldTypeName; options: Json }>(table.fields.map((f) => [f.id, { type: f.type, options: f.options }]));
    const records = chunkRecords(slice.rows, slice.plan, slice.from, slice.to, types, this.tenant.document().context, () => randomId(8), cache.cells);
    const done = job.done + records.length;
    const flagged = JSON.parse(job.flagged) as number[];
    const finished = done >= job.total || (slice.cursor === null ? records.length === 0 : slice.last);
    this.env.storage.transactionSync(() => {
      // Read again in the transaction: a chunk whose progress is already written is never applied twice.
      const now = first(this.env.storage.sql.exec<{ done: number; state: JobState }>("SELECT done, state FROM import_jobs WHERE id = ?", job.id));
      if (now?.done !== job.done || now.state !== "running" || this.cursorOf(job.id) !== job.cursor) return;
      // Dated as the import that made the table, so each record's history starts with it.
      const counted = this.tenant.records.insertMany(table.id, records, job.created_at, cellTypes(table), cache.encoded);
      plan.fields.forEach((f, i) => {
        flagged[i] = (flagged[i] ?? 0) + (counted.get(f.id) ?? 0);
      });
      this.env.storage.sql.exec(
        "UPDATE import_jobs SET done = ?, flagged = ?, state = ?, updated_at = ? WHERE id = ? AND done = ? AND state = 'running'",
        done, JSON.stringify(flagged), finished ? "done" : "running", this.env.now(), job.id, job.done,
      );
      if (finished) this.env.storage.sql.exec("DELETE FROM import_cursors WHERE job_id = ?", job.id);
      else if (slice.cursor !== null) this.env.storage.sql.exec("UPDATE import_cursors SET cursor = ? WHERE job_id = ?", slice.cursor, job.id);
    });
    if (finished) {
      this.tenant.imports.discard(job.import_id);
      this.caches.delete(job.id);
    }
    this.tenant.live.broadcastSoon([jobTopic(job.id), IMPORTS_TOPIC, `records:${table.id}`, "tables"]);
  }

  /** Starts a streamed import into an existing table (./import-into.ts planned it): the
   *  action adding its fields, which names the job, whose journal is its undo step. */
  startInto(member: Member, importId: string, jobId: string, action: ImportRecordsAction, plan: IntoJobPlan, name: string): Outcome<{ jobId: string }> {
    const parsed = this.tenant.imports.parsed(member.id, importId);
    if (!parsed?.streamed) return { ok: false, reason: "This import is no longer here: paste the text or choose the file again." };
    const at = this.env.now();
    const total = Math.max(0, (parsed.total ?? parsed.rows.length) - plan.skip);
    const cursor = JSON.stringify({ chunk: 0, row: 0, skip: plan.skip, chunks: parsed.streamed.chunks, state: startState(parsed.streamed.scan) } satisfies StreamCursor);
    const result = this.tenant.applyAction(member, action, "import", () => {
      this.env.storage.sql.exec(
        "INSERT INTO import_jobs (id, member_id, import_id, table_id, name, state, total, done, plan, flagged, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'running', ?, 0, ?, ?, NULL, ?, ?)",
        jobId, member.id, importId, action.tableId, name, total, JSON.stringify(plan), JSON.stringify(emptyTally(plan)), at, at,
      );
      this.env.storage.sql.exec("INSERT INTO import_cursors (job_id, cursor) VALUES (?, ?)", jobId, cursor);
      this.journal.begin(jobId);
    });
    if (!result.ok) return result;
    this.tenant.live.broadcastSoon([...result.topics, IMPORTS_TOPIC]);
    if (this.step(this.requestSlice)) this.env.scheduleAlarm(this.env.now());
    return { ok: true, jobId };
  }

  /** Applies the next rows of an import into an existing table: one `importRecords` action
   *  (not logged: the job's one change is), what it added and updated noted in the journal,
   *  with the job's progress, in one transaction. Undone meanwhile, the job stops. */
  private intoChunk(job: Row & { cursor: string | null }, plan: IntoJobPlan, slice: Slice, table: Table, cache: JobCache): void {
    if (this.journal.present(job.id) === false) {
      this.end(job, "cancelled", "The import was undone, so it stopped.");
      return;
    }
    const rows = slice.rows.slice(slice.from, slice.to);
    const doc = this.tenant.document();
    const tally = JSON.parse(job.flagged) as IntoTally;
    // A merge reads the key of every record once per job (kept, with the records the job
    // adds), and the other cells of the records its keys match only.
    const records = this.tenant.records;
    if (plan.keyFieldId !== null && !cache.keys) cache.keys = records.fieldTexts(table.id, plan.keyFieldId);
    const keyTexts = plan.keyFieldId === null ? undefined : cache.keys;
    const fieldTexts = (t: string, f: string) => (keyTexts && t === table.id && f === plan.keyFieldId ? keyTexts : records.fieldTexts(t, f));
    const cellText = (t: string, recordId: string, f: string) => records.get(t, recordId)?.cells[f]?.text;
    const planned = intoChunkAction(rows, plan, table, { schema: doc.schema, context: doc.context, fieldTexts, cellText, newId: () => randomId(8), at: job.created_at }, tally);
    if (!planned.ok) {
      this.end(job, "failed", planned.reason);
      return;
    }
    const done = job.done + rows.length;
    const finished = done >= job.total || slice.last;
    let refused: string | undefined;
    try {
      this.env.storage.transactionSync(() => {
        const now = first(this.env.storage.sql.exec<{ done: number; state: JobState }>("SELECT done, state FROM import_jobs WHERE id = ?", job.id));
        if (now?.done !== job.done || now.state !== "running" || this.cursorOf(job.id) !== job.cursor) return;
        const applied = apply(doc, planned.action);
        if (!applied.ok) {
          refused = applied.reason;
          throw new Error(refused);
        }
        if (keyTexts) for (const r of planned.action.add) if (r.cells[plan.keyFieldId!]) keyTexts.push([r.id, r.cells[plan.keyFieldId!]!]);
        if (applied.inverse.kind === "setImported") {
          for (const group of applied.inverse.records) this.journal.added(job.id, group.tableId, group.ids);
          for (const change of applied.inverse.cells) this.journal.updated(job.id, table.id, change.recordId, change.cells);
        }
        this.env.storage.sql.exec(
          "UPDATE import_jobs SET done = ?, flagged = ?, state = ?, updated_at = ? WHERE id = ? AND done = ? AND state = 'running'",
          done, JSON.stringify(planned.tally), finished ? "done" : "running", this.env.now(), job.id, job.done,
        );
        if (finished) this.env.storage.sql.exec("DELETE FROM import_cursors WHERE job_id = ?", job.id);
        else if (slice.cursor !== null) this.env.storage.sql.exec("UPDATE import_cursors SET cursor = ? WHERE job_id = ?", slice.cursor, job.id);
      });
    } catch (error) {
      if (refused === undefined) throw error;
      this.end(job, "failed", `The import stopped: ${refused}`);
      return;
    }
    if (finished) {
      this.tenant.imports.discard(job.import_id);
      this.caches.delete(job.id);
    }
    this.tenant.live.broadcastSoon([jobTopic(job.id), IMPORTS_TOPIC, `records:${table.id}`, "tables"]);
  }

  /** Where a job reading a file uploaded in chunks is (null: pasted text, counted by `done`). */
  private cursorOf(jobId: string): string | null {
    return first(this.env.storage.sql.exec<{ cursor: string }>("SELECT cursor FROM import_cursors WHERE job_id = ?", jobId))?.cursor ?? null;
  }

  /** The next rows of pasted text or a file read whole (all its rows are in memory). */
  private pastedSlice(job: Row & { cursor: string | null }, plan: ImportPlan): Slice | undefined {
    const parsed = this.tenant.imports.parsed(job.member_id, job.import_id);
    return parsed && { rows: parsed.rows, plan, from: job.done, to: job.done + IMPORT_CHUNK, cursor: null, last: false };
  }

  /** The next rows of a file uploaded in chunks: the rows of the chunk the cursor is in (read
   *  once, kept while the job is in it), from the cursor's row, and where the job is next. */
  private streamedSlice(job: Row & { cursor: string | null }, plan: ImportPlan, cache: JobCache): Slice | undefined {
    const cursor = JSON.parse(job.cursor!) as StreamCursor;
    let read = cache.chunk?.index === cursor.chunk ? cache.chunk : undefined;
    if (!read) {
      cache.chunk = undefined;
      const rows = this.tenant.imports.uploads.rows(job.import_id, cursor.chunk, cursor.chunks, cursor.state);
      if (!rows) return undefined;
      read = { index: cursor.chunk, rows: rows.rows, next: rows.state };
      cache.chunk = read;
    }
    const skipped = Math.min(cursor.skip, read.rows.length - cursor.row);
    const from = cursor.row + skipped;
    const to = Math.min(read.rows.length, from + IMPORT_CHUNK);
    const skip = cursor.skip - skipped;
    const next: StreamCursor = to >= read.rows.length ? { chunk: cursor.chunk + 1, row: 0, skip, chunks: cursor.chunks, state: read.next } : { ...cursor, row: to, skip };
    return { rows: read.rows, plan: { ...plan, skip: 0 }, from, to, cursor: JSON.stringify(next), last: next.chunk >= cursor.chunks };
  }

  private end(job: Row, state: JobState, reason: string | null): void {
    this.env.storage.sql.exec("UPDATE import_jobs SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'running'", state, reason, this.env.now(), job.id);
    this.env.storage.sql.exec("DELETE FROM import_cursors WHERE job_id = ?", job.id);
    this.tenant.imports.discard(job.import_id);
    this.caches.delete(job.id);
    this.tenant.live.broadcastSoon([jobTopic(job.id), IMPORTS_TOPIC, "tables"]);
  }

  /** Stops a running job: what it imported stays (one Undo takes the table back). */
  cancel(member: Member, jobId: string): Outcome<{ done: number }> {
    const job = first(this.env.storage.sql.exec<Row>("SELECT * FROM import_jobs WHERE id = ?", jobId));
    if (!job) return { ok: false, reason: "That import is not here." };
    if (job.member_id !== member.id && member.role !== "owner") return { ok: false, reason: "Only the member who started an import, or an owner, may cancel it." };
    if (job.state !== "running") return { ok: false, reason: "That import has already ended." };
    this.end(job, "cancelled", `Cancelled by ${member.name} after ${job.done.toLocaleString("en")} of ${job.total.toLocaleString("en")} records.`);
    return { ok: true, done: job.done };
  }

  get(jobId: string): ImportJobView | undefined {
    const row = first(this.env.storage.sql.exec<Row>("SELECT * FROM import_jobs WHERE id = ?", jobId));
    return row && view(row, this.journal);
  }

  /** Jobs still running, oldest first. */
  running(): ImportJobView[] {
    return this.env.storage.sql.exec<Row>("SELECT * FROM import_jobs WHERE state = 'running' ORDER BY created_at, id").toArray().map((row) => view(row, this.journal));
  }

  private runningCount(): number {
    return this.env.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_jobs WHERE state = 'running'").one().n;
  }
}

function view(row: Row, journal: SqlImportJournal): ImportJobView {
  const plan = JSON.parse(row.plan) as ImportPlan | IntoJobPlan;
  const base = { id: row.id, memberId: row.member_id, tableId: row.table_id, name: row.name, state: row.state, total: row.total, done: row.done, reason: row.reason };
  if (isIntoPlan(plan)) {
    const into = intoReport(plan, JSON.parse(row.flagged) as IntoTally, journal.counts(row.id));
    return { ...base, report: { records: row.done, columns: [], skipped: plan.skipped, notImported: [] }, into };
  }
  return {
    id: row.id,
    memberId: row.member_id,
    tableId: row.table_id,
    name: row.name,
    state: row.state,
    total: row.total,
    done: row.done,
    reason: row.reason,
    report: jobReport(plan, row.done, JSON.parse(row.flagged) as number[]),
  };
}
