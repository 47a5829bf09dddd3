// A view drawn as a chart or a map at the view's own address (tables/<t>/views/<v>): the
// table page's header, tabs and view bar, then the picture's settings, the SVG drawn on the
// server (links on each bar, slice or place open the view filtered to it: plain links, so it
// all works without JavaScript), the numbers as a table beside it, and downloads (SVG from
// the server for a saved view; PNG made in the browser by /chart.js).

import { liveFields, type Table } from "../../schema/model";
import { CHART_KINDS, type ChartDisplay, MAP_KINDS, type MapDisplay, STACKING_KINDS } from "../../schema/views/display";
import type { PlaceRow } from "../../schema/views/map-sql";
import { fieldType } from "../../schema/fields/registry";
import { canGroup, canSummarise, GROUP_PARTS } from "../../schema/views/query";
import { SUMMARY_KINDS, type ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { count } from "../format";
import { chartData, type GroupTarget, groupHash, mapPicture } from "../pictures/build";
import { ChartSvg } from "../pictures/chart-svg";
import { MapSvg } from "../pictures/map-svg";
import { type ChartData, MEASURE_LABELS } from "../pictures/picture-data";
import { ExportMenu } from "./export-menu";
import { recomputingNote, staleUses } from "./table-grid";
import type { TablePage } from "./table-page";
import { viewControls, viewTabs } from "./view-bar";

const CHART_LABELS = { bar: "Bar", column: "Column", line: "Line", area: "Area", pie: "Pie", donut: "Donut" } as const;
const MAP_LABELS = { countries: "Countries", states: "US states", provinces: "Canadian provinces", points: "Cities" } as const;
const PLACE_PARTS = { countries: "country", states: "state", provinces: "state", points: "city" } as const;
/** Most places or groups listed in the table beside a picture. */
const TABLE_ROWS = 60;

function measureForm(r: Renderer<TroveApp>, page: TablePage, table: Table, display: ChartDisplay | MapDisplay) {
  const chosen = display.measure ? `${display.measure.fieldId} ${display.measure.kind}` : "";
  return (
    <form {...r.form} class="measure-form">
      <label for="measure-choice">Measure</label>
      <select id="measure-choice" name={r.input(page, page.setState, "measureChoice")}>
        <option value="" selected={chosen === ""}>Count of records</option>
        {liveFields(table).flatMap((f) => SUMMARY_KINDS.filter((k): k is Exclude<typeof k, "filled" | "percent" | "earliest" | "latest"> => k !== "filled" && k !== "percent" && k !== "earliest" && k !== "latest" && canSummarise(f.type, k)).map((k) => <option value={`${f.id} ${k}`} selected={chosen === `${f.id} ${k}`}>{MEASURE_LABELS[k]} of {f.name}</option>))}
      </select>
      <button class="button small" {...r.submit(page, page.setMeasure)}>Apply</button>
    </form>
  );
}

/** "Stack by": a second grouping of a bar, column, line or area chart (the view's grouping is
 *  the first), chosen like the view's Group menu. */
function stackForm(r: Renderer<TroveApp>, page: TablePage, table: Table, view: ViewDefinition, display: ChartDisplay) {
  if (!STACKING_KINDS.includes(display.chart)) return null;
  const chosen = display.stack ? `${display.stack.fieldId}${display.stack.part ? ` ${display.stack.part}` : ""}` : "";
  const same = (fieldId: string, part: string | null) => view.group?.fieldId === fieldId && view.group.part === part;
  const lines = display.chart === "line" || display.chart === "area";
  return (
    <form {...r.form} class="measure-form stack-form">
      <label for="stack-choice">{lines ? "A line per" : "Stack by"}</label>
      <select id="stack-choice" name={r.input(page, page.setState, "stackChoice")}>
        <option value="" selected={chosen === ""}>Nothing</option>
        {liveFields(table).flatMap((f) => [
          ...(canGroup(f.type, null) && !same(f.id, null) ? [<option value={f.id} selected={chosen === f.id}>{f.name}</option>] : []),
          ...(GROUP_PARTS.get(f.type) ?? []).filter((part) => !same(f.id, part)).map((part) => <option value={`${f.id} ${part}`} selected={chosen === `${f.id} ${part}`}>{f.name}: {(fieldType(f.type).parts.find((p) => p.name === part)?.label ?? part).toLowerCase()}</option>),
        ])}
      </select>
      <button class="button small" {...r.submit(page, page.setStack)}>{lines ? "Split" : "Stack"}</button>
    </form>
  );
}

function settings(r: Renderer<TroveApp>, page: TablePage, table: Table, view: ViewDefinition, display: ChartDisplay | MapDisplay) {
  const locations = liveFields(table).filter((f) => f.type === "location");
  return (
    <div class="picture-settings">
      {display.kind === "chart" ? (
        <nav class="segmented" aria-label="Kind of chart">
          {CHART_KINDS.map((k) => <a class={display.chart === k ? "button small pressed" : "button small"} href={r.href(page, page.setChartKind, k)} aria-current={display.chart === k ? "true" : undefined}>{CHART_LABELS[k]}</a>)}
        </nav>
      ) : (
        <>
          <nav class="segmented" aria-label="Kind of map">
            {MAP_KINDS.map((k) => <a class={display.map === k ? "button small pressed" : "button small"} href={r.href(page, page.setMapKind, k)} aria-current={display.map === k ? "true" : undefined}>{MAP_LABELS[k]}</a>)}
          </nav>
          {locations.length > 1 && (
            <nav class="segmented" aria-label="Location field">
              {locations.map((f) => <a class={display.fieldId === f.id ? "button small pressed" : "button small"} href={r.href(page, page.setMapField, f.id)}>{f.name}</a>)}
            </nav>
          )}
        </>
      )}
      {measureForm(r, page, table, display)}
      {display.kind === "chart" && stackForm(r, page, table, view, display)}
    </div>
  );
}

function downloads(r: Renderer<TroveApp>, view: ViewDefinition, savedAsShown: boolean) {
  return (
    <p class="picture-downloads">
      {savedAsShown ? (
        <a class="button small" href={`/t/${r.app.databaseName}/tables/${view.tableId}/views/${view.id}/picture.svg`} download="">Download SVG</a>
      ) : (
        <span class="muted">Save the view to download it as SVG.</span>
      )}
      <button class="button small" type="button" data-png="">Download PNG</button>
    </p>
  );
}

/** The table page of a view shown as a chart or a map. */
export function viewPicture(r: Renderer<TroveApp>, page: TablePage, table: Table, view: ViewDefinition, display: ChartDisplay | MapDisplay, saveState: { draft: boolean; mayChange: boolean; stored: boolean }) {
  const app = r.app;
  const drillHref = (target: GroupTarget) => r.href(page, page.drillInto, [target.fieldId, target.part, target.kind, target.key, target.label]);
  // One callback per place, shared by the map and the table beside it; at most 300 linked.
  const placeLinks = new Map<string, string | null>();
  const placeHref = (p: PlaceRow) => {
    if (display.kind !== "map") return null;
    if (!placeLinks.has(p.id)) placeLinks.set(p.id, placeLinks.size < 300 ? r.href(page, page.drillInto, [display.fieldId, PLACE_PARTS[display.map], 0, p.groupKey, p.label]) : null);
    return placeLinks.get(p.id) ?? null;
  };
  // A stacked segment: one keyed callback per value of the second grouping, keyed by its group.
  const segmentHref = (group: Parameters<typeof groupHash>[0], stack: GroupTarget) => r.href(page, page.drillSegment, [stack.fieldId, stack.part, stack.kind, stack.key, stack.label], groupHash(group));
  const chart = display.kind === "chart" ? chartData(app, table, view, display, drillHref, segmentHref) : null;
  const map = display.kind === "map" ? mapPicture(app, table, view, display, placeHref) : null;
  const result = chart ?? map;
  const total = result?.ok ? result.total : 0;
  const progress = app.derived.progress(table.id);
  return (
    <section class="page wide" aria-labelledby="page-title">
      <header class="page-header">
        <a class="back" href={r.hrefTo("tables", page, page.back)}>← Tables</a>
        <h1 id="page-title">{table.name}</h1>
        <p class="muted">{count(total, "record")}</p>
        <span class="spacer" />
        <ExportMenu database={app.databaseName} tableId={table.id} />
      </header>
      {viewTabs(r, page, table, app.views(table.id), page.state.viewId)}
      {viewControls(r, page, table, view, app.runView({ ...view, summaries: [] }, { offset: 0, limit: 0 }).inactive, saveState)}
      {progress && recomputingNote(liveFields(table), progress, staleUses(progress.fieldIds, view, null))}
      {page.state.error && <p class="form-error" role="alert">{page.state.error}</p>}
      {settings(r, page, table, view, display)}
      {result && !result.ok && <p class="empty picture-empty">{result.reason}</p>}
      {result?.ok && (
        <div class={chart?.ok && chart.data.stack ? "picture picture-stacked" : "picture"}>
          <figure class="picture-figure" data-picture="">
            {chart?.ok ? <ChartSvg data={chart.data} kind={(display as ChartDisplay).chart} idPrefix="picture" /> : map?.ok ? <MapSvg map={map.map} idPrefix="picture" /> : null}
            {chart?.ok && chart.data.stack && chart.data.stack.left > 0 && (
              <figcaption class="muted">
                {count(chart.data.stack.left, "more value")} of {chart.data.stack.label} not drawn: {chart.data.measureLabel.toLowerCase()} does not add up into “Other”, so only the values with the most records are shown.
              </figcaption>
            )}
            {map?.ok && map.map.notPlaced > 0 && (
              <figcaption>
                <a href={r.href(page, page.showNotPlaced, [(display as MapDisplay).fieldId, (display as MapDisplay).map])}>{map.map.notPlaced.toLocaleString("en")} not placed</a>
                <span class="muted"> — records whose place this map cannot show</span>
              </figcaption>
            )}
            {downloads(r, view, saveState.stored && !saveState.draft)}
          </figure>
          {chart?.ok && (chart.data.stack ? stackedTable(chart.data) : numbersTable(chart.data.groups.map((g) => ({ label: g.label, href: g.href, values: chart.data.series.map((s) => ({ text: g.values.has(s.key) ? chart.data.format(g.values.get(s.key) ?? 0, s.key) : "—", href: null })) })), chart.data.groups[0] ? "Group" : "", chart.data.series.map((s) => (chart.data.series.length > 1 ? s.label : chart.data.measureLabel))))}
          {map?.ok && numbersTable([...map.map.places].sort((a, b) => (b.values.get(map.map.series) ?? 0) - (a.values.get(map.map.series) ?? 0)).map((p) => ({ label: p.label, href: placeHref(p), values: [...p.values.entries()].map(([c, v]) => ({ text: formatPlace(map.map.format, map.map.series, c, v), href: null })) })), "Place", [map.map.measureLabel])}
        </div>
      )}
    </section>
  );
}

const formatPlace = (format: (v: number) => string, series: string, currency: string, value: number) => (currency === series ? format(value) : `${value.toLocaleString("en")} ${currency}`);

/** The numbers of a stacked chart: a row per group, a column per value of the second grouping
 *  (each cell opens the records of both), and the group's total. Below the chart at its width
 *  (.picture-stacked), so its eight or nine columns read without scrolling sideways; a span's
 *  heading ("2005–2008") never breaks at its dash (word joiners). */
function stackedTable(data: ChartData) {
  const entries = data.stack?.entries ?? [];
  const text = (values: Map<string, number> | undefined) => {
    const shown = data.series.filter((s) => values?.has(s.key));
    return shown.length === 0 ? "—" : shown.map((s) => data.format(values?.get(s.key) ?? 0, s.key)).join(" · ");
  };
  const rows = data.groups.map((g) => ({
    label: g.label,
    href: g.href,
    values: [...entries.map((e) => {
      const cell = g.cells?.get(e.key);
      return { text: text(cell?.values), href: cell ? cell.href : null };
    }), { text: text(g.values), href: null }],
  }));
  return numbersTable(rows, `${data.stack?.groupLabel ?? "Group"} / ${data.stack?.label ?? ""}`, [...entries.map((e) => e.label.replace(/(\S)–(\S)/g, "$1\u2060–\u2060$2")), "Total"], `${data.measureLabel} by ${data.stack?.groupLabel ?? "group"} and ${data.stack?.label ?? ""}`);
}

function numbersTable(rows: { label: string; href: string | null; values: { text: string; href: string | null }[] }[], head: string, columns: string[], caption = "") {
  return (
    <div class="picture-numbers">
      <table class="numbers">
        <caption class={caption ? "numbers-caption" : "visually-hidden"}>{caption || "The numbers in the picture"}</caption>
        <thead>
          <tr>
            <th scope="col">{head || "Group"}</th>
            {columns.map((c) => <th scope="col" class="num">{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, TABLE_ROWS).map((row) => (
            <tr>
              <th scope="row">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</th>
              {row.values.map((v) => <td class="num">{v.href ? <a href={v.href}>{v.text}</a> : v.text}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > TABLE_ROWS && <p class="muted">and {count(rows.length - TABLE_ROWS, "more row")}</p>}
    </div>
  );
}
