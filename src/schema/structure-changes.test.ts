import { describe, expect, it } from "vitest";
import { type Action, apply, type Document } from "./actions";
import { findTable } from "./model";
import { must, newDocument } from "./test-kit";
import { linkToNewTable, previewTypeChange, proposedOptions, valueGroups, withChoiceOption } from "./structure-changes";

function people(values: string[]): Document {
  const doc = newDocument();
  const run = (action: Action) => must(doc, action);
  run({ kind: "addTable", tableId: "t", name: "People", at: 1 });
  run({ kind: "addField", tableId: "t", field: { id: "f", name: "Employer", type: "text", options: {} }, index: 0 });
  values.forEach((text, i) => {
    run({ kind: "addRecord", tableId: "t", recordId: `r${i}`, at: i, cells: text ? { f: text } : {} });
  });
  return doc;
}

describe("structure changes", () => {
  it("previews a type change: understood, flagged and empty, with examples", () => {
    const doc = people(["12", "1,200", "lots", "", "7"]);
    const preview = previewTypeChange(doc.records, "t", "f", "number", { decimals: 0 }, doc.context);
    expect([preview.understood, preview.flagged, preview.empty]).toEqual([3, 1, 1]);
    expect(preview.examples.map((e) => [e.text, e.reason === null])).toEqual([["12", true], ["1,200", true], ["7", true], ["lots", false]]);
  });

  it("proposes choices from distinct values, case and spacing folded, most frequent first", () => {
    const doc = people(["Cello", "cello ", "Viola", "CELLO"]);
    const options = proposedOptions(doc.records, "t", "f", "choice", "UTC") as { choices: { label: string }[] };
    expect(options.choices.map((c) => c.label)).toEqual(["Cello", "Viola"]);
    expect(proposedOptions(doc.records, "t", "f", "date", "Europe/Paris")).toMatchObject({ timeZone: "Europe/Paris" });
  });

  it("turns a text field into a link to a new table of its values, near-duplicates merged, in one batch", () => {
    const doc = people(["Acme Inc", "ACME inc.", "Globex", ""]);
    const groups = valueGroups(doc.records, "t", "f", false);
    expect(groups.map((g) => [g.label, g.spellings, g.count])).toEqual([["Acme Inc", ["Acme Inc", "ACME inc."], 2], ["Globex", ["Globex"], 1]]);
    let n = 0;
    const table = findTable(doc.schema, "t")!;
    const planned = linkToNewTable(groups, table, table.fields[0]!, "Employers", false, () => `id${++n}`, 100);
    if (!planned.ok) throw new Error(planned.reason);
    const applied = apply(doc, planned.action);
    if (!applied.ok) throw new Error(applied.reason);
    expect(applied.schema.tables.map((t) => t.name)).toEqual(["People", "Employers"]);
    const cells = ["r0", "r1", "r2"].map((id) => doc.records.get("t", id)!.cells.f);
    expect(cells.map((c) => c?.value)).toEqual([["id3"], ["id3"], ["id4"]]);
    expect(cells.map((c) => c?.text)).toEqual(["Acme Inc", "ACME inc.", "Globex"]); // the typed text is kept
    expect(applied.inverse).toMatchObject({ kind: "batch", description: "undo turn “Employer” into a link to a new table “Employers”" });
  });

  it("adds a choice option, refusing duplicates and other types", () => {
    const field = { id: "f", name: "Instrument", type: "choice" as const, options: { choices: [{ id: "c1", label: "Cello", color: "blue" }] } };
    expect(withChoiceOption(field, "  Viola  da gamba ", () => "c2")).toEqual({ ok: true, options: { choices: [{ id: "c1", label: "Cello", color: "blue" }, { id: "c2", label: "Viola da gamba", color: "green" }] } });
    expect(withChoiceOption(field, "cello", () => "x")).toEqual({ ok: false, reason: "“cello” is already an option." });
    expect(withChoiceOption({ ...field, type: "text" }, "x", () => "x")).toMatchObject({ ok: false });
  });
});
