// A view's picture from its data, for the page and for the SVG download alike: runs the
// grouped view with only the chart's measure (one GROUP BY, no page of records) or the map's
// per-place query, and names what it draws the way the grid names it. The caller says how a
// group or place links back to the view filtered to it (the page: a callback link; a file:
// no link).

import { fieldType, formatCell } from "../../schema/fields/registry";
import { type Field, liveFields, type Table } from "../../schema/model";
import type { ChartDisplay, MapDisplay, Measure } from "../../schema/views/display";
import type { PlaceRow } from "../../schema/views/map-sql";
import { canSummarise } from "../../schema/views/query";
import type { ViewGroup } from "../../schema/views/result";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { MapPicture } from "./map-svg";
import { type ChartData, type ChartGroup, groupValues, measureLabel, seriesOf } from "./picture-data";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** What a group drills into: the field, its part, the key (null: empty) and its label. */
export type GroupTarget = { fieldId: string; part: string | null; kind: number; key: string | number | null; label: string };

/** The measure if it still applies to the table (a summary of a live field that fits). */
export function liveMeasure(table: Table, measure: Measure): { measure: Measure; field: Field | null } {
  if (!measure) return { measure: null, field: null };
  const field = liveFields(table).find((f) => f.id === measure.fieldId);
  return field && canSummarise(field.type, measure.kind) ? { measure, field } : { measure: null, field: null };
}

/** A value as people read it: money with its currency, numbers as their field shows them. */
export function formatter(measure: Measure, field: Field | null): (value: number, series: string) => string {
  return (value, series) => {
    if (!measure || !field || measure.kind === "filled") return Number.isInteger(value) ? value.toLocaleString("en") : value.toLocaleString("en", { maximumFractionDigits: 2 });
    try {
      return field.type === "money" ? formatCell("money", { amount: value, currency: series }, field.options) : formatCell(field.type, value, field.options);
    } catch {
      return String(value);
    }
  };
}

export function groupLabel(app: TroveApp, group: ViewGroup, field: Field, part: string | null): string {
  if (group.kind === 1) return part ? `No ${fieldType(field.type).parts.find((p) => p.name === part)?.label.toLowerCase() ?? part}` : `No ${field.name}`;
  if (group.kind === 2) return "Not understood";
  if (part === null) return app.display(field, group.sample ?? undefined) || "(blank)";
  if (part === "weekday" && typeof group.key === "number") return WEEKDAYS[group.key - 1] ?? String(group.key);
  return String(group.key);
}

/** The chart's data, or why the view cannot be charted yet. */
export function chartData(app: TroveApp, table: Table, view: ViewDefinition, display: ChartDisplay, linkTo: (target: GroupTarget) => string | null): { ok: true; data: ChartData; total: number } | { ok: false; reason: string } {
  const group = view.group;
  const groupField = group ? liveFields(table).find((f) => f.id === group.fieldId) : undefined;
  if (!group || !groupField) return { ok: false, reason: "A chart draws the view's groups: group the records first (Group, above)." };
  const { measure, field } = liveMeasure(table, display.measure);
  const run = app.runView({ ...view, subgroups: [], summaries: measure ? [measure] : [] }, { offset: 0, limit: 0 });
  if (!run.groups) return { ok: false, reason: "This grouping does not apply to the field any more: choose another." };
  const groups: ChartGroup[] = run.groups.map((g) => {
    const label = groupLabel(app, g, groupField, group.part);
    return { label, href: linkTo({ fieldId: groupField.id, part: group.part, kind: g.kind, key: g.key, label }), values: groupValues(g, measure) };
  });
  const part = group.part ? ` (${fieldType(groupField.type).parts.find((p) => p.name === group.part)?.label.toLowerCase() ?? group.part})` : "";
  return {
    ok: true,
    total: run.total,
    data: { title: `${view.name === "All records" ? table.name : view.name}: by ${groupField.name}${part}`, measureLabel: measureLabel(measure, liveFields(table)), series: seriesOf(groups), groups, format: formatter(measure, field) },
  };
}

/** The map's picture, or why the view cannot be mapped. */
export function mapPicture(app: TroveApp, table: Table, view: ViewDefinition, display: MapDisplay, linkTo: (place: PlaceRow) => string | null): { ok: true; map: MapPicture; total: number } | { ok: false; reason: string } {
  const field = liveFields(table).find((f) => f.id === display.fieldId && f.type === "location");
  if (!field) return { ok: false, reason: "A map needs a location field: choose one (Map of…, above)." };
  const { measure, field: measured } = liveMeasure(table, display.measure);
  const rows = app.runMap(view, field.id, display.map, measure);
  // Money is never added across currencies: the map shows the currency most places have.
  const counts = new Map<string, number>();
  for (const p of rows.places) for (const key of p.values.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  const series = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "";
  const format = formatter(measure, measured);
  const label = measureLabel(measure, liveFields(table));
  return {
    ok: true,
    total: rows.total,
    map: {
      kind: display.map,
      title: `${view.name === "All records" ? table.name : view.name}: ${field.name}`,
      measureLabel: series === "" ? label : `${label} (${series})`,
      series,
      places: rows.places,
      notPlaced: rows.notPlaced,
      format: (v) => format(v, series),
      hrefFor: (p) => linkTo(p),
    },
  };
}
