import { describe, expect, it } from "vitest";
import { defaultView } from "../../schema/views/view";
import { FIELDS, TABLE } from "../../schema/views/view-arbitraries";
import { addCondition, addGroupLevel, addSort, addSummary, removeFilter, removeGroupLevel, setGroup, toggleSort } from "./view-edits";

const base = defaultView(TABLE);
const must = <T>(r: { ok: true; view: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.view;
};

describe("view edits", () => {
  it("adds conditions, ORs one with the last, and removes one from a group", () => {
    let v = must(addCondition(base, "gift numGt", "100", "", false));
    v = must(addCondition(v, "gift notUnderstood", "ignored", "", true));
    v = must(addCondition(v, "inst anyOf", "Cello, viola", "", false));
    expect(v.filters).toEqual([
      { any: [{ fieldId: "gift", op: "numGt", args: ["100"] }, { fieldId: "gift", op: "notUnderstood", args: [] }] },
      { fieldId: "inst", op: "anyOf", args: ["Cello", "viola"] },
    ]);
    expect(removeFilter(v, [0, 1]).filters[0]).toEqual({ fieldId: "gift", op: "numGt", args: ["100"] });
    expect(removeFilter(v, [1]).filters).toHaveLength(1);
    expect(removeFilter(v, "nonsense")).toBe(v);
    expect(addCondition(base, "", "", "", false)).toEqual({ ok: false, reason: "Choose a field and a condition." });
  });

  it("sorts: a header click cycles up, down, off; a field sorts once", () => {
    let v = toggleSort(base, "name");
    expect(v.sorts).toEqual([{ fieldId: "name", descending: false }]);
    v = toggleSort(v, "name");
    expect(v.sorts).toEqual([{ fieldId: "name", descending: true }]);
    expect(toggleSort(v, "name").sorts).toEqual([]);
    v = must(addSort(v, "gift desc"));
    v = must(addSort(v, "name asc"));
    expect(v.sorts).toEqual([{ fieldId: "gift", descending: true }, { fieldId: "name", descending: false }]);
  });

  it("groups by a field or a part, and summarises each field once per kind", () => {
    expect(setGroup(base, "when month").group).toEqual({ fieldId: "when", part: "month" });
    expect(setGroup(base, "inst").group).toEqual({ fieldId: "inst", part: null });
    expect(setGroup(base, null).group).toBeNull();
    const v = must(addSummary(must(addSummary(base, "gift sum")), "gift sum"));
    expect(v.summaries).toEqual([{ fieldId: "gift", kind: "sum" }]);
    expect(addSummary(base, `${FIELDS[0]!.id} explode`)).toEqual({ ok: false, reason: "Choose a summary." });
  });

  it("groups within groups to three levels, and a removed level's inner levels move up", () => {
    let v = must(addGroupLevel(base, "city state"));
    v = must(addGroupLevel(v, "when month"));
    expect(addGroupLevel(v, "when month")).toEqual({ ok: false, reason: "The records are already grouped that way." });
    v = must(addGroupLevel(v, "inst"));
    expect([v.group, v.subgroups]).toEqual([{ fieldId: "city", part: "state" }, [{ fieldId: "when", part: "month" }, { fieldId: "inst", part: null }]]);
    expect(addGroupLevel(v, "gift")).toEqual({ ok: false, reason: "A view groups by at most 3 levels: remove one first." });
    const shorter = removeGroupLevel(v, 0);
    expect([shorter.group, shorter.subgroups]).toEqual([{ fieldId: "when", part: "month" }, [{ fieldId: "inst", part: null }]]);
    expect(setGroup(v, null)).toMatchObject({ group: null, subgroups: [] });
  });
});
