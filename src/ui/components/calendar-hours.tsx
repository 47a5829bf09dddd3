// A week's hours under its all-day band (./calendar-view.tsx): an hour gutter and seven day
// columns in half-hour slots, each timed event a block from its start to its end, those
// that overlap side by side. Day columns are drop targets like the band's days. The
// placement is computed by schema/views/calendar-hours.ts; here it becomes classes (the
// pages carry no inline styles).

import type { DateValue } from "../../schema/fields/date";
import { formatCell } from "../../schema/fields/registry";
import { wallTime } from "../../schema/fields/zone";
import type { CalendarEvent } from "../../schema/views/calendar";
import type { HoursLayout } from "../../schema/views/calendar-hours";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import type { TablePage } from "./table-page";

/** "7:30 PM" for a timed value, in the field's zone. */
export function timeLabel(value: DateValue, zone: string): string {
  if (!value.time) return "";
  const w = wallTime(Date.parse(value.start), zone);
  return `${w.hour % 12 || 12}:${String(w.minute).padStart(2, "0")} ${w.hour < 12 ? "AM" : "PM"}`;
}

/** What every event link carries: its record's address, its label, and (for those who may
 *  write) what dragging it sends. */
export function eventAttrs(r: Renderer<TroveApp>, page: TablePage, here: string, event: CalendarEvent, dateOptions: unknown) {
  const text = formatCell("date", event.value, dateOptions as never);
  const canWrite = r.app.can("write");
  return {
    href: r.hrefTo(`${here}/records/${event.id}`, page, page.openRecord, null, event.id),
    title: `${event.title} — ${text}`,
    "aria-label": `${event.title}, ${text}`,
    draggable: canWrite ? ("true" as const) : undefined,
    "data-drag": canWrite ? r.input(page, page.moveRecord, null, event.id) : undefined,
  };
}

const hourLabel = (hour: number) => `${hour % 12 || 12} ${hour < 12 || hour === 24 ? "AM" : "PM"}`;

export function hoursSection(r: Renderer<TroveApp>, page: TablePage, here: string, hours: HoursLayout, zone: string, dateOptions: unknown, today: string) {
  const slots = `cal-slots-${hours.slots}`;
  return (
    <div class="cal-hours">
      <div class={`cal-gutter ${slots}`} aria-hidden="true">
        {Array.from({ length: hours.slots / 2 }, (_, i) => <span class={`cal-hour cal-at-${i * 2 + 1}`}>{hourLabel(hours.firstHour + i)}</span>)}
      </div>
      {hours.days.map((day) => (
        <div class={`cal-hours-day ${slots}${day.day === today ? " today" : ""}`} data-drop={day.day}>
          {day.placed.map((p) => (
            <a class={`cal-block cal-at-${p.row} cal-len-${p.rows} cal-split-${p.columns} cal-part-${p.column + 1}`} {...eventAttrs(r, page, here, p.event, dateOptions)}>
              <span class="cal-time">{timeLabel(p.event.value, zone)}</span>
              <span class="cal-title">{p.event.title}</span>
            </a>
          ))}
          {day.hidden > 0 && <span class="cal-crowd">+{day.hidden} at the same time</span>}
        </div>
      ))}
    </div>
  );
}
