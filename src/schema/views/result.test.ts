import { describe, expect, it } from "vitest";
import { sumOf, summarise } from "./result";

describe("sumOf", () => {
  it("reads money in its currency's minor units, whatever order it was added in", () => {
    expect(sumOf("USD", 0.1 + 0.2)).toBe(0.3);
    // A kept sum less one amount and plus another lands a few ulps off the exact total.
    const adjusted = 1_234_567.89 - 0.07 + 1_000.01;
    expect(sumOf("EUR", adjusted)).toBe(1_235_567.83);
    expect(sumOf("JPY", 1000.0000001)).toBe(1000);
    expect(Object.is(sumOf("USD", 0.1 + 0.2 - 0.3), 0)).toBe(true);
  });

  it("keeps plain numbers to 12 significant digits", () => {
    expect(sumOf("", 1 / 3)).toBe(0.333333333333);
  });

  it("is what a sum, an average and a percent of money read", () => {
    const a = { filled: 3, invalid: 0, numbers: new Map([["USD", { n: 3, sum: 0.1 + 0.2 + 0.4, min: 0.1, max: 0.4 }]]) };
    expect(summarise("sum", "f", a).values).toEqual([{ currency: "USD", value: 0.7 }]);
    expect(summarise("average", "f", a).values).toEqual([{ currency: "USD", value: 0.233333333333 }]);
    const whole = { filled: 4, invalid: 0, numbers: new Map([["USD", { n: 4, sum: 1.4, min: 0.1, max: 0.7 }]]) };
    expect(summarise("percent", "f", a, whole).values).toEqual([{ currency: "USD", value: 50 }]);
  });
});
