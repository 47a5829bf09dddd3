import { describe, expect, it } from "vitest";
import { displayOf } from "../../schema/views/display";
import { checkView, defaultView, parseView } from "../../schema/views/view";
import { FIELDS, TABLE } from "../../schema/views/view-arbitraries";
import { drill, groupCondition, setChartKind, setMapKind, setMeasure, setStack, showAs } from "./display-edits";

const base = { ...defaultView(TABLE), id: "v1", group: { fieldId: "when", part: "month" } };
const must = <T>(r: { ok: true; view: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.view;
};

describe("display edits", () => {
  it("show as a chart (a line over a date part), change its kind and measure, back to the grid and again", () => {
    let v = must(showAs(base, TABLE, "chart"));
    expect(displayOf(v)).toEqual({ kind: "chart", chart: "line", measure: null, stack: null });
    v = must(setChartKind(v, "donut"));
    v = must(setMeasure(v, TABLE, "gift sum"));
    expect(displayOf(v)).toEqual({ kind: "chart", chart: "donut", measure: { fieldId: "gift", kind: "sum" }, stack: null });
    expect(setMeasure(v, TABLE, "name sum")).toMatchObject({ ok: false });
    expect(setChartKind(v, "radar")).toMatchObject({ ok: false });
    expect(parseView(v)).toMatchObject({ ok: true });
    expect(checkView(v, { tables: [TABLE] } as never, () => true)).toBeNull();
    const grid = must(showAs(v, TABLE, "grid"));
    expect(displayOf(grid)).toEqual({ kind: "grid" });
    expect(displayOf(must(showAs({ ...base, group: { fieldId: "inst", part: null } }, TABLE, "chart")))).toMatchObject({ chart: "column" });
  });

  it("a chart splits by a second grouping (a field or a part), never by its own grouping", () => {
    const v = must(showAs(base, TABLE, "chart"));
    expect(displayOf(must(setStack(v, TABLE, "inst")))).toMatchObject({ stack: { fieldId: "inst", part: null } });
    expect(displayOf(must(setStack(v, TABLE, "when year")))).toMatchObject({ stack: { fieldId: "when", part: "year" } });
    expect(setStack(v, TABLE, "when month")).toMatchObject({ ok: false, reason: expect.stringContaining("already grouped") });
    expect(setStack(v, TABLE, "nope")).toMatchObject({ ok: false });
    expect(displayOf(must(setStack(must(setStack(v, TABLE, "inst")), TABLE, "")))).toMatchObject({ stack: null });
    expect(checkView(must(setStack(v, TABLE, "inst")), { tables: [TABLE] } as never, () => true)).toBeNull();
    // Two groups of a segment: both conditions, one drill-down.
    const both = must(drill(v, groupCondition(["when", "month", 0, "2026-01", "2026-01"])!, groupCondition(["inst", null, 0, "x", "Violin"])!));
    expect(both.filters).toHaveLength(2);
    expect(displayOf(both)).toEqual({ kind: "grid" });
  });

  it("a map takes the table's first location field, and needs one", () => {
    const v = must(showAs(base, TABLE, "map"));
    expect(displayOf(v)).toEqual({ kind: "map", map: "countries", fieldId: "city", measure: null });
    expect(displayOf(must(setMapKind(v, "points")))).toMatchObject({ map: "points" });
    const noPlaces = { ...TABLE, fields: FIELDS.filter((f) => f.type !== "location") };
    expect(showAs(defaultView(noPlaces), noPlaces, "map")).toMatchObject({ ok: false, reason: expect.stringContaining("location field") });
    // A display naming a field the table does not have is refused.
    expect(checkView({ ...v, display: { kind: "map", map: "countries", fieldId: "nope", measure: null } }, { tables: [TABLE] } as never, () => true)).toBe("The view names a field its table does not have.");
  });

  it("a click on a group adds the condition that keeps it and shows the grid", () => {
    const chart = must(showAs(base, TABLE, "chart"));
    const condition = groupCondition(["when", "month", 0, "2026-03", "2026-03"]);
    expect(condition).toEqual({ fieldId: "when", op: "inGroup", args: ["2026-03", "month", '"2026-03"'] });
    const drilled = must(drill(chart, condition!));
    expect(drilled.filters).toEqual([condition]);
    expect(displayOf(drilled)).toEqual({ kind: "grid" });
    expect(groupCondition(["when", "month", 2, null, "Not understood"])).toEqual({ fieldId: "when", op: "notUnderstood", args: [] });
    expect(groupCondition(["when", "month", 1, null, "No month"])).toEqual({ fieldId: "when", op: "inGroup", args: ["No month", "month", "null"] });
    expect(groupCondition("nonsense")).toBeNull();
    const full = { ...chart, filters: Array.from({ length: 20 }, () => condition!) };
    expect(drill(full, condition!)).toMatchObject({ ok: false });
  });
});
