// A table as a grid: inline editing (every cell keeps the text typed; text a field does not
// understand stays, flagged in red and counted in the header), add record, sort by a
// column, the field menu (rename, change type with a preview, hide, delete, add field left
// or right), and pages of records so a 100,000-record table never renders at once. The view
// it shows and the view bar's handlers live in ViewedTable (./viewed-table.tsx).

import type { Json } from "../../schema/fields/field-type";
import { isFieldTypeName } from "../../schema/fields/registry";
import { liveFields, type Table } from "../../schema/model";
import { visibleFields } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { ConflictDialog } from "./conflict";
import { DerivedBuilder } from "./derived-builder";
import { liveField } from "./fields";
import { addFieldForm, fieldHeader, gridCell, renameFieldForm } from "./table-grid";
import { RecordDetail } from "./record-detail";
import { TypeChange } from "./type-change";
import { count } from "../format";
import { sameGroup } from "../../schema/views/result";
import { viewControls, viewTabs } from "./view-bar";
import * as edits from "./view-edits";
import { groupRow, totalsRow } from "./view-grid";
import { ExportMenu } from "./export-menu";
import { ViewedTable } from "./viewed-table";

type Ctx = HandlerContext<TroveApp>;

export const PAGE_SIZE = 50;


/** The tables whose records this one's grid shows: those it links to and those linking here. */
function linkedTables(tables: readonly Table[], table: Table): string[] {
  const linksTo = (from: Table, to: string) => liveFields(from).some((f) => f.type === "link" && (f.options as { tableId?: unknown } | null)?.tableId === to);
  return tables.filter((t) => t.id !== table.id && (linksTo(t, table.id) || linksTo(table, t.id))).map((t) => t.id);
}

/** "80: Ada, Ben, Cy, …": the other side of a link on one line, the count first so it
 *  survives the cut (all names are in the cell's title). */
function linkedSummary(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.length}: ${names.slice(0, 3).join(", ")}, …`;
}

export class TablePage extends ViewedTable {
  static override readonly type = "TablePage";

  static create(tableId: string, viewId: string | null = null): TablePage {
    return new TablePage({
      tableId, page: 0, sort: null, invalidIn: null, menu: null, renaming: null, renameText: "", adding: null, newFieldName: "", newFieldType: "text", error: null,
      viewId, draft: null, viewForm: null, viewName: "", searchText: "", condChoice: "", condArg1: "", condArg2: "", sortChoice: "", groupChoice: "", summaryChoice: "",
    });
  }

  override place(): string {
    return this.state.viewId ? `${this.state.tableId}/views/${this.state.viewId}` : this.state.tableId;
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    const { tableId } = this.state;
    r.watch(`table:${tableId}`);
    r.watch(`records:${tableId}`);
    r.watch("constants"); // a filter may read a named constant
    const table = app.table(tableId);
    if (!table) {
      return (
        <section class="page">
          <p class="empty">This table was deleted. <a href={r.hrefTo("tables", this, this.back)}>Back to tables</a></p>
        </section>
      );
    }
    const live = liveFields(table);
    const stored = this.stored(app);
    if (this.state.viewId && !stored) {
      return (
        <section class="page">
          <p class="empty">This view was deleted. <a href={r.hrefTo(`tables/${tableId}`, this, this.openView, null)}>Show all records</a></p>
        </section>
      );
    }
    const view = this.working(app, table);
    const viewMode = stored !== undefined || this.state.draft !== null;
    const run = viewMode ? app.runView(view, { offset: this.state.page * PAGE_SIZE, limit: PAGE_SIZE }) : null;
    const fields = viewMode ? visibleFields(table, view) : live.filter((f) => !f.hidden);
    const groupField = view.group ? live.find((f) => f.id === view.group?.fieldId) : undefined;
    const hidden = live.filter((f) => f.hidden);
    const canWrite = app.can("write");
    const canBuild = app.can("build");
    const invalid = app.invalidCounts(tableId);
    const { records, total } = run ? { records: run.records.map((row) => row.record), total: run.total } : app.records(tableId, {
      offset: this.state.page * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(this.state.sort ? { sort: this.state.sort } : {}),
      ...(this.state.invalidIn ? { invalidIn: this.state.invalidIn } : {}),
    });
    const first = this.state.page * PAGE_SIZE;
    const backlinks = app.backlinks(tableId, records.map((rec) => rec.id));
    // Linked names show on both sides: an edit in a linked table changes this grid.
    for (const other of linkedTables(app.tables(), table)) r.watch(`records:${other}`);
    // Hidden or not: a filter that is on always says so, with the way out.
    const filterField = this.state.invalidIn ? live.find((f) => f.id === this.state.invalidIn) : undefined;
    return (
      <section class="page wide" aria-labelledby="page-title">
        <header class="page-header">
          <a class="back" href={r.hrefTo("tables", this, this.back)}>← Tables</a>
          <h1 id="page-title">{table.name}</h1>
          <p class="muted">{count(total, "record")}</p>
          <span class="spacer" />
          <ExportMenu database={app.databaseName} tableId={table.id} />
          {canBuild && <a class="button" href={r.href(this, this.startDerived)}>Computed field</a>}
          {canWrite && (
            <form {...r.form}>
              <button class="button primary" {...r.submit(this, this.addRecord)}>Add record</button>
            </form>
          )}
        </header>
        {viewTabs(r, this, table, app.views(tableId), this.state.viewId)}
        {(viewMode || this.state.viewForm !== null) && viewControls(r, this, table, view, run?.inactive ?? [], { draft: this.state.draft !== null, mayChange: stored !== undefined && app.mayChangeView(stored), stored: stored !== undefined })}
        {filterField && (
          <div class="filter-banner" role="status">
            <p>
              Showing the {count(total, "record")} whose “{filterField.name}” was not understood. <a href={r.href(this, this.clearFilter)}>Show all records</a>
            </p>
            {canBuild && (filterField.type === "choice" || filterField.type === "multiChoice") && (
              <form {...r.form}>
                {[...new Set(records.map((rec) => rec.cells[filterField.id]?.text.trim() ?? "").filter((t) => t !== "" && t.length <= 80 && !/[,;]/.test(t)))].slice(0, 8).map((text) => (
                  <button class="button small" {...r.submit(this, this.addOption, [filterField.id, text])}>Add “{text}” as an option</button>
                ))}
              </form>
            )}
          </div>
        )}
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        {canBuild && this.state.adding !== null && addFieldForm(r, this)}
        {canBuild && this.state.renaming && renameFieldForm(r, this, fields)}
        <form {...r.form} class="grid-form">
          <div class="grid-scroll">
            <table class="grid" data-grid="">
              <thead id="grid-head" data-region>
                <tr>
                  <th class="row-head" scope="col"><span class="visually-hidden">Record</span></th>
                  {fields.map((field, index) => fieldHeader(r, this, field, index, invalid[field.id] ?? 0, canBuild, viewMode ? (view.sorts[0] ?? null) : this.state.sort))}
                  {backlinks.map((b) => (
                    <th scope="col" class="field-head">
                      <div class="field-title"><span class="field-name">{b.label}</span><span class="type-tag">Linked records</span></div>
                    </th>
                  ))}
                  {canBuild && (
                    <th class="add-column" scope="col">
                      <a href={r.href(this, this.startAddField, fields.length)} aria-label="Add field">+ Field</a>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {records.map((record, i) => [
                  run?.groups && groupField && view.group && (i === 0 || !sameGroup(run.records[i - 1]?.group ?? null, run.records[i]?.group ?? null)) && (() => {
                    const index = run.groups.findIndex((g) => sameGroup(g, run.records[i]?.group ?? null));
                    const group = run.groups[index];
                    return group ? groupRow(r, group, index, groupField, view.group.part, live, fields.length + backlinks.length + (canBuild ? 2 : 1)) : null;
                  })(),
                  <tr id={`rec-${record.id}`} data-region>
                    <th class="row-head" scope="row">
                      <a href={r.hrefTo(`tables/${tableId}/records/${record.id}`, this, this.openRecord, null, record.id)} aria-label={`Open record ${first + i + 1}`}>{first + i + 1}</a>
                    </th>
                    {fields.map((field) => gridCell(r, this, field, record, first + i + 1, canWrite))}
                    {backlinks.map((b) => (
                      <td class="cell backlink" title={(b.names.get(record.id) ?? []).join(", ")}>{linkedSummary(b.names.get(record.id) ?? [])}</td>
                    ))}
                    {canBuild && <td class="add-column" />}
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
          {records.length === 0 && <p class="empty">{fields.length === 0 ? "Add a field to start: a name, an email, a date…" : viewMode ? "No records match this view." : "No records yet."}</p>}
          {run && totalsRow(run.totals, live, run.total)}
          {canWrite && records.length > 0 && (
            <p class="grid-save">
              <button class="button" {...r.submit(this, this.saved)}>Save changes</button>
              <span class="muted">Changes save as you leave each cell.</span>
            </p>
          )}
        </form>
        <nav class="pager" aria-label="Pages">
          {this.state.page > 0 && <a class="button small" href={r.href(this, this.turn, this.state.page - 1)}>Previous</a>}
          <span class="muted">{total === 0 ? "" : `${(first + 1).toLocaleString("en")}–${Math.min(first + PAGE_SIZE, total).toLocaleString("en")} of ${total.toLocaleString("en")}`}</span>
          {first + PAGE_SIZE < total && <a class="button small" href={r.href(this, this.turn, this.state.page + 1)}>Next</a>}
        </nav>
        {hidden.length > 0 && (
          <p class="muted hidden-fields">
            Hidden: {hidden.map((f) => (canBuild ? <a href={r.href(this, this.showField, f.id)} aria-label={`Show ${f.name}`}>{f.name}</a> : <span>{f.name}</span>))}
          </p>
        )}
      </section>
    );
  }

  async back(ctx: Ctx) {
    await ctx.answer(null);
  }

  editCell(ctx: Ctx, fieldId: Json, value: string | undefined, recordId: string | undefined) {
    if (typeof fieldId !== "string" || recordId === undefined || value === undefined) return;
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const record = field && this.current(ctx, recordId);
    if (!field || !record) return;
    // Inputs show the formatted value; only a real edit replaces the kept text.
    const shown = ctx.app.display(field, record.cells[field.id]);
    if (value === shown || value === ctx.base) return;
    // The cell changed since this page showed it: someone else's edit is never overwritten
    // silently; the person sees both and chooses.
    if (ctx.base !== undefined && ctx.base !== shown) {
      ctx.call(ConflictDialog.create({ fieldName: field.name, recordId, fieldId: field.id, mine: value, theirs: shown }), "conflictAnswered");
      return;
    }
    const result = ctx.app.setCell(this.state.tableId, recordId, field.id, value);
    this.state.error = result.ok ? null : result.reason;
  }

  conflictAnswered(ctx: Ctx, choice: Json) {
    if (!choice || typeof choice !== "object" || Array.isArray(choice)) return;
    const { recordId, fieldId, text } = choice;
    if (typeof recordId !== "string" || typeof fieldId !== "string" || typeof text !== "string" || !liveField(ctx.app, this.state.tableId, fieldId)) return;
    this.report(ctx.app.setCell(this.state.tableId, recordId, fieldId, text));
    if (this.state.error === null) ctx.notice("Your value is saved.");
  }

  private current(ctx: Ctx, recordId: string) {
    return ctx.app.record(this.state.tableId, recordId);
  }

  saved(ctx: Ctx) {
    if (!this.state.error) ctx.notice("Saved.");
  }

  addRecord(ctx: Ctx) {
    const result = ctx.app.addRecord(this.state.tableId);
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    // Show the new record: it is the last in creation order.
    const total = ctx.app.records(this.state.tableId, { offset: 0, limit: 0 }).total;
    this.state.sort = null;
    this.state.invalidIn = null;
    this.state.page = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  }

  sortBy(ctx: Ctx, fieldId: Json) {
    if (typeof fieldId !== "string") return;
    if (this.state.viewId !== null || this.state.draft !== null) return this.edit(ctx, (v) => edits.toggleSort(v, fieldId));
    const current = this.state.sort;
    this.state.sort = current?.fieldId === fieldId ? (current.descending ? null : { fieldId, descending: true }) : { fieldId, descending: false };
    this.state.page = 0;
  }

  turn(_ctx: Ctx, page: Json) {
    if (typeof page === "number" && page >= 0) this.state.page = page;
  }

  showInvalid(_ctx: Ctx, fieldId: Json) {
    if (typeof fieldId !== "string") return;
    this.state.invalidIn = fieldId;
    this.state.page = 0;
  }

  addOption(ctx: Ctx, arg: Json) {
    if (!Array.isArray(arg) || typeof arg[0] !== "string" || typeof arg[1] !== "string") return;
    const result = ctx.app.addChoiceOption(this.state.tableId, arg[0], arg[1]);
    ctx.notice(result.ok ? `“${arg[1]}” is now an option.` : result.reason, result.ok ? "info" : "error");
  }

  clearFilter() {
    this.state.invalidIn = null;
    this.state.page = 0;
  }

  toggleMenu(_ctx: Ctx, fieldId: Json) {
    this.state.menu = this.state.menu === fieldId || typeof fieldId !== "string" ? null : fieldId;
  }

  startAddField(_ctx: Ctx, index: Json) {
    this.state.menu = null;
    this.state.adding = typeof index === "number" ? index : 0;
    this.state.newFieldName = "";
    this.state.newFieldType = "text";
  }

  setNewFieldType(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.newFieldType = value && isFieldTypeName(value) ? value : "text";
  }

  addField(ctx: Ctx) {
    const result = ctx.app.addField(this.state.tableId, this.state.newFieldName, this.state.newFieldType, this.state.adding ?? 0);
    if (result.ok) {
      this.state.adding = null;
      this.state.error = null;
    } else {
      this.state.error = result.reason;
    }
  }

  cancelAddField() {
    this.state.adding = null;
    this.state.error = null;
  }

  startRename(ctx: Ctx, fieldId: Json) {
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    if (!field) return;
    this.state.menu = null;
    this.state.renaming = field.id;
    this.state.renameText = field.name;
  }

  saveRename(ctx: Ctx) {
    if (!this.state.renaming) return;
    const result = ctx.app.renameField(this.state.tableId, this.state.renaming, this.state.renameText);
    this.state.error = result.ok ? null : result.reason;
    if (result.ok) this.state.renaming = null;
  }

  cancelRename() {
    this.state.renaming = null;
    this.state.error = null;
  }

  hideField(ctx: Ctx, fieldId: Json) {
    this.state.menu = null;
    if (typeof fieldId === "string") this.report(ctx.app.setFieldHidden(this.state.tableId, fieldId, true));
  }

  showField(ctx: Ctx, fieldId: Json) {
    if (typeof fieldId === "string") this.report(ctx.app.setFieldHidden(this.state.tableId, fieldId, false));
  }

  askDeleteField(ctx: Ctx, fieldId: Json) {
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    if (!field) return;
    this.state.menu = null;
    const users = ctx.app.derived.usedBy(this.state.tableId, field.id);
    const used = users.length > 0 ? ` Computed fields use it — ${users.map((u) => `“${u}”`).join(", ")} — and will show “cannot compute” until it is back.` : "";
    ctx.call(ConfirmDialog.ask(`Delete the field “${field.name}”?`, `Its values are kept in the change history: Undo brings the field back with every value.${used}`, "Delete field", true, field.id), "deleteFieldAnswered");
  }

  startDerived(ctx: Ctx, fieldId: Json) {
    this.state.menu = null;
    const field = typeof fieldId === "string" ? liveField(ctx.app, this.state.tableId, fieldId) : undefined;
    ctx.call(DerivedBuilder.create(this.state.tableId, field?.derived ? field : undefined), "typeChanged");
  }

  deleteFieldAnswered(ctx: Ctx, fieldId: Json) {
    if (typeof fieldId === "string") this.report(ctx.app.deleteField(this.state.tableId, fieldId));
  }

  askTypeChange(ctx: Ctx, fieldId: Json) {
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    if (!field) return;
    this.state.menu = null;
    ctx.call(TypeChange.create(this.state.tableId, field), "typeChanged");
  }

  typeChanged(ctx: Ctx, outcome: Json) {
    if (typeof outcome === "string") ctx.notice(outcome);
  }

  openRecord(ctx: Ctx, _arg: Json, _value: string | undefined, recordId: string | undefined) {
    if (recordId && this.current(ctx, recordId)) ctx.call(RecordDetail.create(this.state.tableId, recordId), "recordClosed");
  }

  recordClosed(ctx: Ctx, outcome: Json) {
    if (typeof outcome === "string") ctx.notice(outcome);
  }
}
