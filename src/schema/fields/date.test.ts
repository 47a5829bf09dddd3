import { describe, expect, it } from "vitest";
import { type DateValue, dateType, durationOf } from "./date";
import type { ParseContext } from "./field-type";

const newYork = { timeZone: "America/New_York" };
const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "America/New_York" };
const parse = (text: string, ctx = context, options = newYork) => {
  const parsed = dateType.parse(text, options, ctx);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.value;
};
const part = (name: string, value: DateValue) => dateType.parts.find((p) => p.name === name)?.get(value);

describe("date", () => {
  it("reads 'tomorrow 3-5pm' as a two-hour range tomorrow afternoon in New York", () => {
    const value = parse("tomorrow 3-5pm");
    expect(value).toEqual({ start: "2026-11-27T20:00:00Z", end: "2026-11-27T22:00:00Z", time: true });
    expect(durationOf(value)).toEqual({ unit: "minutes", amount: 120 });
    expect(dateType.format(value, newYork)).toBe("Nov 27, 2026, 3:00 PM – 5:00 PM");
  });

  it("reads calendar dates in the common spellings, with US month/day order", () => {
    expect(parse("2026-03-01")).toEqual({ start: "2026-03-01", end: null, time: false });
    expect(parse("March 3, 2026").start).toBe("2026-03-03");
    expect(parse("3/4/2026").start).toBe("2026-03-04");
    expect(dateType.format(parse("3/4/2026"), newYork)).toBe("Mar 4, 2026");
  });

  it("reads a browser date input's YYYY-MM-DD at once, and leaves what is not a real day to the word reader", () => {
    expect(parse(" 2024-02-29 ")).toEqual({ start: "2024-02-29", end: null, time: false });
    expect(parse("1999-12-31", context, { timeZone: "Pacific/Kiritimati" })).toEqual({ start: "1999-12-31", end: null, time: false });
    expect(dateType.parse("2023-02-29", newYork, context)).toEqual({ ok: false, reason: "not a date" });
    expect(dateType.parse("2020-00-10", newYork, context)).toEqual({ ok: false, reason: "not a date" });
    expect(parse("2020-13-01").start).toBe("2020-01-13"); // chrono's year-day-month, as before
    expect(parse("2020-1-3").start).toBe("2020-01-03");
  });

  it("reads a date range and counts both end days", () => {
    const value = parse("2026-03-01 to 2026-03-04");
    expect(value).toEqual({ start: "2026-03-01", end: "2026-03-04", time: false });
    expect(durationOf(value)).toEqual({ unit: "days", amount: 4 });
    expect(durationOf(parse("2026-03-01"))).toBeNull();
  });

  it("reads a range across days with a 24-hour end time", () => {
    // Thursday Nov 19 2:30 AM EST to Tuesday Nov 24 4:00 PM EST.
    expect(parse("last thursday 2:30 - tue 1600")).toEqual({
      start: "2026-11-19T07:30:00Z",
      end: "2026-11-24T21:00:00Z",
      time: true,
    });
  });

  it("uses the offset of the date typed, not of today, across daylight saving", () => {
    expect(parse("2026-07-04 3pm").start).toBe("2026-07-04T19:00:00Z");
    expect(parse("2026-12-04 3pm").start).toBe("2026-12-04T20:00:00Z");
  });

  it("takes 'tomorrow' from the local date, late in the New York evening", () => {
    const evening = { ...context, now: new Date("2026-11-27T03:00:00Z") }; // Nov 26, 10 PM
    expect(parse("tomorrow", evening).start).toBe("2026-11-27");
    expect(parse("tomorrow", evening, { timeZone: "UTC" }).start).toBe("2026-11-28");
  });

  it("keeps an explicit offset and shows instants in the field's zone", () => {
    const value = parse("2026-03-01T15:00:00Z");
    expect(value).toEqual({ start: "2026-03-01T15:00:00Z", end: null, time: true });
    expect(dateType.format(value, newYork)).toBe("Mar 1, 2026, 10:00 AM");
    expect(dateType.format(value, { timeZone: "UTC" })).toBe("Mar 1, 2026, 3:00 PM");
  });

  it("puts a backwards range the right way round (chrono swaps it)", () => {
    expect(parse("2026-03-04 to 2026-03-01")).toMatchObject({ start: "2026-03-01", end: "2026-03-04" });
  });

  it("refuses text that is not one date or range, and unknown zones", () => {
    for (const text of ["hello", "2026-02-30", "see you tomorrow at lunch"]) {
      expect(dateType.parse(text, newYork, context).ok).toBe(false);
    }
    expect(dateType.parse("2026-03-01", { timeZone: "Mars/Base" }, context)).toEqual({
      ok: false,
      reason: "unknown time zone 'Mars/Base'",
    });
  });

  it("offers year, quarter, month, weekday and day parts", () => {
    const value = parse("2026-03-01");
    expect(part("year", value)).toBe(2026);
    expect(part("quarter", value)).toBe("2026-Q1");
    expect(part("month", value)).toBe("2026-03");
    expect(part("weekday", value)).toBe(7); // a Sunday
    expect(part("day", value)).toBe("2026-03-01");
  });

  it("sorts by start, then a point before a range", () => {
    const [a, b, c] = [parse("2026-03-01"), parse("2026-03-01 to 2026-03-02"), parse("2026-03-02")];
    expect([c, b, a].sort(dateType.compare)).toEqual([a, b, c]);
  });
});

describe("date with or without time", () => {
  const at = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };
  it("drops a time typed into a field of dates, keeping the day in the field's zone", () => {
    const options = { timeZone: "America/New_York", withTime: false };
    expect(dateType.parse("March 3, 2026 9pm", options, at)).toEqual({ ok: true, value: { start: "2026-03-03", end: null, time: false } });
    expect(dateType.parse("tomorrow 3-5pm", options, at)).toEqual({ ok: true, value: { start: "2026-11-27", end: null, time: false } });
    expect(dateType.parse("March 3, 2026 9pm", { timeZone: "America/New_York", withTime: true }, at)).toMatchObject({ ok: true, value: { time: true } });
  });
});
