// Importing a staged text into an existing table, for one member: the plan (what each
// column goes to, rows added and updated, values flagged) shown before anything is written,
// then the one undoable action through Tenant.applyAction. Editors add and update records
// in existing fields; adding fields needs the right to build (whyRefused says so too).

import type { Outcome } from "../schema/errors";
import type { ColumnChoice, ImportPreview } from "../schema/import/plan";
import { type ImportIntoReport, type ImportIntoSettings, planImportInto, type ResolvedTarget, resolveTargets } from "../schema/import/mapping";
import type { Member } from "../schema/members";
import { findTable } from "../schema/model";
import { can } from "../schema/roles";
import { planIntoJob } from "../schema/import/into-job";
import { randomId } from "../ui/engine/ids";
import { IMPORTS_TOPIC, jobTopic } from "./import-jobs";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type ImportIntoPort = Pick<Tenant, "applyAction" | "document" | "importJobs" | "imports" | "now" | "records" | "schema">;

export type IntoSettings = Omit<ImportIntoSettings, "addFields">;

export interface IntoPlan {
  preview: ImportPreview;
  targets: ResolvedTarget[];
  /** What Import would do now, or why it cannot. */
  planned: Outcome<{ report: ImportIntoReport }>;
  /** A file uploaded in chunks: the plan counts its first rows, a job imports them all. */
  streamed?: boolean;
}

const GONE = "This import is no longer here: paste the text or choose the file again.";

function plan(tenant: ImportIntoPort, member: Member, importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: IntoSettings) {
  const table = findTable(tenant.schema, tableId);
  if (!table || table.deletedAt !== undefined) return { ok: false as const, reason: "That table no longer exists." };
  const doc = tenant.document(member);
  const shown = tenant.imports.preview(member.id, importId, header, columns, doc.context);
  if (!shown) return { ok: false as const, reason: GONE };
  // A file uploaded in chunks (over 5 MB) is planned from its first rows, shown as such, and
  // imported by a job (./import-jobs.ts), its undo step kept in the import journal.
  const streamed = shown.parsed.streamed !== undefined;
  const full = { ...settings, addFields: can(member.role, "build") };
  const targets = resolveTargets(shown.preview.columns, table, full.targets, full.addFields, doc.schema);
  const planned = planImportInto(shown.parsed.rows, shown.preview, table, full, {
    schema: doc.schema,
    context: doc.context,
    fieldTexts: (t, f) => tenant.records.fieldTexts(t, f),
    newId: () => randomId(8),
    at: tenant.now(),
    ...(streamed ? { maxUndoBytes: Number.POSITIVE_INFINITY } : {}),
  });
  return { ok: true as const, preview: shown.preview, targets, planned, streamed, keyFieldId: full.keyFieldId, mode: full.mode };
}

export function previewInto(tenant: ImportIntoPort, member: Member, importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: IntoSettings): Outcome<IntoPlan> {
  const made = plan(tenant, member, importId, tableId, header, columns, settings);
  if (!made.ok) return made;
  const planned: IntoPlan["planned"] = made.planned.ok ? { ok: true, report: made.planned.report } : made.planned;
  return { ok: true, preview: made.preview, targets: made.targets, planned, streamed: made.streamed };
}

/** Imports into a table: a small import at once (its report), a file uploaded in chunks as
 *  a job (its id; the job's view has the report when it ends). */
export function importInto(tenant: ImportIntoPort, member: Member, importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: IntoSettings): Outcome<{ report: ImportIntoReport; topics: string[] } | { jobId: string; topics: string[] }> {
  if (!can(member.role, "write")) return { ok: false, reason: "Your role does not allow adding records." };
  const made = plan(tenant, member, importId, tableId, header, columns, settings);
  if (!made.ok) return made;
  if (!made.planned.ok) return made.planned;
  const { action, report } = made.planned;
  if (made.streamed) {
    const table = findTable(tenant.schema, tableId)!;
    const jobId = randomId(10);
    const file = tenant.imports.uploads.finished(member.id, importId);
    const job = planIntoJob(action, made.preview, made.targets, table, made.mode, made.keyFieldId, jobId, file?.ok ? file.name : "a file");
    if (!job.ok) return job;
    const started = tenant.importJobs.startInto(member, importId, jobId, job.action, job.plan, table.name);
    return started.ok ? { ok: true, jobId, topics: [IMPORTS_TOPIC, jobTopic(jobId)] } : started;
  }
  const result = tenant.applyAction(member, action, "import");
  if (!result.ok) return result;
  tenant.imports.discard(importId);
  return { ok: true, report, topics: result.topics };
}
