// Engine tests in the Grist style: start from a literal database, apply actions, compare
// whole tables, and check — through one helper, every time — that undoing the inverses in
// reverse order restores the original exactly.

import { describe, expect, it } from "vitest";
import { type Action, apply, type Document, whyRefused } from "./actions";
import { type FieldTypeName, fieldType, fieldTypeNames } from "./fields/registry";
import { liveTables } from "./model";
import type { MemoryRecordStore } from "./records";
import { must, newDocument, testContext } from "./test-kit";

const context = testContext({ members: [{ id: "u1", name: "Ann Lee", email: "ann@example.org" }], currentUserId: "u1" });

/** A literal database: tables of fields, and records as rows of typed text. */
function database(spec: { [table: string]: { fields: [string, FieldTypeName][]; rows: string[][] } }): Document {
  const doc = newDocument(context);
  for (const [tableName, { fields, rows }] of Object.entries(spec)) {
    const tableId = `t-${tableName}`;
    must(doc, { kind: "addTable", tableId, name: tableName, at: 1 });
    fields.forEach(([name, type], i) => {
      must(doc, { kind: "addField", tableId, field: { id: `f-${name}`, name, type, options: fieldType(type).defaultOptions() }, index: i });
    });
    rows.forEach((row, r) => {
      const cells = Object.fromEntries(row.map((text, i) => [`f-${fields[i]![0]}`, text]));
      must(doc, { kind: "addRecord", tableId, recordId: `r${r + 1}`, at: r + 1, cells });
    });
  }
  return doc;
}

/** Everything a person could see: live tables with their fields and records' text and values. */
function snapshot(doc: Document) {
  const store = doc.records as MemoryRecordStore;
  return liveTables(doc.schema).map((t) => ({
    name: t.name,
    fields: t.fields.filter((f) => f.deletedAt === undefined).map((f) => `${f.name}:${f.type}${f.hidden ? " (hidden)" : ""}`),
    records: store.list(t.id, 0, 1e9).map((r) => Object.fromEntries(Object.entries(r.cells).filter(([id]) => t.fields.some((f) => f.id === id && f.deletedAt === undefined)).map(([id, c]) => [id, c]))),
  }));
}

/** Applies actions, returns what they made, and checks that undoing them all restores the start. */
function applyAndUndo(doc: Document, actions: Action[]) {
  const before = structuredClone(snapshot(doc));
  const inverses = actions.map((a) => must(doc, a)).reverse();
  const after = structuredClone(snapshot(doc));
  for (const inverse of inverses) must(doc, inverse);
  expect(snapshot(doc)).toEqual(before);
  return after;
}

const orchestra = () =>
  database({
    Musicians: {
      fields: [["Name", "text"], ["Fee", "money"], ["Joined", "date"]],
      rows: [["Ada", "$1,200", "2026-03-01"], ["Ben", "€35", "March 3, 2026"], ["Cy", "lots", "soon-ish"]],
    },
  });

describe("actions", () => {
  it("keeps text that does not parse, flagged, and fixing the text fixes the value", () => {
    const doc = orchestra();
    const cy = doc.records.get("t-Musicians", "r3")!;
    expect(cy.cells["f-Fee"]).toEqual({ text: "lots", value: null, invalid: "unknown currency 'lots'" });
    const after = applyAndUndo(doc, [{ kind: "setCell", tableId: "t-Musicians", recordId: "r3", fieldId: "f-Fee", text: "£12.99" }]);
    expect(after[0]!.records[2]!["f-Fee"]).toEqual({ text: "£12.99", value: { amount: 12.99, currency: "GBP" } });
  });

  it("adds, renames, moves, hides and deletes fields, and undo restores the original", () => {
    const after = applyAndUndo(orchestra(), [
      { kind: "addField", tableId: "t-Musicians", field: { id: "f-Email", name: "Email", type: "email", options: {} }, index: 1 },
      { kind: "renameField", tableId: "t-Musicians", fieldId: "f-Name", name: "Full name" },
      { kind: "moveField", tableId: "t-Musicians", fieldId: "f-Joined", index: 0 },
      { kind: "setFieldHidden", tableId: "t-Musicians", fieldId: "f-Fee", hidden: true },
      { kind: "deleteField", tableId: "t-Musicians", fieldId: "f-Email", at: 9 },
    ]);
    expect(after[0]!.fields).toEqual(["Joined:date", "Full name:text", "Fee:money (hidden)"]);
  });

  it("adds, edits and deletes records, and undo restores them", () => {
    const after = applyAndUndo(orchestra(), [
      { kind: "addRecord", tableId: "t-Musicians", recordId: "r4", at: 4, cells: { "f-Name": "Dee", "f-Fee": "JPY 1000" } },
      { kind: "setCell", tableId: "t-Musicians", recordId: "r1", fieldId: "f-Name", text: "Ada L." },
      { kind: "setCell", tableId: "t-Musicians", recordId: "r2", fieldId: "f-Fee", text: "" },
      { kind: "deleteRecord", tableId: "t-Musicians", recordId: "r3", at: 5 },
    ]);
    expect(after[0]!.records.map((r) => r["f-Name"]?.text)).toEqual(["Ada L.", "Ben", "Dee"]);
  });

  it("refuses duplicate field names and edits to deleted fields, changing nothing", () => {
    const doc = orchestra();
    expect(apply(doc, { kind: "addField", tableId: "t-Musicians", field: { id: "x", name: " name ", type: "text", options: {} }, index: 0 })).toEqual({ ok: false, reason: "There is already a field called “Name”." });
    must(doc, { kind: "deleteField", tableId: "t-Musicians", fieldId: "f-Fee", at: 1 });
    expect(apply(doc, { kind: "setCell", tableId: "t-Musicians", recordId: "r1", fieldId: "f-Fee", text: "$1" })).toMatchObject({ ok: false });
    // The deleted field's data is still there, and comes back on restore.
    must(doc, { kind: "restoreField", tableId: "t-Musicians", fieldId: "f-Fee" });
    expect(doc.records.get("t-Musicians", "r1")!.cells["f-Fee"]!.text).toBe("$1,200");
  });

  it("tables: add, rename, delete; undo restores; names are unique (case and spacing folded)", () => {
    const doc = orchestra();
    applyAndUndo(doc, [
      { kind: "addTable", tableId: "t2", name: "Donors", at: 2 },
      { kind: "renameTable", tableId: "t-Musicians", name: "Players" },
      { kind: "deleteTable", tableId: "t2", at: 3 },
    ]);
    expect(apply(doc, { kind: "addTable", tableId: "t3", name: "  musicians ", at: 4 })).toEqual({ ok: false, reason: "There is already a table called “Musicians”." });
  });

  const texts = ["Ada", "$1,200.50", "2026-03-01", "tomorrow 3-5pm", "1h 30m", "yes", "12%", "-3", "ann@example.org", "example.com", "+1 415 555 0100", "Toronto", "Albany, NY", "me", "Red, Green", "x"];

  it.each(fieldTypeNames)("changing text to %s and back is lossless", (type) => {
    const doc = database({ Things: { fields: [["Value", "text"]], rows: texts.map((t) => [t]) } });
    const before = snapshot(doc);
    const inverse = must(doc, { kind: "changeFieldType", tableId: "t-Things", fieldId: "f-Value", type, options: fieldType(type).defaultOptions() });
    const cells = (doc.records as MemoryRecordStore).list("t-Things", 0, 100).map((r) => r.cells["f-Value"]!);
    expect(cells.map((c) => c.text)).toEqual(texts); // every text kept, whatever parsed
    must(doc, inverse);
    expect(snapshot(doc)).toEqual(before);
  });

  it("changing between every pair of types keeps every text", () => {
    const doc = database({ Things: { fields: [["Value", "text"]], rows: texts.map((t) => [t]) } });
    const before = snapshot(doc);
    for (const from of fieldTypeNames) {
      for (const to of fieldTypeNames) {
        const there = must(doc, { kind: "changeFieldType", tableId: "t-Things", fieldId: "f-Value", type: from, options: fieldType(from).defaultOptions() });
        const back = must(doc, { kind: "changeFieldType", tableId: "t-Things", fieldId: "f-Value", type: to, options: fieldType(to).defaultOptions() });
        must(doc, back);
        must(doc, there);
      }
    }
    expect(snapshot(doc)).toEqual(before);
  });
});


describe("whyRefused: who may apply what", () => {
  const doc = database({ Musicians: { fields: [["Name", "text"]], rows: [["Ada"]] } });
  const member = (role: "viewer" | "editor" | "builder" | "owner") => ({ id: `u-${role}`, email: `${role}@example.org`, name: role, role, createdAt: 0 });
  const edit: Action = { kind: "setCell", tableId: "t-Musicians", recordId: "r1", fieldId: "f-Name", text: "Bea" };
  const rename: Action = { kind: "renameTable", tableId: "t-Musicians", name: "Players" };

  it("lets editors change records and not structure; viewers neither; builders both", () => {
    expect(whyRefused(doc.schema, member("viewer"), edit)).toBe("Your role does not allow this.");
    expect(whyRefused(doc.schema, member("editor"), edit)).toBeNull();
    expect(whyRefused(doc.schema, member("editor"), rename)).toBe("Your role does not allow this.");
    expect(whyRefused(doc.schema, member("builder"), rename)).toBeNull();
    expect(whyRefused(doc.schema, member("owner"), edit)).toBeNull();
  });
});
