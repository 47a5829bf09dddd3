// Derived fields through actions, in memory (the Grist-style engine tests): results stored
// in cells, recomputed by a cell edit (on the record and through links), by a structure
// change and by a constant; loops refused with their names; undo restores everything.

import { describe, expect, it } from "vitest";
import { type Action, apply, type Document } from "../actions";
import type { Expr } from "./expr";
import { liveFields } from "../model";
import { nextMidnight, nextRefresh, refreshToday } from "./today";
import { must, newDocument, testContext } from "../test-kit";

function shop(): Document {
  const doc = newDocument(testContext({ now: new Date("2026-11-26T12:00:00Z") }));
  must(doc, { kind: "addTable", tableId: "tc", name: "Customers", at: 1 });
  must(doc, { kind: "addField", tableId: "tc", field: { id: "cn", name: "Name", type: "text", options: {} }, index: 0 });
  must(doc, { kind: "addTable", tableId: "to", name: "Orders", at: 2 });
  must(doc, { kind: "addField", tableId: "to", field: { id: "on", name: "Order", type: "text", options: {} }, index: 0 });
  must(doc, { kind: "addField", tableId: "to", field: { id: "due", name: "Due", type: "date", options: { timeZone: "UTC" } }, index: 1 });
  must(doc, { kind: "addField", tableId: "to", field: { id: "amt", name: "Amount", type: "money", options: { currency: "USD" } }, index: 2 });
  must(doc, { kind: "addField", tableId: "to", field: { id: "cust", name: "Customer", type: "link", options: { tableId: "tc", multiple: false } }, index: 3 });
  must(doc, { kind: "addRecord", tableId: "tc", recordId: "c1", at: 1, cells: { cn: "Acme" } });
  must(doc, { kind: "addRecord", tableId: "tc", recordId: "c2", at: 2, cells: { cn: "Birch" } });
  must(doc, { kind: "addRecord", tableId: "to", recordId: "o1", at: 3, cells: { on: "A-1", due: "2026-11-20", amt: "$30", cust: "Acme" } });
  must(doc, { kind: "addRecord", tableId: "to", recordId: "o2", at: 4, cells: { on: "A-2", due: "2026-11-25", amt: "€12.50", cust: "Acme" } });
  must(doc, { kind: "addRecord", tableId: "to", recordId: "o3", at: 5, cells: { on: "B-1", due: "2026-12-01", amt: "$5", cust: "Birch" } });
  return doc;
}

const daysOverdue: Expr = { k: "op", op: "inDays", args: [{ k: "op", op: "subtract", args: [{ k: "today" }, { k: "field", fieldId: "due" }] }] };
const totalSpent: Expr = { k: "rollup", linkId: "ord", agg: "sum", fieldId: "amt" };

function addDerived(doc: Document, tableId: string, id: string, name: string, type: "number" | "money" | "text" | "date", expr: Expr, options: object = {}): Action {
  return must(doc, { kind: "addField", tableId, field: { id, name, type, options: { decimals: 0, currency: "USD", ...options }, derived: { expr } }, index: 9 });
}

const cell = (doc: Document, tableId: string, recordId: string, fieldId: string) => doc.records.get(tableId, recordId)?.cells[fieldId];

/** Whole-database snapshot for undo checks. */
function snapshot(doc: Document) {
  return { schema: structuredClone(doc.schema), records: [...["tc", "to"].flatMap((t) => doc.records.list(t, 0, 1000))] };
}

describe("derived fields", () => {
  it("computes days overdue as today − due date, stored as a number cell", () => {
    const doc = shop();
    addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    expect(cell(doc, "to", "o1", "late")).toEqual({ text: "6", value: 6 });
    expect(cell(doc, "to", "o3", "late")).toEqual({ text: "-5", value: -5 });
    must(doc, { kind: "setCell", tableId: "to", recordId: "o1", fieldId: "due", text: "2026-11-01" });
    expect(cell(doc, "to", "o1", "late")?.value).toBe(25);
    must(doc, { kind: "setCell", tableId: "to", recordId: "o1", fieldId: "due", text: "someday maybe" });
    expect(cell(doc, "to", "o1", "late")?.invalid).toMatch(/cannot compute: “Due” is not understood/);
    must(doc, { kind: "setCell", tableId: "to", recordId: "o1", fieldId: "due", text: "" });
    expect(cell(doc, "to", "o1", "late")).toBeUndefined();
  });

  it("a paste or bulk delete (one recordBatch) recomputes what its parts touched, and may not type into a computed cell", () => {
    const doc = shop();
    addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    must(doc, {
      kind: "recordBatch", tableId: "to", description: "paste 2 cells",
      actions: [
        { kind: "setCell", tableId: "to", recordId: "o1", fieldId: "due", text: "2026-11-01" },
        { kind: "addRecord", tableId: "to", recordId: "o4", at: 6, cells: { on: "C-1", due: "2026-11-16" } },
      ],
    });
    expect(cell(doc, "to", "o1", "late")?.value).toBe(25);
    expect(cell(doc, "to", "o4", "late")?.value).toBe(10);
    const typed = apply(doc, { kind: "recordBatch", tableId: "to", description: "paste 1 cell", actions: [{ kind: "setCell", tableId: "to", recordId: "o2", fieldId: "late", text: "99" }] });
    expect(typed).toMatchObject({ ok: false, reason: expect.stringMatching(/“Days overdue” is computed/) });
  });

  it("sums money through a link per currency, recomputed when a linked cell or record changes", () => {
    const doc = shop();
    must(doc, { kind: "addField", tableId: "tc", field: { id: "ord", name: "Orders", type: "link", options: { tableId: "to", multiple: true } }, index: 1 });
    must(doc, { kind: "setCell", tableId: "tc", recordId: "c1", fieldId: "ord", text: "A-1, A-2" });
    must(doc, { kind: "setCell", tableId: "tc", recordId: "c2", fieldId: "ord", text: "B-1" });
    addDerived(doc, "tc", "spent", "Spent", "money", totalSpent);
    expect(cell(doc, "tc", "c2", "spent")?.value).toEqual({ amount: 5, currency: "USD" });
    expect(cell(doc, "tc", "c1", "spent")).toMatchObject({ value: null, invalid: expect.stringMatching(/kept per currency/) });
    expect(cell(doc, "tc", "c1", "spent")?.text).toMatch(/\$30\.00 \+ €12\.50/);
    must(doc, { kind: "setCell", tableId: "to", recordId: "o2", fieldId: "amt", text: "$12.50" });
    expect(cell(doc, "tc", "c1", "spent")?.value).toEqual({ amount: 42.5, currency: "USD" });
    const undo = must(doc, { kind: "deleteRecord", tableId: "to", recordId: "o1", at: 9 });
    expect(cell(doc, "tc", "c1", "spent")?.value).toEqual({ amount: 12.5, currency: "USD" });
    must(doc, undo);
    expect(cell(doc, "tc", "c1", "spent")?.value).toEqual({ amount: 42.5, currency: "USD" });
  });

  it("refuses typing into a computed cell and an expression that does not fit", () => {
    const doc = shop();
    addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    expect(apply(doc, { kind: "setCell", tableId: "to", recordId: "o1", fieldId: "late", text: "3" })).toMatchObject({ ok: false, reason: expect.stringMatching(/computed/) });
    const bad: Expr = { k: "op", op: "add", args: [{ k: "field", fieldId: "amt" }, { k: "field", fieldId: "due" }] };
    expect(apply(doc, { kind: "addField", tableId: "to", field: { id: "x", name: "X", type: "money", options: { currency: "USD" }, derived: { expr: bad } }, index: 9 })).toMatchObject({ ok: false, reason: expect.stringMatching(/does not fit money and date/) });
  });

  it("refuses a loop, naming it", () => {
    const doc = shop();
    addDerived(doc, "to", "a", "Twice", "money", { k: "op", op: "multiply", args: [{ k: "field", fieldId: "amt" }, { k: "lit", type: "number", text: "2" }] });
    addDerived(doc, "to", "b", "Plus", "money", { k: "op", op: "add", args: [{ k: "field", fieldId: "a" }, { k: "field", fieldId: "amt" }] });
    const loop: Action = { kind: "setDerived", tableId: "to", fieldId: "a", expr: { k: "op", op: "multiply", args: [{ k: "field", fieldId: "b" }, { k: "lit", type: "number", text: "2" }] }, type: "money", options: { currency: "USD" } };
    expect(apply(doc, loop)).toMatchObject({ ok: false, reason: "That would make a loop: Twice → Plus → Twice." });
  });

  it("marks dependents 'cannot compute' when a field they use is deleted, and undo restores everything", () => {
    const doc = shop();
    addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    const before = snapshot(doc);
    const undo = must(doc, { kind: "deleteField", tableId: "to", fieldId: "due", at: 5 });
    expect(cell(doc, "to", "o1", "late")?.invalid).toBe("cannot compute: a field it uses was deleted");
    must(doc, undo);
    expect(snapshot(doc)).toEqual(before);
  });

  it("marks dependents 'cannot compute' with the reason when a field they read changes type, and undo restores everything", () => {
    const doc = shop();
    addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    const before = snapshot(doc);
    const undo = must(doc, { kind: "changeFieldType", tableId: "to", fieldId: "due", type: "text", options: {} });
    expect(cell(doc, "to", "o1", "late")).toMatchObject({ value: null, invalid: expect.stringMatching(/^cannot compute: .+/) });
    expect(cell(doc, "to", "o1", "late")?.invalid).toBe("cannot compute: “minus” does not fit date and text (“Due” is a text field)");
    must(doc, undo);
    expect(snapshot(doc)).toEqual(before);
  });

  it("undo of adding, changing and deleting a derived field restores everything", () => {
    const doc = shop();
    const start = snapshot(doc);
    const undoAdd = addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    const afterAdd = snapshot(doc);
    const undoChange = must(doc, { kind: "setDerived", tableId: "to", fieldId: "late", expr: { k: "op", op: "year", args: [{ k: "field", fieldId: "due" }] }, type: "number", options: { decimals: 0 } });
    expect(cell(doc, "to", "o1", "late")?.value).toBe(2026);
    const undoDelete = must(doc, { kind: "deleteField", tableId: "to", fieldId: "late", at: 7 });
    must(doc, undoDelete);
    must(doc, undoChange);
    expect(snapshot(doc)).toEqual(afterAdd);
    must(doc, undoAdd); // the field is kept, marked deleted (nothing is destroyed)
    expect(doc.schema.tables.map((t) => liveFields(t))).toEqual(start.schema.tables.map((t) => liveFields(t)));
  });

  it("recomputes what uses a named constant when it changes, and undo puts it back", () => {
    const doc = shop();
    must(doc, { kind: "setConstant", tableId: "", constantId: "k1", constant: { id: "k1", name: "Tax rate", type: "percent", text: "8%" }, tables: [] });
    addDerived(doc, "to", "tax", "Tax", "money", { k: "op", op: "percentOf", args: [{ k: "const", constantId: "k1" }, { k: "field", fieldId: "amt" }] });
    expect(cell(doc, "to", "o1", "tax")?.value).toEqual({ amount: 2.4, currency: "USD" });
    const undo = must(doc, { kind: "setConstant", tableId: "", constantId: "k1", constant: { id: "k1", name: "Tax rate", type: "percent", text: "10%" }, tables: ["to"] });
    expect(cell(doc, "to", "o1", "tax")?.value).toEqual({ amount: 3, currency: "USD" });
    expect(apply(doc, { kind: "setConstant", tableId: "", constantId: "k1", constant: { id: "k1", name: "Tax rate", type: "percent", text: "lots" }, tables: [] })).toMatchObject({ ok: false });
    must(doc, undo);
    expect(cell(doc, "to", "o1", "tax")?.value).toEqual({ amount: 2.4, currency: "USD" });
  });

  it("a lookup reads the linked record's field and follows its edits", () => {
    const doc = shop();
    addDerived(doc, "to", "who", "Customer name", "text", { k: "op", op: "upper", args: [{ k: "lookup", linkId: "cust", fieldId: "cn" }] });
    expect(cell(doc, "to", "o1", "who")?.value).toBe("ACME");
    must(doc, { kind: "setCell", tableId: "tc", recordId: "c1", fieldId: "cn", text: "Acme Ltd" });
    expect(cell(doc, "to", "o1", "who")?.value).toBe("ACME LTD");
    expect(cell(doc, "to", "o2", "who")?.value).toBe("ACME LTD");
    expect(cell(doc, "to", "o3", "who")?.value).toBe("BIRCH");
  });

  it("refreshes results that read today when the day changes (the alarm's work), and knows the next midnight", () => {
    const doc = shop();
    addDerived(doc, "to", "late", "Days overdue", "number", daysOverdue);
    expect(cell(doc, "to", "o1", "late")?.value).toBe(6);
    doc.context = { ...doc.context, now: new Date("2026-11-28T12:00:00Z") };
    expect(refreshToday(doc)).toEqual(["to"]);
    expect(cell(doc, "to", "o1", "late")?.value).toBe(8);
    expect(new Date(nextMidnight(Date.parse("2026-11-28T12:00:00Z"), "America/New_York")).toISOString()).toBe("2026-11-29T05:00:00.000Z");
    // Today alone: refreshed at midnight; a field reading now: every full hour.
    const at = Date.parse("2026-11-28T12:20:00Z");
    expect(new Date(nextRefresh(doc, at, "UTC")!).toISOString()).toBe("2026-11-29T00:00:00.000Z");
    addDerived(doc, "to", "hours", "Hours since due", "number", { k: "op", op: "inHours", args: [{ k: "op", op: "subtract", args: [{ k: "now" }, { k: "field", fieldId: "due" }] }] });
    expect(new Date(nextRefresh(doc, at, "UTC")!).toISOString()).toBe("2026-11-28T13:00:00.000Z");
  });
});
