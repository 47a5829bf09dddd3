import { describe, expect, it } from "vitest";
import type { StoredRecord } from "../records";
import { parseCellText } from "../values";
import { evaluateView } from "./evaluate";
import { eachKeys, niceWidth, parseWidth, rangeKey, rangeWidths, readRangeKey, widthText } from "./group-kinds";
import { CASE_CONTEXT } from "./operator-cases";
import { canGroup, resolveView } from "./query";
import { FIELDS, TABLE } from "./view-arbitraries";
import { defaultView, type ViewDefinition } from "./view";

const make = (rows: { [fieldId: string]: string }[]): StoredRecord[] =>
  rows.map((row, i) => {
    const cells: StoredRecord["cells"] = {};
    for (const [fieldId, text] of Object.entries(row)) {
      const field = FIELDS.find((f) => f.id === fieldId)!;
      if (text !== "") cells[fieldId] = parseCellText(field.type, text, field.options, CASE_CONTEXT);
    }
    return { id: `r${i}`, tableId: "t", createdAt: i, cells };
  });

const view = (over: Partial<ViewDefinition>) => resolveView({ ...defaultView(TABLE), ...over }, TABLE, CASE_CONTEXT);
const labels = (page: ReturnType<typeof evaluateView>) => page.groups?.map((g) => [g.kind, g.key, g.count]);

describe("widths", () => {
  it("reads a typed width, or refuses what is not a positive decimal", () => {
    expect(parseWidth("250")).toEqual({ m: 250, d: 0 });
    expect(parseWidth("0.50")).toEqual({ m: 5, d: 1 });
    expect(parseWidth(" 2.5 ")).toEqual({ m: 25, d: 1 });
    for (const bad of ["0", "-5", "1e3", "abc", "", "0.0000001", "12345678901234"]) expect(parseWidth(bad)).toBeNull();
    expect(widthText({ m: 5, d: 1 })).toBe("0.5");
    expect(widthText({ m: 25, d: 3 })).toBe("0.025");
    expect(widthText({ m: 250, d: 0 })).toBe("250");
  });

  it("chooses round widths of 1, 2 or 5 times a power of ten from the spread", () => {
    expect(niceWidth(0, 1000)).toEqual({ m: 100, d: 0 });
    expect(niceWidth(3, 170)).toEqual({ m: 20, d: 0 });
    expect(niceWidth(0.1, 0.45)).toEqual({ m: 5, d: 2 });
    expect(niceWidth(-40, 41)).toEqual({ m: 10, d: 0 });
    expect(niceWidth(7, 7)).toEqual({ m: 1, d: 0 });
  });

  it("gives each currency its own automatic width; a chosen width is every currency's", () => {
    const widths = rangeWidths("range", new Map([["USD", [0, 1000]], ["JPY", [0, 100000]], ["", [0, 100000]]]));
    expect(widths.get("USD")).toEqual({ m: 100, d: 0 });
    expect(widths.get("JPY")).toEqual({ m: 10000, d: 0 });
    expect([...rangeWidths("range:50", new Map()).entries()]).toEqual([["", { m: 50, d: 0 }]]);
    expect(rangeWidths("currency", new Map()).size).toBe(0);
  });
});

describe("range keys", () => {
  it("order as their buckets, negative ones first, and carry the bucket they stand for", () => {
    const w = new Map([["", { m: 100, d: 0 }]]);
    const keys = [-250, -1, 0, 99.5, 100, 1234].map((x) => rangeKey(x, "", w));
    expect([...keys].sort()).toEqual(keys);
    expect(keys.map((k) => readRangeKey(k))).toEqual([
      { currency: "", from: -300, to: -200, width: { m: 100, d: 0 } },
      { currency: "", from: -100, to: 0, width: { m: 100, d: 0 } },
      { currency: "", from: 0, to: 100, width: { m: 100, d: 0 } },
      { currency: "", from: 0, to: 100, width: { m: 100, d: 0 } },
      { currency: "", from: 100, to: 200, width: { m: 100, d: 0 } },
      { currency: "", from: 1200, to: 1300, width: { m: 100, d: 0 } },
    ]);
    expect(readRangeKey(rangeKey(0.25, "", new Map([["", { m: 1, d: 1 }]])))).toMatchObject({ from: 0.2, to: 0.3 });
    expect(readRangeKey("not a key")).toBeNull();
  });
});

describe("grouping by each value and by ranges", () => {
  it("puts a record under each of its options; no option and not understood have their own groups", () => {
    const records = make([{ name: "Ada", also: "Cello, Viola" }, { name: "Ben", also: "Viola" }, { name: "Cy" }, { name: "Dee", also: "Tuba" }]);
    const page = evaluateView(view({ group: { fieldId: "also", part: null }, summaries: [{ fieldId: "name", kind: "filled" }] }), records, { offset: 0, limit: 50 });
    // In the options' order (Viola, Harp, Cello), not their ids'.
    expect(labels(page)).toEqual([[0, "c2", 2], [0, "c1", 1], [1, null, 1], [2, null, 1]]);
    expect(page.records.map((r) => r.record.id)).toEqual(["r0", "r1", "r0", "r2", "r3"]);
    expect([page.total, page.matched]).toEqual([5, 4]);
    expect(page.totals[0]?.filled).toBe(4);
    expect(canGroup("multiChoice", null) && canGroup("link", null)).toBe(true);
    expect(eachKeys(["a", "b"])).toEqual(["a", "b"]);
    expect(eachKeys(null)).toEqual([]);
  });

  it("counts a group's records once when an inner level puts them under several groups", () => {
    const records = make([{ name: "Ada", also: "Cello, Viola", gift: "$10" }]);
    const page = evaluateView(view({ group: { fieldId: "name", part: null }, subgroups: [{ fieldId: "also", part: null }], summaries: [{ fieldId: "gift", kind: "sum" }] }), records, { offset: 0, limit: 50 });
    expect(page.groups?.map((g) => [g.level, g.count, g.matched, g.summaries[0]?.values])).toEqual([
      [0, 2, 1, [{ currency: "USD", value: 10 }]],
      [1, 1, 1, [{ currency: "USD", value: 10 }]],
      [1, 1, 1, [{ currency: "USD", value: 10 }]],
    ]);
  });

  it("cuts money into ranges per currency, with the percent of the total per currency", () => {
    const records = make([{ gift: "$10" }, { gift: "$950" }, { gift: "$420" }, { gift: "€30" }, { gift: "€70" }, { gift: "TBD" }, {}]);
    const page = evaluateView(view({ group: { fieldId: "gift", part: "range" }, summaries: [{ fieldId: "gift", kind: "percent" }] }), records, { offset: 0, limit: 50 });
    const read = page.groups?.map((g) => [typeof g.key === "string" ? readRangeKey(g.key) : g.kind, g.summaries[0]?.values]);
    expect(read).toEqual([
      [{ currency: "EUR", from: 30, to: 35, width: { m: 5, d: 0 } }, [{ currency: "EUR", value: 30 }]],
      [{ currency: "EUR", from: 70, to: 75, width: { m: 5, d: 0 } }, [{ currency: "EUR", value: 70 }]],
      [{ currency: "USD", from: 0, to: 100, width: { m: 100, d: 0 } }, [{ currency: "USD", value: 0.724637681159 }]],
      [{ currency: "USD", from: 400, to: 500, width: { m: 100, d: 0 } }, [{ currency: "USD", value: 30.4347826087 }]],
      [{ currency: "USD", from: 900, to: 1000, width: { m: 100, d: 0 } }, [{ currency: "USD", value: 68.8405797101 }]],
      [1, []],
      [2, []],
    ]);
    expect(page.totals[0]?.values).toEqual([{ currency: "EUR", value: 100 }, { currency: "USD", value: 100 }]);
    // The whole view's percent is of the whole table: a filter keeps 30 of the 100 euros.
    const some = evaluateView(view({ filters: [{ fieldId: "gift", op: "numLt", args: ["40 EUR"] }], summaries: [{ fieldId: "gift", kind: "percent" }] }), records, { offset: 0, limit: 50 });
    expect(some.totals[0]?.values.find((v) => v.currency === "EUR")).toEqual({ currency: "EUR", value: 30 });
  });

  it("cuts numbers by a chosen width", () => {
    const records = make([{ num: "5" }, { num: "24" }, { num: "25" }, { num: "-3" }]);
    const page = evaluateView(view({ group: { fieldId: "num", part: "range:25" } }), records, { offset: 0, limit: 50 });
    expect(page.groups?.map((g) => [readRangeKey(String(g.key))?.from, g.count])).toEqual([[-25, 1], [0, 2], [25, 1]]);
  });
});
