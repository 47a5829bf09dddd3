import { describe, expect, it } from "vitest";
import type { StoredRecord } from "../records";
import { parseCellText } from "../values";
import { evaluateView } from "./evaluate";
import { CASE_CONTEXT } from "./operator-cases";
import { resolveView } from "./query";
import { FIELDS, TABLE } from "./view-arbitraries";
import { defaultView, type ViewDefinition } from "./view";

const rows: [string, string, string][] = [
  ["Ada", "$100", "Vancouver, BC"],
  ["Ben", "€50", "Toronto"],
  ["Cy", "$25.50", "Victoria, BC"],
  ["Dee", "TBD", "Berlin"],
  ["Eve", "", "Qzxv Qzxv"],
  ["Fay", "€5", ""],
];

const records: StoredRecord[] = rows.map(([name, gift, city], i) => {
  const cells: StoredRecord["cells"] = {};
  for (const [fieldId, text] of [["name", name], ["gift", gift], ["city", city]] as const) {
    const field = FIELDS.find((f) => f.id === fieldId)!;
    if (text !== "") cells[fieldId] = parseCellText(field.type, text, field.options, CASE_CONTEXT);
  }
  return { id: `r${i}`, tableId: "t", createdAt: i, cells };
});

const view = (over: Partial<ViewDefinition>) => resolveView({ ...defaultView(TABLE), ...over }, TABLE, CASE_CONTEXT);

describe("evaluateView", () => {
  it("groups donors by state with gifts summed per currency, never across, and values not understood apart", () => {
    const page = evaluateView(view({ group: { fieldId: "city", part: "state" }, summaries: [{ fieldId: "gift", kind: "sum" }] }), records, { offset: 0, limit: 50 });
    expect(page.groups?.map((g) => [g.kind, g.key, g.count, g.summaries[0]?.values, g.summaries[0]?.invalid])).toEqual([
      [0, "British Columbia", 2, [{ currency: "USD", value: 125.5 }], 0],
      [0, "Ontario", 1, [{ currency: "EUR", value: 50 }], 0],
      [0, "State of Berlin", 1, [], 1],
      [1, null, 1, [{ currency: "EUR", value: 5 }], 0],
      [2, null, 1, [], 0],
    ]);
    expect(page.totals[0]?.values).toEqual([{ currency: "EUR", value: 55 }, { currency: "USD", value: 125.5 }]);
    expect(page.records.map((r) => r.record.id)).toEqual(["r0", "r2", "r1", "r3", "r5", "r4"]);
  });

  it("filters with AND and OR groups, searches the visible fields, sorts with empty last", () => {
    const v = view({
      filters: [{ any: [{ fieldId: "gift", op: "numGt", args: ["$30"] }, { fieldId: "gift", op: "notUnderstood", args: [] }] }, { fieldId: "name", op: "isNotEmpty", args: [] }],
      sorts: [{ fieldId: "gift", descending: true }],
    });
    expect(evaluateView(v, records, { offset: 0, limit: 50 }).records.map((r) => r.record.id)).toEqual(["r0", "r3"]);
    expect(evaluateView(view({ search: "  TORON " }), records, { offset: 0, limit: 50 }).records.map((r) => r.record.id)).toEqual(["r1"]);
  });

  it("sets conditions that cannot apply aside and says why", () => {
    const v = view({ filters: [{ fieldId: "gift", op: "dateOn", args: ["today"] }, { fieldId: "gift", op: "numGt", args: ["lots"] }] });
    expect(v.inactive.map((i) => i.reason)).toEqual(["This condition does not fit a money field.", "unknown currency 'lots'"]);
    expect(evaluateView(v, records, { offset: 0, limit: 50 }).total).toBe(6);
  });
});
