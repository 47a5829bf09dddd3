// The quick readings that imports lean on (issue 15) give what the general reading gives:
// plain decimals without the grouping rules, ISO dates without chrono.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "./decimal";
import { parseCell } from "./registry";

const context = { now: new Date("2026-03-01T12:00:00Z"), timeZone: "America/New_York" };

describe("quick readings agree with the general ones", () => {
  it("plain decimals read as with a space around them (the general path)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,9}(\.\d{1,5})?$/), fc.constantFrom<"." | ",">(".", ","), (text, mark) => {
        expect(parseDecimal(text, 0, mark)).toBe(parseDecimal(` ${text} `, 0, mark));
      }),
    );
    expect(parseDecimal("1.234", 0, ",")).toBe(1234);
    expect(parseDecimal("1.234", 0, ".")).toBe(1.234);
  });

  it("ISO dates read as the same day written in words, and days that do not exist are refused", () => {
    const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const words = `${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
        expect(parseCell("date", iso, { timeZone: context.timeZone }, context)).toEqual(parseCell("date", words, { timeZone: context.timeZone }, context));
      }),
      { numRuns: 50 },
    );
    for (const text of ["2019-02-30", "2019-13-01", "2021-02-29"]) {
      const parsed = parseCell("date", text, { timeZone: context.timeZone }, context);
      expect(parsed.ok && (parsed.value as { start: string }).start === text).toBe(false);
    }
  });
});
