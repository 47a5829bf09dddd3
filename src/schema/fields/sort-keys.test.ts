import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberKey, order, tupleKey } from "./sort-keys";

describe("sort keys", () => {
  it("orders numbers as their keys' text", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        expect(Math.sign(order(numberKey(a), numberKey(b)))).toBe(Math.sign(order(a === 0 ? 0 : a, b === 0 ? 0 : b)));
      }),
    );
    expect(numberKey(-0)).toBe(numberKey(0));
  });

  it("orders lists of strings component by component, shorter prefixes first", () => {
    const lists = fc.array(fc.string({ unit: "binary" }), { maxLength: 3 });
    const compareLists = (a: string[], b: string[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return order(a[i]!, b[i]!);
      return a.length - b.length;
    };
    fc.assert(
      fc.property(lists, lists, (a, b) => {
        expect(Math.sign(order(tupleKey(a), tupleKey(b)))).toBe(Math.sign(compareLists(a, b)));
      }),
    );
    expect(order(tupleKey(["a\u0000"]), tupleKey(["a", "b"]))).toBe(1);
  });
});
