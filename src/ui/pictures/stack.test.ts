// Which values of a second grouping a stacked chart draws: spans for an ordered part with many
// values (no "Other"), the largest by the measure otherwise, and every record still counted.
import { describe, expect, it } from "vitest";
import type { GroupKind } from "../../schema/views/result";
import type { StackCell } from "../../schema/views/stack-sql";
import type { ChartGroup } from "./picture-data";
import { MAX_STACKS, OTHER, splitGroups, stackEntries } from "./stack";

const cell = (group: string, kind: GroupKind, key: string | number | null, count: number, values?: [string, number][]): StackCell => ({
  group: { kind: 0, key: group },
  stack: { kind, key },
  sample: null,
  count,
  values: new Map(values ?? [["", count]]),
});

const label = (v: { key: { kind: number; key: string | number | null } }) => (v.key.kind === 1 ? "No year" : v.key.kind === 2 ? "Not understood" : String(v.key.key));

/** 23 years, two instruments; the year 2000 + i has i + 1 violins and a cello. */
const years = () => Array.from({ length: 23 }, (_, i) => [cell("Violin", 0, 2000 + i, i + 1), cell("Cello", 0, 2000 + i, 1)]).flat();

describe("the entries of a stacked chart", () => {
  it("merges the neighbouring values of an ordered part into spans, in order, with nothing left as Other", () => {
    const cells = [...years(), cell("Violin", 2, null, 4)];
    const stack = stackEntries(cells, "year", null, label);
    expect(stack.entries.length).toBeLessThanOrEqual(MAX_STACKS);
    expect(stack.entries.map((e) => e.series.label)).toEqual(["2000–2003", "2004–2007", "2008–2011", "2012–2015", "2016–2019", "2020–2022", "Not understood"]);
    expect(stack.entries[0]!.key).toEqual([2000, 2003]);
    expect(stack.entries.some((e) => e.series.key === OTHER)).toBe(false);
    // Every record lands in a segment: each group's segments add up to it.
    const groups: ChartGroup[] = [{ label: "Violin", href: null, values: new Map([["", 280]]) }, { label: "Cello", href: null, values: new Map([["", 23]]) }];
    const drawn = splitGroups([{ kind: 0, key: "Violin" }, { kind: 0, key: "Cello" }], groups, cells, stack, (g, e) => `${g.key}:${JSON.stringify(e.key)}`, true, "Joined (year)");
    const sum = (g: ChartGroup) => [...(g.cells?.values() ?? [])].reduce((n, c) => n + (c.values.get("") ?? 0), 0);
    expect(sum(groups[0]!)).toBe(280);
    expect(sum(groups[1]!)).toBe(23);
    expect(groups[0]!.cells?.get(stack.entries[0]!.series.key)).toEqual({ values: new Map([["", 1 + 2 + 3 + 4]]), href: "Violin:[2000,2003]" });
    expect(drawn.entries).toHaveLength(7);
    expect(drawn.left).toBe(0);
  });

  it("keeps the values with the largest measure across the chart, and adds up the rest as a small Other", () => {
    // 12 choices; the measure (a sum) is largest where the count is smallest.
    const cells = Array.from({ length: 12 }, (_, i) => cell("All", 0, `c${String(i).padStart(2, "0")}`, 12 - i, [["USD", (i + 1) * 100]]));
    const stack = stackEntries(cells, null, { fieldId: "f", kind: "sum" }, label);
    expect(stack.entries.map((e) => e.series.label)).toEqual(["c05", "c06", "c07", "c08", "c09", "c10", "c11", "Other (5)"]);
    expect(stack.entryOf.get(JSON.stringify([0, "c00"]))).toBe(OTHER);
  });

  it("draws a measure that does not add up side by side: the largest values, the rest counted as left out", () => {
    const cells = [...years()];
    const stack = stackEntries(cells, "year", { fieldId: "f", kind: "average" }, label);
    expect(stack.entries).toHaveLength(MAX_STACKS);
    expect(stack.left).toBe(23 - MAX_STACKS);
    expect(stack.entries.some((e) => Array.isArray(e.key) || e.series.key === OTHER)).toBe(false);
  });

  it("gives a few values one entry each, in the grouping's order", () => {
    const cells = [cell("A", 0, 2024, 1), cell("A", 1, null, 2), cell("B", 0, 2022, 3)];
    expect(stackEntries(cells, "year", null, label).entries.map((e) => e.series.label)).toEqual(["2022", "2024", "No year"]);
  });
});
