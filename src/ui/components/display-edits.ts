// Pure edits of a view's display (how it is drawn), used by the view bar's "Show as" and
// chart/map settings, and the drill-down a click on a bar, slice or place makes: the view
// filtered to that group, shown as a grid. Arguments come from callbacks registered at render
// time, but are checked again here (stale states, deleted fields).

import type { Json } from "../../schema/fields/field-type";
import { liveFields, type Table } from "../../schema/model";
import { CHART_KINDS, type ChartDisplay, type Display, displayOf, MAP_KINDS, type MapDisplay, type Measure } from "../../schema/views/display";
import { canGroup, canSummarise } from "../../schema/views/query";
import { type Condition, MAX_CONDITIONS, SUMMARY_KINDS, type ViewDefinition } from "../../schema/views/view";

type Edited = { ok: true; view: ViewDefinition } | { ok: false; reason: string };

const withDisplay = (view: ViewDefinition, display: Display): ViewDefinition => ({ ...view, display });

/** "grid", "chart" or "map": keeps a chart's or map's settings when switching back to it. */
export function showAs(view: ViewDefinition, table: Table, kind: Json): Edited {
  const current = displayOf(view);
  if (kind === "grid") return { ok: true, view: withDisplay(view, { kind: "grid" }) };
  if (kind === "chart") return { ok: true, view: withDisplay(view, current.kind === "chart" ? current : { kind: "chart", chart: view.group?.part && ["year", "quarter", "month", "day"].includes(view.group.part) ? "line" : "column", measure: null, stack: null }) };
  if (kind === "map") {
    if (current.kind === "map") return { ok: true, view };
    const location = liveFields(table).find((f) => f.type === "location");
    if (!location) return { ok: false, reason: "A map needs a location field (an address, a city, a country): add one to this table first." };
    return { ok: true, view: withDisplay(view, { kind: "map", map: "countries", fieldId: location.id, measure: null }) };
  }
  return { ok: false, reason: "Choose grid, chart or map." };
}

export function setChartKind(view: ViewDefinition, kind: Json): Edited {
  const d = displayOf(view);
  const chart = CHART_KINDS.find((k) => k === kind);
  if (d.kind !== "chart" || !chart) return { ok: false, reason: "Choose a kind of chart." };
  return { ok: true, view: withDisplay(view, { ...d, chart } satisfies ChartDisplay) };
}

export function setMapKind(view: ViewDefinition, kind: Json): Edited {
  const d = displayOf(view);
  const map = MAP_KINDS.find((k) => k === kind);
  if (d.kind !== "map" || !map) return { ok: false, reason: "Choose a kind of map." };
  return { ok: true, view: withDisplay(view, { ...d, map } satisfies MapDisplay) };
}

export function setMapField(view: ViewDefinition, table: Table, fieldId: Json): Edited {
  const d = displayOf(view);
  const field = liveFields(table).find((f) => f.id === fieldId && f.type === "location");
  if (d.kind !== "map" || !field) return { ok: false, reason: "Choose a location field." };
  return { ok: true, view: withDisplay(view, { ...d, fieldId: field.id }) };
}

/** `choice`: "" for none, or "<field id>" or "<field id> <part>" (as the view's Group menu
 *  writes it): the chart's second grouping. It must differ from the view's own grouping. */
export function setStack(view: ViewDefinition, table: Table, choice: string): Edited {
  const d = displayOf(view);
  if (d.kind !== "chart") return { ok: false, reason: "Choose a chart first." };
  if (choice === "") return { ok: true, view: withDisplay(view, { ...d, stack: null }) };
  const [fieldId, part = null] = choice.split(" ");
  const field = liveFields(table).find((f) => f.id === fieldId);
  if (!field || !canGroup(field.type, part)) return { ok: false, reason: "Choose a field (or a part of one) to stack by." };
  if (view.group && view.group.fieldId === field.id && view.group.part === part) return { ok: false, reason: "The chart is already grouped by that: choose another field to stack by." };
  return { ok: true, view: withDisplay(view, { ...d, stack: { fieldId: field.id, part } }) };
}

/** `choice`: "" for the count, or "<field id> <summary kind>". */
export function setMeasure(view: ViewDefinition, table: Table, choice: string): Edited {
  const d = displayOf(view);
  if (d.kind !== "chart" && d.kind !== "map") return { ok: false, reason: "Choose a chart or a map first." };
  let measure: Measure = null;
  if (choice !== "") {
    const [fieldId, kind] = choice.split(" ");
    const field = liveFields(table).find((f) => f.id === fieldId);
    const summary = SUMMARY_KINDS.find((k): k is Exclude<typeof k, "percent" | "earliest" | "latest"> => k === kind && k !== "percent" && k !== "earliest" && k !== "latest");
    if (!field || !summary || !canSummarise(field.type, summary)) return { ok: false, reason: "Choose what to measure: the count, or a summary of a field." };
    measure = { fieldId: field.id, kind: summary };
  }
  return { ok: true, view: withDisplay(view, { ...d, measure }) };
}

/** The view filtered by one or two more conditions (a group; a stacked segment's two
 *  groups), shown as a grid: a drill-down from a picture. */
export function drill(view: ViewDefinition, ...conditions: Condition[]): Edited {
  const count = view.filters.reduce((n, f) => n + ("any" in f ? f.any.length : 1), 0);
  if (count + conditions.length > MAX_CONDITIONS) return { ok: false, reason: `A view has at most ${MAX_CONDITIONS} conditions: remove one to see this group.` };
  return { ok: true, view: { ...view, filters: [...view.filters, ...conditions], display: { kind: "grid" } } };
}

/** The condition that keeps one group: [field id, part, kind, key, label] from a picture. */
export function groupCondition(arg: Json): Condition | null {
  if (!Array.isArray(arg)) return null;
  const [fieldId, part, kind, key, label] = arg;
  if (typeof fieldId !== "string" || (part !== null && typeof part !== "string") || typeof label !== "string") return null;
  if (kind === 2) return { fieldId, op: "notUnderstood", args: [] };
  const isKey = (k: unknown) => typeof k === "string" || typeof k === "number";
  // A span of an ordered part: [from, to] (a stacked chart's "2003–2006").
  const span = Array.isArray(key) && key.length === 2 && isKey(key[0]) && typeof key[1] === typeof key[0];
  if (key !== null && !isKey(key) && !span) return null;
  return { fieldId, op: "inGroup", args: [label.slice(0, 200), part ?? "", JSON.stringify(key).slice(0, 200)] };
}
