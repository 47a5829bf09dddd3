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
  });
});
