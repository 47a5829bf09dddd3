// The derived-field core without storage: unit rules of the operations, and the properties
// the issue asks for — random well-typed trees (built by pointing, through the builder's
// offers) evaluate without throwing for random values, empty and not understood included;
// the builder offers exactly what the checker accepts.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { samples } from "../fields/conformance-samples";
import { type FieldTypeName, fieldType } from "../fields/registry";
import type { Field, Schema, Table } from "../model";
import type { StoredRecord } from "../records";
import { must, newDocument, testContext } from "../test-kit";
import { cellTypes } from "../records";
import { resultOptions } from "./dtypes";
import { parseCellText } from "../values";
import { check } from "./check";
import { compile, type Row } from "./evaluate";
import { DTYPES, type Expr, parseExpr } from "./expr";
import { conditionOffers, type Draft, draftExpr, operandOffers, operationOffers, secondOperandOffers } from "./offers";
import { operator } from "../views/operators";
import { operations } from "./operations";

const context = testContext({ now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" });
const TYPES: FieldTypeName[] = ["number", "percent", "money", "duration", "date", "text", "checkbox", "location", "choice", "email"];
const field = (type: FieldTypeName, i = 0): Field => ({ id: `${type}${i}`, name: `My ${type} ${i}`, type, options: type === "money" ? { currency: i === 0 ? "USD" : "EUR" } : type === "date" ? { timeZone: "UTC" } : fieldType(type).defaultOptions() });
const other: Table = { id: "t2", name: "Items", fields: [field("text"), field("money"), field("money", 1), field("date"), field("number")] };
const table: Table = { id: "t1", name: "Orders", fields: [...TYPES.map((t) => field(t)), field("money", 1), field("date", 1), { id: "lnk", name: "Items", type: "link", options: { tableId: "t2", multiple: true } }] };
const schema: Schema = { tables: [table, other], constants: [{ id: "k1", name: "Tax rate", type: "percent", text: "8%" }, { id: "k2", name: "Season starts", type: "date", text: "2026-09-01" }] };
const scope = { schema, table };

function cellsOf(t: Table, values: Record<string, string>): StoredRecord {
  const cells: StoredRecord["cells"] = {};
  for (const f of t.fields) {
    const text = values[f.id];
    if (text !== undefined && text.trim() !== "" && f.type !== "link") cells[f.id] = parseCellText(f.type, text, f.options, context);
  }
  return { id: "r", tableId: t.id, cells, createdAt: 0 };
}

function run(expr: Expr, values: Record<string, string>, linked: StoredRecord[] = []) {
  const compiled = compile(expr, scope, context);
  if (!compiled.ok) throw new Error(compiled.reason);
  const row: Row = { record: cellsOf(table, values), linked: () => linked };
  return compiled.run(row);
}

const f = (id: string): Expr => ({ k: "field", fieldId: id });
const op = (name: string, ...args: Expr[]): Expr => ({ k: "op", op: name, args });
const lit = (type: (typeof DTYPES)[number], text: string): Expr => ({ k: "lit", type, text });

describe("unit rules", () => {
  it("money × number is money; money + money in one currency is money; two currencies are kept apart and flagged", () => {
    expect(run(op("multiply", f("money0"), lit("number", "3")), { money0: "$2.50" })).toEqual({ ok: true, value: { amount: 7.5, currency: "USD" } });
    expect(run(op("add", f("money0"), f("money1")), { money0: "$2", money1: "$3" })).toEqual({ ok: true, value: { amount: 5, currency: "USD" } });
    expect(run(op("add", f("money0"), f("money1")), { money0: "$2", money1: "€3" })).toEqual({ ok: false, reason: "amounts in USD and EUR are not added", text: "$2.00 + €3.00" });
    expect(check(op("multiply", f("money0"), f("money1")), scope, context)).toMatchObject({ ok: false });
  });

  it("percent of, rounding, dates, durations, ranges and parts", () => {
    expect(run(op("percentOf", { k: "const", constantId: "k1" }, f("money0")), { money0: "$50" })).toEqual({ ok: true, value: { amount: 4, currency: "USD" } });
    expect(run({ k: "op", op: "round", args: [op("divide", f("number0"), lit("number", "3"))], param: "2" }, { number0: "10" })).toEqual({ ok: true, value: 3.33 });
    expect(run(op("inDays", op("subtract", { k: "today" }, f("date0"))), { date0: "2026-11-20" })).toEqual({ ok: true, value: 6 });
    expect(run(op("add", f("date0"), lit("duration", "3 days")), { date0: "2026-11-30" })).toEqual({ ok: true, value: { start: "2026-12-03", end: null, time: false } });
    expect(run(op("rangeLength", f("date0")), { date0: "2026-11-02 to 2026-11-04" })).toEqual({ ok: true, value: 3 * 86400 });
    expect(run(op("rangeEnd", f("date0")), { date0: "2026-11-02 to 2026-11-04" })).toMatchObject({ ok: true, value: { start: "2026-11-04" } });
    expect(run(op("monthName", f("date0")), { date0: "2026-03-05" })).toEqual({ ok: true, value: "March" });
    expect(run(op("weekday", f("date0")), { date0: "2026-11-26" })).toEqual({ ok: true, value: "Thursday" });
    expect(run(op("quarter", f("date0")), { date0: "2026-11-26" })).toEqual({ ok: true, value: 4 });
  });

  it("places, text and conditions", () => {
    expect(run(op("country", f("location0")), { location0: "Vancouver, BC" })).toEqual({ ok: true, value: "Canada" });
    expect(run(op("continent", f("location0")), { location0: "Berlin Germany" })).toEqual({ ok: true, value: "Europe" });
    const km = run(op("distanceKm", f("location0"), f("location0")), { location0: "Paris, France" });
    expect(km).toEqual({ ok: true, value: 0 });
    expect(run({ k: "op", op: "join", args: [f("text0"), f("number0")], param: " / " }, { text0: "Ann Lee", number0: "3" })).toEqual({ ok: true, value: "Ann Lee / 3" });
    expect(run(op("lastWord", f("text0")), { text0: "Ann  Marie Lee " })).toEqual({ ok: true, value: "Lee" });
    expect(run(op("length", op("upper", f("text0"))), { text0: "héllo" })).toEqual({ ok: true, value: 5 });
    const late: Expr = { k: "if", cond: { fieldId: "date0", op: "overdue", args: [] }, yes: lit("text", "late"), no: lit("text", "on time") };
    expect(check(late, scope, context)).toEqual({ ok: true, type: "text" });
    expect(run(late, { date0: "2026-11-01" })).toEqual({ ok: true, value: "late" });
    expect(run(late, { date0: "2026-12-01" })).toEqual({ ok: true, value: "on time" });
  });

  it("empty gives empty; not understood and division by zero cannot be computed, with the reason", () => {
    expect(run(op("multiply", f("money0"), lit("number", "3")), {})).toEqual({ ok: true, value: null });
    expect(run(op("multiply", f("money0"), lit("number", "3")), { money0: "lots" })).toMatchObject({ ok: false, reason: expect.stringMatching(/“My money 0” is not understood/) });
    expect(run(op("divide", f("number0"), lit("number", "0")), { number0: "3" })).toEqual({ ok: false, reason: "division by zero" });
  });

  it("rolls up linked records: money per currency, count, names, earliest", () => {
    const items = [cellsOf(other, { text0: "Pen", money0: "$2", date0: "2026-01-05" }), cellsOf(other, { text0: "Ink", money0: "€3", date0: "2025-12-01" }), cellsOf(other, { text0: "Pad", money0: "$4" })];
    expect(run({ k: "rollup", linkId: "lnk", agg: "sum", fieldId: "money0" }, {}, items)).toEqual({ ok: false, reason: "amounts in USD, EUR are kept per currency", text: "$6.00 + €3.00" });
    expect(run({ k: "rollup", linkId: "lnk", agg: "count", fieldId: null }, {}, items)).toEqual({ ok: true, value: 3 });
    expect(run({ k: "rollup", linkId: "lnk", agg: "names", fieldId: null }, {}, items)).toEqual({ ok: true, value: "Pen, Ink, Pad" });
    expect(run({ k: "rollup", linkId: "lnk", agg: "earliest", fieldId: "date0" }, {}, items)).toMatchObject({ ok: true, value: { start: "2025-12-01" } });
    expect(run({ k: "rollup", linkId: "lnk", agg: "sum", fieldId: "money0" }, {}, [items[0]!, items[2]!])).toEqual({ ok: true, value: { amount: 6, currency: "USD" } });
  });

  it("refuses trees beyond the bounds", () => {
    let deep: Expr = f("number0");
    for (let i = 0; i < 20; i++) deep = op("add", deep, lit("number", "1"));
    expect(parseExpr(deep)).toMatchObject({ ok: false, reason: expect.stringMatching(/nests at most/) });
    expect(parseExpr({ k: "field" })).toMatchObject({ ok: false });
  });
});

describe("through links: every linked record", () => {
  const items = (...amounts: string[]) => amounts.map((money0, i) => ({ ...cellsOf(other, { money0, text0: `Item ${i}` }), id: `i${i}` }));

  it("a lookup through a link to several records gives every value, joined; a rollup adds them up", () => {
    const lookup: Expr = { k: "lookup", linkId: "lnk", fieldId: "money0" };
    expect(check(lookup, scope, context)).toEqual({ ok: true, type: "text" });
    expect(run(lookup, {}, items("$2", "", "$3.5"))).toEqual({ ok: true, value: "$2.00, $3.50" });
    expect(run(lookup, {}, [])).toEqual({ ok: true, value: null });
    expect(run(lookup, {}, items("$2", "lots"))).toMatchObject({ ok: false, reason: expect.stringMatching(/linked record/) });
    expect(operands.find((o) => o.key === "l:lnk:money0")).toMatchObject({ type: "text", label: "Items → every My money 0" });
    // A text field too: every name, not the first.
    const names: Expr = { k: "lookup", linkId: "lnk", fieldId: "text0" };
    expect(run(names, {}, items("$2", "$3"))).toEqual({ ok: true, value: "Item 0, Item 1" });
    expect(operands.find((o) => o.key === "l:lnk:text0")).toMatchObject({ type: "text", label: "Items → every My text 0" });
    // Through a link to one record, the field's own kind.
    const single: Schema = { ...schema, tables: [{ ...table, fields: table.fields.map((x) => (x.id === "lnk" ? { ...x, options: { tableId: "t2", multiple: false } } : x)) }, other] };
    expect(check(lookup, { schema: single, table: single.tables[0]! }, context)).toEqual({ ok: true, type: "money" });
  });

  it("a condition may test the linked records: it holds when any of them passes", () => {
    const big: Expr = { k: "if", cond: { fieldId: "money0", op: "numGt", args: ["$100"] }, via: "lnk", yes: lit("text", "big donor"), no: lit("text", "small") };
    expect(check(big, scope, context)).toEqual({ ok: true, type: "text" });
    expect(run(big, {}, items("$20", "$150"))).toEqual({ ok: true, value: "big donor" });
    expect(run(big, {}, items("$20", "$50"))).toEqual({ ok: true, value: "small" });
    expect(run(big, {}, [])).toEqual({ ok: true, value: "small" });
    // Its field is looked for in the linked table, not in this one.
    expect(check({ ...big, cond: { ...big.cond, fieldId: "checkbox0" } }, scope, context)).toMatchObject({ ok: false });
    expect(check({ ...big, via: "money0" }, scope, context)).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer a link/) });
  });
});

const operands = operandOffers(schema, table);
/** Conditions the builder offers that need no typed value (those with one are checked when typed). */
const conditions = conditionOffers(schema, table, null).filter((c) => operator(c.cond.op)?.input === "none");

/** A draft made by pointing: each choice is one of what the builder offers at that moment. */
const draftArb: fc.Arbitrary<Draft> = fc
  .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("0", "2", " - ")), { maxLength: 6 }), fc.nat())
  .map(([first, picks, when]) => {
    const start = operands[first % operands.length]!;
    const text = (key: string) => LITS.get(key) ?? "";
    const draft: Draft = { start: { key: start.key, text: text(start.key) }, steps: [], cond: null, otherwise: null };
    let type = start.type;
    for (const [a, b, param] of picks) {
      const ops = operationOffers(type, operands);
      if (ops.length === 0) break;
      const chosen = ops[a % ops.length]!;
      const seconds = secondOperandOffers(chosen, type, operands);
      const arg = chosen.arity === 2 ? seconds[b % seconds.length]! : null;
      draft.steps.push({ op: chosen.name, arg: arg && { key: arg.key, text: text(arg.key) }, ...(chosen.param && { param: chosen.param === "decimals" ? (param === " - " ? "1" : param) : param }) });
      type = chosen.result(arg ? [type, arg.type] : [type])!;
    }
    // A third of the drafts have no condition; the others one of those offered.
    if (when % 3 !== 0) draft.cond = { ...conditions[when % conditions.length]!.cond, args: [] };
    return draft;
  });

const LITS = new Map([["lit:number", "3"], ["lit:percent", "5%"], ["lit:money", "$4"], ["lit:duration", "2 days"], ["lit:date", "2026-01-31"], ["lit:text", "x"]]);

/** Random cell texts per field: valid samples, not understood ones, or nothing. */
const valuesArb = fc.record(
  Object.fromEntries(table.fields.filter((x) => x.type !== "link").map((x) => [x.id, fc.oneof(fc.constant(""), fc.constantFrom(...samples[x.type].valid), fc.constantFrom(...(samples[x.type].invalid.length ? samples[x.type].invalid : ["?"])))])),
) as fc.Arbitrary<Record<string, string>>;

describe("properties", () => {
  it("every tree the builder can make type-checks, and evaluates without throwing for random values", () => {
    fc.assert(
      fc.property(draftArb, valuesArb, fc.array(valuesArb, { maxLength: 3 }), (draft, values, linkedValues) => {
        const expr = draftExpr(draft);
        expect(expr).not.toBeNull();
        expect(parseExpr(expr).ok).toBe(true);
        const checked = check(expr!, scope, context);
        expect(checked.ok).toBe(true);
        const linked = linkedValues.map((v) => cellsOf(other, { text0: v.text0 ?? "", money0: v.money0 ?? "", money1: v.money1 ?? "", date0: v.date0 ?? "", number0: v.number0 ?? "" }));
        const out = run(expr!, values, linked);
        expect(typeof out.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("undo of adding, changing or deleting a derived field built by pointing restores everything", () => {
    fc.assert(
      fc.property(draftArb, draftArb, fc.array(valuesArb, { minLength: 1, maxLength: 3 }), (first, second, rows) => {
        const doc = newDocument(context);
        doc.schema = structuredClone(schema);
        for (const [i, values] of rows.entries()) doc.records.insert({ ...cellsOf(table, values), id: `r${i}`, createdAt: i }, cellTypes(table));
        const state = () => ({ schema: structuredClone(doc.schema), records: doc.records.list("t1", 0, 10) });
        const definition = (draft: Draft) => {
          const expr = draftExpr(draft)!;
          const checked = check(expr, { schema: doc.schema, table: doc.schema.tables[0]! }, context);
          if (!checked.ok) throw new Error(checked.reason);
          return { expr, type: checked.type, options: resultOptions(checked.type, "USD", "UTC") as { [key: string]: string | number } };
        };
        const before = state();
        const a = definition(first);
        const added = { kind: "addField", tableId: "t1", field: { id: "calc", name: "Calc", type: a.type, options: a.options, derived: { expr: a.expr } }, index: 99 } as const;
        must(doc, must(doc, added));
        // Undoing the addition keeps the field, marked deleted (nothing is destroyed): the
        // live fields and every other cell are as before.
        const live = (x: ReturnType<typeof state>) => ({ fields: x.schema.tables[0]!.fields.filter((f) => f.deletedAt === undefined), cells: x.records.map((r) => ({ ...r.cells, calc: undefined })) });
        expect(live(state())).toEqual(live(before));
        must(doc, { kind: "restoreField", tableId: "t1", fieldId: "calc" });
        const withField = state();
        expect(withField.schema.tables[0]!.fields.find((f) => f.id === "calc")).toMatchObject({ type: a.type, derived: { expr: a.expr } });
        const b = definition(second);
        must(doc, must(doc, { kind: "setDerived", tableId: "t1", fieldId: "calc", expr: b.expr, type: b.type, options: b.options }));
        expect(state()).toEqual(withField);
        must(doc, must(doc, { kind: "deleteField", tableId: "t1", fieldId: "calc", at: 5 }));
        expect(state()).toEqual(withField);
      }),
      { numRuns: 60 },
    );
  });

  it("the builder offers an operation on two operand kinds exactly when the checker accepts it", () => {
    const fieldOf = new Map(DTYPES.map((t) => [t, operands.find((o) => o.type === t && o.key.startsWith("f:"))!]));
    for (const o of operations.values()) {
      for (const a of DTYPES) {
        const offeredOp = operationOffers(a, operands).includes(o);
        const firstField = fieldOf.get(a)!;
        const seconds = o.arity === 2 ? DTYPES : ([null] as const);
        let anyAccepted = false;
        for (const b of seconds) {
          const second = b === null ? null : fieldOf.get(b)!;
          const expr: Expr = { k: "op", op: o.name, args: second ? [{ k: "field", fieldId: firstField.key.slice(2) }, { k: "field", fieldId: second.key.slice(2) }] : [{ k: "field", fieldId: firstField.key.slice(2) }], ...(o.param === "decimals" && { param: "2" }) };
          const accepted = check(expr, scope, context).ok;
          anyAccepted ||= accepted;
          if (second) expect({ op: o.name, a, b, offered: secondOperandOffers(o, a, operands).includes(second) }).toEqual({ op: o.name, a, b, offered: accepted });
        }
        expect({ op: o.name, a, offered: offeredOp }).toEqual({ op: o.name, a, offered: anyAccepted });
      }
    }
  });
});
