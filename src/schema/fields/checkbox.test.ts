import { describe, expect, it } from "vitest";
import { checkboxType } from "./checkbox";
import type { ParseContext } from "./field-type";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };
const parse = (text: string) => checkboxType.parse(text, {}, context);

describe("checkbox", () => {
  it.each(["yes", "Y", "true", "x", "X", "✓", "✔", "1", "on", "Checked"])("reads %j as checked", (text) => {
    expect(parse(text)).toEqual({ ok: true, value: true });
  });

  it.each(["no", "N", "FALSE", "0", "off"])("reads %j as unchecked", (text) => {
    expect(parse(text)).toEqual({ ok: true, value: false });
  });

  it.each(["maybe", "2", "yes please", "nope"])("keeps %j as invalid rather than guessing", (text) => {
    expect(parse(text)).toEqual({ ok: false, reason: "not yes or no" });
  });

  it("shows yes and no, unchecked first", () => {
    expect([true, false].map((v) => checkboxType.format(v, {}))).toEqual(["yes", "no"]);
    expect([true, false].sort(checkboxType.compare)).toEqual([false, true]);
  });
});
