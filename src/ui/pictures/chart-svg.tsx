// A chart as SVG, drawn on the server with d3-scale and d3-shape (pure functions, no DOM, no
// eval): bar and column (one bar per series — money: per currency — side by side; split by a
// second grouping, stacked, or side by side for a measure that does not add up), line and
// area over the groups in order (a date part; one line per value of a second grouping), pie
// and donut (one per series). The SVG is self-contained (colours and fonts as attributes, so
// a downloaded file or a PNG made from it looks the same), accessible (title and description;
// every mark has its own title, the hover detail without JavaScript) and bounded: at most
// MAX_BARS groups, MAX_STACKS values of a second grouping (./stack.ts) or
// MAX_SLICES slices (./pie-svg.tsx), whatever the number of records.

import { type ScaleLinear, scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { area, line } from "d3-shape";
import type { ChartKind } from "../../schema/views/display";
import type { ChartData, ChartGroup, Series } from "./picture-data";
import { Pies } from "./pie-svg";
import { clip, color, FONT, HEIGHT, INK, INK_2, Mark, RULE, seriesColor, WIDTH } from "./svg-kit";

export const MAX_BARS = 60;
export const MAX_POINTS = 400;
/** The height of one currency's panel. */
export const PANEL = 230;
/** The title row's height; a legend's rows come below it. */
const HEAD = 44;
const LEGEND_ITEM = 146;
const LEGEND_ROW = 20;
const LEGEND_PER_ROW = Math.floor((WIDTH - 32) / LEGEND_ITEM);


/** The groups a chart of `kind` draws: the first MAX_BARS (or MAX_POINTS for lines). */
export function drawnGroups(kind: ChartKind, groups: readonly ChartGroup[]): ChartGroup[] {
  return groups.slice(0, kind === "line" || kind === "area" ? MAX_POINTS : kind === "pie" || kind === "donut" ? groups.length : MAX_BARS);
}

/** "Records by Instrument: Violin 12, Cello 8, … (3 more)": the chart's description; split by
 *  a second grouping, each group's parts follow it ("Violin 12 (Yes 10, No 2)"). */
export function describe(data: ChartData, limit = 8): string {
  const value = (values: Map<string, number>, s: Series) => (values.has(s.key) ? data.format(values.get(s.key) ?? 0, s.key) : "—");
  const parts = data.groups.slice(0, limit).map((g) => {
    const own = `${g.label} ${data.series.map((s) => value(g.values, s)).join(" / ")}`;
    const split = data.stack?.entries.flatMap((e) => {
      const cell = g.cells?.get(e.key);
      return cell && cell.values.size > 0 ? [`${e.label} ${data.series.filter((s) => cell.values.has(s.key)).map((s) => value(cell.values, s)).join(" / ")}`] : [];
    });
    return split && split.length > 0 ? `${own} (${split.join(", ")})` : own;
  });
  const more = data.groups.length - limit;
  const by = data.stack ? ` by ${data.stack.label}${data.stack.left > 0 ? ` (${data.stack.left} more values not drawn)` : ""}` : "";
  return `${data.measureLabel}${by}${data.series.length > 1 ? ` in ${data.series.map((s) => s.label).join(", ")}` : ""}: ${parts.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}.`;
}

/** Rows of legend needed for `series` (none for one series). */
const legendRows = (series: readonly Series[]) => (series.length < 2 ? 0 : Math.ceil(series.length / LEGEND_PER_ROW));

function Legend({ series, y }: { series: readonly Series[]; y: number }) {
  if (series.length < 2) return null;
  return (
    <g class="legend" font-size="12" fill={INK_2}>
      {series.map((s, i) => (
        <g transform={`translate(${16 + (i % LEGEND_PER_ROW) * LEGEND_ITEM},${y + Math.floor(i / LEGEND_PER_ROW) * LEGEND_ROW})`}>
          <rect width="12" height="12" rx="2" fill={seriesColor(s.key, i)} />
          <text x="18" y="10">{clip(s.label, 20)}</text>
        </g>
      ))}
    </g>
  );
}

/** The value axis's extent over the series drawn (always including 0); stacked, over each
 *  group's positive and negative totals. */
function extent(groups: readonly ChartGroup[], data: ChartData, stacked: boolean): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const g of groups) {
    let down = 0;
    let up = 0;
    for (const s of data.series) {
      const v = g.values.get(s.key);
      if (v === undefined) continue;
      if (!stacked) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      else if (v < 0) down += v;
      else up += v;
    }
    if (stacked) [lo, hi] = [Math.min(lo, down), Math.max(hi, up)];
  }
  return [lo, hi === lo ? lo + 1 : hi];
}

/** Each series' span in a group: stacked one on another (negatives downwards), or each from 0. */
function spans(g: ChartGroup, series: readonly Series[], stacked: boolean): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  let down = 0;
  let up = 0;
  for (const s of series) {
    const v = g.values.get(s.key);
    if (v === undefined) continue;
    if (!stacked) out.set(s.key, [0, v]);
    else if (v < 0) {
      out.set(s.key, [down + v, down]);
      down += v;
    } else {
      out.set(s.key, [up, up + v]);
      up += v;
    }
  }
  return out;
}

function tip(data: ChartData, g: ChartGroup, s: Series): string {
  const value = data.format(g.values.get(s.key) ?? 0, s.key);
  if (data.stack) return `${g.label} · ${s.label}: ${value}`;
  return `${g.label}: ${value}${data.series.length > 1 ? ` (${s.label})` : ""}`;
}

/** A value scale's grid lines and tick labels: across the plot with labels on the left (columns
 *  and lines: `along` "y"), or down it with labels below (bars: "x"). */
function ValueAxis({ scale, along, from, to, label }: { scale: ScaleLinear<number, number>; along: "x" | "y"; from: number; to: number; label: number }) {
  const format = scale.tickFormat(5);
  return (
    <g class={`axis ${along}-axis`} font-size="11" fill={INK_2}>
      {scale.ticks(5).map((t) =>
        along === "y" ? (
          <g transform={`translate(0,${scale(t)})`}>
            <line x1={from} x2={to} stroke={RULE} />
            <text x={label} dy="0.32em" text-anchor="end">{format(t)}</text>
          </g>
        ) : (
          <g transform={`translate(${scale(t)},0)`}>
            <line y1={from} y2={to} stroke={RULE} />
            <text y={label} text-anchor="middle">{format(t)}</text>
          </g>
        ),
      )}
    </g>
  );
}

type Panel = { data: ChartData; groups: ChartGroup[]; top: number; height: number; hue?: number; stacked?: boolean };

/** Where one bar goes: group `i`, its series' band `key` ("" when stacked), from value `a` to `b`. */
type Place = (i: number, key: string, a: number, b: number) => { x: number; y: number; width: number; height: number };

/** The bars of columns or bars (the two differ only in `place`): one per group and series,
 *  stacked or side by side, each a mark with its tip and link. */
function Bars({ data, groups, stacked, hue, place }: { data: ChartData; groups: ChartGroup[]; stacked: boolean; hue: number; place: Place }) {
  return (
    <g class="bars">
      {groups.map((g, i) => {
        const at = spans(g, data.series, stacked);
        return data.series.map((s, j) => {
          const span = at.get(s.key);
          if (!span) return null;
          return (
            <Mark href={g.hrefs?.get(s.key) ?? g.href} tip={tip(data, g, s)}>
              <rect class="bar" {...place(i, stacked ? "" : s.key, span[0], span[1])} rx={stacked ? "0" : "2"} fill={seriesColor(s.key, j + hue)} />
            </Mark>
          );
        });
      })}
    </g>
  );
}

function Column({ data, groups, top, height, hue = 0, stacked = false }: Panel) {
  const m = { top, right: 20, bottom: groups.length > 8 ? 92 : 48, left: 64 };
  const x = scaleBand<number>().domain(groups.map((_, i) => i)).range([m.left, WIDTH - m.right]).padding(0.2);
  const y = scaleLinear().domain(extent(groups, data, stacked)).nice().range([height - m.bottom, m.top]);
  const sub = scaleBand<string>().domain(stacked ? [""] : data.series.map((s) => s.key)).range([0, x.bandwidth()]).padding(0.06);
  const rotate = groups.length > 8;
  return (
    <g>
      <ValueAxis scale={y} along="y" from={m.left} to={WIDTH - m.right} label={m.left - 8} />
      <Bars data={data} groups={groups} stacked={stacked} hue={hue} place={(i, key, a, b) => ({ x: (x(i) ?? 0) + (sub(key) ?? 0), y: Math.min(y(a), y(b)), width: Math.max(1, sub.bandwidth()), height: Math.max(1, Math.abs(y(a) - y(b))) })} />
      <g class="axis x-axis" font-size="11" fill={INK_2}>
        <line x1={m.left} x2={WIDTH - m.right} y1={y(0)} y2={y(0)} stroke={INK_2} />
        {groups.map((g, i) => {
          const cx = (x(i) ?? 0) + x.bandwidth() / 2;
          const ty = height - m.bottom + 16;
          return rotate ? (
            <text transform={`translate(${cx},${ty}) rotate(-40)`} text-anchor="end">{clip(g.label, 16)}</text>
          ) : (
            <text x={cx} y={ty} text-anchor="middle">{clip(g.label, Math.max(4, Math.floor(x.bandwidth() / 7)))}</text>
          );
        })}
      </g>
    </g>
  );
}

/** The height a bar chart's panel needs: a band per group (per group and series, side by side). */
const barsHeight = (groups: number, series: number, stacked: boolean) => 32 + groups * (stacked ? 1.6 : series) * 14;

function Bar({ data, groups, top, height, hue = 0, stacked = false }: Panel) {
  const m = { top, right: 28, bottom: 32, left: 150 };
  const y = scaleBand<number>().domain(groups.map((_, i) => i)).range([m.top, height - m.bottom]).padding(0.2);
  const x = scaleLinear().domain(extent(groups, data, stacked)).nice().range([m.left, WIDTH - m.right]);
  const sub = scaleBand<string>().domain(stacked ? [""] : data.series.map((s) => s.key)).range([0, y.bandwidth()]).padding(0.06);
  return (
    <g>
      <ValueAxis scale={x} along="x" from={m.top} to={height - m.bottom} label={height - m.bottom + 16} />
      <Bars data={data} groups={groups} stacked={stacked} hue={hue} place={(i, key, a, b) => ({ x: Math.min(x(a), x(b)), y: (y(i) ?? 0) + (sub(key) ?? 0), width: Math.max(1, Math.abs(x(a) - x(b))), height: Math.max(1, sub.bandwidth()) })} />
      <g class="axis y-axis" font-size="11" fill={INK_2}>
        <line x1={x(0)} x2={x(0)} y1={m.top} y2={height - m.bottom} stroke={INK_2} />
        {groups.map((g, i) => (
          <text x={m.left - 8} y={(y(i) ?? 0) + y.bandwidth() / 2} dy="0.32em" text-anchor="end">{clip(g.label, 22)}</text>
        ))}
      </g>
    </g>
  );
}

function Lines({ data, groups, filled, top, height, hue = 0 }: Panel & { filled: boolean }) {
  const m = { top, right: 24, bottom: 56, left: 64 };
  const x = scalePoint<number>().domain(groups.map((_, i) => i)).range([m.left + 8, WIDTH - m.right - 8]);
  const y = scaleLinear().domain(extent(groups, data, false)).nice().range([height - m.bottom, m.top]);
  const every = Math.max(1, Math.ceil(groups.length / 12));
  return (
    <g>
      <ValueAxis scale={y} along="y" from={m.left} to={WIDTH - m.right} label={m.left - 8} />
      {data.series.map((s, j) => {
        const points = groups.flatMap((g, i) => (g.values.has(s.key) ? [[x(i) ?? 0, y(g.values.get(s.key) ?? 0)] as [number, number]] : []));
        const path = line()(points) ?? "";
        const fill = filled ? (area().y0(y(0))(points) ?? "") : "";
        return (
          <g class="series">
            {filled && <path class="area" d={fill} fill={seriesColor(s.key, j + hue)} fill-opacity="0.18" />}
            <path class="line" d={path} fill="none" stroke={seriesColor(s.key, j + hue)} stroke-width="2.5" stroke-linejoin="round" />
            {groups.length <= 120 &&
              groups.map((g, i) =>
                g.values.has(s.key) ? (
                  <Mark href={g.hrefs?.get(s.key) ?? g.href} tip={tip(data, g, s)}>
                    <circle class="point" cx={x(i)} cy={y(g.values.get(s.key) ?? 0)} r="4" fill="#ffffff" stroke={seriesColor(s.key, j + hue)} stroke-width="2" />
                  </Mark>
                ) : null,
              )}
          </g>
        );
      })}
      <g class="axis x-axis" font-size="11" fill={INK_2}>
        <line x1={m.left} x2={WIDTH - m.right} y1={y(0)} y2={y(0)} stroke={INK_2} />
        {groups.map((g, i) => (i % every === 0 ? <text x={x(i)} y={height - m.bottom + 18} text-anchor="middle">{clip(g.label, 12)}</text> : null))}
      </g>
    </g>
  );
}

/** One currency's part of a stacked chart: the second grouping's values as its series. */
function stackedPanel(data: ChartData, groups: readonly ChartGroup[], currency: string): { data: ChartData; groups: ChartGroup[] } {
  const entries = data.stack?.entries ?? [];
  return {
    data: { ...data, series: entries, format: (v) => data.format(v, currency) },
    groups: groups.map((g) => ({
      label: g.label,
      href: g.href,
      values: new Map(entries.flatMap((e) => {
        const v = g.cells?.get(e.key)?.values.get(currency);
        return v === undefined ? [] : [[e.key, v] as [string, number]];
      })),
      hrefs: new Map(entries.map((e) => [e.key, g.cells?.get(e.key)?.href ?? null])),
    })),
  };
}

type Plan = { title: string | null; data: ChartData; groups: ChartGroup[]; height: number; hue: number };

/** What a bar, column, line or area chart draws: one panel, or one per currency (amounts in
 *  different currencies share no axis), each with its own scale. */
function plan(data: ChartData, kind: ChartKind, groups: ChartGroup[]): Plan[] {
  const bars = kind === "bar";
  const single = (d: ChartData, g: ChartGroup[], stacked: boolean) => (bars ? Math.max(HEIGHT - HEAD, barsHeight(g.length, d.series.length, stacked)) : HEIGHT - HEAD);
  const panel = (d: ChartData, g: ChartGroup[], stacked: boolean) => (bars ? Math.max(PANEL, 24 + barsHeight(g.length, d.series.length, stacked)) : PANEL);
  if (data.stack) {
    const stacked = data.stack.additive && kind !== "line" && kind !== "area";
    const parts = data.series.map((s) => ({ s, ...stackedPanel(data, groups, s.key) }));
    if (parts.length === 1) return parts.map((p) => ({ title: null, data: p.data, groups: p.groups, height: single(p.data, p.groups, stacked), hue: 0 }));
    return parts.map((p) => ({ title: p.s.label, data: p.data, groups: p.groups, height: panel(p.data, p.groups, stacked), hue: 0 }));
  }
  if (!bars && data.series.length > 1) return data.series.map((s, j) => ({ title: s.label, data: { ...data, series: [s] }, groups, height: PANEL, hue: j }));
  return [{ title: null, data, groups, height: single(data, groups, false), hue: 0 }];
}

/** The chart of `data` as one <svg> element; `idPrefix` keeps ids unique on a page. */
export function ChartSvg({ data, kind, idPrefix = "chart" }: { data: ChartData; kind: ChartKind; idPrefix?: string }) {
  const groups = drawnGroups(kind, data.groups);
  const round = kind === "pie" || kind === "donut";
  const panels = round ? [] : plan(data, kind, groups);
  // A legend names the second grouping's values, or a bar chart's currencies side by side.
  const legend = round ? [] : data.stack ? data.stack.entries : kind === "bar" ? data.series : [];
  const top = HEAD + legendRows(legend) * LEGEND_ROW;
  const height = round || groups.length === 0 ? HEIGHT : top + panels.reduce((n, p) => n + p.height, 0);
  const stacked = !!data.stack?.additive && kind !== "line" && kind !== "area";
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  let y = top;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-labelledby={`${titleId} ${descId}`} font-family={FONT} data-kind={kind} data-stacked={data.stack ? (stacked ? "stacked" : "side by side") : undefined}>
      <title id={titleId}>{data.title}</title>
      <desc id={descId}>{describe(data)}</desc>
      <rect class="chart-bg" width={WIDTH} height={height} fill="#ffffff" />
      <text class="chart-title" x="16" y="24" font-size="15" font-weight="600" fill={INK}>{clip(data.title, 70)}</text>
      <text class="chart-measure" x={WIDTH - 16} y="24" font-size="12" text-anchor="end" fill={INK_2}>{data.measureLabel}</text>
      {groups.length === 0 ? (
        <text x={WIDTH / 2} y={HEIGHT / 2} text-anchor="middle" font-size="14" fill={INK_2}>No records to chart.</text>
      ) : round ? (
        <Pies data={data} groups={groups} donut={kind === "donut"} />
      ) : (
        panels.map((p) => {
          const at = y;
          y += p.height;
          const inner = p.title === null ? at : at + 24;
          const props = { data: p.data, groups: p.groups, top: inner, height: at + p.height, hue: p.hue, stacked };
          const drawn = kind === "column" ? <Column {...props} /> : kind === "bar" ? <Bar {...props} /> : <Lines {...props} filled={kind === "area"} />;
          return p.title === null ? (
            drawn
          ) : (
            <g class="panel">
              <text class="panel-title" x="16" y={at + 14} font-size="12" font-weight="600" fill={data.stack ? INK : color(p.hue)}>{p.title}</text>
              {drawn}
            </g>
          );
        })
      )}
      {groups.length > 0 && <Legend series={legend} y={HEAD - 12} />}
    </svg>
  );
}
