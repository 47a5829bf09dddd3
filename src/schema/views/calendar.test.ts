import { describe, expect, it } from "vitest";
import { daysOf, layoutCalendar, moveToDay, parsePeriod, periodOf, spanSwitch, stepPeriod } from "./calendar";

const ev = (id: string, start: string, end: string | null = null, time = false) => ({ id, title: id, value: { start, end, time } });

describe("calendar periods", () => {
  it("reads months and weeks from their address, refusing dates that do not exist", () => {
    expect(parsePeriod("2026-11")).toEqual({ kind: "month", id: "2026-11", first: "2026-11-01", last: "2026-11-30" });
    expect(parsePeriod("2028-02")?.last).toBe("2028-02-29");
    // 2026-11-26 is a Thursday: its week runs Monday 23 to Sunday 29.
    expect(parsePeriod("2026-11-26")).toEqual({ kind: "week", id: "2026-11-23", first: "2026-11-23", last: "2026-11-29" });
    for (const bad of ["2026-13", "2026-02-30", "26-11", "2026-11-1", "x"]) expect(parsePeriod(bad)).toBeUndefined();
  });

  it("switches between a month and a week without losing the days in sight", () => {
    const november = periodOf("month", "2026-11-01");
    expect(spanSwitch(november, "week", "2026-11-18")).toBe("2026-11-16"); // today's week
    expect(spanSwitch(november, "week", "2027-01-05")).toBe("2026-11-02"); // the week of the 4th, not Oct 26
    expect(spanSwitch(periodOf("week", "2026-10-26"), "month", "2026-11-18")).toBe("2026-10"); // Thursday Oct 29
    expect(spanSwitch(periodOf("week", "2026-11-30"), "month", "2026-11-18")).toBe("2026-12"); // Thursday Dec 3
  });

  it("steps across years", () => {
    expect(stepPeriod(periodOf("month", "2026-12-05"), 1).id).toBe("2027-01");
    expect(stepPeriod(periodOf("month", "2026-01-05"), -1).id).toBe("2025-12");
    expect(stepPeriod(periodOf("week", "2026-12-30"), 1).id).toBe("2027-01-04");
  });
});

describe("calendar layout", () => {
  it("draws a month as whole weeks from Monday, marking today and the days outside the month", () => {
    const layout = layoutCalendar(periodOf("month", "2026-11-01"), [], "UTC", "2026-11-29", 3);
    expect(layout.from).toBe("2026-10-26");
    expect(layout.to).toBe("2026-12-06");
    expect(layout.weeks).toHaveLength(6);
    const days = layout.weeks.flatMap((w) => w.days);
    expect(days.filter((d) => d.today).map((d) => d.day)).toEqual(["2026-11-29"]);
    expect(days[0]).toMatchObject({ day: "2026-10-26", inPeriod: false });
  });

  it("cuts a range into one segment per week it touches, saying where it goes on", () => {
    // Thursday 12 to Tuesday 17 November 2026.
    const layout = layoutCalendar(periodOf("month", "2026-11-01"), [ev("tour", "2026-11-12", "2026-11-17")], "UTC", "2026-11-01", 3);
    const segments = layout.weeks.flatMap((w) => w.segments);
    expect(segments.map((s) => [s.first, s.last, s.column, s.span, s.continuesBefore, s.continuesAfter])).toEqual([
      ["2026-11-12", "2026-11-15", 4, 4, false, true],
      ["2026-11-16", "2026-11-17", 1, 2, true, false],
    ]);
  });

  it("puts overlapping events in different lanes and counts those beyond the limit per day", () => {
    const events = [ev("a", "2026-11-03", "2026-11-05"), ev("b", "2026-11-04"), ev("c", "2026-11-04"), ev("d", "2026-11-06")];
    const week = layoutCalendar(periodOf("week", "2026-11-04"), events, "UTC", "2026-11-01", 2).weeks[0]!;
    const lanes = new Map(week.segments.map((s) => [s.event.id, s.lane]));
    expect(lanes.get("a")).toBe(0);
    expect(lanes.get("b")).toBe(1);
    expect(lanes.has("c")).toBe(false); // third on the 4th: counted, not drawn
    expect(lanes.get("d")).toBe(0); // the 6th is free again
    expect(week.days.map((d) => d.more)).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(week.days[2]!.events.map((e) => e.id).sort()).toEqual(["a", "b", "c"]);
  });

  it("reads timed values on the day their wall clock shows in the zone", () => {
    // 02:00 UTC on the 5th is still the 4th in New York.
    expect(daysOf({ start: "2026-11-05T02:00:00Z", end: null, time: true }, "America/New_York")).toEqual({ first: "2026-11-04", last: "2026-11-04" });
    // A timed range ending at midnight ends the day before.
    expect(daysOf({ start: "2026-11-04T20:00:00Z", end: "2026-11-06T00:00:00Z", time: true }, "UTC")).toEqual({ first: "2026-11-04", last: "2026-11-05" });
  });
});

describe("moving a value to another day", () => {
  it("keeps a range's length", () => {
    expect(moveToDay({ start: "2026-11-12", end: "2026-11-17", time: false }, "2026-11-30", "UTC")).toEqual({ start: "2026-11-30", end: "2026-12-05", time: false });
  });

  it("keeps a timed value's wall-clock time across a daylight-saving change, and a timed range's duration", () => {
    // 7 PM in New York on Oct 30 (EDT, UTC-4) moved to Nov 2 (EST, UTC-5): still 7 PM.
    const moved = moveToDay({ start: "2026-10-30T23:00:00Z", end: "2026-10-31T01:30:00Z", time: true }, "2026-11-02", "America/New_York");
    expect(moved).toEqual({ start: "2026-11-03T00:00:00Z", end: "2026-11-03T02:30:00Z", time: true });
  });
});
