// Date field: a point or a range, a calendar date or an instant, read from plain words with
// chrono ("March 3, 2026", "tomorrow 3-5pm", "2026-03-01 to 2026-03-04").
//
// Time zone: a date field shows and reads wall-clock times in `options.timeZone` (default
// "UTC"). The schema sets it to the database's zone (ParseContext.timeZone) when it makes the
// field. parse deliberately reads the option, not context.timeZone, because format only sees
// the options and parse(format(v)) must give back v. context.now anchors "tomorrow".
import type { ParsedComponents } from "chrono-node";
import * as chrono from "chrono-node/en";
import type { FieldType, ParseContext, Parsed, ValuePart } from "./field-type";
import { clockWords, type DateOrder, namedPeriod, numericRange } from "./date-words";
import { order, tupleKey } from "./sort-keys";
import { isTimeZone, offsetMinutes, type WallTime, wallTime, wallToEpoch } from "./zone";

/** Calendar dates are local "YYYY-MM-DD"; timed values are UTC instants "…T15:00:00Z". */
export type DateValue = { start: string; end: string | null; time: boolean };
/** `withTime: false` (set when the field was made "Dates"): a time typed is dropped and the
 *  value is its calendar date in the zone. Absent or true: a time is kept when one is typed. */
export type DateOptions = { timeZone: string; withTime?: boolean };

/** A timed value as the calendar dates of its instants in `zone`. */
function dropTime(value: DateValue, zone: string): DateValue {
  if (!value.time) return value;
  const day = (s: string) => ymd(wallTime(Date.parse(s), zone));
  const start = day(value.start);
  const end = value.end === null ? null : day(value.end);
  return { start, end: end === start ? null : end, time: false };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const ymd = (w: { year: number; month: number; day: number }) =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
const isoInstant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** "tue 1600" and "at 0930" → "tue 16:00", "at 09:30"; chrono reads four digits as a year. */
function militaryTimes(text: string): string {
  return text.replace(
    /\b((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|today|tomorrow|tonight|yesterday|at|@)\s*([01]\d|2[0-3])([0-5]\d)\b(?!\s*[-/.])/gi,
    "$1 $2:$3",
  );
}

function toEpoch(c: ParsedComponents, zone: string): number {
  if (c.isCertain("timezoneOffset")) return Math.floor(c.date().getTime() / 1000) * 1000;
  const wall: WallTime = {
    year: c.get("year") ?? 1970,
    month: c.get("month") ?? 1,
    day: c.get("day") ?? 1,
    hour: c.get("hour") ?? 0,
    minute: c.get("minute") ?? 0,
    second: c.get("second") ?? 0,
  };
  return wallToEpoch(wall, zone);
}

function calendarDate(c: ParsedComponents, zone: string): string {
  if (c.isCertain("timezoneOffset")) return ymd(wallTime(c.date().getTime(), zone));
  return ymd({ year: c.get("year") ?? 1970, month: c.get("month") ?? 1, day: c.get("day") ?? 1 });
}

/** "2026-03-04" as it is, when that day exists: the commonest date in files, read without
 *  chrono (which reads it the same, a hundred times slower). */
function isoDate(input: string): string | undefined {
  const text = input.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return year > 0 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? text : undefined;
}

function readDate(input: string, zone: string, now: Date, dateOrder: DateOrder): Parsed<DateValue> {
  if (input.length > 200) return { ok: false, reason: "not a date" };
  const iso = isoDate(input);
  if (iso) return { ok: true, value: { start: iso, end: null, time: false } };
  const today = wallTime(now.getTime(), zone);
  const period = namedPeriod(input, today);
  if (period) return { ok: true, value: { ...period, time: false } };
  const numeric = numericRange(input, dateOrder, today);
  if (numeric && "invalid" in numeric) return { ok: false, reason: numeric.invalid };
  if (numeric) {
    if (numeric.end < numeric.start) return { ok: false, reason: "the range ends before it starts" };
    return { ok: true, value: { start: numeric.start, end: numeric.end === numeric.start ? null : numeric.end, time: false } };
  }
  const text = clockWords(militaryTimes(input.trim()));
  const reference = { instant: now, timezone: offsetMinutes(now.getTime(), zone) };
  // The database's order decides "3/4/2026": March 4 month first, 3 April day first.
  const parser = dateOrder === "dmy" ? chrono.GB : chrono.casual;
  const results = parser.parse(text, reference, { forwardDate: false });
  const [result] = results;
  if (!result) return { ok: false, reason: "not a date" };
  const leftover = text.slice(0, result.index) + text.slice(result.index + result.text.length);
  if (results.length > 1 || !/^[\s,.;]*$/.test(leftover)) {
    return { ok: false, reason: "not a single date or range" };
  }
  const { start, end } = result;
  const time = start.isCertain("hour") || (end?.isCertain("hour") ?? false);
  const write = (c: ParsedComponents) =>
    time ? isoInstant(toEpoch(c, zone)) : calendarDate(c, zone);
  const value: DateValue = { start: write(start), end: end ? write(end) : null, time };
  if (value.end !== null && value.end < value.start) {
    return { ok: false, reason: "the range ends before it starts" };
  }
  if (value.end === value.start) value.end = null;
  return { ok: true, value };
}

function formatWall(w: WallTime, withDate: boolean, withTime: boolean): string {
  const date = `${MONTHS[w.month - 1]} ${w.day}, ${w.year}`;
  if (!withTime) return date;
  const seconds = w.second ? `:${pad(w.second)}` : "";
  const clock = `${w.hour % 12 || 12}:${pad(w.minute)}${seconds} ${w.hour < 12 ? "AM" : "PM"}`;
  return withDate ? `${date}, ${clock}` : clock;
}

function calendarWall(day: string): WallTime {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return { year, month, day: date, hour: 0, minute: 0, second: 0 };
}

function formatDate(value: DateValue, options: DateOptions): string {
  // A calendar date is shown as stored: its zone is never consulted (nor Intl's zone rules).
  const zone = value.time && isTimeZone(options.timeZone) ? options.timeZone : "UTC";
  const wall = (s: string) => (value.time ? wallTime(Date.parse(s), zone) : calendarWall(s));
  const start = wall(value.start);
  const first = formatWall(start, true, value.time);
  if (value.end === null) return first;
  const end = wall(value.end);
  const sameDay = ymd(start) === ymd(end);
  return `${first} – ${formatWall(end, !(value.time && sameDay), value.time)}`;
}

/** A range's length: whole days counting both ends for dates, minutes for times. Null for a point. */
export function durationOf(value: DateValue): { unit: "days" | "minutes"; amount: number } | null {
  if (value.end === null) return null;
  if (value.time) {
    return { unit: "minutes", amount: (Date.parse(value.end) - Date.parse(value.start)) / 60000 };
  }
  const days = (Date.parse(`${value.end}T00:00:00Z`) - Date.parse(`${value.start}T00:00:00Z`)) / 86400000;
  return { unit: "days", amount: days + 1 };
}

/** Parts use the start's calendar date. A part sees only the value, not the field's zone, so
 *  a timed value's date is taken in UTC (an evening in New York counts as the next day). */
function startWall(value: DateValue): WallTime {
  return value.time ? wallTime(Date.parse(value.start), "UTC") : calendarWall(value.start);
}

const parts: readonly ValuePart<DateValue>[] = [
  { name: "year", label: "Year", get: (v) => startWall(v).year },
  {
    name: "quarter",
    label: "Quarter",
    get: (v) => `${pad(startWall(v).year, 4)}-Q${Math.ceil(startWall(v).month / 3)}`,
  },
  { name: "month", label: "Month", get: (v) => ymd(startWall(v)).slice(0, 7) },
  {
    name: "weekday",
    label: "Weekday (1 = Monday)",
    get: (v) => {
      const w = startWall(v);
      return ((new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7) + 1;
    },
  },
  {
    name: "week",
    label: "Week (from Monday)",
    get: (v) => {
      const w = startWall(v);
      const day = Date.UTC(w.year, w.month - 1, w.day);
      const monday = new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * 86_400_000);
      return ymd({ year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() });
    },
  },
  { name: "day", label: "Day", get: (v) => ymd(startWall(v)) },
];

export const dateType: FieldType<DateValue, DateOptions> = {
  name: "date",
  label: "Date",
  defaultOptions: () => ({ timeZone: "UTC" }),
  parse(text, options, context: ParseContext) {
    if (!isTimeZone(options.timeZone)) {
      return { ok: false, reason: `unknown time zone '${options.timeZone}'` };
    }
    try {
      const read = readDate(text, options.timeZone, context.now, context.dateOrder ?? "mdy");
      return read.ok && options.withTime === false ? { ok: true, value: dropTime(read.value, options.timeZone) } : read;
    } catch {
      return { ok: false, reason: "not a date" };
    }
  },
  format: formatDate,
  compare: (a, b) => order(a.start, b.start) || order(a.end ?? "", b.end ?? ""),
  sortKey: (value) => tupleKey([value.start, value.end ?? ""]),
  parts,
};
