// Recomputing very many records without freezing the database: when a structure change (a
// constant changed, a derived field added or changed, a field it reads deleted or restored)
// reaches more records than a moment's work, settle.ts hands the derived fields to a job
// instead (Document.background) and the object's alarm runs it in chunks (stepJob), each
// in its own transaction, so other requests run in between. The job is plain data (kept in
// SQLite by the object), so it survives eviction; until a record's turn comes, its cells of
// those fields are shown as pending. Fields run in dependency order, each over its table in
// creation order; a field changed again while it runs starts over.

import type { Document } from "../action-kit";
import { Recomputer } from "./recompute";

/** One derived field being recomputed: how far (a position in creation order, -1: not
 *  started), and how many records were done of how many there were when it started. */
export interface JobField {
  key: string;
  after: number;
  done: number;
  total: number;
}

export type Job = JobField[];

/** The job with `keys` (re)started: a field already in it starts over. */
export function addToJob(job: Job, keys: readonly string[], total: (tableId: string) => number): Job {
  const next = job.filter((f) => !keys.includes(f.key));
  for (const key of keys) next.push({ key, after: -1, done: 0, total: total(key.split("/")[0]!) });
  return next;
}

/** Runs the job on at most `budget` records (the whole of a smaller remainder) and returns
 *  what is left of it; fields no longer derived (deleted, say) are dropped. */
export function stepJob(doc: Document, job: Job, budget: number): Job {
  const engine = new Recomputer({ schema: doc.schema, records: doc.records, context: doc.context });
  const byKey = new Map(job.map((f) => [f.key, { ...f }]));
  const live = new Set<string>();
  let left = budget;
  for (const ref of engine.ordered()) {
    const key = `${ref.table.id}/${ref.field.id}`;
    live.add(key);
    const field = byKey.get(key);
    if (!field || left <= 0) continue;
    const got = engine.recomputeRange(ref, { after: field.after, limit: left });
    left -= got.visited;
    field.after = got.after;
    field.done += got.visited;
    if (got.done) byKey.delete(key);
  }
  // In the order they came: a field first deferred stays first among equals.
  return job.flatMap((f) => {
    const kept = byKey.get(f.key);
    return kept && live.has(f.key) ? [kept] : [];
  });
}

/** How far a table's part of the job is, 0–99 (100 only once it is gone), or null when
 *  none of its fields is waiting. */
export function progressOf(job: Job, tableId: string): { percent: number; fieldIds: string[] } | null {
  const mine = job.filter((f) => f.key.startsWith(`${tableId}/`));
  if (mine.length === 0) return null;
  const total = mine.reduce((n, f) => n + Math.max(f.total, f.done), 0);
  const done = mine.reduce((n, f) => n + f.done, 0);
  return { percent: total === 0 ? 0 : Math.min(99, Math.floor((done / total) * 100)), fieldIds: mine.map((f) => f.key.slice(tableId.length + 1)) };
}
