// Date conditions, relative to today in the database's time zone (context.now and
// context.timeZone). A date value is a point or a range; it meets a period when any of its
// days falls in it ("on", "between", "in the last 7 days", "this month"), is "before" a day
// when it starts before it, "after" when it starts after it, and "overdue" when it ended
// before today. Calendar dates compare as days; timed values as instants at the days'
// starts in the database's zone.

import type { DateValue } from "../fields/date";
import type { Json, ParseContext, Parsed } from "../fields/field-type";
import { parseCell } from "../fields/registry";
import type { Field } from "../model";
import type { StoredCell } from "../values";
import type { CellSql, Fragment } from "./cell-sql";
import { oneArg, type Operator } from "./operator";
import { addDays, addMonths, calendarPeriod, type Period, period, periodOf, today, type Unit } from "./periods";

type Mode = "overlap" | "before" | "after" | "endsBefore";
type DateCheck = { mode: Mode; period: Period };

function asDate(value: Json | null | undefined): DateValue | null {
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) return null;
  const { start, end, time } = value;
  return typeof start === "string" && (typeof end === "string" || end === null) && typeof time === "boolean" ? { start, end, time } : null;
}

function test(check: DateCheck, cell: StoredCell | undefined): boolean {
  const value = asDate(cell?.value);
  if (!value) return false;
  const [from, to] = value.time ? check.period.instants : check.period.days;
  const start = value.start;
  const end = value.end ?? value.start;
  switch (check.mode) {
    case "overlap": return start < to && end >= from;
    case "before": return start < from;
    case "after": return start >= to;
    case "endsBefore": return end < from;
  }
}

function sql(check: DateCheck, c: CellSql): Fragment {
  const start = c.at("start");
  const end = `coalesce(${c.at("end")}, ${start})`;
  const condition = (from: string, to: string): [string, string[]] => {
    switch (check.mode) {
      case "overlap": return [`${start} < ? AND ${end} >= ?`, [to, from]];
      case "before": return [`${start} < ?`, [from]];
      case "after": return [`${start} >= ?`, [to]];
      case "endsBefore": return [`${end} < ?`, [from]];
    }
  };
  const [timed, timedParams] = condition(...check.period.instants);
  const [days, dayParams] = condition(...check.period.days);
  // Only well-formed date values match, as in memory.
  return {
    sql: `coalesce(typeof(${start}) = 'text' AND CASE ${c.at("time")} WHEN 1 THEN ${timed} WHEN 0 THEN ${days} ELSE 0 END, 0)`,
    params: [...timedParams, ...dayParams],
  };
}

function typed(arg: string | undefined, field: Field, context: ParseContext): Parsed<Period> {
  const text = oneArg(arg === undefined ? [] : [arg]);
  if (!text.ok) return text;
  const parsed = parseCell(field.type, text.value, field.options, context);
  const value = parsed.ok ? asDate(parsed.value) : null;
  return value ? { ok: true, value: periodOf(value, context) } : { ok: false, reason: parsed.ok ? "not a date" : parsed.reason };
}

const fits = (type: string) => type === "date";

const onTyped = (name: string, label: string, mode: Mode): Operator<DateCheck> => ({
  name, label, input: "value", fits,
  prepare(args, field, context) {
    const p = typed(args[0], field, context);
    return p.ok ? { ok: true, value: { mode, period: p.value } } : p;
  },
  test, sql,
});

export const dateOn = onTyped("dateOn", "is on", "overlap");
export const dateBefore = onTyped("dateBefore", "is before", "before");
export const dateAfter = onTyped("dateAfter", "is after", "after");

export const dateBetween: Operator<DateCheck> = {
  name: "dateBetween", label: "is between", input: "two", fits,
  prepare(args, field, context) {
    const a = typed(args[0], field, context);
    if (!a.ok) return a;
    const b = typed(args[1], field, context);
    if (!b.ok) return b;
    // Days are "YYYY-MM-DD": text order is date order.
    const [from = ""] = [a.value.days[0], b.value.days[0]].sort();
    const [, to = ""] = [a.value.days[1], b.value.days[1]].sort();
    return { ok: true, value: { mode: "overlap", period: period(from, to, context) } };
  },
  test, sql,
};

type Span = "days" | "weeks" | "months";

function count(args: readonly string[], span: Span): Parsed<number> {
  const text = (args[0] ?? "").trim();
  if (!/^\d{1,4}$/.test(text)) return { ok: false, reason: `Type a number of ${span} (up to 9999).` };
  return { ok: true, value: Number(text) };
}

/** `n` days, weeks or months from `day` (back when `n` is negative). */
const shift = (day: string, n: number, span: Span) => (span === "months" ? addMonths(day, n) : addDays(day, span === "weeks" ? 7 * n : n));

/** The last N days (weeks, months): today and the N before it; the next N: today and N after. */
const relative = (name: string, label: string, direction: -1 | 1, span: Span): Operator<DateCheck> => ({
  name, label, input: "count", fits,
  prepare(args, _field, context) {
    const n = count(args, span);
    if (!n.ok) return n;
    const now = today(context);
    const [from, to] = direction < 0 ? [shift(now, -n.value, span), addDays(now, 1)] : [now, addDays(shift(now, n.value, span), 1)];
    return { ok: true, value: { mode: "overlap", period: period(from, to, context) } };
  },
  test, sql,
});

export const lastDays = relative("lastDays", "is within the last … days", -1, "days");
export const nextDays = relative("nextDays", "is within the next … days", 1, "days");
export const lastWeeks = relative("lastWeeks", "is within the last … weeks", -1, "weeks");
export const nextWeeks = relative("nextWeeks", "is within the next … weeks", 1, "weeks");
export const lastMonths = relative("lastMonths", "is within the last … months", -1, "months");
export const nextMonths = relative("nextMonths", "is within the next … months", 1, "months");

/** More than N days ago: ended before the day N days back; from now: starts after the day N
 *  days ahead. */
const beyond = (name: string, label: string, direction: -1 | 1): Operator<DateCheck> => ({
  name, label, input: "count", fits,
  prepare(args, _field, context) {
    const n = count(args, "days");
    if (!n.ok) return n;
    const day = addDays(today(context), direction * n.value);
    return { ok: true, value: { mode: direction < 0 ? "endsBefore" : "after", period: period(day, addDays(day, 1), context) } };
  },
  test, sql,
});

export const daysAgo = beyond("daysAgo", "is more than … days ago", -1);
export const daysAhead = beyond("daysAhead", "is more than … days from now", 1);

const calendar = (unit: Unit, offset: -1 | 0 | 1): Operator<DateCheck> => {
  const word = offset === 0 ? "this" : offset < 0 ? "last" : "next";
  return {
    name: `${word}${unit[0]!.toUpperCase()}${unit.slice(1)}`, label: `is ${word} ${unit}`, input: "none", fits,
    prepare: (_args, _field, context) => ({ ok: true, value: { mode: "overlap", period: calendarPeriod(unit, offset, context) } }),
    test, sql,
  };
};

export const calendarOperators = (["week", "month", "quarter", "year"] as const).flatMap((unit) => [calendar(unit, -1), calendar(unit, 0), calendar(unit, 1)]);

export const overdue: Operator<DateCheck> = {
  name: "overdue", label: "is overdue (before today)", input: "none", fits,
  prepare: (_args, _field, context) => {
    const now = today(context);
    return { ok: true, value: { mode: "endsBefore", period: period(now, addDays(now, 1), context) } };
  },
  test, sql,
};
