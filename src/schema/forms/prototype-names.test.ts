// Issue 9, item 5: names people type that are also the names of Object.prototype's and
// Array.prototype's properties ("constructor", "toString", "__proto__", "length"…) work as
// table, field, option, form and question names — through the actions and the submission
// path — and never find a prototype's property instead of an answer.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Choice } from "../fields/choice";
import { findTable } from "../model";
import { must, newDocument } from "../test-kit";
import { type FormDefinition, newForm, slugify } from "./form";
import { checkSubmission, prefillValues } from "./submission";

/** Every property name the two prototypes have, and `__proto__`. */
const PROTOTYPE_NAMES = [...new Set(["__proto__", ...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)])];
const KEYLIKE = PROTOTYPE_NAMES.filter((n) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(n));

const protoName = fc.constantFrom(...PROTOTYPE_NAMES);

describe("prototype property names as names people type", () => {
  it("work as table, field, option, form and question names, and as posted answer names", () => {
    fc.assert(
      fc.property(protoName, protoName, protoName, protoName, fc.constantFrom(...KEYLIKE), fc.constantFrom(...KEYLIKE), (tableName, fieldName, option, formTitle, key1, key2) => {
        const doc = newDocument();
        must(doc, { kind: "addTable", tableId: "t1", name: tableName, at: 1 });
        must(doc, { kind: "addField", tableId: "t1", field: { id: "f1", name: fieldName, type: "text", options: {} }, index: 0 });
        const choices: Choice[] = [{ id: "c1", label: option, color: "blue" }, { id: "c2", label: `${option} 2`, color: "green" }];
        const choiceField = `${fieldName} choice`;
        must(doc, { kind: "addField", tableId: "t1", field: { id: "f2", name: choiceField, type: "choice", options: { choices } }, index: 1 });
        const table = findTable(doc.schema, "t1")!;
        expect(table.name).toBe(tableName);
        const form: FormDefinition = { ...newForm("form1", table, formTitle, slugify(formTitle)), open: true };
        must(doc, { kind: "addForm", tableId: "t1", form });
        // The question names (the keys answers are posted under) are prototype names too.
        const named = structuredClone(form);
        named.fields[0]!.key = key1;
        named.fields[1]!.key = key1 === key2 ? `${key2}_2` : key2;
        named.fields[1]!.prefillParam = key1;
        named.fields[0]!.label = fieldName;
        must(doc, { kind: "updateForm", tableId: "t1", form: named });
        expect(doc.schema.forms?.[0]?.title).toBe(formTitle.trim());

        // A freshly opened form: nothing posted, nothing prefilled from a prototype.
        expect(prefillValues(named, new URLSearchParams())).toEqual(new Map());
        const empty = checkSubmission(named, table, new Map(), doc.context);
        expect(empty).toEqual({ ok: true, cells: {}, read: new Map() });
        // Answers posted under those names land in the right fields.
        const answers = new Map([[named.fields[0]!.key, "some text"], [named.fields[1]!.key, option]]);
        const result = checkSubmission(named, table, answers, doc.context);
        expect(result).toMatchObject({ ok: true, cells: { f1: "some text", f2: option } });
        expect(result.ok && [...result.read.keys()]).toEqual(["f1", "f2"]);
        if (!result.ok) return;
        must(doc, { kind: "addRecord", tableId: "t1", recordId: "r1", at: 2, cells: result.cells });
        const stored = doc.records.get("t1", "r1");
        expect(stored?.cells.f2?.value).toBe("c1");
        // Unknown answers named after prototype properties are refused by name, not crashed on.
        const unknown = checkSubmission(named, table, new Map([["__proto__", "x"], ["constructor", "y"]].filter(([k]) => !named.fields.some((q) => q.key === k)) as [string, string][]), doc.context);
        expect(unknown.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("a field named “Constructor” on a form does not break prefill or a submission (the reported attack)", () => {
    const doc = newDocument();
    must(doc, { kind: "addTable", tableId: "t1", name: "Guests", at: 1 });
    must(doc, { kind: "addField", tableId: "t1", field: { id: "f1", name: "Constructor", type: "text", options: {} }, index: 0 });
    const table = findTable(doc.schema, "t1")!;
    const form = newForm("form1", table, "RSVP", "rsvp");
    expect(form.fields[0]!.key).toBe("constructor");
    expect(prefillValues(form, new URLSearchParams()).get("constructor")).toBeUndefined();
    expect(checkSubmission(form, table, new Map(), doc.context)).toEqual({ ok: true, cells: {}, read: new Map() });
  });
});
