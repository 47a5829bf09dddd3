// A view drawn as a calendar (handlers: ./calendar-table.ts; layout: schema/views/calendar.ts):
// a month as whole weeks or one week, ranges drawn across days, timed values with their
// time, today marked (in the database's time zone), at most a few events a day in a month
// with "+K more" leading to that week. Every event is a link that opens its record; with
// JavaScript it can also be dragged to another day (`data-drag` / `data-drop`, handled by
// the generic runtime). Previous, next and today are plain links to their own addresses.

import type { DateOptions, DateValue } from "../../schema/fields/date";
import { formatCell } from "../../schema/fields/registry";
import { type Field, liveFields, type Table } from "../../schema/model";
import { addDays, type CalendarEvent, type CalendarLayout, type Period, layoutCalendar, parsePeriod, periodOf, rangeOf, type Segment, stepPeriod } from "../../schema/views/calendar";
import { calendarFields } from "../../schema/views/calendar-fields";
import { type HoursLayout, inHours, layoutHours } from "../../schema/views/calendar-hours";
import type { CalendarDisplay } from "../../schema/views/display";
import type { Inactive } from "../../schema/views/query";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { eventAttrs, hoursSection, timeLabel } from "./calendar-hours";
import type { TablePage } from "./table-page";

/** Events a month shows a day before "+K more"; a week shows more. */
export const MONTH_LANES = 3;
const WEEK_LANES = 4;
/** Most records one period loads. */
export const CALENDAR_LIMIT = 2000;

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export interface PreparedCalendar {
  display: CalendarDisplay;
  layout: CalendarLayout;
  /** A week's timed events, at their time (the band above holds the rest). */
  hours: HoursLayout | undefined;
  date: Field;
  title: Field | undefined;
  zone: string;
  total: number;
  inactive: Inactive[];
}

/** Runs the view for the days the period draws, and lays the events out; undefined when the
 *  view has no date field any more. */
export function prepareCalendar(app: TroveApp, table: Table, view: ViewDefinition, display: CalendarDisplay, periodText: string | null, today: string): PreparedCalendar | undefined {
  const { date, title } = calendarFields(table, view);
  if (!date) return undefined;
  const period = (periodText === null ? undefined : parsePeriod(periodText)) ?? periodOf(display.span, today);
  const { from, to } = rangeOf(period);
  // The view's own filters, and only the days drawn (a day's margin for time zones).
  const run = app.runView(
    { ...view, group: null, summaries: [], sorts: [{ fieldId: date.id, descending: false }], filters: [...view.filters, { fieldId: date.id, op: "dateBetween", args: [addDays(from, -1), addDays(to, 1)] }] },
    { offset: 0, limit: CALENDAR_LIMIT },
  );
  const events: CalendarEvent[] = run.records.flatMap(({ record }) => {
    const cell = record.cells[date.id];
    if (!cell || cell.invalid !== undefined || cell.value === null) return [];
    return [{ id: record.id, title: (title && app.display(title, record.cells[title.id])) || "(untitled)", value: cell.value as DateValue }];
  });
  const zone = (date.options as DateOptions).timeZone;
  // Conditions of the view that do not apply now, without the calendar's own.
  const inactive = run.inactive.filter((i) => i.condition.op !== "dateBetween" || view.filters.includes(i.condition));
  const common = { display, date, title, zone, total: run.total, inactive };
  if (period.kind === "month") return { ...common, layout: layoutCalendar(period, events, zone, today, MONTH_LANES), hours: undefined };
  const layout = layoutCalendar(period, events.filter((e) => !inHours(e, zone)), zone, today, WEEK_LANES);
  return { ...common, layout, hours: layoutHours(layout.weeks[0]?.days.map((d) => d.day) ?? [], events, zone) };
}

function periodTitle(period: Period): string {
  const [y, m] = period.first.split("-").map(Number) as [number, number];
  if (period.kind === "month") return `${MONTH_NAMES[m - 1]} ${y}`;
  const [, lm, ld] = period.last.split("-").map(Number) as [number, number, number];
  const [, , fd] = period.first.split("-").map(Number) as [number, number, number];
  return lm === m ? `${MONTH_NAMES[m - 1]} ${fd}–${ld}, ${y}` : `${MONTH_NAMES[m - 1]?.slice(0, 3)} ${fd} – ${MONTH_NAMES[lm - 1]?.slice(0, 3)} ${ld}, ${period.last.slice(0, 4)}`;
}

export function calendarSection(r: Renderer<TroveApp>, page: TablePage, table: Table, cal: PreparedCalendar) {
  const { layout, display, zone } = cal;
  const { period } = layout;
  const tableId = table.id;
  const at = (p: string) => (page.state.viewId ? `tables/${tableId}/views/${page.state.viewId}/at/${p}` : `tables/${tableId}`);
  const go = (p: Period) => r.hrefTo(at(p.id), page, page.showPeriod, p.id);
  const here = page.state.viewId ? `tables/${tableId}/views/${page.state.viewId}/at/${period.id}` : `tables/${tableId}`;
  const canWrite = r.app.can("write");
  const eventLink = (s: Segment) => {
    const time = s.continuesBefore ? "" : timeLabel(s.event.value, zone);
    const classes = ["cal-event", `cal-col-${s.column}`, `cal-span-${s.span}`, `cal-lane-${s.lane + 1}`, s.event.value.time && s.span === 1 ? "timed" : "allday", s.continuesBefore ? "from-before" : "", s.continuesAfter ? "goes-on" : ""];
    return (
      <a class={classes.filter(Boolean).join(" ")} {...eventAttrs(r, page, here, s.event, cal.date.options)}>
        {time && <span class="cal-time">{time}</span>}
        <span class="cal-title">{s.event.title}</span>
      </a>
    );
  };
  const tm = periodOf(period.kind, page.today(r.app));
  return (
    <section class={`calendar ${period.kind}`} aria-labelledby="calendar-title">
      <header class="calendar-bar">
        <h2 id="calendar-title">{periodTitle(period)}</h2>
        <nav class="calendar-nav" aria-label={period.kind === "month" ? "Months" : "Weeks"}>
          <a class="button small" href={go(stepPeriod(period, -1))} rel="prev" aria-label={period.kind === "month" ? "Previous month" : "Previous week"}>‹</a>
          <a class="button small" href={go(tm)} aria-current={tm.id === period.id ? "page" : undefined}>Today</a>
          <a class="button small" href={go(stepPeriod(period, 1))} rel="next" aria-label={period.kind === "month" ? "Next month" : "Next week"}>›</a>
        </nav>
        <span class="spacer" />
        <nav class="segmented" aria-label="Calendar span">
          {(["month", "week"] as const).map((span) => (
            <a href={r.href(page, page.setSpan, span)} aria-current={display.span === span && period.kind === span ? "true" : undefined}>{span === "month" ? "Month" : "Week"}</a>
          ))}
        </nav>
        <a class={page.state.viewForm === "calendar" ? "button small pressed" : "button small"} href={r.href(page, page.toggleViewForm, "calendar")} aria-expanded={page.state.viewForm === "calendar" ? "true" : "false"}>Calendar settings</a>
      </header>
      {page.state.viewForm === "calendar" && calendarSettings(r, page, table, display)}
      {cal.total > CALENDAR_LIMIT && <p class="muted" role="status">Showing the first {CALENDAR_LIMIT.toLocaleString("en")} of {cal.total.toLocaleString("en")} records in these days: add a filter to see the rest.</p>}
      <div class="cal-grid">
        <div class="cal-head" aria-hidden="true">
          {period.kind === "week" && <span class="cal-gutter-head" />}
          {WEEKDAYS.map((d) => <span>{d}</span>)}
        </div>
        {layout.weeks.map((week) => (
          <div class={`cal-week ${period.kind}`}>
            {period.kind === "week" && <span class="cal-allday-label" aria-hidden="true">All day</span>}
            {week.days.map((day, i) => (
              <div class={["cal-day", `cal-col-${i + 1}`, day.inPeriod ? "" : "outside", day.today ? "today" : ""].filter(Boolean).join(" ")} data-drop={day.day}>
                <time class="cal-date" datetime={day.day} aria-current={day.today ? "date" : undefined} title={formatCell("date", { start: day.day, end: null, time: false }, cal.date.options)}>
                  {Number(day.day.slice(8))}{day.day.endsWith("-01") && ` ${MONTH_NAMES[Number(day.day.slice(5, 7)) - 1]?.slice(0, 3)}`}
                </time>
              </div>
            ))}
            {week.segments.map(eventLink)}
            {week.days.map((day, i) =>
              day.more === 0 ? null : period.kind === "month" ? (
                <a class={`cal-more cal-col-${i + 1}`} href={go(periodOf("week", day.day))}>+{day.more} more</a>
              ) : (
                <span class={`cal-more cal-col-${i + 1}`}>+{day.more} more</span>
              ),
            )}
          </div>
        ))}
        {cal.hours && hoursSection(r, page, here, cal.hours, zone, cal.date.options, page.today(r.app))}
      </div>
      {layout.weeks.every((w) => w.segments.length === 0) && (cal.hours?.days.every((d) => d.placed.length === 0) ?? true) && <p class="empty">No records with a {cal.date.name} in these days.</p>}
      {canWrite && <p class="muted cal-hint">Open a record to change it<span class="cal-drag-hint">, or drag it to another day</span>.</p>}
    </section>
  );
}

function calendarSettings(r: Renderer<TroveApp>, page: TablePage, table: Table, display: CalendarDisplay) {
  const fields = liveFields(table);
  const dates = fields.filter((f) => f.type === "date");
  const select = (id: string, label: string, key: "calField" | "calTitle" | "calDescription", options: Field[], current: string | null | undefined, none?: string) => (
    <p class="field">
      <label for={id}>{label}</label>
      <select id={id} name={r.input(page, page.setState, key)}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((f) => <option value={f.id} selected={current === f.id}>{f.name}</option>)}
      </select>
    </p>
  );
  return (
    <form {...r.form} class="card inline-form calendar-settings">
      {select("cal-field", "Date field", "calField", dates, display.fieldId)}
      {select("cal-title", "Event title", "calTitle", fields, display.titleFieldId, "The first field")}
      {select("cal-description", "Event description (feeds)", "calDescription", fields, display.descriptionFieldId, "None")}
      <button class="button primary" {...r.submit(page, page.setCalendar)}>Apply</button>
      <button class="button" {...r.submit(page, page.toggleViewForm, null)}>Cancel</button>
    </form>
  );
}
