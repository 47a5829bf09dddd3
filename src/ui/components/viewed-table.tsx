// The view side of a table page (see table-page.tsx): its state, the view it shows (saved,
// adjusted by this person, or the default) and the handlers of the view bar — filters,
// sorts, search, grouping and summaries. A saved view this member may change is saved at
// once (undoable); otherwise an adjustment stays theirs until they save it as a view.

import type { Json } from "../../schema/fields/field-type";
import type { Table } from "../../schema/model";
import { type Condition, defaultView, parseView, type ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import { durationType } from "../../schema/fields/duration";
import { typedWidth } from "../../schema/views/group-kinds";
import { findGroup } from "../pictures/build";
import * as displays from "./display-edits";
import * as edits from "./view-edits";

type Ctx = HandlerContext<TroveApp>;

export interface TablePageState {
  [key: string]: Json;
  tableId: string;
  page: number;
  /** The row a page turn led past (a record, and the values it lies under at levels that
   *  put a record under each): the page is read after (or before) it. It holds
   *  only while `page` is the page it was for (any other change of page drops it). */
  pageKey: { page: number; after: string; in?: string[] } | { page: number; before: string; in?: string[] } | null;
  sort: { fieldId: string; descending: boolean } | null;
  invalidIn: string | null;
  menu: string | null;
  renaming: string | null;
  renameText: string;
  error: string | null;
  /** The record whose first cell takes the cursor (after "Add record"). */
  focus: string | null;
  /** The saved view shown (null: the default view). */
  viewId: string | null;
  /** The view as this person adjusted it, not saved (null: as saved). */
  draft: Json;
  /** The groups this person folded on this page (their paths: pathId), not the view's. */
  collapsed: string[];
  viewForm: string | null;
  viewName: string;
  searchText: string;
  condChoice: string;
  condArg1: string;
  condArg2: string;
  sortChoice: string;
  groupChoice: string;
  /** A range's width as typed ("" or absent: automatic). */
  groupWidth: string;
  summaryChoice: string;
  /** The month ("2026-11") or week (its Monday) a calendar shows; null: today's. */
  period: string | null;
  /** The calendar settings form: date, title and description field ids as chosen. */
  calField: string;
  calTitle: string;
  calDescription: string;
  /** The chart's or map's measure being chosen: "" (count) or "<field id> <summary>". */
  measureChoice: string;
  /** The chart's second grouping being chosen: "" (none), "<field id>" or "<field id> <part>". */
  stackChoice: string;
}

export abstract class ViewedTable extends Component<TablePageState> {
  /** The saved view shown, if it still exists and this member may see it. */
  protected stored(app: TroveApp): ViewDefinition | undefined {
    return this.state.viewId ? app.view(this.state.tableId, this.state.viewId) : undefined;
  }

  /** The view as shown: this person's adjustments, else as saved, else the default view. */
  working(app: TroveApp, table: Table): ViewDefinition {
    const draft = this.state.draft === null ? undefined : parseView(this.state.draft);
    if (draft?.ok) return draft.view;
    return this.stored(app) ?? defaultView(table);
  }

  // ——— Views: each control edits the working view. A saved view this member may change is
  // saved at once (undoable); otherwise the edit stays theirs until they save it as a view.

  protected edit(ctx: Ctx, change: (view: ViewDefinition) => ViewDefinition | { ok: true; view: ViewDefinition } | { ok: false; reason: string }) {
    const table = ctx.app.table(this.state.tableId);
    if (!table) return;
    const result = change(this.working(ctx.app, table));
    const edited = "ok" in result ? result : { ok: true as const, view: result };
    if (!edited.ok) return this.report(edited);
    this.state.page = 0;
    const stored = this.stored(ctx.app);
    if (stored && this.state.draft === null && ctx.app.mayChangeView(stored)) this.report(ctx.app.updateView(edited.view));
    else {
      this.state.draft = edited.view;
      this.state.error = null;
    }
  }

  openView(_ctx: Ctx, viewId: Json) {
    this.state.viewId = typeof viewId === "string" ? viewId : null;
    this.state.period = null;
    this.state.draft = null;
    this.state.collapsed = [];
    this.state.page = 0;
    this.state.sort = null;
    this.state.invalidIn = null;
  }

  toggleViewForm(ctx: Ctx, form: Json) {
    this.state.viewForm = typeof form === "string" && this.state.viewForm !== form ? form : null;
    if (this.state.viewForm === "rename") this.state.viewName = this.stored(ctx.app)?.name ?? "";
  }

  createView(ctx: Ctx, personal: Json) {
    const table = ctx.app.table(this.state.tableId);
    if (!table) return;
    const result = ctx.app.addView(this.working(ctx.app, table), this.state.viewName.trim() || "New view", personal === true || !ctx.app.can("build"));
    if (!result.ok) return this.report(result);
    this.openView(ctx, result.viewId);
    this.state.viewForm = null;
    this.state.viewName = "";
    ctx.notice("View saved.");
  }

  /** A copy of the saved view (as saved), opened: shared if the original is and this member
   *  builds, else their own. Undo removes it. */
  duplicateView(ctx: Ctx) {
    const stored = this.stored(ctx.app);
    if (!stored) return;
    const result = ctx.app.addView(stored, `${stored.name.trim().slice(0, 73)} (copy)`, stored.owner !== null || !ctx.app.can("build"));
    if (!result.ok) return this.report(result);
    this.openView(ctx, result.viewId);
    this.state.viewForm = null;
    ctx.notice("View duplicated.");
  }

  saveDraft(ctx: Ctx) {
    const table = ctx.app.table(this.state.tableId);
    if (!table || !this.stored(ctx.app)) return;
    const result = ctx.app.updateView(this.working(ctx.app, table));
    this.report(result);
    if (result.ok) this.state.draft = null;
  }

  renameView(ctx: Ctx) {
    const stored = this.stored(ctx.app);
    if (!stored) return;
    const result = ctx.app.updateView({ ...stored, name: this.state.viewName.trim() });
    this.report(result);
    if (result.ok) [this.state.viewForm, this.state.viewName] = [null, ""];
  }

  discardDraft() {
    this.state.draft = null;
  }

  deleteView(ctx: Ctx) {
    const stored = this.stored(ctx.app);
    if (!stored) return;
    const result = ctx.app.deleteView(stored);
    this.report(result);
    if (result.ok) {
      this.openView(ctx, null);
      ctx.notice(`View “${stored.name}” deleted. Undo brings it back.`);
    }
  }

  addCondition(ctx: Ctx, or: Json) {
    this.edit(ctx, (v) => edits.addCondition(v, this.state.condChoice, this.state.condArg1, this.state.condArg2, or === true));
    if (this.state.error === null) [this.state.condArg1, this.state.condArg2] = ["", ""];
  }

  removeFilter(ctx: Ctx, at: Json) {
    this.edit(ctx, (v) => edits.removeFilter(v, at));
  }

  addSort(ctx: Ctx) {
    this.edit(ctx, (v) => edits.addSort(v, this.state.sortChoice));
  }

  removeSort(ctx: Ctx, at: Json) {
    this.edit(ctx, (v) => ({ ...v, sorts: edits.removeAt(v.sorts, at) }));
  }

  search(ctx: Ctx) {
    this.edit(ctx, (v) => ({ ...v, search: this.state.searchText.slice(0, 200) }));
  }

  clearSearch(ctx: Ctx) {
    this.state.searchText = "";
    this.edit(ctx, (v) => ({ ...v, search: "" }));
  }

  setGroup(ctx: Ctx) {
    const field = ctx.app.table(this.state.tableId)?.fields.find((f) => f.id === this.state.groupChoice.split(" ")[0]);
    const width = typeof this.state.groupWidth === "string" ? this.state.groupWidth.slice(0, 40) : "";
    const seconds = (text: string) => {
      const parsed = durationType.parse(text, {}, { now: new Date(0), timeZone: "UTC" });
      return parsed.ok ? parsed.value : null;
    };
    this.edit(ctx, (v) => edits.addGroupLevel(v, this.state.groupChoice, width, (t) => (field ? typedWidth(t, field.type, seconds) : null)));
  }

  removeGroupLevel(ctx: Ctx, at: Json) {
    this.edit(ctx, (v) => edits.removeGroupLevel(v, at));
  }

  addSummary(ctx: Ctx) {
    this.edit(ctx, (v) => edits.addSummary(v, this.state.summaryChoice));
  }

  removeSummary(ctx: Ctx, at: Json) {
    this.edit(ctx, (v) => ({ ...v, summaries: edits.removeAt(v.summaries, at) }));
  }

  // ——— Pictures (./view-picture.tsx): how the view is drawn, and the drill-down from a
  // bar, slice or place to the view filtered to it. The drill-down is this person's own
  // adjustment (never saved by itself), so "Discard changes" or Back returns to the picture.

  showAs(ctx: Ctx, kind: Json) {
    const table = ctx.app.table(this.state.tableId);
    if (table) this.edit(ctx, (v) => displays.showAs(v, table, kind));
  }

  setChartKind(ctx: Ctx, kind: Json) {
    this.edit(ctx, (v) => displays.setChartKind(v, kind));
  }

  setMapKind(ctx: Ctx, kind: Json) {
    this.edit(ctx, (v) => displays.setMapKind(v, kind));
  }

  setMapField(ctx: Ctx, fieldId: Json) {
    const table = ctx.app.table(this.state.tableId);
    if (table) this.edit(ctx, (v) => displays.setMapField(v, table, fieldId));
  }

  setMeasure(ctx: Ctx) {
    const table = ctx.app.table(this.state.tableId);
    if (table) this.edit(ctx, (v) => displays.setMeasure(v, table, typeof this.state.measureChoice === "string" ? this.state.measureChoice : ""));
  }

  setStack(ctx: Ctx) {
    const table = ctx.app.table(this.state.tableId);
    if (table) this.edit(ctx, (v) => displays.setStack(v, table, typeof this.state.stackChoice === "string" ? this.state.stackChoice : ""));
  }

  /** A stacked segment: `arg` is the second grouping's value, `key` names the group by its
   *  hash (one callback per value, not per segment); both become conditions. */
  drillSegment(ctx: Ctx, arg: Json, _value?: string, key?: string) {
    const table = ctx.app.table(this.state.tableId);
    const stack = displays.groupCondition(arg);
    const found = table && key ? findGroup(ctx.app, table, this.working(ctx.app, table), key) : null;
    const group = found && displays.groupCondition([found.fieldId, found.part, found.kind, found.key, found.label]);
    if (!table || !stack || !group) return this.report({ ok: false, reason: "That part of the chart has changed meanwhile: here it is as it is now." });
    const result = displays.drill(this.working(ctx.app, table), group, stack);
    if (!result.ok) return this.report(result);
    this.state.draft = result.view;
    this.state.page = 0;
    this.state.error = null;
  }

  drillInto(ctx: Ctx, arg: Json) {
    const condition = displays.groupCondition(arg);
    if (condition) this.drillWith(ctx, condition);
  }

  showNotPlaced(ctx: Ctx, arg: Json) {
    if (Array.isArray(arg) && typeof arg[0] === "string" && typeof arg[1] === "string") this.drillWith(ctx, { fieldId: arg[0], op: "notPlaced", args: [arg[1]] });
  }

  private drillWith(ctx: Ctx, condition: Condition) {
    const table = ctx.app.table(this.state.tableId);
    if (!table) return;
    const result = displays.drill(this.working(ctx.app, table), condition);
    if (!result.ok) return this.report(result);
    this.state.draft = result.view;
    this.state.page = 0;
    this.state.error = null;
  }

  /** A refusal shows once, as the page's error (until the next success). */
  protected report(result: { ok: true } | { ok: false; reason: string }) {
    this.state.error = result.ok ? null : result.reason;
  }
}
