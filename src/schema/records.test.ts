import { describe, expect, it } from "vitest";
import { recordStoreCases } from "./record-store-cases";
import { cellSortKey, MemoryRecordStore } from "./records";

describe("MemoryRecordStore", () => {
  for (const c of recordStoreCases) it(c.name, () => c.run(new MemoryRecordStore()));
});

describe("cellSortKey", () => {
  it("sorts links and multiple choices by the names they show, not by their ids", () => {
    const zeta = cellSortKey({ text: "Zeta Strings", value: ["a1"] }, "link");
    const alpha = cellSortKey({ text: "alpha brass", value: ["z9"] }, "link");
    expect(String(alpha) < String(zeta)).toBe(true);
    expect(cellSortKey({ text: "Red, Green", value: ["c9", "c1"] }, "multiChoice")).toBe("red green");
  });

  it("puts empty and not-understood cells and unknown types last (no key)", () => {
    expect(cellSortKey(undefined, "text")).toBeNull();
    expect(cellSortKey({ text: "lots", value: null, invalid: "not a number" }, "number")).toBeNull();
    expect(cellSortKey({ text: "x", value: "x" }, undefined)).toBeNull();
  });
});
