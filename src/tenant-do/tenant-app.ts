// TroveApp for one signed-in member in one session: views and feeds, forms, undo and redo,
// history and imports, on top of the data calls of DataApp (./data-app.ts). Each call is
// authorised by the member's role; the topics it changed are recorded so the object can
// re-render the other sessions that show them.

import type { Outcome } from "../schema/errors";
import type { FeedFormat } from "../schema/feeds/feed";
import { type FormDefinition, findForm, liveForms, newForm, slugify } from "../schema/forms/form";
import type { ImportJobView } from "../schema/import/job";
import type { ColumnChoice, ImportPreview, ImportSettings } from "../schema/import/plan";
import type { ImportIntoReport } from "../schema/import/mapping";
import { findTable, liveFields, type Table } from "../schema/model";
import { mayChangeView } from "../schema/view-actions";
import type { Fragment } from "../schema/views/cell-sql";
import type { Measure, Stack } from "../schema/views/display";
import { type MapRows, runMapSql } from "../schema/views/map-sql";
import type { PlaceLevel } from "../schema/views/ops-group";
import { canGroup, canSummarise, type Inactive, resolveView } from "../schema/views/query";
import type { ViewPage } from "../schema/views/result";
import { adjustTallies, whyNotAdjustable } from "../schema/views/live-tallies";
import { pageOfTallies, type SqlRow, talliesSql, type ViewPageAt } from "../schema/views/sql";
import { viewCacheOf } from "./view-cache";
import { eachFieldsOf } from "./each-values";
import { viewIndexNames } from "./view-indexes";
import { runStackSql, type StackCell } from "../schema/views/stack-sql";
import { newView, type ViewDefinition, viewsFor } from "../schema/views/view";
import type { ActivityEntry, ActivityFilter, TableMoment, TrashEntry, TroveApp } from "../ui/app";
import { randomId } from "../ui/engine/ids";
import { DataApp } from "./data-app";
import { DerivedApp } from "./derived-app";
import { IMPORTS_TOPIC, jobTopic } from "./import-jobs";
import { HistoryApp } from "./history-app";
import { type IntoPlan, type IntoSettings, importInto, previewInto } from "./import-into";
import { formUrl } from "./public-forms";

export class TenantApp extends DataApp implements TroveApp {
  /** Activity, record history, trash and point-in-time (./history-app.ts). */
  private readonly past = new HistoryApp(this.tenant, this.member, {
    display: (field, cell) => this.display(field, cell),
    members: () => this.members(),
    apply: (action, source) => this.note(this.tenant.applyAction(this.member, action, source), {}),
  });

  private derivedApp: DerivedApp | undefined;

  get derived(): DerivedApp {
    this.derivedApp ??= new DerivedApp(this.tenant, this.member, (action) => this.act(action, {}));
    return this.derivedApp;
  }

  views(tableId: string): ViewDefinition[] {
    return viewsFor(this.tenant.schema, tableId, this.member.id);
  }

  view(tableId: string, viewId: string): ViewDefinition | undefined {
    return this.views(tableId).find((view) => view.id === viewId);
  }

  mayChangeView(view: ViewDefinition): boolean {
    return mayChangeView(this.tenant.schema, { kind: "updateView", tableId: view.tableId, view }, this.member) === null;
  }

  /** `collapsed`: the paths (pathId) of the groups this person folded on their page. */
  runView(view: ViewDefinition, page: ViewPageAt, collapsed: ReadonlySet<string> = new Set()): ViewPage & { inactive: Inactive[] } {
    const table = this.table(view.tableId);
    if (!table) return { total: 0, matched: 0, shown: 0, records: [], groups: null, totals: [], inactive: [] };
    // A page kept from an earlier render holds when nothing it depends on changed since
    // (./view-cache.ts): a cell edit elsewhere re-reads that row, not the view; an edit that
    // moves a record or a sum adjusts its kept tallies when that is exact.
    const id = JSON.stringify([this.member.id, view, page, [...collapsed].sort()]);
    const storage = this.tenant.storage;
    const resolve = () => ({ ...resolveView(view, table, this.tenant.document(this.member).context), kept: eachFieldsOf(storage, table.id), indexes: viewIndexNames(storage) });
    const run = (f: Fragment) => storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
    return viewCacheOf(storage).page(
      { id, schema: this.tenant.schema, view, table, now: Date.now() },
      {
        fresh: () => {
          const resolved = resolve();
          const tallies = talliesSql(resolved, run);
          const shown = { ...pageOfTallies(tallies, page, run, collapsed), inactive: resolved.inactive };
          return { page: shown, tallies: whyNotAdjustable(tallies.view) === null ? tallies : null };
        },
        reread: (recordId) => this.tenant.records.get(table.id, recordId),
        // An edit to a field the view depends on: its kept tallies adjusted by the edited rows.
        adjust: (kept, edits) => {
          const resolved = resolve();
          const tallies = adjustTallies(kept, resolved, edits, run);
          return tallies && { page: { ...pageOfTallies(tallies, page, run, collapsed), inactive: resolved.inactive }, tallies };
        },
      },
    );
  }

  runMap(view: ViewDefinition, fieldId: string, level: PlaceLevel, measure: Measure): MapRows {
    const table = this.table(view.tableId);
    const field = table && liveFields(table).find((f) => f.id === fieldId && f.type === "location");
    if (!table || !field) return { places: [], notPlaced: 0, total: 0 };
    const resolved = { ...resolveView(view, table, this.tenant.document(this.member).context), kept: eachFieldsOf(this.tenant.storage, table.id) };
    const measured = measure && liveFields(table).find((f) => f.id === measure.fieldId);
    const run = (f: Fragment) => this.tenant.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
    return runMapSql(resolved, field.id, level, measured && canSummarise(measured.type, measure.kind) ? { field: measured, kind: measure.kind } : null, run);
  }

  runStack(view: ViewDefinition, stack: NonNullable<Stack>, measure: Measure): StackCell[] {
    const table = this.table(view.tableId);
    const field = table && liveFields(table).find((f) => f.id === stack.fieldId);
    if (!table || !field || !canGroup(field.type, stack.part)) return [];
    const resolved = { ...resolveView(view, table, this.tenant.document(this.member).context), kept: eachFieldsOf(this.tenant.storage, table.id) };
    const measured = measure && liveFields(table).find((f) => f.id === measure.fieldId);
    const run = (f: Fragment) => this.tenant.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
    return runStackSql(resolved, { field, part: stack.part }, measured && canSummarise(measured.type, measure.kind) ? { field: measured, kind: measure.kind } : null, run);
  }

  addView(from: ViewDefinition, name: string, personal: boolean): Outcome<{ viewId: string }> {
    const viewId = randomId(8);
    return this.act({ kind: "addView", tableId: from.tableId, view: newView(viewId, from, name, personal ? this.member.id : null) }, { viewId });
  }

  updateView(view: ViewDefinition): Outcome {
    return this.act({ kind: "updateView", tableId: view.tableId, view }, {});
  }

  deleteView(view: ViewDefinition): Outcome {
    return this.act({ kind: "deleteView", tableId: view.tableId, viewId: view.id }, {});
  }

  feedToken(view: ViewDefinition): string | undefined {
    return this.mayChangeView(view) ? this.tenant.feeds.of(view.id)?.token : undefined;
  }

  async publishFeeds(view: ViewDefinition): Promise<Outcome<{ token: string }>> {
    const result = await this.tenant.feeds.publish(this.member, view);
    if (result.ok) this.changed.add(`table:${view.tableId}`);
    return result;
  }

  revokeFeeds(view: ViewDefinition): Outcome {
    const result = this.tenant.feeds.revoke(this.member, view);
    if (result.ok) this.changed.add(`table:${view.tableId}`);
    return result;
  }

  feedUrl(token: string, format: FeedFormat): string {
    return `${this.tenant.origin}/t/${this.databaseName}/feeds/${token}.${format}`;
  }

  forms(): FormDefinition[] {
    return liveForms(this.tenant.schema);
  }

  form(formId: string): FormDefinition | undefined {
    return findForm(this.tenant.schema, formId);
  }

  addForm(tableId: string, title: string, open = false): Outcome<{ formId: string }> {
    const table = this.table(tableId);
    if (!table) return { ok: false, reason: "Choose a table for the form." };
    const taken = new Set(this.forms().map((f) => f.slug));
    const base = slugify(title);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 36)}-${n}`;
    const formId = randomId(8);
    return this.act({ kind: "addForm", tableId, form: newForm(formId, table, title, slug, open) }, { formId });
  }

  updateForm(form: FormDefinition): Outcome {
    return this.act({ kind: "updateForm", tableId: form.tableId, form }, {});
  }

  deleteForm(formId: string): Outcome {
    const form = this.form(formId);
    if (!form) return { ok: false, reason: "That form no longer exists." };
    return this.act({ kind: "deleteForm", tableId: form.tableId, formId }, {});
  }

  formUrl(form: FormDefinition): string {
    return formUrl(this.tenant.origin, this.databaseName, form);
  }

  tableCounts(): Map<string, { records: number; fromForms: number }> {
    const records = this.tenant.records.counts();
    const fromForms = this.tenant.forms.unseenCounts();
    return new Map(this.tables().map((t) => [t.id, { records: records.get(t.id) ?? 0, fromForms: fromForms.get(t.id) ?? 0 }]));
  }

  sawTable(tableId: string): void {
    if (this.tenant.forms.markSeen(tableId)) this.changed.add("unseen");
  }

  undo(): Outcome<{ description: string }> {
    const result = this.tenant.undo(this.member);
    return this.note(result, result.ok ? { description: result.description } : { description: "" });
  }

  redo(): Outcome<{ description: string }> {
    const result = this.tenant.redo(this.member);
    return this.note(result, result.ok ? { description: result.description } : { description: "" });
  }

  lastUndoable(): string | undefined {
    return this.stackLabel("undo");
  }

  lastRedoable(): string | undefined {
    return this.stackLabel("redo");
  }

  private stackLabel(stack: "undo" | "redo"): string | undefined {
    if (!this.can("write")) return undefined;
    const { tenant } = this;
    return tenant.changes.stackLabel(this.member.id, stack, tenant.schema, (about) => tenant.describe(about));
  }

  activity(filter: ActivityFilter): { entries: ActivityEntry[]; more: boolean } {
    return this.past.activity(filter);
  }

  recordHistory(tableId: string, recordId: string): ActivityEntry[] {
    return this.past.recordHistory(tableId, recordId);
  }

  restoreValue(tableId: string, recordId: string, seq: number, part?: number): Outcome<{ field: string; text: string }> {
    return this.past.restoreValue(tableId, recordId, seq, part);
  }

  trash(): TrashEntry[] {
    return this.past.trash();
  }

  restoreFromTrash(key: string): Outcome<{ name: string }> {
    return this.past.restoreFromTrash(key);
  }

  emptyTrash(): Outcome<{ count: number }> {
    return this.past.emptyTrash();
  }

  historyStart(): number {
    return this.past.historyStart();
  }

  parseMoment(text: string): number | undefined {
    return this.past.parseMoment(text);
  }

  databaseAt(at: number) {
    return this.past.databaseAt(at);
  }

  tableAt(tableId: string, at: number): Outcome<TableMoment> {
    return this.past.tableAt(tableId, at);
  }

  restoreTo(at: number, tableId?: string): Outcome<{ changes: number; description: string }> {
    return this.past.restoreTo(at, tableId);
  }

  anyTable(tableId: string): Table | undefined {
    return findTable(this.tenant.schema, tableId);
  }

  stageImport(text: string): Outcome<{ importId: string }> {
    if (!this.can("write")) return { ok: false, reason: "Your role does not allow importing." };
    const staged = this.tenant.imports.stage(this.member.id, text);
    return staged.ok ? { ok: true, importId: staged.importId } : staged;
  }

  stageUpload(uploadId: string): Outcome<{ importId: string; name: string }> {
    if (!this.can("write")) return { ok: false, reason: "Your role does not allow importing." };
    return this.tenant.imports.stageUpload(this.member.id, uploadId);
  }

  importPreview(importId: string, header: boolean | null, columns: readonly ColumnChoice[]): Outcome<{ preview: ImportPreview }> {
    const shown = this.tenant.imports.preview(this.member.id, importId, header, columns, this.tenant.document(this.member).context);
    if (!shown) return { ok: false, reason: "This import is no longer here: paste the text or choose the file again." };
    return { ok: true, preview: shown.preview };
  }

  /** Starts the import as a job (./import-jobs.ts): a small one is done when this returns. */
  importTable(importId: string, settings: ImportSettings): Outcome<{ tableId: string; jobId: string }> {
    const started = this.tenant.importJobs.start(this.member, importId, settings);
    if (!started.ok) return started;
    return this.note({ ok: true, topics: [IMPORTS_TOPIC, jobTopic(started.jobId)] }, { tableId: started.tableId, jobId: started.jobId });
  }

  /** An import job, for anyone who may read the database. */
  importJob(jobId: string): ImportJobView | undefined {
    return this.tenant.importJobs.get(jobId);
  }

  /** Imports still running, for the tables page. */
  runningImports(): ImportJobView[] {
    return this.tenant.importJobs.running();
  }

  cancelImport(jobId: string): Outcome<{ done: number }> {
    if (!this.can("build")) return { ok: false, reason: "Your role does not allow importing." };
    const result = this.tenant.importJobs.cancel(this.member, jobId);
    return result.ok ? this.note({ ok: true, topics: [IMPORTS_TOPIC, jobTopic(jobId)] }, { done: result.done }) : result;
  }

  importIntoPreview(importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: IntoSettings): Outcome<IntoPlan> {
    return previewInto(this.tenant, this.member, importId, tableId, header, columns, settings);
  }

  importInto(importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: IntoSettings): Outcome<{ report: ImportIntoReport } | { jobId: string }> {
    const result = importInto(this.tenant, this.member, importId, tableId, header, columns, settings);
    if (!result.ok) return result;
    return "jobId" in result ? this.note(result, { jobId: result.jobId }) : this.note(result, { report: result.report });
  }

  discardImport(importId: string): void {
    if (this.tenant.imports.owns(this.member.id, importId)) this.tenant.imports.discard(importId);
  }
}
