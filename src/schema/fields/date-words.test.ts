// Named periods, numeric ranges in both orders and clock times in words, through the date
// field as a person types them (today is Thursday 26 November 2026 in New York).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateType } from "./date";
import { clockWords, namedPeriod } from "./date-words";
import type { ParseContext } from "./field-type";

const context: ParseContext = { now: new Date("2026-11-26T17:00:00Z"), timeZone: "America/New_York" };
const options = { timeZone: "America/New_York" };
const parse = (text: string, over: Partial<ParseContext> = {}) => dateType.parse(text, options, { ...context, ...over });
const days = (start: string, end: string | null = null) => ({ ok: true, value: { start, end, time: false } });

describe("dates people write", () => {
  it.each([
    ["this weekend", "2026-11-28", "2026-11-29"],
    ["the weekend", "2026-11-28", "2026-11-29"],
    ["next weekend", "2026-12-05", "2026-12-06"],
    ["this week", "2026-11-23", "2026-11-29"],
    ["next week", "2026-11-30", "2026-12-06"],
    ["last week", "2026-11-16", "2026-11-22"],
    ["next month", "2026-12-01", "2026-12-31"],
    ["last month", "2026-10-01", "2026-10-31"],
    ["this year", "2026-01-01", "2026-12-31"],
    ["next quarter", "2027-01-01", "2027-03-31"],
    ["March 2026", "2026-03-01", "2026-03-31"],
    ["Feb 2028", "2028-02-01", "2028-02-29"],
    ["sept 2026", "2026-09-01", "2026-09-30"],
    ["2026-07", "2026-07-01", "2026-07-31"],
    ["Q3 2026", "2026-07-01", "2026-09-30"],
    ["q1", "2026-01-01", "2026-03-31"],
    ["2nd quarter 2027", "2027-04-01", "2027-06-30"],
    ["2026 Q4", "2026-10-01", "2026-12-31"],
    ["2027", "2027-01-01", "2027-12-31"],
  ])("reads the period %j as %s – %s", (text, start, end) => {
    expect(parse(text)).toEqual(days(start, end));
  });

  it("reads numeric ranges month first, or day first when the database says so", () => {
    expect(parse("3/4-3/6")).toEqual(days("2026-03-04", "2026-03-06"));
    expect(parse("3/4-3/6", { dateOrder: "dmy" })).toEqual(days("2026-04-03", "2026-06-03"));
    expect(parse("12/03/2026 – 15/03/2026", { dateOrder: "dmy" })).toEqual(days("2026-03-12", "2026-03-15"));
    expect(parse("12/03/2026 – 15/03/2026")).toMatchObject({ ok: false, reason: "not a date (month first: 3/14 is March 14)" });
    expect(parse("3/4 to 3/6/27")).toEqual(days("2027-03-04", "2027-03-06"));
    expect(parse("3/6-3/4")).toEqual({ ok: false, reason: "the range ends before it starts" });
  });

  it("lets the database's order decide a single numeric date", () => {
    expect(parse("3/4/2026")).toEqual(days("2026-03-04"));
    expect(parse("3/4/2026", { dateOrder: "dmy" })).toEqual(days("2026-04-03"));
  });

  it("reads clock times in words", () => {
    expect(clockWords("tomorrow at half past three pm")).toBe("tomorrow at 3:30 pm");
    expect(clockWords("quarter to five")).toBe("4:45");
    expect(clockWords("ten past 6")).toBe("6:10");
    expect(clockWords("20 minutes to one")).toBe("12:40");
    expect(parse("tomorrow at half past three pm")).toEqual({ ok: true, value: { start: "2026-11-27T20:30:00Z", end: null, time: true } });
    expect(parse("Dec 1 at noon")).toEqual({ ok: true, value: { start: "2026-12-01T17:00:00Z", end: null, time: true } });
  });

  it("names no period in other text, and never throws", () => {
    const today = { year: 2026, month: 11, day: 26 };
    for (const text of ["5", "weeks", "this", "Q5 2026", "Marchy 2026", "2026-13", "next fortnight"]) expect(namedPeriod(text, today)).toBeNull();
    fc.assert(fc.property(fc.string(), fc.constantFrom("mdy", "dmy") as fc.Arbitrary<"mdy" | "dmy">, (text, dateOrder) => {
      parse(text, { dateOrder });
    }));
    fc.assert(fc.property(fc.stringMatching(/^(this|next|last) (week|month|year|weekend|quarter)$/), (text) => {
      const read = parse(text);
      expect(read.ok).toBe(true);
      if (read.ok) expect(parse(dateType.format(read.value, options))).toEqual(read);
    }));
  });
});
