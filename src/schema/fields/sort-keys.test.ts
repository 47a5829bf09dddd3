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

  it("gives the keys stored cells already hold (the 64 bits, as BigInt arithmetic made them)", () => {
    const stored = (n: number) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, n === 0 ? 0 : n);
      const bits = view.getBigUint64(0);
      return (bits >> 63n ? ~bits & 0xffff_ffff_ffff_ffffn : bits | (1n << 63n)).toString(16).padStart(16, "0");
    };
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => numberKey(n) === stored(n)));
    for (const n of [0, -0, 1, -1, 0.5, -2.5, 1e300, -1e-300, Number.MAX_VALUE, -Number.MIN_VALUE]) expect(numberKey(n)).toBe(stored(n));
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
