import { describe, expect, it } from "vitest";
import { inHours, layoutHours } from "./calendar-hours";

const timed = (id: string, start: string, end: string | null) => ({ id, title: id, value: { start, end, time: true } });
const week = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"];

describe("a week's hours", () => {
  it("places timed values at their time in half-hour slots, from 8 AM to 8 PM unless an event needs more", () => {
    const layout = layoutHours(week, [timed("talk", "2026-11-24T09:30:00Z", "2026-11-24T11:00:00Z"), timed("call", "2026-11-26T14:00:00Z", null)], "UTC");
    expect([layout.firstHour, layout.slots]).toEqual([8, 24]);
    expect(layout.days[1]!.placed).toEqual([expect.objectContaining({ row: 4, rows: 3, column: 0, columns: 1 })]);
    // A time without an end shows as an hour.
    expect(layout.days[3]!.placed).toEqual([expect.objectContaining({ row: 13, rows: 2 })]);
    const late = layoutHours(week, [timed("gig", "2026-11-27T21:30:00Z", "2026-11-27T23:45:00Z"), timed("run", "2026-11-28T06:15:00Z", "2026-11-28T07:00:00Z")], "UTC");
    expect([late.firstHour, late.slots]).toEqual([6, 36]);
    expect(late.days[5]!.placed[0]).toMatchObject({ row: 1, rows: 2 });
  });

  it("puts overlapping events side by side, and counts those beyond four", () => {
    const events = [
      timed("a", "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z"),
      timed("b", "2026-11-25T11:00:00Z", "2026-11-25T13:00:00Z"),
      timed("c", "2026-11-25T12:00:00Z", "2026-11-25T12:30:00Z"), // a has ended: a's column again
      timed("d", "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"), // alone again
    ];
    const day = layoutHours(week, events, "UTC").days[2]!;
    const at = new Map(day.placed.map((p) => [p.event.id, [p.column, p.columns]]));
    expect(Object.fromEntries(at)).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
    const crowd = Array.from({ length: 6 }, (_, i) => timed(`x${i}`, "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z"));
    const crowded = layoutHours(week, crowd, "UTC").days[2]!;
    expect(crowded.placed).toHaveLength(4);
    expect(crowded.hidden).toBe(2);
  });

  it("leaves dates and times across midnight to the all-day band, reading days in the zone", () => {
    expect(inHours({ id: "d", title: "d", value: { start: "2026-11-25", end: null, time: false } }, "UTC")).toBe(false);
    expect(inHours(timed("night", "2026-11-25T22:00:00Z", "2026-11-26T02:00:00Z"), "UTC")).toBe(false);
    // 22:00–02:00 UTC is 5 PM–9 PM in New York: one day there.
    expect(inHours(timed("night", "2026-11-25T22:00:00Z", "2026-11-26T02:00:00Z"), "America/New_York")).toBe(true);
  });
});
