// A field is never created half set up: addField checks the options each type needs.
import { describe, expect, it } from "vitest";
import { apply } from "./actions";
import { checkFieldSetup } from "./field-setup";
import { findTable } from "./model";
import { must, newDocument } from "./test-kit";

function withTable() {
  const doc = newDocument();
  must(doc, { kind: "addTable", tableId: "t1", name: "Volunteers", at: 1, fields: [{ id: "name", name: "Name" }] });
  must(doc, { kind: "addTable", tableId: "t2", name: "Shifts", at: 2 });
  return doc;
}

describe("field set-up", () => {
  it("starts a table made by hand with its Name field, and Undo takes both away", () => {
    const doc = withTable();
    expect(findTable(doc.schema, "t1")?.fields.map((f) => [f.name, f.type])).toEqual([["Name", "text"]]);
    expect(findTable(doc.schema, "t2")?.fields).toEqual([]);
  });

  it("refuses a link without a table that exists, and adds one with it", () => {
    const doc = withTable();
    const link = (tableId: string) => apply(doc, { kind: "addField", tableId: "t1", field: { id: "f1", name: "Shift", type: "link", options: { tableId, multiple: false } }, index: 1 });
    expect(link("")).toMatchObject({ ok: false, reason: "“Shift”: Choose the table this field links to." });
    expect(link("nope")).toMatchObject({ ok: false, reason: "“Shift”: The table this field links to does not exist." });
    expect(link("t2").ok).toBe(true);
  });

  it("asks choices for at least one named option with a palette colour, no two alike", () => {
    const schema = withTable().schema;
    expect(checkFieldSetup(schema, "choice", { choices: [] })).toEqual({ ok: false, reason: "Add at least one option." });
    expect(checkFieldSetup(schema, "multiChoice", { choices: [{ id: "a", label: "Red", color: "red" }, { id: "b", label: " red ", color: "blue" }] })).toEqual({ ok: false, reason: "Two options have the same name." });
    expect(checkFieldSetup(schema, "choice", { choices: [{ id: "a", label: "Red", color: "#f00" }] })).toEqual({ ok: false, reason: "Pick one of the colours." });
    expect(checkFieldSetup(schema, "choice", { choices: [{ id: "a", label: "  Red ", color: "red" }] })).toEqual({ ok: true, options: { choices: [{ id: "a", label: "Red", color: "red" }] } });
  });

  it("checks money's currency, a date's zone and time, and numbers' decimals", () => {
    const schema = withTable().schema;
    expect(checkFieldSetup(schema, "money", { currency: "XYZ" }).ok).toBe(false);
    expect(checkFieldSetup(schema, "money", { currency: "EUR" }).ok).toBe(true);
    expect(checkFieldSetup(schema, "date", { timeZone: "Mars/Olympus" }).ok).toBe(false);
    expect(checkFieldSetup(schema, "date", { timeZone: "Europe/Paris", withTime: true }).ok).toBe(true);
    expect(checkFieldSetup(schema, "number", { decimals: 2.5 }).ok).toBe(false);
    expect(checkFieldSetup(schema, "percent", { decimals: 9 }).ok).toBe(false);
    expect(checkFieldSetup(schema, "number", { decimals: 2 }).ok).toBe(true);
    expect(checkFieldSetup(schema, "text", {}).ok).toBe(true);
  });
});
