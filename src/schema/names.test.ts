import { describe, expect, it } from "vitest";
import { checkDatabaseName, isDatabaseName } from "./names";

describe("database names", () => {
  it("accepts lowercase letters, digits and hyphens, folding case", () => {
    expect(checkDatabaseName("orchestra")).toEqual({ ok: true, name: "orchestra" });
    expect(checkDatabaseName(" City-Choir-2026 ")).toEqual({ ok: true, name: "city-choir-2026" });
  });
  it.each([
    ["ab", "3 to 40"],
    ["a".repeat(41), "3 to 40"],
    ["my choir", "lowercase letters"],
    ["choir_1", "lowercase letters"],
    ["-choir", "hyphen"],
    ["api", "reserved"],
    ["static", "reserved"],
    ["www", "reserved"],
  ])("refuses %j with a clear reason", (input, reason) => {
    const check = checkDatabaseName(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });
  it("the worker's cheap check wants the canonical form", () => {
    expect(isDatabaseName("orchestra")).toBe(true);
    expect(isDatabaseName("Orchestra")).toBe(false);
  });
});
