// A streamed import into an existing table (a file over 5 MB) as a job: the plan it keeps
// (where each column goes, add or merge, the key), the action that starts it (the new
// fields, no records: one change in the log, the job's journal its undo), each chunk's
// `importRecords` action (planned as a small import's, ./mapping.ts) and the report summed
// chunk by chunk. Pure: the table, the records' texts, ids and the clock come in.

import type { Outcome } from "../errors";
import type { Table } from "../model";
import type { ImportRecordsAction } from "./import-records-action";
import { type ImportIntoReport, type ImportMode, type IntoPorts, planImportInto, type ResolvedTarget } from "./mapping";
import type { ImportPreview } from "./plan";

/** What an import-into job keeps to read its rows again after a restart. */
export interface IntoJobPlan {
  kind: "into";
  /** Rows to skip at the start (the header). */
  skip: number;
  /** Per column of the file: its name, and the field it goes to (an id) or "skip". */
  columns: { name: string; target: string }[];
  mode: ImportMode;
  keyFieldId: string | null;
  /** The kept columns, in order, as the report names them. */
  kept: { name: string; field: string; isNew: boolean }[];
  skipped: string[];
}

/** The report summed so far (kept on the job's row). */
export interface IntoTally {
  flagged: number[];
  understood: number[];
  examples: string[][];
  repeatedKeys: number;
  ambiguousKeys: number;
}

export const isIntoPlan = (plan: unknown): plan is IntoJobPlan => typeof plan === "object" && plan !== null && (plan as { kind?: unknown }).kind === "into";

export const emptyTally = (plan: IntoJobPlan): IntoTally => ({ flagged: plan.kept.map(() => 0), understood: plan.kept.map(() => 0), examples: plan.kept.map(() => []), repeatedKeys: 0, ambiguousKeys: 0 });

/** The action that starts the job (its new fields; the records come chunk by chunk) and its
 *  plan, from the plan of the first rows the mapping step showed. A new link that would make
 *  records in another table is refused: its names are read chunk by chunk, but the records
 *  to make are decided over the whole column (near-duplicates merged). */
export function planIntoJob(planned: ImportRecordsAction, preview: ImportPreview, targets: readonly ResolvedTarget[], table: Table, mode: ImportMode, keyFieldId: string | null, jobId: string, file: string): Outcome<{ action: ImportRecordsAction; plan: IntoJobPlan }> {
  if (targets.some((t) => t.kind === "new" && t.link !== undefined)) return { ok: false, reason: "A new link that makes records in another table can be imported from files of up to 5 MB. Send that column to an existing field, or to a new field, and link it afterwards." };
  const fresh = [...planned.fields];
  const columns: IntoJobPlan["columns"] = [];
  const kept: IntoJobPlan["kept"] = [];
  for (const [c, target] of targets.entries()) {
    const name = preview.columns[c]!.name;
    if (target.kind === "skip") {
      columns.push({ name, target: "skip" });
      continue;
    }
    const field = target.kind === "field" ? target.field : fresh.shift();
    if (!field) return { ok: false, reason: "The fields of this import changed: look at the preview again." };
    columns.push({ name, target: field.id });
    kept.push({ name, field: field.name, isNew: target.kind === "new" });
  }
  const isNew = new Set(planned.fields.map((f) => f.id));
  const key = keyFieldId ?? columns.find((c) => c.target !== "skip" && !isNew.has(c.target))?.target ?? null;
  const plan: IntoJobPlan = { kind: "into", skip: preview.header ? 1 : 0, columns, mode, keyFieldId: mode === "merge" ? key : null, kept, skipped: columns.flatMap((c) => (c.target === "skip" ? [c.name] : [])) };
  const description = `import “${file.slice(0, 120)}” into “${table.name}”`;
  const action: ImportRecordsAction = { kind: "importRecords", tableId: table.id, at: planned.at, description, fields: planned.fields, linked: [], add: [], update: [], added: 0, updated: 0, job: jobId };
  return { ok: true, action, plan };
}

/** The action of one chunk's rows (no header among them) and what it adds to the tally. */
export function intoChunkAction(rows: readonly string[][], plan: IntoJobPlan, table: Table, ports: IntoPorts, tally: IntoTally): Outcome<{ action: ImportRecordsAction; tally: IntoTally }> {
  const preview: ImportPreview = { header: false, records: rows.length, ragged: 0, warnings: [], columns: plan.columns.map((c) => ({ name: c.name, type: "text", options: null, understood: 0, notUnderstood: 0, empty: 0, examples: [] })) };
  const planned = planImportInto(rows, preview, table, { targets: plan.columns.map((c) => c.target), mode: plan.mode, keyFieldId: plan.keyFieldId, addFields: false }, { ...ports, maxUndoBytes: Number.POSITIVE_INFINITY });
  if (!planned.ok) return planned;
  const { report } = planned;
  if (report.columns.length !== plan.kept.length) return { ok: false, reason: "A field of this import was deleted or changed since it started, so the import stopped." };
  const next: IntoTally = {
    flagged: tally.flagged.map((n, i) => n + report.columns[i]!.flagged),
    understood: tally.understood.map((n, i) => n + report.columns[i]!.understood),
    examples: tally.examples.map((e, i) => (e.length >= 3 ? e : [...e, ...report.columns[i]!.examples].slice(0, 3))),
    repeatedKeys: tally.repeatedKeys + report.repeatedKeys,
    // Records sharing a key were there before the import: counted once, by the first chunk.
    ambiguousKeys: tally.ambiguousKeys || report.ambiguousKeys,
  };
  return { ok: true, action: planned.action, tally: next };
}

/** The report of an import-into job so far. */
export function intoReport(plan: IntoJobPlan, tally: IntoTally, counts: { added: number; updated: number }): ImportIntoReport {
  return {
    added: counts.added,
    updated: counts.updated,
    repeatedKeys: tally.repeatedKeys,
    ambiguousKeys: tally.ambiguousKeys,
    columns: plan.kept.map((k, i) => ({ ...k, flagged: tally.flagged[i] ?? 0, understood: tally.understood[i] ?? 0, examples: tally.examples[i] ?? [] })),
    linked: [],
    skipped: plan.skipped,
  };
}
