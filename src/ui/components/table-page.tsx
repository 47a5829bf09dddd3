// A table as a grid: inline editing (every cell keeps the text typed; text a field does not
// understand stays, flagged in red and counted in the header), add record, sort by a
// column, the field menu (rename, change type with a preview, hide, delete, add field left
// or right), and pages of records so a 100,000-record table never renders at once. The view
// it shows and the view bar's handlers live in ViewedTable (./viewed-table.tsx).

import type { Json } from "../../schema/fields/field-type";
import { isRowElements, type PageKey, pageAddress, rowElements } from "../../schema/paging";
import { liveFields, type Table } from "../../schema/model";
import { groupingsOf, visibleFields } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { DerivedBuilder } from "./derived-builder";
import { liveField } from "./fields";
import { fieldHeader, recomputingNote, renameFieldForm, staleUses } from "./table-grid";
import { FieldSetup } from "./field-setup";
import { ImportPage } from "./import-page";
import { TypeChange } from "./type-change";
import { count } from "../format";
import { hiddenRanges, MAX_COLLAPSED, pageLines, positionOf } from "../../schema/views/group-layout";
import { viewControls, viewTabs } from "./view-bar";
import * as edits from "./view-edits";
import { groupRow, totalsRow } from "./view-grid";
import { ExportMenu } from "./export-menu";
import { GridTable, PAGE_SIZE } from "./grid-table";
import { bulkBar, newRecordRow, recordRow } from "./grid-rows";
import { suggestions, unknownParts } from "./grid-chips";
import { calendarSection, prepareCalendar } from "./calendar-view";
import { viewPicture } from "./view-picture";
import { displayOf } from "../../schema/views/display";
import { isEach } from "../../schema/views/group-kinds";
import { grouped } from "../../schema/text";

type Ctx = HandlerContext<TroveApp>;


/** The tables whose records this one's grid shows: those it links to and those linking here. */
function linkedTables(tables: readonly Table[], table: Table): string[] {
  const mine = linkTargets(table);
  return tables.filter((t) => t.id !== table.id && (linkTargets(t).has(table.id) || mine.has(t.id))).map((t) => t.id);
}

/** The tables a table's live links point to, kept per table object (tables are rebuilt by
 *  actions, never changed in place): a grid in a schema of 300 tables × 30 fields reads each
 *  table's fields once, not on every render. */
const linkTargetsOf = new WeakMap<Table, Set<unknown>>();

function linkTargets(table: Table): Set<unknown> {
  let targets = linkTargetsOf.get(table);
  if (!targets) {
    targets = new Set(liveFields(table).flatMap((f) => (f.type === "link" ? [(f.options as { tableId?: unknown } | null)?.tableId] : [])));
    linkTargetsOf.set(table, targets);
  }
  return targets;
}

export class TablePage extends GridTable {
  static override readonly type = "TablePage";

  static create(tableId: string, viewId: string | null = null, period: string | null = null, at?: { page: number; key: PageKey | null }): TablePage {
    return new TablePage({
      tableId, page: at?.page ?? 0, pageKey: at?.key ? { page: at.page, ...at.key } : null, sort: null, invalidIn: null, menu: null, renaming: null, renameText: "", error: null, focus: null,
      viewId, draft: null, collapsed: [], viewForm: null, viewName: "", searchText: "", condChoice: "", condArg1: "", condArg2: "", sortChoice: "", groupChoice: "", groupWidth: "", summaryChoice: "", measureChoice: "", stackChoice: "",
      period, calField: "", calTitle: "", calDescription: "",
    });
  }

  override place(): string {
    const page = this.state.period ? "" : pageAddress(this.state.page, this.pageKey());
    const grid = this.state.viewId ? `${this.state.tableId}/views/${this.state.viewId}${this.state.period ? `/at/${this.state.period}` : ""}` : this.state.tableId;
    return page === "" ? grid : `${grid}/${page}`;
  }

  /** The record this page is read after or before, if a page turn led here. */
  pageKey(): PageKey | null {
    const k = this.state.pageKey;
    if (!k || k.page !== this.state.page) return null;
    return { ...("after" in k ? { after: k.after } : { before: k.before }), ...(k.in && { in: k.in }) };
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
    const display = viewMode ? displayOf(view) : undefined;
    if (viewMode && (display?.kind === "chart" || display?.kind === "map")) {
      return viewPicture(r, this, table, view, display, { draft: this.state.draft !== null, mayChange: stored !== undefined && app.mayChangeView(stored), stored: stored !== undefined });
    }
    const calendar = display?.kind === "calendar" ? prepareCalendar(app, table, view, display, this.state.period, this.today(app)) : undefined;
    const collapsed = new Set(this.state.collapsed);
    const key = this.pageKey();
    const run = viewMode && !calendar ? app.runView(view, { offset: this.state.page * PAGE_SIZE, limit: PAGE_SIZE, key }, collapsed) : null;
    const fields = viewMode ? visibleFields(table, view) : live.filter((f) => !f.hidden);
    const levels = groupingsOf(view).map((g) => ({ field: live.find((f) => f.id === g.fieldId), part: g.part }));
    const hidden = live.filter((f) => f.hidden);
    const canWrite = app.can("write");
    const canBuild = app.can("build");
    const invalid = app.invalidCounts(tableId);
    const { records, total } = calendar ? { records: [], total: calendar.total } : run ? { records: run.records.map((row) => row.record), total: run.shown } : app.records(tableId, {
      offset: this.state.page * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(this.state.sort ? { sort: this.state.sort } : {}),
      ...(this.state.invalidIn ? { invalidIn: this.state.invalidIn } : {}),
      key,
    });
    const first = this.state.page * PAGE_SIZE;
    // A turn names the row next to the page it leads to: in a view, with the values that row
    // lies under at levels that put a record under each (a record is a row per value).
    const each = levels.map((l) => l.field !== undefined && isEach(l.field.type, l.part));
    const turnPast = (page: number, dir: "after" | "before", i: number): Json => {
      const elements = run ? rowElements(each, run.records[i]!.path) : undefined;
      return elements === null ? [page] : [page, dir, records[i]!.id, ...(elements ? [elements] : [])];
    };
    const backlinks = app.backlinks(tableId, records.map((rec) => rec.id));
    // Linked names show on both sides: an edit in a linked table changes this grid.
    for (const other of linkedTables(app.tables(), table)) r.watch(`records:${other}`);
    // Hidden or not: a filter that is on always says so, with the way out.
    const filterField = this.state.invalidIn ? live.find((f) => f.id === this.state.invalidIn) : undefined;
    const progress = app.derived.progress(tableId);
    const pending = progress ? app.derived.pending(tableId, records.map((rec) => rec.id)) : new Set<string>();
    const rows = { fields, backlinks, canWrite, canBuild, pending };
    return (
      <section class="page wide" aria-labelledby="page-title">
        <header class="page-header">
          <a class="back" href={r.hrefTo("tables", this, this.back)}>← Tables</a>
          <h1 id="page-title">{table.name}</h1>
          <p class="muted">{count(run?.matched ?? total, "record")}{run && run.total > run.matched && ` in ${run.total.toLocaleString("en")} rows (a record under each of its groups)`}{run && run.shown < run.total && `, ${run.shown.toLocaleString("en")} shown`}{calendar && ` ${calendar.layout.period.kind === "month" ? "this month" : "this week"}`}</p>
          <span class="spacer" />
          {/* The table's history (its changes, structure ones too, and the table as it was): a plain link to its place. */}
          <a class="button small" href={`/t/${app.databaseName}/activity/${table.id}`}>History</a>
          <ExportMenu database={app.databaseName} tableId={table.id} />
          {canWrite && <a class="button small" href={r.hrefTo(`tables/${table.id}/import`, this, this.openImport)} title="Import rows from a spreadsheet into this table">Import…</a>}
          {canBuild && <a class="button" href={r.href(this, this.startDerived)}>Computed field</a>}
          {canWrite && (
            <form {...r.form}>
              <button class="button primary" {...r.submit(this, this.addRecord)} data-focus-after="">Add record</button>
            </form>
          )}
        </header>
        {viewTabs(r, this, table, app.views(tableId), this.state.viewId)}
        {(viewMode || this.state.viewForm !== null) && viewControls(r, this, table, view, run?.inactive ?? calendar?.inactive ?? [], { draft: this.state.draft !== null, mayChange: stored !== undefined && app.mayChangeView(stored), stored: stored !== undefined })}
        {filterField && (
          <div class="filter-banner" role="status">
            <p>
              Showing the {count(total, "record")} whose “{filterField.name}” {filterField.derived ? "cannot be computed" : "was not understood"}. <a href={r.href(this, this.clearFilter)}>Show all records</a>
            </p>
            {canBuild && (filterField.type === "choice" || filterField.type === "multiChoice") && (
              <form {...r.form}>
                {unknownParts(filterField, records.map((rec) => rec.cells[filterField.id]?.text ?? "")).map((text) => (
                  <button class="button small" {...r.submit(this, this.addOption, [filterField.id, text])}>Add “{text}” as an option</button>
                ))}
              </form>
            )}
          </div>
        )}
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        {progress && recomputingNote(live, progress, staleUses(progress.fieldIds, viewMode ? view : null, viewMode ? null : this.state.sort))}
        {canBuild && this.state.renaming && renameFieldForm(r, this, fields)}
        {display?.kind === "calendar" && !calendar && <p class="form-error" role="alert">This calendar's date field was deleted or is no longer a date: choose another in the view, or show it as a grid.</p>}
        {calendar ? calendarSection(r, this, table, calendar) : (
        <>
        <form {...r.form} class="grid-form">
          <div class="grid-scroll">
            <table class="grid" data-grid="" data-paste={canWrite ? r.input(this, this.paste) : undefined} data-import={canWrite ? `${r.address.base}tables/${table.id}/import` : undefined}>
              <thead id="grid-head" data-region>
                <tr>
                  <th class="row-head" scope="col"><span class="visually-hidden">Record</span></th>
                  {fields.map((field, index) => fieldHeader(r, this, field, index, invalid[field.id] ?? 0, canBuild, viewMode ? (view.sorts[0] ?? null) : this.state.sort, { width: (viewMode ? view.widths?.find(([f]) => f === field.id)?.[1] : undefined) ?? field.width, arrange: viewMode || canBuild }))}
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
                {run?.groups
                  ? (() => {
                      // Grouped: the page's records under their groups' headers, folded groups as headers alone.
                      const columns = fields.length + backlinks.length + (canBuild ? 2 : 1);
                      const before = first === 0 ? -1 : positionOf(hiddenRanges(run.groups, collapsed), first - 1, run.total);
                      const seen = new Map<string, number>(); // a record under several groups: how often shown
                      return pageLines(run.groups, collapsed, run.records.map((row) => row.position), before, first + PAGE_SIZE >= total).map((line) => {
                        if ("record" in line) {
                          const record = records[line.record]!;
                          const repeat = seen.get(record.id) ?? 0;
                          seen.set(record.id, repeat + 1);
                          return recordRow(r, this, record, first + line.record + 1, rows, repeat);
                        }
                        const level = levels[line.group.level];
                        return level?.field ? groupRow(r, this, line.group, line.index, { field: level.field, part: level.part, fields: live, columns, collapsed: line.collapsed }) : null;
                      });
                    })()
                  : records.map((record, i) => recordRow(r, this, record, first + i + 1, rows))}
              </tbody>
              {canWrite && fields.length > 0 && first + PAGE_SIZE >= total && (
                <tfoot>{newRecordRow(r, this, rows)}</tfoot>
              )}
            </table>
          </div>
          {canWrite && (
            <div id="grid-suggestions" data-region hidden>
              {fields.map((field) => suggestions(app, field))}
            </div>
          )}
          {records.length === 0 && <p class="empty">{fields.length === 0 ? "Add a field to start: a name, an email, a date…" : total > 0 ? "This page lies past the last record." : viewMode ? "No records match this view." : "No records yet."}</p>}
          {run && totalsRow(run.totals, live, run.matched)}
          {canWrite && fields.length > 0 && (
            <p class="grid-save no-js">
              <button class="button" {...r.submit(this, this.saved)}>Save changes</button>
              <span class="muted">Type in the cells, then save; the last row adds a record.</span>
            </p>
          )}
        </form>
        {canWrite && records.length > 0 && bulkBar(r, this)}
        <nav class="pager" aria-label="Pages">
          {/* A turn names the record next to the page it leads to: that page is read by key. */}
          {this.state.page > 0 && <a class="button small" rel="prev" href={r.href(this, this.turn, this.state.page === 1 || records.length === 0 ? [0] : turnPast(this.state.page - 1, "before", 0))}>Previous</a>}
          <span class="muted">{total === 0 ? "" : records.length === 0 ? `Past the last of ${grouped(total)}` : `${grouped(first + 1)}–${grouped(Math.min(first + records.length, total))} of ${grouped(total)}`}</span>
          {first + PAGE_SIZE < total && records.length > 0 && <a class="button small" rel="next" href={r.href(this, this.turn, turnPast(this.state.page + 1, "after", records.length - 1))}>Next</a>}
        </nav>
        </>
        )}
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

  sortBy(ctx: Ctx, fieldId: Json) {
    if (typeof fieldId !== "string") return;
    if (this.state.viewId !== null || this.state.draft !== null) return this.edit(ctx, (v) => edits.toggleSort(v, fieldId));
    const current = this.state.sort;
    this.state.sort = current?.fieldId === fieldId ? (current.descending ? null : { fieldId, descending: true }) : { fieldId, descending: false };
    this.state.page = 0;
  }

  /** Folds or unfolds a group on this person's page (the shared view does not change). */
  toggleGroup(_ctx: Ctx, path: Json) {
    if (typeof path !== "string" || path.length > 2000) return;
    const folded = this.state.collapsed.filter((p) => p !== path);
    this.state.collapsed = folded.length < this.state.collapsed.length ? folded : [...folded, path].slice(-MAX_COLLAPSED);
  }

  /** To page `n` (0-based), read after or before the row named (by position without one):
   *  its record and, in a view grouped by a multiple choice or a link, the values it lies
   *  under (../../schema/paging.ts: PageKey). */
  turn(_ctx: Ctx, arg: Json) {
    const [page, dir, id, elements] = Array.isArray(arg) ? arg : [arg];
    if (typeof page !== "number" || !Number.isInteger(page) || page < 0) return;
    this.state.page = page;
    const at = isRowElements(elements) ? { in: elements } : {};
    this.state.pageKey = (dir === "after" || dir === "before") && typeof id === "string" && /^[\w-]{1,40}$/.test(id) ? (dir === "after" ? { page, after: id, ...at } : { page, before: id, ...at }) : null;
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

  /** "+ Field" and "Add field left/right": a dialog asks what the type needs first. */
  startAddField(ctx: Ctx, index: Json) {
    this.state.menu = null;
    ctx.call(FieldSetup.create(this.state.tableId, typeof index === "number" ? index : 0), "fieldAdded");
  }

  fieldAdded(ctx: Ctx, outcome: Json) {
    if (typeof outcome === "string") ctx.notice(outcome);
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

  openImport(ctx: Ctx) {
    if (ctx.app.can("write")) ctx.call(ImportPage.create(this.state.tableId), "imported");
  }

  /** Back from an import into this table: the grid shows what it added. */
  imported(_ctx: Ctx, _tableId: Json) {}

  typeChanged(ctx: Ctx, outcome: Json) {
    if (typeof outcome === "string") ctx.notice(outcome);
  }
}

