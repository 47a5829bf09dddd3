// The public form validator and the form actions, on a literal Musicians table.

import { describe, expect, it } from "vitest";
import { apply, type Document } from "../actions";
import type { ParseContext } from "../fields/field-type";
import { fieldType } from "../fields/registry";
import type { Table } from "../model";
import { MemoryRecordStore } from "../records";
import type { StoredCell } from "../values";
import { checkForm, type FormDefinition, formFieldFor, newForm, slugify } from "./form";
import { checkSubmission, prefillValues } from "./submission";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };
const choices = { choices: [{ id: "c1", label: "Cello", color: "blue" }, { id: "c2", label: "Violin", color: "teal" }] };
const table: Table = {
  id: "t1",
  name: "Musicians",
  fields: [
    { id: "name", name: "Name", type: "text", options: {} },
    { id: "email", name: "Email", type: "email", options: fieldType("email").defaultOptions() },
    { id: "instrument", name: "Instrument", type: "choice", options: choices },
    { id: "bow", name: "Bow maker", type: "text", options: {} },
    { id: "fee", name: "Fee", type: "money", options: { currency: "USD" } },
    { id: "source", name: "Source", type: "text", options: {} },
    { id: "agree", name: "Agree", type: "checkbox", options: fieldType("checkbox").defaultOptions() },
  ],
};

/** Posted answers by question key (a Map, as the object builds them). */
const answers = (values: Record<string, string>): Map<string, string> => new Map(Object.entries(values));

function form(): FormDefinition {
  const f = newForm("f1", table, "Join the orchestra", "join");
  const q = (id: string) => f.fields.find((x) => x.fieldId === id)!;
  q("name").required = true;
  q("email").required = true;
  q("instrument").prefillParam = "instrument";
  q("bow").condition = { fieldId: "instrument", op: "is", value: "Cello" };
  Object.assign(q("source"), { hidden: true, fixedValue: "web form" });
  q("fee").defaultValue = "$100";
  return f;
}

describe("checkSubmission", () => {
  it("accepts good answers, keeping the typed text, with the hidden field's fixed value and the default", () => {
    const result = checkSubmission(form(), table, answers({ name: "Ada", email: "ada@example.org", instrument: "cello", bow_maker: "Hill", source: "forged" }), context);
    expect(result).toMatchObject({ ok: true, cells: { name: "Ada", email: "ada@example.org", instrument: "cello", bow: "Hill", fee: "$100", source: "web form" } });
    // What each answer was read as, kept for adding the record (it is not read twice).
    if (!result.ok) throw new Error("refused");
    expect(Object.keys(result.cells).sort()).toEqual([...result.read.keys()].sort());
    expect(result.read.get("instrument")).toEqual({ text: "cello", value: "c1" });
  });

  it("adding the record with what validation read stores exactly what reading the texts again stores", () => {
    const result = checkSubmission(form(), table, answers({ name: "Ada", email: "ada@example.org", instrument: "cello", bow_maker: "Hill", fee: "€35.50" }), context);
    if (!result.ok) throw new Error("refused");
    const add = (read?: Map<string, StoredCell>) => {
      const doc: Document = { schema: { tables: [table] }, records: new MemoryRecordStore(), context, ...(read ? { read } : {}) };
      const applied = apply(doc, { kind: "addRecord", tableId: "t1", recordId: "r1", at: 1, cells: result.cells });
      if (!applied.ok) throw new Error(applied.reason);
      return doc.records.get("t1", "r1")?.cells;
    };
    expect(add(result.read)).toEqual(add());
    // A text other than the one read (an action built elsewhere) is read as usual.
    const stale = new Map([["fee", { text: "$1", value: { amount: 1, currency: "USD" } }]]);
    expect(add(stale)?.fee?.value).toEqual({ amount: 35.5, currency: "EUR" });
  });

  it("refuses a missing required answer and an answer its type does not read, saying why", () => {
    const result = checkSubmission(form(), table, answers({ name: " ", email: "ada at home", fee: "lots" }), context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ name: "Please fill this in.", email: "This is not an email address.", fee: "Unknown currency 'lots'." });
    expect(result.unknownFields).toEqual([]);
  });

  it("refuses unknown field names, but not the token or the honeypot", () => {
    const result = checkSubmission(form(), table, answers({ name: "Ada", email: "a@b.org", salary: "1", _token: "abcdefgh", _hp: "" }), context);
    expect(result).toMatchObject({ ok: false, unknownFields: ["salary"] });
  });

  it("discards the answer to a question whose condition is not met", () => {
    const result = checkSubmission(form(), table, answers({ name: "Ada", email: "a@b.org", instrument: "Violin", bow_maker: "Hill" }), context);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.cells.bow).toBeUndefined();
  });

  it("evaluates isNot, and a required question hidden by its condition is not required", () => {
    const f = form();
    const bow = f.fields.find((x) => x.fieldId === "bow")!;
    bow.required = true;
    expect(checkSubmission(f, table, answers({ name: "A", email: "a@b.org", instrument: "Violin" }), context).ok).toBe(true);
    expect(checkSubmission(f, table, answers({ name: "A", email: "a@b.org", instrument: "Cello" }), context)).toMatchObject({ ok: false, errors: { bow: "Please fill this in." } });
    bow.condition = { fieldId: "instrument", op: "isNot", value: "Cello" };
    // isNot "Cello" is not met for a cellist: bow is hidden, so its answer is discarded.
    const cellist = checkSubmission(f, table, answers({ name: "A", email: "a@b.org", instrument: "Cello", bow_maker: "x" }), context);
    expect(cellist.ok && cellist.cells).toEqual({ name: "A", email: "a@b.org", instrument: "Cello", fee: "$100", source: "web form" });
  });

  it("a required checkbox must be ticked", () => {
    const f = form();
    f.fields.find((x) => x.fieldId === "agree")!.required = true;
    expect(checkSubmission(f, table, answers({ name: "A", email: "a@b.org", agree: "no" }), context)).toMatchObject({ ok: false, errors: { agree: "Please tick this box." } });
    expect(checkSubmission(f, table, answers({ name: "A", email: "a@b.org", agree: "yes" }), context).ok).toBe(true);
  });
});

describe("prefillValues", () => {
  it("takes a question's URL parameter, else its default, and never fills hidden questions", () => {
    const query = new URLSearchParams("instrument=Cello&source=evil");
    expect(prefillValues(form(), query)).toEqual(new Map([["instrument", "Cello"], ["fee", "$100"]]));
  });
});

describe("forms as structure", () => {
  const doc = (): Document => ({ schema: { tables: [table] }, records: new MemoryRecordStore(), context });

  it("adds, updates and deletes a form, each with an inverse that restores the schema", () => {
    const d = doc();
    const added = apply(d, { kind: "addForm", tableId: "t1", form: form() });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    d.schema = added.schema;
    const changed = { ...form(), title: "Join us", open: true };
    const updated = apply(d, { kind: "updateForm", tableId: "t1", form: changed });
    if (!updated.ok) throw new Error(updated.reason);
    expect(updated.schema.forms?.[0]?.title).toBe("Join us");
    const undone = apply({ ...d, schema: updated.schema }, updated.inverse);
    if (!undone.ok) throw new Error(undone.reason);
    expect(undone.schema.forms).toEqual([form()]);
    const deleted = apply(d, { kind: "deleteForm", tableId: "t1", formId: "f1" });
    if (!deleted.ok) throw new Error(deleted.reason);
    expect(deleted.schema.forms).toEqual([]);
    const restored = apply({ ...d, schema: deleted.schema }, deleted.inverse);
    expect(restored.ok && restored.schema.forms).toEqual([form()]);
  });

  it("refuses a bad redirect, a taken address, a condition on a later question, unknown fields", () => {
    const schema = { tables: [table], forms: [form()] };
    expect(checkForm({ ...form(), id: "f2" }, schema)).toMatch(/already a form/);
    expect(checkForm({ ...form(), redirectUrl: "javascript:alert(1)" }, schema)).toMatch(/http/);
    expect(checkForm({ ...form(), allowedOrigins: ["https://ok.org/path"] }, schema)).toMatch(/origin/);
    const later = form();
    later.fields[0]!.condition = { fieldId: "email", op: "is", value: "x" };
    expect(checkForm(later, schema)).toMatch(/above/);
    const ghost = form();
    ghost.fields.push(formFieldFor({ id: "nope", name: "Nope", type: "text", options: {} }, []));
    expect(checkForm(ghost, schema)).toMatch(/no longer exists/);
  });

  it("makes addresses from titles", () => {
    expect(slugify("Join the Orchestra! (2026)")).toBe("join-the-orchestra-2026");
    expect(slugify("¡¡¡")).toBe("form");
  });
});

describe("issue 11: answers posted more than once", () => {
  it("joins a multiple choice's checkboxes into one answer, keyed in a Map", async () => {
    const { answersByName } = await import("./public");
    const answers = answersByName([["skills", "First aid"], ["constructor", "x"], ["skills", ""], ["skills", "Cooking"], ["name", "Ann"]]);
    expect(answers.get("skills")).toBe("First aid, Cooking");
    expect(answers.get("constructor")).toBe("x");
    expect(answers.get("name")).toBe("Ann");
  });
});
