// A place name several places share, read in a column: decided by where the column's other
// values lie when typed, pasted, imported or retyped; kept and flagged "ambiguous" otherwise.

import { describe, expect, it } from "vitest";
import { must, newDocument } from "./test-kit";

function column(texts: string[]) {
  const doc = newDocument();
  must(doc, { kind: "addTable", tableId: "t", name: "Volunteers", at: 1 });
  must(doc, { kind: "addField", tableId: "t", field: { id: "home", name: "Home", type: "location", options: {} }, index: 0 });
  texts.forEach((text, i) => {
    must(doc, { kind: "addRecord", tableId: "t", recordId: `r${i}`, at: i, cells: { home: text } });
  });
  return doc;
}
const cellOf = (doc: ReturnType<typeof column>, id: string) => doc.records.get("t", id)?.cells.home;

describe("places decided by their column", () => {
  it("reads a typed name in the state most of the column lies in", () => {
    const doc = column(["Albany, NY", "Buffalo, NY", "Akron, OH", "Troy"]);
    expect(cellOf(doc, "r3")).toMatchObject({ text: "Troy", value: { city: "Troy", stateCode: "NY" } });
    must(doc, { kind: "setCell", tableId: "t", recordId: "r0", fieldId: "home", text: "Troy" });
    expect(cellOf(doc, "r0")?.value).toMatchObject({ stateCode: "NY" });
  });

  it("keeps and flags a name the column cannot decide", () => {
    const doc = column(["Troy"]);
    expect(cellOf(doc, "r0")).toMatchObject({ text: "Troy", value: null });
    expect(cellOf(doc, "r0")?.invalid).toMatch(/^ambiguous: could be Troy, MI, United States; Troy, NY/);
  });

  it("decides an import's names by the rest of its own column", () => {
    const doc = newDocument();
    must(doc, {
      kind: "importTable", tableId: "i", name: "Imported", at: 1, recordCount: 3,
      fields: [{ id: "p", name: "Place", type: "location", options: {} }],
      records: [{ id: "a", texts: ["Troy"] }, { id: "b", texts: ["Utica, NY"] }, { id: "c", texts: ["Syracuse, NY"] }],
    });
    expect(doc.records.get("i", "a")?.cells.p?.value).toMatchObject({ city: "Troy", stateCode: "NY" });
  });

  it("decides a column retyped as location by its other places", () => {
    const doc = newDocument();
    must(doc, { kind: "addTable", tableId: "t", name: "Volunteers", at: 1 });
    must(doc, { kind: "addField", tableId: "t", field: { id: "home", name: "Home", type: "text", options: {} }, index: 0 });
    ["Troy", "Detroit", "Lansing, MI"].forEach((text, i) => {
      must(doc, { kind: "addRecord", tableId: "t", recordId: `r${i}`, at: i, cells: { home: text } });
    });
    must(doc, { kind: "changeFieldType", tableId: "t", fieldId: "home", type: "location", options: {} });
    expect(doc.records.get("t", "r0")?.cells.home?.value).toMatchObject({ city: "Troy", stateCode: "MI" });
  });
});
