// A view's picture from its data, for the page and for the SVG download alike: runs the
// grouped view with only the chart's measure (one GROUP BY, no page of records) or the map's
// per-place query, and names what it draws the way the grid names it. The caller says how a
// group or place links back to the view filtered to it (the page: a callback link; a file:
// no link).

import { fieldType, formatCell } from "../../schema/fields/registry";
import { type Field, liveFields, type Table } from "../../schema/model";
import { type ChartDisplay, type MapDisplay, type Measure, STACKING_KINDS } from "../../schema/views/display";
import { isEach, rangePart, readRangeKey } from "../../schema/views/group-kinds";
import type { PlaceRow } from "../../schema/views/map-sql";
import { canGroup, canSummarise } from "../../schema/views/query";
import type { GroupKey, ViewGroup } from "../../schema/views/result";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { MapPicture } from "./map-svg";
import { type ChartData, type ChartGroup, groupValues, measureLabel, seriesOf } from "./picture-data";
import { adds, type StackEntry, type StackKey, splitGroups, stackEntries } from "./stack";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** What a group drills into: the field, its part, the key (null: empty; a span of an ordered
 *  part: [from, to]) and its label. */
export type GroupTarget = { fieldId: string; part: string | null; kind: number; key: StackKey; label: string };

/** A short, stable name of a group's key (a callback key: letters and digits only), so a
 *  click on a stacked segment names its group without a callback per segment. */
export function groupHash(group: GroupKey): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify([group.kind, group.key])) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}

const partName = (field: Field, part: string | null) => (part ? ` (${fieldType(field.type).parts.find((p) => p.name === part)?.label.toLowerCase() ?? part})` : "");

/** The view's group whose `groupHash` is `hash`, as a drill-down target (null: gone). */
export function findGroup(app: TroveApp, table: Table, view: ViewDefinition, hash: string): GroupTarget | null {
  const group = view.group;
  const field = group ? liveFields(table).find((f) => f.id === group.fieldId) : undefined;
  if (!group || !field) return null;
  const found = app.runView({ ...view, summaries: [] }, { offset: 0, limit: 0 }).groups?.find((g) => groupHash(g) === hash);
  return found ? { fieldId: field.id, part: group.part, kind: found.kind, key: found.key, label: groupLabel(app, found, field, group.part) } : null;
}

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

export function groupLabel(app: TroveApp, group: Pick<ViewGroup, "kind" | "key" | "sample">, field: Field, part: string | null): string {
  if (group.kind === 1) return part && !rangePart(part) ? `No ${fieldType(field.type).parts.find((p) => p.name === part)?.label.toLowerCase() ?? part}` : `No ${field.name}`;
  if (group.kind === 2) return "Not understood";
  // A record under each of its options or linked records: the option's label, the record's name.
  if (isEach(field.type, part) && group.key !== null) return app.display(field, { text: String(group.key), value: [group.key] }) || String(group.key);
  const range = rangePart(part) && typeof group.key === "string" ? readRangeKey(group.key) : null;
  if (range) {
    const at = (n: number) => app.display(field, { text: String(n), value: field.type === "money" ? { amount: n, currency: range.currency } : n });
    return `${at(range.from)} – ${at(range.to)}`;
  }
  if (part === null) return app.display(field, group.sample ?? undefined) || "(blank)";
  if (part === "weekday" && typeof group.key === "number") return WEEKDAYS[group.key - 1] ?? String(group.key);
  return String(group.key);
}

/** The chart's data, or why the view cannot be charted yet. `segmentLink` links a stacked
 *  segment (the group and the second grouping's value). */
export function chartData(
  app: TroveApp,
  table: Table,
  view: ViewDefinition,
  display: ChartDisplay,
  linkTo: (target: GroupTarget) => string | null,
  segmentLink: (group: GroupKey, stack: GroupTarget) => string | null = () => null,
): { ok: true; data: ChartData; total: number } | { ok: false; reason: string } {
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
  const title = `${view.name === "All records" ? table.name : view.name}: by ${groupField.name}${partName(groupField, group.part)}`;
  const data: ChartData = { title, measureLabel: measureLabel(measure, liveFields(table)), series: seriesOf(groups), groups, format: formatter(measure, field) };
  const stackBy = display.stack;
  const stackField = stackBy && STACKING_KINDS.includes(display.chart) ? liveFields(table).find((f) => f.id === stackBy.fieldId) : undefined;
  if (stackBy && stackField && canGroup(stackField.type, stackBy.part)) {
    const cells = app.runStack(view, stackBy, measure);
    const entries = stackEntries(cells, stackBy.part, measure, (v) => groupLabel(app, { kind: v.key.kind, key: v.key.key, sample: v.sample }, stackField, stackBy.part));
    const link = (g: GroupKey, e: StackEntry) => segmentLink(g, { fieldId: stackField.id, part: stackBy.part, kind: e.kind, key: e.key, label: e.series.label });
    const split = splitGroups(run.groups, groups, cells, entries, link, adds(measure), `${stackField.name}${partName(stackField, stackBy.part)}`);
    data.stack = { ...split, groupLabel: `${groupField.name}${partName(groupField, group.part)}` };
    data.title = `${title}, by ${stackField.name}${partName(stackField, stackBy.part)}`;
  }
  return { ok: true, total: run.total, data };
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
