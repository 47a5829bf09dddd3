// Import a new table from pasted text or an uploaded CSV/TSV/JSON file, at tables/import. Step
// one posts the text (a plain multipart form, so a file goes up with or without JavaScript;
// the object keeps it: ../../tenant-do/imports.ts). Step two is the preview: per column the
// type guessed the way the field types read typing, a select to choose another or skip it,
// the share understood and examples that will be kept but flagged. Import makes the table
// in one undoable step and shows the report.

import type { Json } from "../../schema/fields/field-type";
import { fieldType } from "../../schema/fields/registry";
import { MAX_FILE_NAME } from "../../schema/import/import-action";
import { importTypes, isImportType } from "../../schema/import/infer";
import type { ColumnChoice, ImportPreview, ImportReport } from "../../schema/import/plan";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { count } from "../format";

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
  report: Json;
  tableId: string | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.floor((part / whole) * 1000) / 10} %`);

function choiceOf(value: string): ColumnChoice {
  return value === "skip" ? "skip" : isImportType(value) ? value : undefined;
}

export class ImportPage extends Component<State> {
  static override readonly type = "ImportPage";

  static create(): ImportPage {
    return new ImportPage({ importId: null, name: "", header: null, columns: [], error: null, file: null, report: null, tableId: null });
  }

  override place(): string {
    return "import";
  }

  render(r: Renderer<TroveApp>) {
    r.watch("tables");
    return (
      <section class="page import-page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">Import a table</h1>
          <a class="button small ghost" href={r.hrefTo("tables", this, this.close)}>Back to tables</a>
        </header>
        {this.state.report !== null ? this.renderReport(r) : this.state.importId !== null ? this.renderPreview(r, this.state.importId) : this.renderSource(r)}
      </section>
    );
  }

  private renderSource(r: Renderer<TroveApp>) {
    const { action } = r.form;
    return (
      // Not data-trove: the browser posts the file itself (multipart), with or without JavaScript.
      <form method="post" action={action} enctype="multipart/form-data" class="card import-source">
        <div class="field">
          <label for="import-paste">Paste from a spreadsheet</label>
          <textarea id="import-paste" name={r.input(this, this.pasted)} rows={8} placeholder={"Name\tInstrument\tFee\nAnn Lee\tViola\t$120"} spellcheck={false} />
          <p class="hint">Copy the cells, headings included, and paste them here: tab- or comma-separated, or a JSON array of objects.</p>
        </div>
        <div class="field">
          <label for="import-file">Or choose a CSV, TSV or JSON file</label>
          <input id="import-file" type="file" name={r.input(this, this.uploaded)} accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,text/plain,application/json" />
          <p class="hint">Up to 5 MB and 50,000 rows. Nothing is written until you have seen the preview.</p>
        </div>
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        <button class="button primary" {...r.submit(this, this.showPreview)}>Preview</button>
      </form>
    );
  }

  private renderPreview(r: Renderer<TroveApp>, importId: string) {
    const shown = r.app.importPreview(importId, this.state.header, this.state.columns.map(choiceOf));
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
    return (
      <form {...r.form} class="import-preview">
        <div class="card inline-form import-settings">
          <label for="import-name">Table name</label>
          <input id="import-name" name={r.input(this, this.setState, "name")} value={this.state.name || this.defaultName(r.app)} maxlength={80} autocomplete="off" />
          <label for="import-header">First row</label>
          <select id="import-header" name={r.input(this, this.setHeader)} data-commit="">
            <option value="header" selected={preview.header}>names the columns</option>
            <option value="data" selected={!preview.header}>is a record</option>
          </select>
        </div>
        <p class="muted import-summary">
          {count(preview.records, "record")} · {count(preview.columns.length, "column")}
          {preview.ragged > 0 && ` · ${count(preview.ragged, "row")} with missing or extra cells (padded: nothing is lost)`}
        </p>
        {preview.warnings.map((w) => <p class="form-error" role="alert">{w}</p>)}
        <table class="data-table import-columns">
          <thead>
            <tr><th scope="col">Column</th><th scope="col">Import as</th><th scope="col">Understood</th><th scope="col">Kept but flagged, e.g.</th></tr>
          </thead>
          <tbody>{preview.columns.map((column, c) => this.renderColumn(r, column, c, preview))}</tbody>
        </table>
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        <div class="inline-form import-actions">
          <button class="button primary" {...r.submit(this, this.doImport)} disabled={kept === 0}>Import {count(preview.records, "record")}</button>
          <button class="button" {...r.submit(this, this.refresh)}>Update preview</button>
          <span class="spacer" />
          <button class="button ghost" {...r.submit(this, this.restart)}>Start again</button>
        </div>
      </form>
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
          {skipped ? <span class="muted">not imported</span> : <><strong>{percent(column.understood, values)}</strong> <span class="muted">of {count(values, "value")}{column.empty > 0 && `, ${column.empty} empty`}</span></>}
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

  private renderReport(r: Renderer<TroveApp>) {
    const report = this.state.report as unknown as ImportReport;
    const tableId = this.state.tableId ?? "";
    const flagged = report.columns.filter((c) => c.flagged > 0);
    return (
      <div class="card import-report" role="status">
        <h2>Imported {count(report.records, "record")} into “{this.state.name}”</h2>
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

  private defaultName(app: TroveApp): string {
    const taken = new Set(app.tables().map((t) => t.name.toLowerCase()));
    let name = "Imported table";
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `Imported table ${n}`;
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
    Object.assign(this.state, { importId: staged.importId, error: null, header: null, columns: [], name: "", file: file.slice(0, MAX_FILE_NAME) });
  }

  pasted(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.error = null;
    this.stage(ctx, value, "");
  }

  /** The object reads the uploaded file's bytes as text (UTF-8, else Windows-1252). */
  uploaded(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.stage(ctx, value, ctx.fileName ?? "a file");
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

  doImport(ctx: Ctx) {
    if (this.state.importId === null) return;
    const name = this.state.name.trim() || this.defaultName(ctx.app);
    // The same settings as the preview shown, so the import makes what was seen.
    const file = typeof this.state.file === "string" ? this.state.file : undefined; // older snapshots have none
    const result = ctx.app.importTable(this.state.importId, { name, header: this.state.header, columns: this.state.columns.map(choiceOf), file });
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    Object.assign(this.state, { name, importId: null, error: null, tableId: result.tableId, report: result.report as unknown as Json });
  }

  restart(ctx: Ctx) {
    if (this.state.importId) ctx.app.discardImport(this.state.importId);
    Object.assign(this.state, ImportPage.create().state);
  }

  close(ctx: Ctx) {
    if (this.state.importId) ctx.app.discardImport(this.state.importId);
    return ctx.answer(null);
  }

  openTable(ctx: Ctx) {
    return ctx.answer(this.state.tableId);
  }
}
