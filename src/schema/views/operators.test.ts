// The operator conformance suite: every registered operator passes its cases in memory, and
// for any typed values it never throws, and its SQL binds every value (nothing typed ever
// appears in the SQL text). The same cases run as SQL in test/workerd/view-operators.test.ts.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldTypeNames } from "../fields/registry";
import { cellSql } from "./cell-sql";
import { CASE_CONTEXT, caseCell, caseField, operatorCases } from "./operator-cases";
import { operators, operatorsFor } from "./operators";

describe.each([...operators.values()])("operator $name", (op) => {
  const cases = operatorCases.get(op.name) ?? [];

  it("has cases", () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)("decides $type cells for $args", (c) => {
    expect(op.fits(c.type)).toBe(true);
    const prepared = op.prepare(c.args, caseField(c.type), CASE_CONTEXT);
    if (!prepared.ok) throw new Error(prepared.reason);
    for (const text of c.yes) expect([text, op.test(prepared.value, caseCell(c.type, text))]).toEqual([text, true]);
    for (const text of c.no) expect([text, op.test(prepared.value, caseCell(c.type, text))]).toEqual([text, false]);
  });

  it("never throws on typed values, and binds them all as parameters", () => {
    const types = fieldTypeNames.filter((t) => op.fits(t));
    fc.assert(
      // Some values carry a marker no SQL Trove writes contains: if one reaches the SQL text, a
      // typed value was spliced in. (Plain words could be SQL's own: "val" is in "value".)
      fc.property(fc.constantFrom(...types), fc.array(fc.oneof(fc.string({ minLength: 3 }), fc.string().map((s) => `ɀ${s}`)), { maxLength: 3 }), (type, args) => {
        const prepared = op.prepare(args, caseField(type), CASE_CONTEXT);
        if (!prepared.ok) return;
        const fragment = op.sql(prepared.value, cellSql("f1"));
        expect(fragment.sql.split("?").length - 1).toBe(fragment.params.length);
        expect(fragment.sql.includes("ɀ")).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe("operator menus", () => {
  it("offer empty, not empty and not understood for every type, and only what fits", () => {
    for (const type of fieldTypeNames) {
      const names = operatorsFor(type).map((op) => op.name);
      expect(names).toEqual(expect.arrayContaining(["isEmpty", "isNotEmpty", "notUnderstood"]));
    }
    expect(operatorsFor("checkbox").map((op) => op.name)).toEqual(["ticked", "notTicked", "isEmpty", "isNotEmpty", "notUnderstood"]);
    expect(operatorsFor("money").map((op) => op.name)).toContain("numBetween");
    expect(operatorsFor("text").map((op) => op.name)).not.toContain("numBetween");
  });

  it("say why a typed value does not fit", () => {
    const money = operators.get("numBetween")!;
    expect(money.prepare(["5 USD", "10 EUR"], caseField("money"), CASE_CONTEXT)).toEqual({ ok: false, reason: "Both ends need the same currency." });
    expect(operators.get("anyOf")!.prepare(["Tuba"], caseField("choice"), CASE_CONTEXT)).toEqual({ ok: false, reason: "“Tuba” is not one of the options." });
    expect(operators.get("lastDays")!.prepare(["a week"], caseField("date"), CASE_CONTEXT)).toMatchObject({ ok: false });
  });
});
