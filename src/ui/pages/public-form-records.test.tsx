// A public form's link question asked as a choice of the linked table's records: radio buttons
// for a few, a select for more, checkboxes for several, type-ahead past the bound; only the
// records' names (escaped) and ids reach the page, never their other fields; and the answer,
// an id, is read against the live records when submitted.

import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../../schema/forms/form";
import { RECORD_CHOICES_MAX, recordChoicesFor } from "../../schema/forms/record-choices";
import { checkSubmission } from "../../schema/forms/submission";
import type { Table } from "../../schema/model";
import { PublicFormBody } from "./public-form";

const sections: Table = {
  id: "s", name: "Sections",
  fields: [{ id: "sn", name: "Name", type: "text", options: {} }, { id: "secret", name: "Private notes", type: "text", options: {} }],
};
const people = (multiple: boolean): Table => ({
  id: "p", name: "People",
  fields: [{ id: "pn", name: "Name", type: "text", options: {} }, { id: "sec", name: "Section", type: "link", options: { tableId: "s", multiple } }],
});
const form = (recordChoices: boolean): FormDefinition => ({
  id: "f", tableId: "p", slug: "join", title: "Join", intro: "", successMessage: "", redirectUrl: "", open: true, closedMessage: "", dailyCap: 0, allowedOrigins: [],
  fields: [{ fieldId: "sec", key: "section", label: "Section", help: "", required: true, hidden: false, fixedValue: "", defaultValue: "", prefillParam: "", recordChoices }],
});

/** Sections named as given (ids s0, s1, …), each with a private note. */
const reader = (names: string[]) => (tableId: string, fieldId: string, limit: number): [string, string][] => {
  expect([tableId, fieldId]).toEqual(["s", "sn"]); // only the first field is ever read
  return names.slice(0, limit).map((n, i) => [`s${i}`, n]);
};
const render = (table: Table, names: string[], allow = true) => {
  const records = recordChoicesFor(form(allow), table, (id) => (id === "s" ? sections : undefined), reader(names));
  return String(<PublicFormBody view={{ form: form(allow), table, action: "/f/db/join", values: new Map(), errors: {}, token: "t", records }} />);
};

describe("a link question as a choice of records", () => {
  it("offers a few records as radio buttons, names escaped, ids as values", () => {
    const html = render(people(false), ["Strings", "<b>Brass</b>"]);
    expect(html).toContain('type="radio"');
    expect(html).toContain('value="s1"');
    expect(html).toContain("&lt;b&gt;Brass&lt;/b&gt;");
    expect(html).not.toContain("<b>Brass");
  });

  it("offers more as a select, several as checkboxes, and past the bound as type-ahead", () => {
    const many = Array.from({ length: 20 }, (_, i) => `Section ${i}`);
    expect(render(people(false), many)).toMatch(/<select[^>]*name="section"/);
    expect(render(people(true), many)).toContain('type="checkbox"');
    const huge = Array.from({ length: RECORD_CHOICES_MAX + 5 }, (_, i) => `Section ${i}`);
    const html = render(people(false), huge);
    expect(html).toContain("<datalist");
    expect(html.match(/<option /g)?.length).toBe(RECORD_CHOICES_MAX);
  });

  it("asks for a typed name unless the builder allows the choice", () => {
    const html = render(people(false), ["Strings"], false);
    expect(html).not.toContain('type="radio"');
    expect(html).not.toContain("Strings");
  });

  it("accepts a live record's id and refuses one that is gone", () => {
    const live = new Set(["s0"]);
    const context = { now: new Date(), timeZone: "UTC", lookup: (tableId: string, text: string) => (tableId === "s" && live.has(text.trim()) ? text.trim() : undefined) };
    const accepted = checkSubmission(form(true), people(false), new Map([["section", "s0"]]), context);
    expect(accepted.ok && accepted.cells).toEqual({ sec: "s0" });
    expect(checkSubmission(form(true), people(false), new Map([["section", "s9"]]), context)).toMatchObject({
      ok: false,
      errors: { sec: "There is no such record now; please choose another." },
    });
  });
});
