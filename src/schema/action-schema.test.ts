// Issue 9: the Action type is inferred from one valibot schema (ActionSchema, actions.ts,
// built from each *-actions.ts file's variant). Every action the engine produces — the
// sample database's actions, their inverses, the inverses of those (redo), and what the
// change log keeps — passes the schema, also after a JSON round trip as the log stores it;
// and random JSON never makes `isAction` or `apply` throw.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, apply, forLog, isAction } from "./actions";
import { orchestraSample } from "./sample/orchestra";
import { newDocument, testContext } from "./test-kit";

const now = new Date("2026-01-15T17:00:00Z");
const timeZone = "Europe/London";

function sampleActions(seed: number): Action[] {
  let n = 0;
  return orchestraSample({ seed, now, timeZone, newId: () => `id${++n}` });
}

/** Applies every action, collecting it, its inverse and the inverse of that (a redo). */
function produced(seed: number): Action[] {
  const doc = newDocument(testContext({ now, timeZone }));
  const out: Action[] = [];
  for (const action of sampleActions(seed)) {
    const result = apply(doc, action);
    if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
    doc.schema = result.schema;
    out.push(action, result.inverse, forLog(action));
  }
  return out;
}

describe("the action schema", () => {
  it("accepts every action the sample produces, its inverse and its log form, also after JSON", () => {
    const actions = produced(2026);
    expect(actions.length).toBeGreaterThan(100);
    const kinds = new Set(actions.map((a) => a.kind));
    expect(kinds.size).toBeGreaterThan(4);
    for (const action of actions) {
      expect(isAction(action), action.kind).toBe(true);
      expect(isAction(JSON.parse(JSON.stringify(action))), action.kind).toBe(true);
    }
  });

  it("refuses what is out of bounds, with a reason, and writes nothing", () => {
    const doc = newDocument();
    const refused = [
      { kind: "addTable", tableId: "t1", name: "x".repeat(81), at: 1 },
      { kind: "addTable", tableId: "not an id!", name: "Players", at: 1 },
      { kind: "addTable", tableId: "t1", name: "Players", at: "soon" },
      { kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "x".repeat(100_001) },
      { kind: "recordBatch", tableId: "t1", description: "paste", actions: [{ kind: "setCell", tableId: "t2", recordId: "r1", fieldId: "f1", text: "a" }] },
      { kind: "batch", tableId: "t1", description: "d".repeat(3_000), actions: [] },
      { kind: "changeFieldType", tableId: "t1", fieldId: "f1", type: "nonsense", options: {} },
      { kind: "noSuchKind", tableId: "t1" },
    ];
    for (const action of refused) {
      expect(isAction(action), JSON.stringify(action).slice(0, 80)).toBe(false);
      const result = apply(doc, action as Action);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    }
    expect(doc.schema.tables).toEqual([]);
  });

  it("random JSON never throws, in isAction or in apply", () => {
    const base = sampleActions(7).slice(0, 40);
    // Valid actions with one member replaced by random JSON: near the line, both sides.
    const mutated = fc.tuple(fc.constantFrom(...base), fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([action, junk, i]) => {
      const keys = Object.keys(action);
      return { ...action, [keys[i % keys.length]!]: junk };
    });
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 }), mutated, fc.record({ kind: fc.constantFrom("batch", "recordBatch", "addRecord", "importTable", "setDerived"), tableId: fc.string(), actions: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) }));
    fc.assert(
      fc.property(anything, (value) => {
        const ok = isAction(value);
        const doc = newDocument();
        const result = apply(doc, value as Action);
        if (!ok) expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
