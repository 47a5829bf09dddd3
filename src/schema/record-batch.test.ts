// The record batch (a paste, a bulk delete) and the paste plan: one step, and undoing it
// restores every record exactly — checked on literal cases and on random batches.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, apply, type Document, isAction } from "./actions";
import { type FieldTypeName, fieldType } from "./fields/registry";
import type { OneRecordAction } from "./record-actions";
import { type PasteRequest, parsePasteRequest, planPaste } from "./paste";
import { findTable } from "./model";
import type { MemoryRecordStore } from "./records";
import { must, newDocument } from "./test-kit";

const FIELDS: [string, FieldTypeName][] = [["Name", "text"], ["Fee", "money"], ["Joined", "date"], ["Active", "checkbox"], ["Tags", "multiChoice"]];

function orchestra(): Document {
  const doc = newDocument();
  must(doc, { kind: "addTable", tableId: "t", name: "Musicians", at: 1 });
  FIELDS.forEach(([name, type], i) => {
    // A multiple choice needs its options before it exists.
    const options = type === "multiChoice" ? { choices: [{ id: "a", label: "a", color: "blue" }, { id: "b", label: "b", color: "green" }] } : fieldType(type).defaultOptions();
    must(doc, { kind: "addField", tableId: "t", field: { id: `f${i}`, name, type, options }, index: i });
  });
  [["Ada", "$1,200", "2026-03-01", "yes", ""], ["Ben", "lots", "soon-ish", "", "a, b"], ["Cy", "", "", "no", ""]].forEach((row, r) => {
    must(doc, { kind: "addRecord", tableId: "t", recordId: `r${r + 1}`, at: r + 1, cells: Object.fromEntries(row.map((text, c) => [`f${c}`, text])) });
  });
  return doc;
}

/** Every live record with every cell (text, value, flag), in creation order. */
const snapshot = (doc: Document) => structuredClone((doc.records as MemoryRecordStore).list("t", 0, 1e9));

describe("recordBatch", () => {
  it("applies every part, and its inverse restores the records exactly", () => {
    const doc = orchestra();
    const before = snapshot(doc);
    const inverse = must(doc, {
      kind: "recordBatch", tableId: "t", description: "paste 3 cells", actions: [
        { kind: "setCell", tableId: "t", recordId: "r1", fieldId: "f1", text: "€12.50" },
        { kind: "addRecord", tableId: "t", recordId: "r4", at: 9, cells: { f0: "Dee", f1: "nonsense" } },
        { kind: "deleteRecord", tableId: "t", recordId: "r2", at: 9 },
      ],
    });
    expect(snapshot(doc).map((r) => r.cells.f0?.text)).toEqual(["Ada", "Cy", "Dee"]);
    expect(doc.records.get("t", "r4")?.cells.f1).toMatchObject({ text: "nonsense", value: null });
    expect(inverse).toMatchObject({ kind: "recordBatch", description: "undo paste 3 cells" });
    must(doc, inverse);
    expect(snapshot(doc)).toEqual(before);
  });

  it("is refused whole when a part is refused, and is a record action for roles and the log", () => {
    const doc = orchestra();
    const batch: Action = { kind: "recordBatch", tableId: "t", description: "x", actions: [{ kind: "setCell", tableId: "t", recordId: "nope", fieldId: "f0", text: "a" }] };
    expect(apply(doc, batch)).toEqual({ ok: false, reason: "That record no longer exists." });
    expect(isAction(batch)).toBe(true);
    expect(isAction({ ...batch, actions: [{ kind: "addTable", tableId: "t", name: "x", at: 1 }] })).toBe(false);
    expect(isAction({ ...batch, actions: [{ kind: "setCell", tableId: "other", recordId: "r1", fieldId: "f0", text: "a" }] })).toBe(false);
  });

  it("undo restores exactly, for any batch of edits, additions and deletions", () => {
    const text = fc.oneof(fc.constantFrom("", " ", "Ada", "$5", "€1.200,50", "tomorrow", "yes", "no", "lots", "a, b", "2026-02-30"), fc.string({ maxLength: 12 }));
    const part = fc.oneof(
      fc.record({ kind: fc.constant("setCell" as const), r: fc.nat(5), f: fc.nat(FIELDS.length - 1), text }),
      fc.record({ kind: fc.constant("addRecord" as const), texts: fc.array(text, { maxLength: FIELDS.length }) }),
      fc.record({ kind: fc.constant("deleteRecord" as const), r: fc.nat(5) }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const doc = orchestra();
        const before = snapshot(doc);
        const live = () => snapshot(doc).map((r) => r.id);
        const actions: OneRecordAction[] = [];
        let n = 0;
        // Build parts that apply in order: each names a record live at that point.
        const ids = live();
        for (const p of parts) {
          if (p.kind === "addRecord") {
            const id = `new${n++}`;
            ids.push(id);
            actions.push({ kind: "addRecord", tableId: "t", recordId: id, at: 50 + n, cells: Object.fromEntries(p.texts.map((t, c) => [`f${c}`, t])) });
          } else if (ids.length > 0) {
            const id = ids[p.r % ids.length]!;
            if (p.kind === "setCell") actions.push({ kind: "setCell", tableId: "t", recordId: id, fieldId: `f${p.f}`, text: p.text });
            else {
              actions.push({ kind: "deleteRecord", tableId: "t", recordId: id, at: 99 });
              ids.splice(ids.indexOf(id), 1);
            }
          }
        }
        const inverse = must(doc, { kind: "recordBatch", tableId: "t", description: "random", actions });
        expect(live()).toEqual(ids);
        must(doc, inverse);
        expect(snapshot(doc)).toEqual(before);
      }),
    );
  });
});

describe("planPaste", () => {
  const source = (doc: Document) => {
    let n = 0;
    return { record: (id: string) => doc.records.get("t", id), shown: (_f: unknown, cell: { text: string } | undefined) => cell?.text ?? "", newId: () => `p${++n}`, now: 77 };
  };
  const table = (doc: Document) => findTable(doc.schema, "t")!;

  it("fills from the pasted-at cell, adds records below, and is one undoable action", () => {
    const doc = orchestra();
    const before = snapshot(doc);
    const request: PasteRequest = { fieldIds: ["f1", "f2"], recordIds: ["r2", "r3"], rows: [["$7", "2026-05-01"], ["£3", "never"], ["", "2026-06-01"], ["€4"]] };
    const outcome = planPaste(table(doc), request, source(doc));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan).toMatchObject({ cells: 6, added: ["p1", "p2"], spareColumns: 0 });
    const inverse = must(doc, outcome.plan.action!);
    const rows = snapshot(doc);
    expect(rows.map((r) => [r.cells.f1?.text, r.cells.f2?.text])).toEqual([["$1,200", "2026-03-01"], ["$7", "2026-05-01"], ["£3", "never"], [undefined, "2026-06-01"], ["€4", undefined]]);
    // Parsed and flagged as typing would.
    expect(doc.records.get("t", "r3")?.cells.f2?.invalid).toBeDefined();
    expect(doc.records.get("t", "r2")?.cells.f1).toMatchObject({ value: { amount: 7, currency: "USD" } });
    must(doc, inverse);
    expect(snapshot(doc)).toEqual(before);
  });

  it("refuses the whole paste when someone changed a pasted-over cell meanwhile", () => {
    const doc = orchestra();
    const outcome = planPaste(table(doc), { fieldIds: ["f0"], recordIds: ["r1", "r2"], rows: [["A"], ["B"]], bases: [["Ada"], ["Benjamin"]] }, source(doc));
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/^A cell you pasted over was changed by someone else/) });
  });

  it("skips cells that already hold the text, and says how many columns had no field", () => {
    const doc = orchestra();
    const outcome = planPaste(table(doc), { fieldIds: ["f0"], recordIds: ["r1"], rows: [["Ada", "extra", "more"]] }, source(doc));
    expect(outcome).toMatchObject({ ok: true, plan: { action: null, cells: 0, spareColumns: 2 } });
  });

  it("leaves computed fields computed: the text pasted onto them is counted, not typed", () => {
    const doc = orchestra();
    must(doc, { kind: "addField", tableId: "t", field: { id: "fx", name: "Name again", type: "text", options: {}, derived: { expr: { k: "field", fieldId: "f0" } } }, index: 1 });
    const outcome = planPaste(table(doc), { fieldIds: ["f0", "fx"], recordIds: ["r1"], rows: [["Adele", "typed over"], ["Dan", "new"]] }, source(doc));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan).toMatchObject({ cells: 2, added: ["p1"], computedCells: 2 });
    must(doc, outcome.plan.action!);
    expect(doc.records.get("t", "r1")?.cells.fx?.text).toBe("Adele");
    expect(doc.records.get("t", "p1")?.cells.fx?.text).toBe("Dan");
  });

  it("reads only bounded requests", () => {
    expect(parsePasteRequest("{")).toEqual({ ok: false, reason: "That paste could not be read." });
    const big = JSON.stringify({ fieldIds: ["f0"], recordIds: [], rows: Array.from({ length: 5001 }, () => ["x"]) });
    expect(parsePasteRequest(big).ok).toBe(false);
    const wide = JSON.stringify({ fieldIds: ["f0"], recordIds: [], rows: Array.from({ length: 100 }, () => Array.from({ length: 60 }, () => "x")) });
    expect(parsePasteRequest(wide)).toEqual({ ok: false, reason: "A paste is at most 5,000 cells." });
    expect(parsePasteRequest(JSON.stringify({ fieldIds: ["bad id!"], recordIds: [], rows: [["x"]] })).ok).toBe(false);
  });
});
