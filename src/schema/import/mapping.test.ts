import { describe, expect, it } from "vitest";
import { type Action, apply, describeAction, forLog, isAction, whyRefused } from "../actions";
import type { Document } from "../action-kit";
import { recordLookup } from "../lookup";
import type { Member } from "../members";
import { findTable, liveFields, type Table } from "../model";
import type { MemoryRecordStore } from "../records";
import { must, newDocument, testContext } from "../test-kit";
import { parseDelimited } from "./csv";
import type { ImportRecordsAction } from "./import-records-action";
import { type ImportIntoSettings, MAX_UNDO_BYTES, planImportInto, resolveTargets } from "./mapping";
import { type ColumnChoice, previewImport } from "./plan";

/** Musicians (Name, Fee, Instrument → Instruments) with Ann and Bo; Instruments with Viola. */
function setup(): Document {
  const doc = newDocument();
  must(doc, { kind: "addTable", tableId: "inst", name: "Instruments", at: 1, fields: [{ id: "iname", name: "Name" }] });
  must(doc, { kind: "addRecord", tableId: "inst", recordId: "viola", at: 1, cells: { iname: "Viola" } });
  must(doc, { kind: "addTable", tableId: "mus", name: "Musicians", at: 1, fields: [{ id: "name", name: "Name" }] });
  must(doc, { kind: "addField", tableId: "mus", field: { id: "fee", name: "Fee", type: "money", options: { currency: "USD" } }, index: 1 });
  must(doc, { kind: "addField", tableId: "mus", field: { id: "plays", name: "Instrument", type: "link", options: { tableId: "inst", multiple: false } }, index: 2 });
  must(doc, { kind: "addRecord", tableId: "mus", recordId: "ann", at: 2, cells: { name: "Ann", fee: "$100", plays: "Viola" } });
  must(doc, { kind: "addRecord", tableId: "mus", recordId: "bo", at: 3, cells: { name: "Bo", fee: "$50" } });
  return doc;
}

const csv = "name,FEE,Instrument,E mail\nann,$120,violin,ann@example.org\nCy,€35,viola ,cy at home\nDee,,Violin,\nann ,,,ann2@example.org\n";

const musicians = (doc: Document) => findTable(doc.schema, "mus") as Table;
const store = (doc: Document) => doc.records as MemoryRecordStore;

function plan(doc: Document, over: Partial<ImportIntoSettings> = {}, text = csv, types: ColumnChoice[] = [undefined, undefined, undefined, "email"]) {
  const parsed = parseDelimited(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const preview = previewImport(parsed, null, types, doc.context);
  let n = 0;
  const settings: ImportIntoSettings = { targets: [], mode: "add", keyFieldId: null, addFields: true, ...over };
  return planImportInto(parsed.rows, preview, musicians(doc), settings, { schema: doc.schema, context: doc.context, fieldTexts: (t, f) => doc.records.fieldTexts(t, f), newId: () => `n${++n}`, at: 9 });
}

/** Applies like the object does: with a fresh lookup (the object makes one per action). */
function applyFresh(doc: Document, action: Action): Action {
  doc.context.lookup = recordLookup(() => doc.schema, doc.records);
  return must(doc, action);
}

const texts = (doc: Document, tableId: string, fieldId: string) => store(doc).list(tableId, 0, 100).map((r) => r.cells[fieldId]?.text ?? "");

describe("mapping columns to fields", () => {
  it("matches names whatever their case and spaces, else a new field; without the right to build, skips", () => {
    const doc = setup();
    const parsed = parseDelimited(csv);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { columns } = previewImport(parsed, null, [], testContext());
    const kinds = (addFields: boolean, targets: string[] = []) => resolveTargets(columns, musicians(doc), targets, addFields).map((t) => (t.kind === "field" ? t.field.id : t.kind));
    expect(kinds(true)).toEqual(["name", "fee", "plays", "new"]);
    expect(kinds(false)).toEqual(["name", "fee", "plays", "skip"]);
    // A person's choice wins, and a field takes one column.
    expect(kinds(true, ["skip", "name", "", "fee"])).toEqual(["skip", "name", "plays", "fee"]);
    expect(kinds(true, ["fee", "fee"])).toEqual(["fee", "skip", "plays", "new"]);
  });
});

describe("importing rows into a table", () => {
  it("adds every row in one undoable step: new fields, links made for missing names (near-duplicates merged), values flagged not dropped", () => {
    const doc = setup();
    const planned = plan(doc);
    if (!planned.ok) throw new Error(planned.reason);
    const { action, report } = planned;
    expect(report).toMatchObject({ added: 4, updated: 0, linked: [{ table: "Instruments", created: 1 }], skipped: [] });
    expect(report.columns.map((c) => [c.field, c.isNew, c.flagged])).toEqual([["Name", false, 0], ["Fee", false, 0], ["Instrument", false, 0], ["E mail", true, 1]]);
    expect(report.columns[3]?.examples).toEqual(["cy at home"]);
    const before = JSON.stringify(store(doc).list("mus", 0, 100));
    const inverse = applyFresh(doc, action);
    const table = musicians(doc);
    const email = liveFields(table).find((f) => f.name === "E mail")!;
    expect(email.type).toBe("email");
    expect(texts(doc, "mus", "name")).toEqual(["Ann", "Bo", "ann", "Cy", "Dee", "ann "]);
    // "violin" and "Violin" became one record; "viola " found Viola.
    expect(texts(doc, "inst", "iname")).toEqual(["Viola", "violin"]);
    const added = store(doc).list("mus", 0, 100).slice(2);
    const violin = store(doc).list("inst", 0, 100)[1]!.id;
    expect(added.map((r) => r.cells.plays?.value ?? null)).toEqual([[violin], ["viola"], [violin], null]);
    expect(added[1]?.cells[email.id]).toMatchObject({ text: "cy at home", value: null, invalid: expect.any(String) });
    // Undo takes it all back; redo puts it again.
    const redo = applyFresh(doc, inverse);
    expect(store(doc).count("mus")).toBe(2);
    expect(store(doc).count("inst")).toBe(1);
    expect(liveFields(musicians(doc)).map((f) => f.name)).toEqual(["Name", "Fee", "Instrument"]);
    expect(JSON.stringify(store(doc).list("mus", 0, 100))).toBe(before);
    applyFresh(doc, redo);
    expect(store(doc).count("mus")).toBe(6);
    expect(liveFields(musicians(doc)).map((f) => f.name)).toEqual(["Name", "Fee", "Instrument", "E mail"]);
  });

  it("merges: a row whose key matches updates that record (blanks leave values, later rows win), the rest are added; undo restores cells exactly", () => {
    const doc = setup();
    const planned = plan(doc, { mode: "merge", keyFieldId: "name" });
    if (!planned.ok) throw new Error(planned.reason);
    const { action, report } = planned;
    expect(report).toMatchObject({ added: 2, updated: 1, repeatedKeys: 1 });
    expect(action.update).toEqual([{ id: "ann", cells: { fee: "$120", plays: "violin", [action.fields[0]!.id]: "ann2@example.org" } }]);
    const annBefore = store(doc).get("mus", "ann")!;
    const inverse = applyFresh(doc, action);
    const ann = store(doc).get("mus", "ann")!;
    expect(ann.cells.name?.text).toBe("Ann");
    expect(ann.cells.fee).toMatchObject({ text: "$120", value: { amount: 120, currency: "USD" } });
    expect(texts(doc, "mus", "name")).toEqual(["Ann", "Bo", "Cy", "Dee"]);
    applyFresh(doc, inverse);
    expect(store(doc).get("mus", "ann")!.cells).toEqual(annBefore.cells);
    expect(store(doc).count("mus")).toBe(2);
  });

  it("makes a column a new link to another table's records, creating those it does not have", () => {
    const doc = setup();
    // A "Section" column becomes a link to Instruments (as a new field), beside the mapped ones.
    const text = "Name,Section\nZed,Viola\nYan,Harp\nXi,harp\n";
    const planned = plan(doc, { targets: ["", "link:inst"] }, text, []);
    if (!planned.ok) throw new Error(planned.reason);
    expect(planned.action.fields).toEqual([{ id: expect.any(String), name: "Section", type: "link", options: { tableId: "inst", multiple: false } }]);
    expect(planned.report.linked).toEqual([{ table: "Instruments", created: 1 }]);
    applyFresh(doc, planned.action);
    const section = liveFields(musicians(doc)).find((f) => f.name === "Section")!;
    const harp = store(doc).list("inst", 0, 100).find((r) => r.cells.iname?.text === "Harp")!;
    expect(store(doc).list("mus", 0, 100).slice(2).map((r) => r.cells[section.id]?.value)).toEqual([["viola"], [harp.id], [harp.id]]);
  });

  it("takes the first existing field a column goes to as the key when none is chosen, and refuses a key no column goes to", () => {
    const doc = setup();
    const planned = plan(doc, { mode: "merge" });
    expect(planned.ok && planned.report.updated).toBe(1);
    expect(plan(doc, { mode: "merge", keyFieldId: "fee", targets: ["", "skip"] })).toMatchObject({ ok: false, reason: expect.stringContaining("key") });
    expect(plan(doc, { targets: ["skip", "skip", "skip", "skip"] })).toMatchObject({ ok: false, reason: expect.stringContaining("skipped") });
  });

  it("needs only the right to write unless it adds fields", () => {
    const doc = setup();
    const editor: Member = { id: "m", email: "e@x.org", name: "E", role: "editor", createdAt: 0 };
    const withField = plan(doc);
    const without = plan(doc, { addFields: false });
    if (!withField.ok || !without.ok) throw new Error("planned");
    expect(without.action.fields).toEqual([]);
    expect(whyRefused(doc.schema, editor, without.action)).toBeNull();
    expect(whyRefused(doc.schema, editor, withField.action)).toMatch(/role/);
  });

  it("is logged without its rows; the log's copies read back as actions", () => {
    const doc = setup();
    const planned = plan(doc, { mode: "merge" });
    if (!planned.ok) throw new Error(planned.reason);
    const logged = JSON.parse(JSON.stringify(forLog(planned.action))) as ImportRecordsAction;
    expect(logged.add).toEqual([]);
    expect(isAction(logged)).toBe(true);
    expect(describeAction(logged, doc.schema)).toBe("import 2 records into “Musicians”, updating 1");
    const result = apply(doc, planned.action);
    if (!result.ok) throw new Error(result.reason);
    expect(isAction(JSON.parse(JSON.stringify(result.inverse)))).toBe(true);
  });

  it("refuses an update too big for one undo step, with a clear reason", () => {
    const doc = setup();
    const long = "x".repeat(90_000);
    const rows = Math.ceil(MAX_UNDO_BYTES / (2 * long.length)) + 1;
    for (let i = 0; i < rows; i++) must(doc, { kind: "addRecord", tableId: "mus", recordId: `r${i}`, at: 4, cells: { name: `R${i}`, fee: long } });
    const text = `Name,Fee\n${Array.from({ length: rows }, (_, i) => `R${i},$${i}`).join("\n")}`;
    expect(plan(doc, { mode: "merge" }, text)).toMatchObject({ ok: false, reason: expect.stringContaining("too big for one undo step") });
  });
});
