import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grouped } from "./text";

describe("grouped", () => {
  it("writes whole numbers as toLocaleString('en') does", () => {
    for (const n of [0, 7, 999, 1000, 1250, -1250, 100000, 1234567, Number.MAX_SAFE_INTEGER]) expect(grouped(n)).toBe(n.toLocaleString("en"));
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => grouped(n) === n.toLocaleString("en")));
  });
});
