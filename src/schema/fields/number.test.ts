import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, withMark } from "./decimal";
import type { ParseContext } from "./field-type";
import { numberType } from "./number";
import { percentType } from "./percent";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };

describe("number", () => {
  const parse = (text: string) => numberType.parse(text, { decimals: 0 }, context);

  it.each([
    ["1,234.5", 1234.5],
    ["-3", -3],
    ["(3)", -3],
    [" 42 ", 42],
    ["0.125", 0.125],
    [".5", 0.5],
    ["1e6", 1e6],
    ["-0", 0],
  ])("reads %j as %d", (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value });
  });

  it.each(["abc", "12%", "NaN", "Infinity", "1e999", "1 2", "1,2,3", "1.2.3", "1.234,5.6", "12 34", "1,23,4", "1'23"])("refuses %j", (text) => {
    expect(parse(text)).toEqual({ ok: false, reason: "not a number" });
  });

  it.each([
    ["1.200,50", 1200.5],
    ["1 234,5", 1234.5],
    ["1\u00a0234,5", 1234.5],
    ["12,50", 12.5],
    ["1,23", 1.23],
    ["0,125", 0.125],
    ["1234,567", 1234.567],
    ["1.234.567", 1234567],
    ["12,34,567.89", 1234567.89],
    ["1,00,000", 100000],
    ["1'234.5", 1234.5],
    ["1 234 567", 1234567],
  ])("reads decimal commas, dot, space and Indian grouping: %j is %d", (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value });
  });

  it("lets the database's decimal mark decide '1,234' and '1.234', and only those", () => {
    const comma = { ...context, decimalMark: "," as const };
    expect(parse("1,234")).toEqual({ ok: true, value: 1234 });
    expect(numberType.parse("1,234", { decimals: 0 }, comma)).toEqual({ ok: true, value: 1.234 });
    expect(parse("1.234")).toEqual({ ok: true, value: 1.234 });
    expect(numberType.parse("1.234", { decimals: 0 }, comma)).toEqual({ ok: true, value: 1234 });
    expect(numberType.parse("1.234,5", { decimals: 0 }, comma)).toEqual({ ok: true, value: 1234.5 });
    expect(numberType.parse("12,5", { decimals: 0 }, comma)).toEqual({ ok: true, value: 12.5 });
  });

  it("round-trips what it shows with either decimal mark, and never throws", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map((n) => (n === 0 ? 0 : n));
    fc.assert(
      fc.property(finite, fc.constantFrom(".", ",") as fc.Arbitrary<"." | ",">, (value, mark) => {
        const shown = withMark(formatDecimal(value, 0), mark);
        expect(numberType.parse(shown, { decimals: 0 }, { ...context, decimalMark: mark })).toEqual({ ok: true, value });
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => void numberType.parse(text, { decimals: 0 }, { ...context, decimalMark: "," })));
  });

  it("groups thousands and pads to the field's decimals without rounding digits away", () => {
    expect(numberType.format(1234567.5, { decimals: 2 })).toBe("1,234,567.50");
    expect(numberType.format(-3, { decimals: 0 })).toBe("-3");
    expect(numberType.format(1.2345, { decimals: 2 })).toBe("1.2345");
    expect(numberType.format(1e21, { decimals: 0 })).toBe("1,000,000,000,000,000,000,000");
  });
});

describe("percent", () => {
  const parse = (text: string) => percentType.parse(text, { decimals: 0 }, context);

  it("stores the fraction: '12%', '12.5 %' and a bare '12' are as shown", () => {
    expect(parse("12%")).toEqual({ ok: true, value: 0.12 });
    expect(parse("12.5 %")).toEqual({ ok: true, value: 0.125 });
    expect(parse("12")).toEqual({ ok: true, value: 0.12 });
    expect(parse("0.07%")).toEqual({ ok: true, value: 0.0007 });
  });

  it("shows percent points without float noise", () => {
    expect(percentType.format(0.07, { decimals: 0 })).toBe("7%");
    expect(percentType.format(0.125, { decimals: 0 })).toBe("12.5%");
    expect(percentType.format(0.5, { decimals: 1 })).toBe("50.0%");
  });
});
