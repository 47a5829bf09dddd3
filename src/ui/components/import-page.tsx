// Import a new table from pasted text or an uploaded CSV/TSV/JSON file, at tables/import, or
// rows into an existing table (chosen there, or at tables/<table>/import: ./import-mapping.tsx). Step
// one posts the text (a plain multipart form, so a file goes up with or without JavaScript;
// the object keeps it: ../../tenant-do/imports.ts). Step two is the preview: per column the
// type guessed the way the field types read typing, a select to choose another or skip it,
// the share understood and examples that will be kept but flagged. Import makes the table
// in one undoable step and shows the report.

import type { Json } from "../../schema/fields/field-type";
import { fieldType } from "../../schema/fields/registry";
import { MAX_FILE_NAME } from "../../schema/import/import-action";
import { STREAM_LIMITS } from "../../schema/import/stream";
import { importTypes, isImportType, PREVIEW_ROWS } from "../../schema/import/infer";
import type { ImportJobView } from "../../schema/import/job";
import type { ImportIntoReport } from "../../schema/import/mapping";
import type { ColumnChoice, ImportPreview, ImportReport } from "../../schema/import/plan";
import type { ImportIntoChoices, TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { count } from "../format";
import { type MappingShown, renderIntoReport, renderMapping } from "./import-mapping";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  importId: string | null;
  name: string;
  /** null: as detected. */
  header: boolean | null;
  /** Per column: "" (the guess), a type, or "skip". */
  columns: string[];
  error: string | null;
  /** Where the staged text came from: the file's name, "" when pasted (null: not known). */
  file: string | null;
  /** A report kept by pages from before import jobs. */
  report: Json;
  tableId: string | null;
  /** The import job started from this page (its progress, then its report). */
  jobId: string | null;
  /** The existing table the rows go into; null: a new table. */
  into: string | null;
  /** Opened from that table's page (its place is tables/<table>/import). */
  fromTable: boolean;
  /** Per column, for an import into a table: "" (by name), "new", "skip" or a field's id. */
  targets: string[];
  mode: string;
  keyFieldId: string;
}

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.floor((part / whole) * 1000) / 10} %`);

function choiceOf(value: string): ColumnChoice {
  return value === "skip" ? "skip" : isImportType(value) ? value : undefined;
}

export class ImportPage extends Component<State> {
  static override readonly type = "ImportPage";

  static create(into: string | null = null): ImportPage {
    return new ImportPage({ importId: null, name: "", header: null, columns: [], error: null, file: null, report: null, tableId: null, into, fromTable: into !== null, targets: [], mode: "add", keyFieldId: "", jobId: null });
  }

  override place(): string {
    return "import";
  }

  render(r: Renderer<TroveApp>) {
    r.watch("tables");
    const home = this.state.fromTable ? r.app.table(this.state.into ?? "") : undefined;
    if (this.state.into) r.watch(`table:${this.state.into}`);
    return (
      <section class="page import-page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">{home ? `Import into “${home.name}”` : "Import a table"}</h1>
          {home ? <a class="button small ghost" href={r.hrefTo(`tables/${home.id}`, this, this.close)}>Back to “{home.name}”</a> : <a class="button small ghost" href={r.hrefTo("tables", this, this.close)}>Back to tables</a>}
        </header>
        {this.state.jobId ? this.renderJob(r, this.state.jobId) : this.state.report !== null ? this.renderReport(r, this.state.report as unknown as ImportReport, null) : this.state.importId !== null ? this.renderPreview(r, this.state.importId) : this.renderSource(r)}
      </section>
    );
  }

  private renderSource(r: Renderer<TroveApp>) {
    const { action } = r.form;
    return (
      // Not data-trove: the browser posts the file itself (multipart), with or without JavaScript.
      // With JavaScript, a file over a megabyte goes up in chunks first (../client/uploads.ts, to
      // POST /t/<db>/import-chunks), and the form then names the upload in `import-upload`.
      <form method="post" action={action} enctype="multipart/form-data" class="card import-source" data-chunked-upload={String(action ?? "").replace(/^(\/t\/[^/?]+\/).*$/, "$1import-chunks")}>
        <div class="field">
          <label for="import-paste">Paste from a spreadsheet</label>
          <textarea id="import-paste" name={r.input(this, this.pasted)} rows={8} placeholder={"Name\tInstrument\tFee\nAnn Lee\tViola\t$120"} spellcheck={false} />
          <p class="hint">Copy the cells, headings included, and paste them here: tab- or comma-separated, or a JSON array of objects.</p>
        </div>
        <div class="field">
          <label for="import-file">Or choose a CSV, TSV, JSON or Excel file</label>
          <input id="import-file" type="file" name={r.input(this, this.uploaded)} accept=".csv,.tsv,.txt,.json,.xlsx,text/csv,text/tab-separated-values,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <p class="hint">A CSV, TSV or JSON file of up to {STREAM_LIMITS.fileBytes / 1_048_576} MB and {STREAM_LIMITS.rows.toLocaleString("en")} rows, sent in parts (without JavaScript, up to 5 MB); an Excel workbook (.xlsx) up to 5 MB, its first sheet. Nothing is written until you have seen the preview.</p>
          <input type="hidden" name={r.input(this, this.chunked)} value="" data-upload-id="" />
          <div class="import-bar upload-bar" data-upload-progress="" hidden>
            <progress value={0} max={1} aria-label="Sending the file" />
            <span class="muted" data-upload-status="" aria-live="polite" />
          </div>
        </div>
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        <button class="button primary" {...r.submit(this, this.showPreview)}>Preview</button>
      </form>
    );
  }

  private renderPreview(r: Renderer<TroveApp>, importId: string) {
    const into = this.state.into ? r.app.table(this.state.into) : undefined;
    const shown: { ok: false; reason: string } | ({ ok: true } & Partial<MappingShown> & { preview: ImportPreview }) = into ? r.app.importIntoPreview(importId, into.id, this.state.header, this.state.columns.map(choiceOf), this.intoChoices()) : r.app.importPreview(importId, this.state.header, this.state.columns.map(choiceOf));
    if (!shown.ok) {
      return (
        <form {...r.form} class="card">
          <p class="form-error" role="alert">{shown.reason}</p>
          <button class="button" {...r.submit(this, this.restart)}>Start again</button>
        </form>
      );
    }
    const { preview } = shown;
    const kept = preview.columns.filter((_, c) => this.state.columns[c] !== "skip").length;
    const canBuild = r.app.can("build");
    return (
      <form {...r.form} class="import-preview">
        <div class="card inline-form import-settings">
          <label for="import-into">Import into</label>
          <select id="import-into" name={r.input(this, this.setInto)} data-commit="">
            {canBuild && <option value="" selected={!into}>a new table</option>}
            {r.app.tables().map((t) => <option value={t.id} selected={t.id === into?.id}>the table “{t.name}”</option>)}
          </select>
          {!into && (
            <>
              <label for="import-name">Table name</label>
              <input id="import-name" name={r.input(this, this.setState, "name")} value={this.state.name || this.defaultName(r.app)} maxlength={80} autocomplete="off" />
            </>
          )}
          <label for="import-header">First row</label>
          <select id="import-header" name={r.input(this, this.setHeader)} data-commit="">
            <option value="header" selected={preview.header}>names the columns</option>
            <option value="data" selected={!preview.header}>is a record</option>
          </select>
        </div>
        <p class="muted import-summary">
          {count(preview.records, "record")} · {count(preview.columns.length, "column")}
          {preview.ragged > 0 && ` · ${count(preview.ragged, "row")} with missing or extra cells (padded: nothing is lost)`}
          {preview.records > PREVIEW_ROWS && ` · shares counted in the first ${PREVIEW_ROWS.toLocaleString("en")} rows; the report counts every value`}
        </p>
        {preview.warnings.map((w) => <p class="form-error" role="alert">{w}</p>)}
        {into && shown.targets && shown.planned ? renderMapping(r, this, into, { preview, targets: shown.targets, planned: shown.planned, streamed: shown.streamed === true }) : this.renderColumns(r, preview)}
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        <div class="inline-form import-actions">
          <button class="button primary" {...r.submit(this, this.doImport)} disabled={into ? shown.planned?.ok !== true : kept === 0}>{into ? "Import" : `Import ${count(preview.records, "record")}`}</button>
          <button class="button" {...r.submit(this, this.refresh)}>Update preview</button>
          <span class="spacer" />
          <button class="button ghost" {...r.submit(this, this.restart)}>Start again</button>
        </div>
      </form>
    );
  }

  private renderColumns(r: Renderer<TroveApp>, preview: ImportPreview) {
    return (
        <table class="data-table import-columns">
          <thead>
            <tr><th scope="col">Column</th><th scope="col">Import as</th><th scope="col">Understood</th><th scope="col">Kept but flagged, e.g.</th></tr>
          </thead>
          <tbody>{preview.columns.map((column, c) => this.renderColumn(r, column, c, preview))}</tbody>
        </table>
    );
  }

  private renderColumn(r: Renderer<TroveApp>, column: ImportPreview["columns"][number], c: number, preview: ImportPreview) {
    const skipped = this.state.columns[c] === "skip";
    const values = column.understood + column.notUnderstood;
    return (
      <tr class={skipped ? "skipped" : undefined}>
        <th scope="row">{column.name}</th>
        <td>
          <label class="visually-hidden" for={`import-type-${c}`}>Import “{column.name}” as</label>
          <select id={`import-type-${c}`} name={r.input(this, this.setColumn, c)} data-commit="">
            {importTypes.map((t) => <option value={t} selected={!skipped && t === column.type}>{fieldType(t).label}</option>)}
            <option value="skip" selected={skipped}>Skip this column</option>
          </select>
        </td>
        <td class="share">
          {skipped ? <span class="muted">not imported</span> : <><strong>{percent(column.understood, values)}</strong> <span class="muted">of {count(values, "value")}{column.empty > 0 && `, ${column.empty.toLocaleString("en")} empty`}</span></>}
        </td>
        <td class="flagged">
          {!skipped && column.notUnderstood > 0 && (
            <>
              <span class="invalid-count">{column.notUnderstood}</span>{" "}
              {column.examples.map((e) => <q class="example">{e}</q>)}
            </>
          )}
          {!skipped && column.notUnderstood === 0 && preview.records > 0 && <span class="muted">none</span>}
        </td>
      </tr>
    );
  }

  /** A running job's progress (pushed as it goes, to everyone who watches it), then its report. */
  private renderJob(r: Renderer<TroveApp>, jobId: string) {
    r.watch(`import:${jobId}`);
    const job = r.app.importJob(jobId);
    if (!job) return <p class="form-error" role="alert">This import is no longer here.</p>;
    if (job.state !== "running") return this.renderReport(r, job.report, job);
    return (
      <form {...r.form} class="card import-progress" aria-live="polite">
        <h2>Importing into “{job.name}”</h2>
        <ImportProgress job={job} />
        <p class="hint">You can leave this page: the import goes on, and the tables page shows how far it got.</p>
        <div class="inline-form">
          <button class="button" {...r.submit(this, this.cancel)}>Cancel import</button>
        </div>
      </form>
    );
  }

  private renderReport(r: Renderer<TroveApp>, report: ImportReport, job: ImportJobView | null) {
    const tableId = this.state.tableId ?? "";
    if (this.state.into) {
      const stopped = job !== null && job.state !== "done";
      return (
        <div class={stopped ? "card import-report stopped" : "card import-report"} role="status">
          {renderIntoReport(job?.into ?? (this.state.report as unknown as ImportIntoReport), this.state.name, stopped ? job : null)}
          <p class="hint">Undo takes the whole import back.</p>
          <a class="button primary" href={r.hrefTo(`tables/${tableId}`, this, this.openTable)}>Open “{this.state.name}”</a>
        </div>
      );
    }
    const flagged = report.columns.filter((c) => c.flagged > 0);
    const stopped = job !== null && job.state !== "done";
    return (
      <div class={stopped ? "card import-report stopped" : "card import-report"} role="status">
        <h2>{stopped ? `Stopped: imported ${count(report.records, "record")} of ${job.total.toLocaleString("en")}` : `Imported ${count(report.records, "record")}`} into “{this.state.name}”</h2>
        {stopped && job.reason && <p>{job.reason}</p>}
        <ul>
          {flagged.length === 0 ? <li>Every value was understood.</li> : flagged.map((c) => <li><strong>{c.name}</strong>: {count(c.flagged, "value")} kept but flagged as not understood ({fieldType(c.type).label})</li>)}
          {report.skipped.length > 0 && <li>Skipped: {report.skipped.join(", ")}</li>}
          <li>Rows not imported: {report.notImported.length === 0 ? "none" : report.notImported.map((n) => `row ${n.row}: ${n.reason}`).join("; ")}</li>
        </ul>
        <p class="hint">Undo takes the whole import back.</p>
        <a class="button primary" href={r.hrefTo(`tables/${tableId}`, this, this.openTable)}>Open “{this.state.name}”</a>
      </div>
    );
  }

  /** The file's name without its extension ("supporters.csv" → "supporters"), else
   *  "Imported table"; numbered when a table has it already. */
  private defaultName(app: TroveApp): string {
    const taken = new Set(app.tables().map((t) => t.name.toLowerCase()));
    const file = this.state.file === UNNAMED_FILE ? "" : (this.state.file ?? "");
    const base = file.replace(/\.[a-z0-9]{1,5}$/i, "").replace(/\s+/g, " ").trim().slice(0, 70) || "Imported table";
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    return name;
  }

  private stage(ctx: Ctx, text: string | undefined, file: string) {
    if (!text || text.trim() === "") return;
    const staged = ctx.app.stageImport(text);
    if (!staged.ok) {
      this.state.error = staged.reason;
      return;
    }
    if (this.state.importId) ctx.app.discardImport(this.state.importId);
    Object.assign(this.state, { importId: staged.importId, error: null, header: null, columns: [], name: "", targets: [], file: file.slice(0, MAX_FILE_NAME) });
  }

  pasted(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.error = null;
    this.stage(ctx, value, "");
  }

  /** The object reads the uploaded file's bytes as text (UTF-8, else Windows-1252; an
   *  Excel workbook's first sheet as CSV). */
  uploaded(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.stage(ctx, value, ctx.fileName ?? UNNAMED_FILE);
  }

  /** A file uploaded in chunks (its upload's id), complete: staged for the preview. */
  chunked(ctx: Ctx, _arg: Json, value: string | undefined) {
    if (!value) return;
    const staged = ctx.app.stageUpload(value.slice(0, 40));
    if (!staged.ok) {
      this.state.error = staged.reason;
      return;
    }
    if (this.state.importId && this.state.importId !== staged.importId) ctx.app.discardImport(this.state.importId);
    Object.assign(this.state, { importId: staged.importId, error: null, header: null, columns: [], name: "", targets: [], file: (staged.name || UNNAMED_FILE).slice(0, MAX_FILE_NAME) });
  }

  showPreview() {
    if (this.state.importId === null && this.state.error === null) this.state.error = "Paste some rows or choose a file first.";
  }

  setHeader(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.header = value === "data" ? false : value === "header" ? true : null;
  }

  setColumn(_ctx: Ctx, c: Json, value: string | undefined) {
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c >= 200) return;
    const choice = choiceOf(value ?? "");
    const columns = [...this.state.columns];
    while (columns.length <= c) columns.push("");
    columns[c] = choice ?? "";
    this.state.columns = columns;
  }

  refresh() {}

  /** The target table: "" for a new table (builders), else a table's id. */
  setInto(ctx: Ctx, _arg: Json, value: string | undefined) {
    const table = value ? ctx.app.table(value) : undefined;
    if (!table && !ctx.app.can("build")) return;
    Object.assign(this.state, { into: table?.id ?? null, targets: [], keyFieldId: "", error: null });
  }

  /** Where column `c` goes: a field's id, "new" or "skip". */
  setTarget(_ctx: Ctx, c: Json, value: string | undefined) {
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c >= 200 || typeof value !== "string" || value.length > 50) return;
    const targets = [...this.state.targets];
    while (targets.length <= c) targets.push("");
    targets[c] = value;
    this.state.targets = targets;
  }

  setMode(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.mode = value === "merge" ? "merge" : "add";
  }

  setKey(_ctx: Ctx, _arg: Json, value: string | undefined) {
    if (typeof value === "string" && value.length <= 40) this.state.keyFieldId = value;
  }

  private intoChoices(): ImportIntoChoices {
    return { targets: this.state.targets, mode: this.state.mode === "merge" ? "merge" : "add", keyFieldId: this.state.keyFieldId || null };
  }

  doImport(ctx: Ctx) {
    if (this.state.importId === null) return;
    const into = this.state.into ? ctx.app.table(this.state.into) : undefined;
    if (into) {
      const result = ctx.app.importInto(this.state.importId, into.id, this.state.header, this.state.columns.map(choiceOf), this.intoChoices());
      if (!result.ok) {
        this.state.error = result.reason;
        return;
      }
      // A file uploaded in chunks goes in as a job: its progress, then its report.
      Object.assign(this.state, { name: into.name, importId: null, error: null, tableId: into.id, ...("jobId" in result ? { jobId: result.jobId } : { report: result.report as unknown as Json }) });
      return;
    }
    const name = this.state.name.trim() || this.defaultName(ctx.app);
    // The same settings as the preview shown, so the import makes what was seen.
    const file = typeof this.state.file === "string" ? this.state.file : undefined; // older snapshots have none
    const result = ctx.app.importTable(this.state.importId, { name, header: this.state.header, columns: this.state.columns.map(choiceOf), file });
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    Object.assign(this.state, { name, importId: null, error: null, tableId: result.tableId, jobId: result.jobId });
  }

  cancel(ctx: Ctx) {
    if (!this.state.jobId) return;
    const result = ctx.app.cancelImport(this.state.jobId);
    if (!result.ok) this.state.error = result.reason;
  }

  restart(ctx: Ctx) {
    if (this.state.importId) ctx.app.discardImport(this.state.importId);
    Object.assign(this.state, ImportPage.create(this.state.fromTable ? this.state.into : null).state);
  }

  close(ctx: Ctx) {
    if (this.state.importId) ctx.app.discardImport(this.state.importId);
    return ctx.answer(null);
  }

  openTable(ctx: Ctx) {
    return ctx.answer(this.state.tableId);
  }
}

/** What history calls an uploaded file that came without a name. */
const UNNAMED_FILE = "a file";

/** A job's progress bar with its figures (also on the tables page). */
export function ImportProgress({ job }: { job: ImportJobView }) {
  const share = job.total === 0 ? 100 : Math.floor((job.done / job.total) * 100);
  return (
    <div class="import-bar">
      <progress value={job.done} max={Math.max(job.total, 1)} aria-label={`Importing “${job.name}”`}>{share} %</progress>
      <span class="muted">{job.done.toLocaleString("en")} of {count(job.total, "record")} · {share} %</span>
    </div>
  );
}
