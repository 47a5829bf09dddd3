// What a chart draws, independent of how: the view's groups (each with a label, the link
// that opens the view filtered to it, and one value per series) and the series (one for a
// count or a plain number; one per currency for money, which is never added across
// currencies). Built from a run of the grouped view (../../schema/views/sql.ts): the chart
// costs the view's GROUP BY and nothing per record, so its size does not grow with them.

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
}

export interface ChartData {
  /** "Donors by Given on (month)". */
  title: string;
  /** "Sum of Gift", "Records". */
  measureLabel: string;
  series: Series[];
  groups: ChartGroup[];
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
