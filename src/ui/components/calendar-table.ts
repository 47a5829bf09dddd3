// The calendar side of a table page (drawn by ./calendar-view.tsx): "Show as" grid or
// calendar, the calendar's settings, moving between months and weeks (each period has its
// own address: tables/<t>/views/<v>/at/2026-11), moving a record to another day (dragged,
// with JavaScript: one cell edit through setCell, so one Undo takes it back), and the view's
// private feeds (publish, new addresses, stop).

import type { DateOptions, DateValue } from "../../schema/fields/date";
import type { Json } from "../../schema/fields/field-type";
import { formatCell } from "../../schema/fields/registry";
import { liveFields } from "../../schema/model";
import { dayIn, daysOf, moveToDay, parsePeriod, periodOf, spanSwitch } from "../../schema/views/calendar";
import { calendarFields } from "../../schema/views/calendar-fields";
import { type CalendarDisplay, displayOf } from "../../schema/views/display";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { HandlerContext } from "../engine/context";
import { ViewedTable } from "./viewed-table";

type Ctx = HandlerContext<TroveApp>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export abstract class CalendarTable extends ViewedTable {
  /** The calendar display of the view shown, if it is one. */
  protected calendarOf(app: TroveApp): CalendarDisplay | undefined {
    const table = app.table(this.state.tableId);
    const display = table && displayOf(this.working(app, table));
    return display?.kind === "calendar" ? display : undefined;
  }

  override showAs(ctx: Ctx, kind: Json) {
    if (kind === "chart" || kind === "map") {
      this.state.period = null;
      return super.showAs(ctx, kind);
    }
    const table = ctx.app.table(this.state.tableId);
    if (!table) return;
    const view = this.working(ctx.app, table);
    if (kind === "grid") {
      this.state.period = null;
      if (view.display && view.display.kind !== "grid") this.edit(ctx, ({ display: _display, ...rest }) => rest);
      return;
    }
    if (kind !== "calendar" || displayOf(view).kind === "calendar") return;
    const { date } = calendarFields(table, view);
    if (!date) return this.report({ ok: false, reason: "A calendar needs a date field: add one to this table first." });
    this.edit(ctx, (v) => ({ ...v, display: { kind: "calendar", fieldId: date.id, span: "month", titleFieldId: null, descriptionFieldId: null } }));
    // This month, named in the address (so a link or a reload shows it).
    if (this.state.error === null) this.state.period = this.today(ctx.app).slice(0, 7);
  }

  /** Shows a month ("2026-11") or the week of a day ("2026-11-26"). */
  showPeriod(_ctx: Ctx, period: Json) {
    if (typeof period === "string" && parsePeriod(period)) this.state.period = period;
  }

  /** Month or week: the calendar's span, kept with the view; the same days stay in sight. */
  setSpan(ctx: Ctx, span: Json) {
    const display = this.calendarOf(ctx.app);
    if (!display || (span !== "month" && span !== "week") || display.span === span) return;
    const today = this.today(ctx.app);
    const shown = (this.state.period === null ? undefined : parsePeriod(this.state.period)) ?? periodOf(display.span, today);
    this.edit(ctx, (v) => ({ ...v, display: { ...display, span } }));
    this.state.period = spanSwitch(shown, span, today);
  }

  /** The calendar's fields, as chosen in its settings form. */
  setCalendar(ctx: Ctx) {
    const table = ctx.app.table(this.state.tableId);
    const display = this.calendarOf(ctx.app);
    if (!table || !display) return;
    const live = liveFields(table);
    const pick = (id: Json) => (typeof id === "string" ? live.find((f) => f.id === id) : undefined);
    const date = pick(this.state.calField);
    if (this.state.calField !== "" && date?.type !== "date") return this.report({ ok: false, reason: "Choose a date field for the calendar." });
    this.edit(ctx, (v) => ({
      ...v,
      display: { ...display, fieldId: date?.id ?? display.fieldId, titleFieldId: pick(this.state.calTitle)?.id ?? null, descriptionFieldId: pick(this.state.calDescription)?.id ?? null },
    }));
    if (this.state.error === null) this.state.viewForm = null;
  }

  /** A record dropped on a day: its date moves there (a range keeps its length, a time its
   *  time of day), as one cell edit. The key is the record; the value the day. */
  moveRecord(ctx: Ctx, _arg: Json, day: string | undefined, recordId: string | undefined) {
    const table = ctx.app.table(this.state.tableId);
    if (!table || !recordId || !day || !DAY.test(day) || !parsePeriod(day)) return;
    const { date, title } = calendarFields(table, this.working(ctx.app, table));
    const record = ctx.app.record(table.id, recordId);
    if (!date || !record) return;
    const cell = record.cells[date.id];
    if (!cell || cell.invalid !== undefined || cell.value === null) return this.report({ ok: false, reason: "That record's date is not understood: open it to correct it." });
    const zone = (date.options as DateOptions).timeZone;
    const value = cell.value as DateValue;
    if (daysOf(value, zone).first === day) return;
    const moved = moveToDay(value, day, zone);
    const result = ctx.app.setCell(table.id, record.id, date.id, formatCell("date", moved, date.options));
    this.report(result);
    if (result.ok) ctx.notice(`“${(title && ctx.app.display(title, record.cells[title.id])) || "Record"}” moved to ${formatCell("date", { start: day, end: null, time: false }, date.options)}. Undo takes it back.`);
  }

  /** Today, in the database's time zone. */
  today(app: TroveApp): string {
    return dayIn(Date.now(), app.timeZone());
  }

  private feedView(app: TroveApp): ViewDefinition | undefined {
    return this.state.draft === null ? this.stored(app) : undefined;
  }

  async publishFeeds(ctx: Ctx) {
    const view = this.feedView(ctx.app);
    if (!view) return;
    const regenerate = ctx.app.feedToken(view) !== undefined;
    const result = await ctx.app.publishFeeds(view);
    this.report(result);
    if (result.ok) ctx.notice(regenerate ? "New feed addresses made: the old ones no longer work." : "Feeds published: copy an address into a calendar or feed reader.");
  }

  revokeFeeds(ctx: Ctx) {
    const view = this.feedView(ctx.app);
    if (!view) return;
    const result = ctx.app.revokeFeeds(view);
    this.report(result);
    if (result.ok) ctx.notice("Feeds stopped: their addresses no longer work.");
  }
}
