// The second grouping of a stacked chart: which of its values get a colour of their own. At
// most MAX_STACKS entries are drawn, so a chart stays readable whatever the data:
// - few values: one entry each, in the grouping's order;
// - many values of an ordered date part (years, months, …) and a measure that adds up: runs
//   of neighbouring values merge into spans ("2003–2006"), every record still in a segment of
//   its own that opens exactly its records (the `inGroup` operator takes a span);
// - many values otherwise: the largest across the whole chart (by the measure, so "Other" is
//   as small as it can be) and "Other" adding up the rest; a measure that does not add up (an
//   average) keeps the largest and counts the rest as left out.

import type { Measure } from "../../schema/views/display";
import type { GroupKey } from "../../schema/views/result";
import type { StackCell } from "../../schema/views/stack-sql";
import type { ChartGroup, ChartStack, Series } from "./picture-data";

/** Most entries of a second grouping drawn (spans, values and "Other" together). */
export const MAX_STACKS = 8;

/** Date parts whose values have an order, so that neighbours can merge into a span. */
export const ORDERED_PARTS: ReadonlySet<string> = new Set(["year", "quarter", "month", "week", "day"]);

type Key = string | number;
/** What a segment drills into: one value (null: empty) or a span of values, both included. */
export type StackKey = Key | null | [Key, Key];

export interface StackEntry {
  series: Series;
  kind: number;
  key: StackKey;
}

type Value = { key: GroupKey; sample: StackCell["sample"]; count: number; weight: number };

const idOf = (k: GroupKey) => JSON.stringify([k.kind, k.key]);
const byKey = (a: Value, b: Value) => a.key.kind - b.key.kind || (a.key.key === b.key.key ? 0 : (a.key.key ?? "") < (b.key.key ?? "") ? -1 : 1);

/** The measure adds up across cells (a count, a sum, how many are filled). */
export const adds = (measure: Measure) => !measure || measure.kind === "sum" || measure.kind === "filled";

/** The entries and, per value of the second grouping, the entry that draws it (none: left out). */
export function stackEntries(cells: readonly StackCell[], part: string | null, measure: Measure, label: (value: Value) => string): { entries: StackEntry[]; entryOf: Map<string, string>; left: number } {
  const additive = adds(measure);
  const values = new Map<string, Value>();
  for (const c of cells) {
    const id = idOf(c.stack);
    const v = values.get(id) ?? { key: c.stack, sample: c.sample, count: 0, weight: 0 };
    v.count += c.count;
    v.sample ??= c.sample;
    // The largest across the chart: by the measure when it adds up (money: every currency).
    v.weight += additive && measure ? [...c.values.values()].reduce((n, x) => n + Math.abs(x), 0) : c.count;
    values.set(id, v);
  }
  const all = [...values.values()].sort(byKey);
  const own = (v: Value): StackEntry => ({ series: { key: idOf(v.key), label: label(v) }, kind: v.key.kind, key: v.key.key });
  const entryOf = new Map<string, string>();
  const keep = (list: readonly Value[]) => {
    const entries = list.map(own);
    for (const e of entries) entryOf.set(e.series.key, e.series.key);
    return entries;
  };
  if (all.length <= MAX_STACKS) return { entries: keep(all), entryOf, left: 0 };
  if (additive && part !== null && ORDERED_PARTS.has(part)) {
    const special = all.filter((v) => v.key.kind !== 0);
    const ordered = all.filter((v) => v.key.kind === 0);
    const spans = Math.max(1, MAX_STACKS - special.length);
    const size = Math.ceil(ordered.length / spans);
    const entries: StackEntry[] = [];
    for (let at = 0; at < ordered.length; at += size) {
      const run = ordered.slice(at, at + size);
      const [first, last] = [run[0]!, run[run.length - 1]!];
      const [a, b] = [label(first), label(last)];
      const key = `span:${entries.length}`;
      entries.push(run.length === 1 ? own(first) : { series: { key, label: `${a}${a.includes("-") || a.includes(" ") ? " – " : "–"}${b}` }, kind: 0, key: [first.key.key as Key, last.key.key as Key] });
      for (const v of run) entryOf.set(idOf(v.key), entries[entries.length - 1]!.series.key);
    }
    return { entries: [...entries, ...keep(special)], entryOf, left: 0 };
  }
  const room = additive ? MAX_STACKS - 1 : MAX_STACKS;
  const largest = new Set([...all].sort((a, b) => b.weight - a.weight).slice(0, room));
  const entries = keep(all.filter((v) => largest.has(v)));
  if (!additive) return { entries, entryOf, left: all.length - largest.size };
  for (const v of all) if (!largest.has(v)) entryOf.set(idOf(v.key), OTHER);
  return { entries: [...entries, { series: { key: OTHER, label: `Other (${all.length - largest.size})` }, kind: -1, key: null }], entryOf, left: 0 };
}

/** The series key of "Other": drawn grey (./svg-kit.tsx), its segments open the whole group. */
export const OTHER = "other";

/** Splits `groups` (in place: their cells) by the entries; returns the chart's stack. */
export function splitGroups(
  viewGroups: readonly GroupKey[],
  groups: ChartGroup[],
  cells: readonly StackCell[],
  stack: { entries: StackEntry[]; entryOf: Map<string, string>; left: number },
  segmentLink: (group: GroupKey, entry: StackEntry) => string | null,
  additive: boolean,
  label: string,
): ChartStack {
  const index = new Map(viewGroups.map((g, i) => [idOf(g), i]));
  const entries = new Map(stack.entries.map((e) => [e.series.key, e]));
  for (const c of cells) {
    const at = index.get(idOf(c.group));
    const g = at === undefined ? undefined : groups[at];
    const entryKey = stack.entryOf.get(idOf(c.stack));
    const entry = entryKey === undefined ? undefined : entries.get(entryKey);
    if (!g || !entry) continue;
    g.cells ??= new Map();
    const cell = g.cells.get(entry.series.key) ?? { values: new Map<string, number>(), href: entry.kind < 0 ? null : segmentLink(c.group, entry) };
    for (const [k, n] of c.values) cell.values.set(k, (cell.values.get(k) ?? 0) + n);
    g.cells.set(entry.series.key, cell);
  }
  return { label, groupLabel: "", entries: stack.entries.map((e) => e.series), additive, left: stack.left };
}
