import { describe, expect, it } from "vitest";
import type { ParseContext } from "./fields/field-type";
import { parseCellText } from "./values";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };

describe("parseCellText", () => {
  it("keeps the typed text beside the value", () => {
    expect(parseCellText("number", "1,234", { decimals: 0 }, context)).toEqual({ text: "1,234", value: 1234 });
  });

  it("keeps text that does not parse, with the reason, and no value", () => {
    expect(parseCellText("money", "35 XYZ", { currency: "USD" }, context)).toEqual({
      text: "35 XYZ",
      value: null,
      invalid: "unknown currency 'XYZ'",
    });
  });

  it("treats blank text as an empty cell", () => {
    expect(parseCellText("checkbox", "   ", {}, context)).toEqual({ text: "   ", value: null });
  });

  it("reports malformed options as invalid instead of throwing", () => {
    expect(parseCellText("choice", "Red", {}, context).invalid).toMatch(/could not read/);
  });
});
