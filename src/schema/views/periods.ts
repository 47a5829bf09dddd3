// Periods for date conditions, as half-open spans of calendar days [from, to) in the
// database's time zone, and the same spans as UTC instants for timed values. "Today" is
// context.now's calendar day in context.timeZone.

import type { DateValue } from "../fields/date";
import type { ParseContext } from "../fields/field-type";
import { wallTime, wallToEpoch } from "../fields/zone";

/** Days "YYYY-MM-DD" [from, to) and the instants "…Z" at their starts in the zone. */
export type Period = { days: [string, string]; instants: [string, string] };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const dayText = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** `day` moved by `n` days. */
export function addDays(day: string, n: number): string {
  const d = dayDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return dayText(d);
}

/** Today's calendar day in the context's zone. */
export function today(context: ParseContext): string {
  const w = wallTime(context.now.getTime(), context.timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The instant a calendar day starts in `zone`, as date values write instants. */
export function dayStart(day: string, zone: string): string {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(wallToEpoch({ year, month, day: date, hour: 0, minute: 0, second: 0 }, zone)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function period(from: string, to: string, context: ParseContext): Period {
  return { days: [from, to], instants: [dayStart(from, context.timeZone), dayStart(to, context.timeZone)] };
}

/** The days a typed date covers: a point is its day, a range every day it touches. */
export function periodOf(value: DateValue, context: ParseContext): Period {
  const day = (s: string) => (value.time ? dayOfInstant(s, context.timeZone) : s);
  return period(day(value.start), addDays(day(value.end ?? value.start), 1), context);
}

function dayOfInstant(instant: string, zone: string): string {
  const w = wallTime(Date.parse(instant), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

export type Unit = "week" | "month" | "quarter" | "year";

/** The day `n` months from `day` (the month's last day when it is shorter). */
export function addMonths(day: string, n: number): string {
  const d = dayDate(day);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n + 1, 0)).getUTCDate();
  return dayText(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, Math.min(d.getUTCDate(), last))));
}

/** This (0), last (-1) or next (1) week (from Monday), month, quarter or year around today. */
export function calendarPeriod(unit: Unit, offset: number, context: ParseContext): Period {
  const now = dayDate(today(context));
  let start: Date;
  let end: Date;
  if (unit === "week") {
    start = new Date(now);
    start.setUTCDate(now.getUTCDate() - ((now.getUTCDay() + 6) % 7) + 7 * offset);
    end = new Date(start);
    end.setUTCDate(start.getUTCDate() + 7);
  } else if (unit === "month" || unit === "quarter") {
    const months = unit === "month" ? 1 : 3;
    const first = now.getUTCMonth() - (now.getUTCMonth() % months) + months * offset;
    start = new Date(Date.UTC(now.getUTCFullYear(), first, 1));
    end = new Date(Date.UTC(now.getUTCFullYear(), first + months, 1));
  } else {
    start = new Date(Date.UTC(now.getUTCFullYear() + offset, 0, 1));
    end = new Date(Date.UTC(now.getUTCFullYear() + offset + 1, 0, 1));
  }
  return period(dayText(start), dayText(end), context);
}
