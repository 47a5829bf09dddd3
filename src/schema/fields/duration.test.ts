import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durationType } from "./duration";
import type { ParseContext } from "./field-type";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };
const parse = (text: string) => durationType.parse(text, {}, context);

describe("duration", () => {
  it.each([
    ["1h 30m", 5400],
    ["90 min", 5400],
    ["2 days", 172800],
    ["1:30", 5400],
    ["1:30:15", 5415],
    ["45s", 45],
    ["1.5 hours", 5400],
    ["1 hour and 30 minutes", 5400],
    ["1w 2d", 777600],
    ["-15m", -900],
    ["1h30", 5400],
    ["2h05", 7500],
    ["1:30:00", 5400],
    ["PT1H30M", 5400],
    ["pt45s", 45],
    ["P1DT2H", 93600],
    ["P2W", 1209600],
    ["PT0.5H", 1800],
    ["an hour and a half", 5400],
    ["half an hour", 1800],
    ["a quarter of an hour", 900],
    ["three quarters of an hour", 2700],
    ["two days", 172800],
    ["2 hours and a half", 9000],
    ["a day and 3 hours", 97200],
    ["an hour", 3600],
  ])("reads %j as %d seconds", (text, seconds) => {
    expect(parse(text)).toEqual({ ok: true, value: seconds });
  });

  it("shows the largest units first and leaves out zero ones", () => {
    expect(durationType.format(5400, {})).toBe("1h 30m");
    expect(durationType.format(90061, {})).toBe("1d 1h 1m 1s");
    expect(durationType.format(3600, {})).toBe("1h");
    expect(durationType.format(0, {})).toBe("0s");
    expect(durationType.format(-900, {})).toBe("-15m");
  });

  it("asks for a unit rather than guessing what a bare number means", () => {
    expect(parse("90")).toEqual({ ok: false, reason: "add a unit, e.g. '90 min'" });
    expect(parse("3 fortnights")).toEqual({ ok: false, reason: "unknown unit 'fortnights'" });
    expect(parse("1:75").ok).toBe(false);
    for (const text of ["P", "PT", "P1Y", "P1M", "PT1H30", "a", "half"]) expect(parse(text).ok).toBe(false);
  });

  it("never throws, and what it shows reads back the same", () => {
    fc.assert(fc.property(fc.string(), (text) => void parse(text)));
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (seconds) => {
      expect(parse(durationType.format(seconds, {}))).toEqual({ ok: true, value: seconds });
    }));
  });
});
