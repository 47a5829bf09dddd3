// Describing changes in words (issue 16): each kind of action reads as a person would say
// it, with the value before and after taken from the inverse.

import { describe, expect, it } from "vitest";
import type { Action } from "../actions";
import { describeChange, formatMoment, type Names, parseLocalMoment, shortValue, sourceWords } from "./describe";

const names: Names = {
  member: (id) => (id === "u1" ? "Ada" : "Someone"),
  table: (id) => (id === "t1" ? "People" : "a table"),
  field: (_t, id) => (id === "f1" ? "Email" : id === "f2" ? "Phone" : "a field"),
  record: (_t, id) => (id === "r1" ? "Jo Smith" : "a record"),
};

const say = (action: Action, inverse: Action) => describeChange({ action, inverse }, names);

describe("describeChange", () => {
  it("a value's change names the field and record, with the text before and after", () => {
    expect(say({ kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "jo@b.org" }, { kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "jo@a.org" })).toEqual({
      text: "changed Email of “Jo Smith”",
      before: "jo@a.org",
      after: "jo@b.org",
      structure: false,
    });
    expect(say({ kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "x" }, { kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "" })).toEqual({ text: "set Email of “Jo Smith”", after: "x", structure: false });
    expect(say({ kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "" }, { kind: "setCell", tableId: "t1", recordId: "r1", fieldId: "f1", text: "x" })).toMatchObject({ text: "cleared Email of “Jo Smith”", before: "x" });
  });

  it("structure changes say what they were, old names from the inverse", () => {
    expect(say({ kind: "deleteField", tableId: "t1", fieldId: "f2", at: 1 }, { kind: "restoreField", tableId: "t1", fieldId: "f2" })).toEqual({ text: "deleted the field “Phone” from People", structure: true });
    expect(say({ kind: "renameField", tableId: "t1", fieldId: "f2", name: "Mobile" }, { kind: "renameField", tableId: "t1", fieldId: "f2", name: "Phone" }).text).toBe("renamed the field “Phone” to “Mobile” in People");
    expect(say({ kind: "renameTable", tableId: "t1", name: "Folk" }, { kind: "renameTable", tableId: "t1", name: "People" }).text).toBe("renamed the table “People” to “Folk”");
    expect(say({ kind: "changeFieldType", tableId: "t1", fieldId: "f2", type: "number", options: {} }, { kind: "changeFieldType", tableId: "t1", fieldId: "f2", type: "text", options: {} })).toMatchObject({ text: "changed the type of “Phone” in People", before: "Text", after: "Number" });
    expect(say({ kind: "changeFieldType", tableId: "t1", fieldId: "f2", type: "text", options: { a: 1 } }, { kind: "changeFieldType", tableId: "t1", fieldId: "f2", type: "text", options: {} }).text).toBe("edited the options of “Phone” in People");
    expect(say({ kind: "deleteRecord", tableId: "t1", recordId: "r1", at: 1 }, { kind: "restoreRecord", tableId: "t1", recordId: "r1" })).toEqual({ text: "deleted the record “Jo Smith” from People", structure: false });
  });

  it("sources, long values and moments read well", () => {
    expect(sourceWords("form")).toBe("by a form submission");
    expect(sourceWords("")).toBe("");
    expect(shortValue("x".repeat(200))).toHaveLength(120);
    expect(formatMoment(Date.UTC(2026, 10, 29, 14, 5), "UTC")).toBe("29 Nov 2026, 14:05");
    expect(formatMoment(Date.UTC(2026, 10, 29, 14, 5), "Not/AZone")).toBe("29 Nov 2026, 14:05");
    expect(parseLocalMoment("2026-11-29T14:05", "UTC")).toBe(Date.UTC(2026, 10, 29, 14, 5));
    expect(parseLocalMoment("2026-07-01T09:00", "Europe/Paris")).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(parseLocalMoment("yesterday", "UTC")).toBeUndefined();
  });
});
