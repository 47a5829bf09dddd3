// What a chart draws, independent of how: the view's groups (each with a label, the link
// that opens the view filtered to it, and one value per series) and the series (one for a
// count or a plain number; one per currency for money, which is never added across
// currencies), and optionally a second grouping the groups are split by (`stack`: each group's
// cells). Built from a run of the grouped view (../../schema/views/sql.ts) and, when stacked,
// one more GROUP BY (../../schema/views/stack-sql.ts): the chart costs the view's GROUP BY and
// nothing per record, so its size does not grow with them.

import type { Field } from "../../schema/model";
import type { Measure } from "../../schema/views/display";
import type { ViewGroup } from "../../schema/views/result";

export interface Series {
  /** The currency for money, "" otherwise. */
  key: string;
  label: string;
}

export interface ChartGroup {
  label: string;
  /** Opens the view filtered to this group (null: no link, e.g. a downloaded file). */
  href: string | null;
  /** By series key; a missing series has no value in this group. */
  values: Map<string, number>;
  /** Stacked: the group's cells by stack entry key, each with its values by series and the
   *  link that opens the view filtered to both groups. */
  cells?: Map<string, { values: Map<string, number>; href: string | null }>;
  /** Per series key, a link that replaces `href` for that series' mark (a stacked segment). */
  hrefs?: Map<string, string | null>;
}

/** The second grouping of a stacked chart: its values in order (the largest first, then
 *  "Other" adding up the rest when the measure adds up). */
export interface ChartStack {
  /** "Active", "Joined (year)". */
  label: string;
  /** The first grouping's name: "Instrument". */
  groupLabel: string;
  entries: Series[];
  /** Counts and sums stack; an average, smallest or largest is drawn side by side. */
  additive: boolean;
  /** Values of the second grouping not drawn (neither as an entry nor in "Other"). */
  left: number;
}

export interface ChartData {
  /** "Donors by Given on (month)". */
  title: string;
  /** "Sum of Gift", "Records". */
  measureLabel: string;
  series: Series[];
  groups: ChartGroup[];
  /** Set when the groups are split by a second grouping. */
  stack?: ChartStack;
  /** A value as people read it (money with its currency). */
  format: (value: number, series: string) => string;
}

export const MEASURE_LABELS = { sum: "Sum", average: "Average", min: "Smallest", max: "Largest", filled: "Filled" } as const;

export function measureLabel(measure: Measure, fields: readonly Field[]): string {
  if (!measure) return "Records";
  const field = fields.find((f) => f.id === measure.fieldId);
  return `${MEASURE_LABELS[measure.kind]} of ${field?.name ?? "(deleted field)"}`;
}

/** Each group's values by series for `measure` (the view was run with only that summary). */
export function groupValues(group: Pick<ViewGroup, "count" | "summaries">, measure: Measure): Map<string, number> {
  if (!measure) return new Map([["", group.count]]);
  const summary = group.summaries[0];
  if (!summary) return new Map();
  if (measure.kind === "filled") return new Map([["", summary.filled]]);
  return new Map(summary.values.map((v) => [v.currency, v.value]));
}

/** The series in a stable order: the plain one, else currencies alphabetically. */
export function seriesOf(groups: readonly ChartGroup[]): Series[] {
  const keys = new Set<string>();
  for (const g of groups) for (const key of g.values.keys()) keys.add(key);
  return [...keys].sort().map((key) => ({ key, label: key }));
}
