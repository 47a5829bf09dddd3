// Random tables, records and views for the differential test (imported only by tests):
// values of every kind a view must handle — empty cells, values not understood, several
// currencies, calendar dates, timed values and ranges, choices and multiple choices.

import fc from "fast-check";
import type { FieldTypeName } from "../fields/registry";
import type { Field, Table } from "../model";
import type { StoredRecord } from "../records";
import { parseCellText } from "../values";
import { RANGE_TYPES } from "./group-kinds";
import { CASE_CONTEXT } from "./operator-cases";
import { operatorsFor } from "./operators";
import { canGroup, canSummarise, GROUP_PARTS } from "./query";
import { type Filter, SUMMARY_KINDS, type Summary, type ViewDefinition } from "./view";

// Options not in the order of their ids: groups come in the options' order.
const choices = [{ id: "c2", label: "Viola", color: "green" }, { id: "c3", label: "Harp", color: "red" }, { id: "c1", label: "Cello", color: "blue" }];

export const FIELDS: Field[] = [
  { id: "name", name: "Name", type: "text", options: {} },
  { id: "num", name: "Count", type: "number", options: { decimals: 0 } },
  { id: "gift", name: "Gift", type: "money", options: { currency: "USD" } },
  { id: "fee", name: "Fee", type: "money", options: { currency: "EUR" } },
  { id: "when", name: "When", type: "date", options: { timeZone: "America/New_York" } },
  { id: "inst", name: "Instrument", type: "choice", options: { choices } },
  { id: "also", name: "Also plays", type: "multiChoice", options: { choices } },
  { id: "ok", name: "Paid", type: "checkbox", options: {} },
  { id: "city", name: "City", type: "location", options: {} },
  { id: "pals", name: "Friends", type: "link", options: { tableId: "t", multiple: true } },
];

export const TABLE: Table = { id: "t", name: "Random", fields: FIELDS };

const two = (n: number) => String(n).padStart(2, "0");
// Days bunched around "today" (Nov 26, 2026), so conditions and values meet at their edges.
const day = fc.record({ y: fc.constantFrom(2025, 2026, 2026, 2026, 2027), m: fc.constantFrom(1, 10, 11, 11, 12), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${two(m)}-${two(d)}`);

/** Typed text per field type: "" means the record has no cell. */
const texts: Record<string, fc.Arbitrary<string>> = {
  text: fc.oneof(fc.constantFrom("", "Ada", "ada", "Béla", "ZOË zoë", "50% off", "a_b"), fc.stringMatching(/^[a-cA-Cé ]{1,4}$/)),
  number: fc.oneof(fc.constantFrom("", "lots", "0"), fc.integer({ min: -500, max: 500 }).map((n) => (n / 4).toString())),
  money: fc.oneof(fc.constantFrom("", "TBD"), fc.tuple(fc.integer({ min: -2000, max: 90000 }), fc.constantFrom("USD", "EUR", "JPY", "")).map(([cents, cur]) => `${cur === "JPY" ? Math.round(cents / 100) : (cents / 100).toFixed(2)} ${cur}`.trim())),
  date: fc.oneof(fc.constantFrom("", "someday", "today", "yesterday 11pm", "tomorrow 3-5pm"), day, fc.tuple(day, fc.integer({ min: 0, max: 23 })).map(([d, h]) => `${d} ${two(h)}:30`), fc.tuple(day, day).map(([a, b]) => (a < b ? `${a} to ${b}` : `${b} to ${a}`))),
  choice: fc.constantFrom("", "Cello", "viola", "Harp", "Tuba"),
  multiChoice: fc.constantFrom("", "Cello, Viola", "Harp", "Viola; Cello; Harp", "Tuba, Cello"),
  checkbox: fc.constantFrom("", "yes", "no", "maybe"),
  location: fc.constantFrom("", "Vancouver, BC", "Toronto", "Berlin", "Paris, France", "Atlantis", "Texas", "Lyon"),
};

const textFor = (type: FieldTypeName) => texts[type] ?? fc.constant("");

/** Link cells are made directly (no lookup): other records by id, or a name not found. */
const LINKS: ReadonlyMap<string, StoredRecord["cells"][string]> = new Map([
  ["Ann", { text: "Ann", value: ["r001"] }],
  ["Ann, Bob", { text: "Ann, Bob", value: ["r001", "r002"] }],
  ["Bob, Cy, Ann", { text: "Bob, Cy, Ann", value: ["r002", "r003", "r001"] }],
  ["Nobody", { text: "Nobody", value: null, invalid: "no record called “Nobody”" }],
]);
texts.link = fc.constantFrom("", ...LINKS.keys());

/** Records of TABLE, as many as `size` says (up to 40 by default). */
export const recordsOf = (size: { minLength?: number; maxLength: number } = { maxLength: 40 }): fc.Arbitrary<StoredRecord[]> => fc
  .array(fc.tuple(...FIELDS.map((f) => textFor(f.type))), size)
  .map((rows) =>
    rows.map((row, i) => {
      const cells: StoredRecord["cells"] = {};
      FIELDS.forEach((f, j) => {
        const text = row[j] ?? "";
        if (text !== "") cells[f.id] = f.type === "link" ? LINKS.get(text)! : parseCellText(f.type, text, f.options, CASE_CONTEXT);
      });
      return { id: `r${String(i).padStart(3, "0")}`, tableId: TABLE.id, createdAt: i, cells };
    }),
  );

export const recordsArb: fc.Arbitrary<StoredRecord[]> = recordsOf();

const conditionArb = fc.constantFrom(...FIELDS).chain((field) =>
  fc.constantFrom(...operatorsFor(field.type)).chain((op) => {
    const args: fc.Arbitrary<string[]> =
      op.input === "none" ? fc.constant([])
      : op.input === "count" ? fc.integer({ min: 0, max: 400 }).map((n) => [String(n)])
      : op.input === "choices" ? fc.subarray(["c1", "c2", "c3", "Harp"], { minLength: 1 })
      : fc.array(field.type === "text" ? fc.stringMatching(/^[a-cA-Cé%_ ]{1,3}$/) : textFor(field.type), { minLength: op.input === "two" ? 2 : 1, maxLength: op.input === "two" ? 2 : 1 });
    return args.map((a) => ({ fieldId: field.id, op: op.name, args: a }));
  }),
);

const filterArb: fc.Arbitrary<Filter> = fc.oneof(conditionArb, fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((any) => ({ any })));

/** Parts, and ranges of a chosen width (money: the same width for every currency). */
const partArb = (type: FieldTypeName): fc.Arbitrary<string | null> => fc.constantFrom(null, ...(GROUP_PARTS.get(type) ?? []), ...(RANGE_TYPES.has(type) ? ["range:25", "range:0.5", "range:1000", "range"] : []));
const groupArb = fc.constantFrom(...FIELDS).chain((field) => partArb(field.type).map((part) => ({ fieldId: field.id, part }))).filter((g) => canGroup(FIELDS.find((f) => f.id === g.fieldId)!.type, g.part));

export const viewArb: fc.Arbitrary<ViewDefinition> = fc.record({
  filters: fc.array(filterArb, { maxLength: 3 }),
  // Links (ordered by the linked records' names) twice as often as other fields.
  sorts: fc.uniqueArray(fc.record({ fieldId: fc.constantFrom(...FIELDS.map((f) => f.id), "pals"), descending: fc.boolean() }), { maxLength: 3, selector: (s) => s.fieldId }),
  search: fc.oneof(fc.constant(""), fc.stringMatching(/^[a-cA-Cé ]{1,2}$/)),
  group: fc.option(groupArb, { nil: null }),
  subgroups: fc.array(groupArb, { maxLength: 2 }),
  summaries: fc.oneof(fc.constant<Summary[]>([{ fieldId: "gift", kind: "sum" }, { fieldId: "num", kind: "average" }, { fieldId: "gift", kind: "max" }, { fieldId: "fee", kind: "min" }]), fc.array(fc.record({ fieldId: fc.constantFrom(...FIELDS.map((f) => f.id)), kind: fc.constantFrom(...SUMMARY_KINDS) }), { maxLength: 4 }).map((list) => list.filter((s) => canSummarise(FIELDS.find((f) => f.id === s.fieldId)!.type, s.kind)))),
  fields: fc.option(fc.subarray(FIELDS.map((f) => f.id)), { nil: null }),
}).map((v) => ({ id: "v", tableId: TABLE.id, name: "Random view", owner: null, ...v }));

/** A cell edit of a record (by index, modulo the records' count) in one of `fieldIds` (all
 *  but links when empty: their cells name records): new text typed, "" to empty the cell. */
export const editArb = (fieldIds: readonly string[] = []): fc.Arbitrary<{ at: number; fieldId: string; text: string }> =>
  fc
    .constantFrom(...FIELDS.filter((f) => f.type !== "link" && (fieldIds.length === 0 || fieldIds.includes(f.id))))
    .chain((field) => fc.record({ at: fc.nat(), fieldId: fc.constant(field.id), text: textFor(field.type) }));
