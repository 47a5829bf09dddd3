// Recomputing many records in the background (./background.ts), in memory: a structure
// change reaching more records than `background.from` is deferred (nothing recomputed in
// the action), chunks then recompute in dependency order, fields changed again start over,
// and the end is what a recomputation at once gives.

import { describe, expect, it } from "vitest";
import type { Document } from "../actions";
import { must, newDocument, testContext } from "../test-kit";
import { addToJob, type Job, progressOf, stepJob } from "./background";
import type { Expr } from "./expr";

const N = 12;
const rate = (text: string) => ({ kind: "setConstant" as const, tableId: "", constantId: "k", constant: { id: "k", name: "Rate", type: "percent" as const, text }, tables: ["to"] });
const tax: Expr = { k: "op", op: "percentOf", args: [{ k: "const", constantId: "k" }, { k: "field", fieldId: "amt" }] };
const doubled: Expr = { k: "op", op: "multiply", args: [{ k: "field", fieldId: "tax" }, { k: "lit", type: "number", text: "2" }] };

function orders(background: boolean): { doc: Document; job: () => Job } {
  const doc = newDocument(testContext({ now: new Date("2026-11-26T12:00:00Z") }));
  let job: Job = [];
  must(doc, { kind: "addTable", tableId: "to", name: "Orders", at: 1 });
  must(doc, { kind: "addField", tableId: "to", field: { id: "amt", name: "Amount", type: "money", options: { currency: "USD" } }, index: 0 });
  for (let i = 0; i < N; i++) must(doc, { kind: "addRecord", tableId: "to", recordId: `o${String(i).padStart(2, "0")}`, at: i, cells: { amt: `$${(i + 1) * 10}` } });
  must(doc, rate("10%"));
  must(doc, { kind: "addField", tableId: "to", field: { id: "tax", name: "Tax", type: "money", options: { currency: "USD" }, derived: { expr: tax } }, index: 1 });
  must(doc, { kind: "addField", tableId: "to", field: { id: "dbl", name: "Twice the tax", type: "money", options: { currency: "USD" }, derived: { expr: doubled } }, index: 2 });
  if (background) doc.background = { from: 5, defer: (keys) => (job = addToJob(job, keys, () => N)) };
  return { doc, job: () => job };
}

const amounts = (doc: Document, fieldId: string) => doc.records.list("to", 0, 100).map((r) => (r.cells[fieldId]?.value as { amount: number } | undefined)?.amount);

describe("background recomputation", () => {
  it("defers a constant change behind many records, then recomputes in chunks, in dependency order, to what at once gives", () => {
    const { doc, job } = orders(true);
    expect(amounts(doc, "tax")[0]).toBe(1);
    must(doc, rate("20%"));
    // Nothing recomputed in the action: both fields wait, Tax first (Twice the tax reads it).
    expect(amounts(doc, "tax")[0]).toBe(1);
    expect(job().map((f) => f.key)).toEqual(["to/tax", "to/dbl"]);
    expect(progressOf(job(), "to")).toEqual({ percent: 0, fieldIds: ["tax", "dbl"] });
    let left = job();
    left = stepJob(doc, left, 5);
    expect(amounts(doc, "tax").slice(0, 6)).toEqual([2, 4, 6, 8, 10, 1.2 * 5]);
    expect(progressOf(left, "to")?.percent).toBe(Math.floor((5 / 24) * 100));
    let steps = 1;
    while (left.length > 0 && steps++ < 20) left = stepJob(doc, left, 5);
    expect(left).toEqual([]);
    expect(progressOf(left, "to")).toBeNull();
    const { doc: direct } = orders(false);
    must(direct, rate("20%"));
    expect(amounts(doc, "tax")).toEqual(amounts(direct, "tax"));
    expect(amounts(doc, "dbl")).toEqual(amounts(direct, "dbl"));
    expect(amounts(doc, "dbl")[N - 1]).toBe(48);
  });

  it("a field changed again while it runs starts over; a deleted one is dropped; few records are recomputed at once", () => {
    const { doc, job } = orders(true);
    must(doc, rate("20%"));
    const left = stepJob(doc, job(), 4);
    expect(left[0]).toMatchObject({ key: "to/tax", done: 4 });
    const again = addToJob(left, ["to/tax"], () => N);
    expect(again.map((f) => [f.key, f.after])).toEqual([["to/dbl", -1], ["to/tax", -1]]);
    must(doc, { kind: "deleteField", tableId: "to", fieldId: "dbl", at: 9 });
    // Tax still comes first among what is left; the deleted field is gone from the job.
    expect(stepJob(doc, again, 1).map((f) => f.key)).toEqual(["to/tax"]);

    const small = orders(true);
    small.doc.background = { from: N + 1, defer: () => expect.unreachable("deferred") };
    must(small.doc, rate("30%"));
    expect(amounts(small.doc, "tax")[0]).toBe(3);
  });
});
