import { describe, expect, it } from "vitest";
import type { ParseContext } from "./field-type";
import { moneyType, totalsByCurrency } from "./money";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };
const usd = { currency: "USD" };
const parse = (text: string, options = usd) => moneyType.parse(text, options, context);

describe("money", () => {
  it.each([
    ["$1,200.50", 1200.5, "USD"],
    ["€35", 35, "EUR"],
    ["35 EUR", 35, "EUR"],
    ["35 eur", 35, "EUR"],
    ["JPY 1000", 1000, "JPY"],
    ["£12.99", 12.99, "GBP"],
    ["1200", 1200, "USD"],
    ["CA$ 5", 5, "CAD"],
    ["-$4", -4, "USD"],
    ["$-4", -4, "USD"],
    ["($4.00)", -4, "USD"],
    ["35€", 35, "EUR"],
    ["R$ 10", 10, "BRL"],
    ["1.200,50 €", 1200.5, "EUR"],
    ["€12,50", 12.5, "EUR"],
    ["1 234,5 EUR", 1234.5, "EUR"],
    ["₹12,34,567", 1234567, "INR"],
    ["INR 1,00,000.50", 100000.5, "INR"],
    ["12 dollars", 12, "USD"],
    ["1 dollar", 1, "USD"],
    ["20 euros", 20, "EUR"],
    ["euro 5", 5, "EUR"],
    ["5 pounds", 5, "GBP"],
    ["30 Canadian dollars", 30, "CAD"],
    ["1000 yen", 1000, "JPY"],
    ["usd 12.5", 12.5, "USD"],
    ["12.5 usd", 12.5, "USD"],
  ])("reads %j as %d %s", (text, amount, currency) => {
    expect(parse(text)).toEqual({ ok: true, value: { amount, currency } });
  });

  it("reads 'dollars' as the field's dollar, like a bare $", () => {
    expect(parse("12 dollars", { currency: "AUD" })).toEqual({ ok: true, value: { amount: 12, currency: "AUD" } });
    expect(parse("12 dollars", { currency: "EUR" })).toEqual({ ok: true, value: { amount: 12, currency: "USD" } });
  });

  it("refuses two different currencies, and words that name none", () => {
    expect(parse("€5 GBP").ok).toBe(false);
    expect(parse("5 doubloons")).toEqual({ ok: false, reason: "unknown currency 'doubloons'" });
  });

  it("reads a bare $ as the field's currency when that is a dollar, else as USD", () => {
    expect(parse("$5", { currency: "CAD" })).toEqual({ ok: true, value: { amount: 5, currency: "CAD" } });
    expect(parse("$5", { currency: "EUR" })).toEqual({ ok: true, value: { amount: 5, currency: "USD" } });
    expect(parse("5", { currency: "EUR" })).toEqual({ ok: true, value: { amount: 5, currency: "EUR" } });
  });

  it("shows the currency's symbol and minor units", () => {
    expect(moneyType.format({ amount: 1200.5, currency: "USD" }, usd)).toBe("$1,200.50");
    expect(moneyType.format({ amount: 1000, currency: "JPY" }, usd)).toBe("¥1,000");
    expect(moneyType.format({ amount: -4, currency: "EUR" }, usd)).toBe("-€4.00");
    expect(moneyType.format({ amount: 12, currency: "CHF" }, usd)).toBe("CHF 12.00");
    expect(moneyType.format({ amount: 5, currency: "CAD" }, usd)).toBe("CA$5.00");
  });

  it("writes US$ where a bare $ would read as another dollar", () => {
    const cad = { currency: "CAD" };
    expect(moneyType.format({ amount: 5, currency: "CAD" }, cad)).toBe("$5.00");
    expect(moneyType.format({ amount: 5, currency: "USD" }, cad)).toBe("US$5.00");
    expect(parse("US$5.00", cad)).toEqual({ ok: true, value: { amount: 5, currency: "USD" } });
  });

  it("never rounds away digits the value has", () => {
    expect(moneyType.format({ amount: 1.005, currency: "USD" }, usd)).toBe("$1.005");
  });

  it("names an unknown currency in its reason", () => {
    expect(parse("35 XYZ")).toEqual({ ok: false, reason: "unknown currency 'XYZ'" });
    expect(parse("$")).toEqual({ ok: false, reason: "not an amount of money" });
  });

  it("sorts by currency code, then amount", () => {
    const values = [
      { amount: 1, currency: "USD" },
      { amount: 100, currency: "EUR" },
      { amount: -5, currency: "USD" },
    ];
    expect(values.sort(moneyType.compare).map((v) => `${v.currency} ${v.amount}`)).toEqual([
      "EUR 100",
      "USD -5",
      "USD 1",
    ]);
  });

  it("totals per currency, never mixed, without float drift", () => {
    expect(
      totalsByCurrency([
        { amount: 0.1, currency: "USD" },
        { amount: 0.2, currency: "USD" },
        null,
        { amount: 1000, currency: "JPY" },
        { amount: 35, currency: "EUR" },
      ]),
    ).toEqual([
      { amount: 35, currency: "EUR" },
      { amount: 1000, currency: "JPY" },
      { amount: 0.3, currency: "USD" },
    ]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});
