// A calendar of date values, laid out: the period shown (a month, or the week of a day), its
// weeks of seven days (Monday first), and each event as segments, one per week it touches,
// placed in lanes so ranges drawn across days never overlap. A month shows at most a few
// lanes a day and counts the rest ("+2 more"). Days are read in the field's time zone: a
// timed value falls on the day its wall clock shows there. Pure: the page draws this.
//
// Also here: moving a value to another day (dragging a record in a calendar), keeping a
// range's length and a timed value's time of day.

import type { DateValue } from "../fields/date";
import { wallTime, wallToEpoch } from "../fields/zone";

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A period's address: "2026-11" (a month) or "2026-11-23" (the week holding that day). */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
export const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday. */
export const weekday = (n: number): number => (((n + 3) % 7) + 7) % 7;
export const addDays = (day: string, days: number): string => dayOf(dayNumber(day) + days);
/** The earlier and the later of two "YYYY-MM-DD" days (text order is date order). */
const earlier = (a: string, b: string): string => [a, b].sort()[0] as string;
const later = (a: string, b: string): string => [a, b].sort()[1] as string;

/** The date an instant falls on in `zone`. */
export function dayIn(epochMs: number, zone: string): string {
  const w = wallTime(epochMs, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

export type Period = { kind: "month" | "week"; /** "2026-11" or the Monday "2026-11-23". */ id: string; first: string; last: string };

/** The period an address names, or undefined when it names none (or a date that does not exist). */
export function parsePeriod(text: string): Period | undefined {
  if (!PERIOD_PATTERN.test(text)) return undefined;
  if (text.length === 7) {
    const first = `${text}-01`;
    const [y, m] = text.split("-").map(Number) as [number, number];
    const last = dayOf(Math.floor(Date.UTC(y, m, 0) / DAY_MS));
    return { kind: "month", id: text, first, last };
  }
  if (dayOf(dayNumber(text)) !== text) return undefined; // 2026-02-30
  const monday = dayNumber(text) - weekday(dayNumber(text));
  return { kind: "week", id: dayOf(monday), first: dayOf(monday), last: dayOf(monday + 6) };
}

/** The month or week holding `day`. */
export function periodOf(kind: "month" | "week", day: string): Period {
  return parsePeriod(kind === "month" ? day.slice(0, 7) : day) as Period;
}

/** The period to show when switching between month and week: a month's week is today's
 *  when today is in it, else its first full-ish week (the one holding the 4th, whose
 *  Thursday is in the month); a week's month is the one holding its Thursday. */
export function spanSwitch(shown: Period, to: "month" | "week", today: string): string {
  if (to === shown.kind) return shown.id;
  if (to === "month") return addDays(shown.first, 3).slice(0, 7);
  return periodOf("week", today.slice(0, 7) === shown.id ? today : `${shown.id}-04`).id;
}

/** The period before (-1) or after (+1). */
export function stepPeriod(period: Period, by: -1 | 1): Period {
  if (period.kind === "week") return periodOf("week", addDays(period.first, 7 * by));
  const [y, m] = period.id.split("-").map(Number) as [number, number];
  const at = new Date(Date.UTC(y, m - 1 + by, 1));
  return periodOf("month", at.toISOString().slice(0, 10));
}

/** The first and last day an event covers, both included, in `zone`. A timed range ending at
 *  midnight ends the day before. */
export function daysOf(value: DateValue, zone: string): { first: string; last: string } {
  if (!value.time) return { first: value.start, last: value.end ?? value.start };
  const start = Date.parse(value.start);
  const first = dayIn(start, zone);
  if (value.end === null) return { first, last: first };
  const end = Date.parse(value.end);
  const w = wallTime(end, zone);
  const last = w.hour === 0 && w.minute === 0 && w.second === 0 && end > start ? addDays(dayIn(end, zone), -1) : dayIn(end, zone);
  return { first, last: later(first, last) };
}

export interface CalendarEvent {
  id: string;
  title: string;
  value: DateValue;
}

/** One event's piece within one week: columns 1–7, and whether it goes on before or after. */
export interface Segment {
  event: CalendarEvent;
  first: string;
  last: string;
  column: number;
  span: number;
  lane: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface CalendarDay {
  day: string;
  inPeriod: boolean;
  today: boolean;
  /** Events on this day not shown (beyond the lanes a day shows). */
  more: number;
  /** Every event on this day, for "+K more" and the week view. */
  events: CalendarEvent[];
}

export interface CalendarWeek {
  days: CalendarDay[];
  segments: Segment[];
}

export interface CalendarLayout {
  period: Period;
  weeks: CalendarWeek[];
  /** The first and last day drawn (a month shows whole weeks). */
  from: string;
  to: string;
}

/** The days a period draws: a month as whole weeks, Monday to Sunday. */
export function rangeOf(period: Period): { from: string; to: string } {
  const first = dayNumber(period.first);
  const last = dayNumber(period.last);
  return { from: dayOf(first - weekday(first)), to: dayOf(last + 6 - weekday(last)) };
}

/** Lays events out over a period. `lanes`: how many a day shows before "+K more". */
export function layoutCalendar(period: Period, events: readonly CalendarEvent[], zone: string, today: string, lanes: number): CalendarLayout {
  const { from, to } = rangeOf(period);
  const spans = events
    .map((event) => ({ event, ...daysOf(event.value, zone) }))
    .filter((e) => e.last >= from && e.first <= to)
    // Earlier first; at the same day, longer first; then timed ones by their time.
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : dayNumber(b.last) - dayNumber(a.last) || (a.event.value.start < b.event.value.start ? -1 : a.event.value.start > b.event.value.start ? 1 : 0)));
  const weeks: CalendarWeek[] = [];
  for (let start = dayNumber(from); start <= dayNumber(to); start += 7) {
    const weekFirst = dayOf(start);
    const weekLast = dayOf(start + 6);
    const taken: boolean[][] = []; // lane → columns taken
    const segments: Segment[] = [];
    for (const e of spans) {
      if (e.last < weekFirst || e.first > weekLast) continue;
      const first = later(e.first, weekFirst);
      const last = earlier(e.last, weekLast);
      const column = dayNumber(first) - start + 1;
      const span = dayNumber(last) - dayNumber(first) + 1;
      let lane = 0;
      while (taken[lane]?.slice(column - 1, column - 1 + span).some(Boolean)) lane++;
      taken[lane] ??= Array(7).fill(false);
      for (let c = column - 1; c < column - 1 + span; c++) (taken[lane] as boolean[])[c] = true;
      segments.push({ event: e.event, first, last, column, span, lane, continuesBefore: e.first < weekFirst, continuesAfter: e.last > weekLast });
    }
    const days: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const day = dayOf(start + i);
      const here = segments.filter((s) => s.first <= day && s.last >= day);
      days.push({ day, inPeriod: day >= period.first && day <= period.last, today: day === today, more: here.filter((s) => s.lane >= lanes).length, events: here.map((s) => s.event) });
    }
    weeks.push({ days, segments: segments.filter((s) => s.lane < lanes) });
  }
  return { period, weeks, from, to };
}

/** The value moved so that it starts on `day`: a range keeps its length, a timed value its
 *  wall-clock time in `zone` (and a timed range its exact duration). */
export function moveToDay(value: DateValue, day: string, zone: string): DateValue {
  const from = daysOf(value, zone).first;
  const shift = dayNumber(day) - dayNumber(from);
  if (!value.time) return { start: addDays(value.start, shift), end: value.end === null ? null : addDays(value.end, shift), time: false };
  const startMs = Date.parse(value.start);
  const w = wallTime(startMs, zone);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const movedStart = wallToEpoch({ ...w, year: y, month: m, day: d }, zone);
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { start: iso(movedStart), end: value.end === null ? null : iso(movedStart + (Date.parse(value.end) - startMs)), time: true };
}
