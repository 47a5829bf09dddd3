// A week's hours: timed values that start and end on the same day are placed at their time
// (in half-hour slots, in the field's zone); those that overlap share their day's width side
// by side. Everything else (dates, ranges, times across midnight) stays in the all-day band
// above (./calendar.ts). The hours shown run from 8 AM to 8 PM, widened to hold every event.
// Pure: the page draws this.

import { wallTime } from "../fields/zone";
import { type CalendarEvent, daysOf } from "./calendar";

export const SLOT_MINUTES = 30;
/** Most events side by side in one day; more in one overlap are counted ("+2"). */
export const MAX_SIDE_BY_SIDE = 4;

export interface TimedPlacement {
  event: CalendarEvent;
  /** 1-based slot row and how many slots it covers. */
  row: number;
  rows: number;
  /** 0-based place among the overlapping ones, and how many share the width. */
  column: number;
  columns: number;
}

export interface HoursLayout {
  /** First hour shown (0–23) and how many half-hour slots. */
  firstHour: number;
  slots: number;
  /** Per day of the week (Monday first). */
  days: { day: string; placed: TimedPlacement[]; hidden: number }[];
}

/** Whether an event goes in the hours (timed, one day) rather than the all-day band. */
export function inHours(event: CalendarEvent, zone: string): boolean {
  if (!event.value.time) return false;
  const { first, last } = daysOf(event.value, zone);
  return first === last;
}

const minutesOf = (iso: string, zone: string) => {
  const w = wallTime(Date.parse(iso), zone);
  return w.hour * 60 + w.minute;
};

export function layoutHours(days: readonly string[], events: readonly CalendarEvent[], zone: string): HoursLayout {
  const timed = events.filter((e) => inHours(e, zone)).map((event) => {
    const start = minutesOf(event.value.start, zone);
    // A time without an end shows as an hour; an end at midnight is the day's end.
    const end = event.value.end === null ? start + 60 : minutesOf(event.value.end, zone) || 24 * 60;
    return { event, day: daysOf(event.value, zone).first, start, end: Math.min(24 * 60, Math.max(end, start + SLOT_MINUTES)) };
  });
  const firstHour = Math.min(8, ...timed.map((t) => Math.floor(t.start / 60)));
  const lastHour = Math.max(20, ...timed.map((t) => Math.ceil(t.end / 60)));
  const slots = ((lastHour - firstHour) * 60) / SLOT_MINUTES;
  const slot = (minutes: number) => Math.floor((minutes - firstHour * 60) / SLOT_MINUTES);
  return {
    firstHour,
    slots,
    days: days.map((day) => {
      const todays = timed.filter((t) => t.day === day).sort((a, b) => a.start - b.start || b.end - a.end);
      const placed: TimedPlacement[] = [];
      let hidden = 0;
      // Clusters of events that overlap one another share the width.
      let cluster: { t: (typeof todays)[number]; column: number }[] = [];
      let clusterEnd = -1;
      const flush = () => {
        const columns = Math.min(MAX_SIDE_BY_SIDE, Math.max(1, ...cluster.map((c) => c.column + 1)));
        for (const { t, column } of cluster) {
          if (column >= MAX_SIDE_BY_SIDE) {
            hidden++;
            continue;
          }
          const row = slot(t.start) + 1;
          placed.push({ event: t.event, row, rows: Math.max(1, Math.ceil((t.end - t.start) / SLOT_MINUTES)), column, columns });
        }
        cluster = [];
      };
      for (const t of todays) {
        if (t.start >= clusterEnd) flush();
        // The first column whose last event has ended.
        let column = 0;
        while (cluster.some((c) => c.column === column && c.t.end > t.start)) column++;
        cluster.push({ t, column });
        clusterEnd = Math.max(clusterEnd, t.end);
      }
      flush();
      return { day, placed, hidden };
    }),
  };
}
