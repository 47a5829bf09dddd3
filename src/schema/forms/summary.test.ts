// Read-only summary lines on public forms: the definition (valibot shape, bounded count,
// checks against the schema, undoable through the form actions, old forms without the
// property) and the summary computed for a record just added.

import { describe, expect, it } from "vitest";
import { apply, type Document } from "../actions";
import type { Expr } from "../derived/expr";
import { findTable } from "../model";
import { must, newDocument, testContext } from "../test-kit";
import { checkForm, type FormDefinition, formKeys, MAX_SUMMARY_LINES, newForm, parseForm, summaryLineFor } from "./form";
import { checkSubmission } from "./submission";
import { formSummary } from "./summary";

const total: Expr = { k: "op", op: "multiply", args: [{ k: "field", fieldId: "price" }, { k: "field", fieldId: "qty" }] };

function tickets(): Document {
  const doc = newDocument(testContext());
  must(doc, { kind: "addTable", tableId: "t", name: "Tickets", at: 1 });
  must(doc, { kind: "addField", tableId: "t", field: { id: "name", name: "Name", type: "text", options: {} }, index: 0 });
  must(doc, { kind: "addField", tableId: "t", field: { id: "price", name: "Price", type: "money", options: { currency: "USD" } }, index: 1 });
  must(doc, { kind: "addField", tableId: "t", field: { id: "qty", name: "Quantity", type: "number", options: { decimals: 0 } }, index: 2 });
  must(doc, { kind: "addField", tableId: "t", field: { id: "total", name: "Total", type: "money", options: { currency: "USD" }, derived: { expr: total } }, index: 3 });
  return doc;
}

const table = (doc: Document) => findTable(doc.schema, "t")!;

function withSummary(doc: Document): FormDefinition {
  const form = newForm("f1", table(doc), "Buy tickets", "buy", true);
  const field = table(doc).fields.find((f) => f.id === "total")!;
  return { ...form, summary: [summaryLineFor(field, formKeys(form))] };
}

describe("form summary lines", () => {
  it("a new form asks for no computed field; a summary line shows one under its own name", () => {
    const doc = tickets();
    const form = withSummary(doc);
    expect(form.fields.map((q) => q.fieldId)).toEqual(["name", "price", "qty"]);
    expect(form.summary).toEqual([{ fieldId: "total", key: "total", label: "Total" }]);
    expect(checkForm(form, doc.schema)).toBeNull();
  });

  it("the definition is bounded and checked: only computed fields, once each, names unique", () => {
    const doc = tickets();
    const form = withSummary(doc);
    const line = form.summary![0]!;
    expect(parseForm({ ...form, summary: Array.from({ length: MAX_SUMMARY_LINES + 1 }, (_, i) => ({ ...line, key: `k${i}` })) })).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 20 summary lines/) });
    expect(parseForm({ ...form, summary: [{ ...line, label: " " }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/needs a label/) });
    expect(parseForm({ ...form, summary: [{ ...line, key: "<b>" }] })).toMatchObject({ ok: false });
    expect(checkForm({ ...form, summary: [{ ...line, fieldId: "price" }] }, doc.schema)).toMatch(/not computed/);
    expect(checkForm({ ...form, summary: [line, { ...line, key: "again" }] }, doc.schema)).toMatch(/twice/);
    expect(checkForm({ ...form, summary: [{ ...line, key: "price" }] }, doc.schema)).toMatch(/names a question and a summary line/);
    expect(checkForm({ ...form, summary: [{ ...line, fieldId: "ghost" }] }, doc.schema)).toMatch(/does not exist/);
    // A computed field is never a question.
    const asked = { ...form, fields: [...form.fields, { ...form.fields[0]!, fieldId: "total", key: "total_q" }] };
    expect(checkForm(asked, doc.schema)).toMatch(/“Total” is computed/);
  });

  it("old stored forms without the property still parse and save", () => {
    const doc = tickets();
    const { summary: _, ...old } = withSummary(doc);
    const parsed = parseForm(JSON.parse(JSON.stringify(old)));
    expect(parsed.ok && parsed.form.summary).toBeUndefined();
    expect(checkForm(old, doc.schema)).toBeNull();
  });

  it("goes through the form actions and undoes", () => {
    const doc = tickets();
    const { summary: _, ...plain } = withSummary(doc);
    must(doc, { kind: "addForm", tableId: "t", form: plain });
    const inverse = must(doc, { kind: "updateForm", tableId: "t", form: withSummary(doc) });
    expect(doc.schema.forms?.[0]?.summary?.map((l) => l.label)).toEqual(["Total"]);
    must(doc, inverse);
    expect(doc.schema.forms?.[0]).toEqual(plain);
    const refused = apply(doc, { kind: "updateForm", tableId: "t", form: { ...withSummary(doc), summary: [{ fieldId: "qty", key: "q2", label: "Q" }] } });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/not computed/) });
  });

  it("a posted value for a summary line is refused like an unknown question", () => {
    const doc = tickets();
    const result = checkSubmission(withSummary(doc), table(doc), new Map([["name", "Ada"], ["total", "$1"]]), doc.context);
    expect(result).toMatchObject({ ok: false, unknownFields: ["total"] });
  });

  it("shows the value computed for the record just added, and 'not available' as null", () => {
    const doc = tickets();
    const form = withSummary(doc);
    const submission = checkSubmission(form, table(doc), new Map([["name", "Ada"], ["price", "$15"], ["quantity", "2"]]), doc.context);
    if (!submission.ok) throw new Error("refused");
    must(doc, { kind: "addRecord", tableId: "t", recordId: "r1", at: 1, cells: submission.cells });
    expect(formSummary(form, table(doc), doc.records.get("t", "r1")!.cells, ".")).toEqual([{ key: "total", label: "Total", value: "$30.00" }]);
    // Not computed (an empty operand): empty, shown as a dash.
    must(doc, { kind: "addRecord", tableId: "t", recordId: "r2", at: 2, cells: { name: "Bo", price: "$15" } });
    expect(formSummary(form, table(doc), doc.records.get("t", "r2")!.cells, ".")[0]?.value).toBe("");
    // Cannot compute (an operand not understood): null, never an error.
    must(doc, { kind: "addRecord", tableId: "t", recordId: "r3", at: 3, cells: { name: "Cy", price: "lots", qty: "2" } });
    expect(doc.records.get("t", "r3")!.cells.total?.invalid).toBeDefined();
    expect(formSummary(form, table(doc), doc.records.get("t", "r3")!.cells, ".")[0]?.value).toBeNull();
    // The database's decimal mark; a deleted field's line is left out.
    must(doc, { kind: "addRecord", tableId: "t", recordId: "r4", at: 4, cells: { price: "$1234.5", qty: "1" } });
    expect(formSummary(form, table(doc), doc.records.get("t", "r4")!.cells, ",")[0]?.value).toBe("$1.234,50");
    must(doc, { kind: "deleteField", tableId: "t", fieldId: "total", at: 5 });
    expect(formSummary(form, table(doc), doc.records.get("t", "r1")!.cells, ".")).toEqual([]);
    expect(checkForm(form, doc.schema)).toBeNull();
  });
});
