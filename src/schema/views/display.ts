// How a view is drawn: as the grid (the default), or as another picture of the same records
// (charts, maps and calendars add their kinds to this variant, each with its own settings).
// A view without a `display` is a grid, so views saved before displays existed still load.

import * as v from "valibot";

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const GridDisplaySchema = v.object({ kind: v.literal("grid") });

export const CHART_KINDS = ["bar", "column", "line", "area", "pie", "donut"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** What a chart or map measures per group or place: the count of records, or a summary of a
 *  field (money: one series per currency). */
export const MeasureSchema = v.nullable(v.object({ fieldId: id, kind: v.picklist(["sum", "average", "min", "max", "filled"]) }));
export type Measure = v.InferOutput<typeof MeasureSchema>;

/** A second grouping of a chart (a field's value or one of its parts), as the view's own
 *  grouping is written (./view.ts). */
export const StackSchema = v.nullable(v.object({ fieldId: id, part: v.nullable(v.pipe(v.string(), v.maxLength(40))) }));
export type Stack = v.InferOutput<typeof StackSchema>;

/** The kinds of chart a second grouping applies to: bars and columns stack by it (side by
 *  side for an average, smallest or largest, which do not add up); lines and areas draw one
 *  line per value. Pies and donuts ignore it. */
export const STACKING_KINDS: readonly ChartKind[] = ["bar", "column", "line", "area"];

/** A chart of the view's groups (the view must be grouped; its grouping is the chart's axis
 *  or slices), optionally split by a second grouping (`stack`; absent in views saved before
 *  it existed). */
export const ChartDisplaySchema = v.object({
  kind: v.literal("chart"),
  chart: v.picklist(CHART_KINDS),
  measure: MeasureSchema,
  stack: v.optional(StackSchema, null),
});

export const MAP_KINDS = ["countries", "states", "provinces", "points"] as const;
export type MapKind = (typeof MAP_KINDS)[number];

/** A map of a location field: countries, US states or Canadian provinces coloured by the
 *  measure, or points by city sized by it. */
export const MapDisplaySchema = v.object({
  kind: v.literal("map"),
  map: v.picklist(MAP_KINDS),
  fieldId: id,
  measure: MeasureSchema,
});

/** A calendar of a date field: a month or a week at a time; each record is an event titled by
 *  a field (null: the table's first field), with an optional field as its description (feeds). */
export const CalendarDisplaySchema = v.object({
  kind: v.literal("calendar"),
  fieldId: id,
  span: v.picklist(["month", "week"]),
  titleFieldId: v.nullable(id),
  descriptionFieldId: v.optional(v.nullable(id), null),
});

export const DisplaySchema = v.variant("kind", [GridDisplaySchema, ChartDisplaySchema, MapDisplaySchema, CalendarDisplaySchema]);

export type Display = v.InferOutput<typeof DisplaySchema>;
export type DisplayKind = Display["kind"];
export type ChartDisplay = v.InferOutput<typeof ChartDisplaySchema>;
export type MapDisplay = v.InferOutput<typeof MapDisplaySchema>;
export type CalendarDisplay = v.InferOutput<typeof CalendarDisplaySchema>;

/** The kinds offered by the view bar's "Show as", with their labels, in order. */
export const DISPLAY_KINDS: readonly { kind: DisplayKind; label: string }[] = [
  { kind: "grid", label: "Grid" },
  { kind: "chart", label: "Chart" },
  { kind: "map", label: "Map" },
  { kind: "calendar", label: "Calendar" },
];

/** The way a view is drawn: its own display, or the grid. */
export const displayOf = (view: { display?: Display }): Display => view.display ?? { kind: "grid" };

/** The fields a display names (each must belong to the view's table). */
export function displayFields(display: Display | undefined): string[] {
  if (display?.kind === "chart") return [...(display.measure ? [display.measure.fieldId] : []), ...(display.stack ? [display.stack.fieldId] : [])];
  if (display?.kind === "map") return [display.fieldId, ...(display.measure ? [display.measure.fieldId] : [])];
  if (display?.kind === "calendar") return [display.fieldId, ...(display.titleFieldId ? [display.titleFieldId] : []), ...(display.descriptionFieldId ? [display.descriptionFieldId] : [])];
  return [];
}
