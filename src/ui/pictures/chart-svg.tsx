// A chart as SVG, drawn on the server with d3-scale and d3-shape (pure functions, no DOM, no
// eval): bar and column (one bar per series — money: per currency — side by side), line and
// area over the groups in order (a date part), pie and donut (one per series). The SVG is
// self-contained (colours and fonts as attributes, so a downloaded file or a PNG made from
// it looks the same), accessible (title and description; every mark has its own title, the
// hover detail without JavaScript) and bounded: at most MAX_BARS groups or MAX_SLICES
// slices, whatever the number of records.

import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { arc, area, line, pie } from "d3-shape";
import type { ChartKind } from "../../schema/views/display";
import type { ChartData, ChartGroup } from "./picture-data";

export const WIDTH = 760;
export const HEIGHT = 420;
export const MAX_BARS = 60;
export const MAX_POINTS = 400;
export const MAX_SLICES = 12;
/** The height of one currency's panel. */
export const PANEL = 230;
export const PALETTE = ["#0d7268", "#3b6fb6", "#c2792b", "#8e5bb5", "#b8456b", "#5a8f3c", "#2f9e99", "#a0672f", "#5b6fd6", "#7b807d", "#c94f3d", "#3f7f5f"];
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const INK = "#1d1f1e";
const INK_2 = "#5b5f5c";
const RULE = "#e2e1db";

const color = (i: number) => PALETTE[i % PALETTE.length] ?? INK;
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** The groups a chart of `kind` draws: the first MAX_BARS (or MAX_POINTS for lines). */
export function drawnGroups(kind: ChartKind, groups: readonly ChartGroup[]): ChartGroup[] {
  return groups.slice(0, kind === "line" || kind === "area" ? MAX_POINTS : kind === "pie" || kind === "donut" ? groups.length : MAX_BARS);
}

/** "Records by Instrument: Violin 12, Cello 8, … (3 more)": the chart's description. */
export function describe(data: ChartData, limit = 8): string {
  const parts = data.groups.slice(0, limit).map((g) => `${g.label} ${data.series.map((s) => (g.values.has(s.key) ? data.format(g.values.get(s.key) ?? 0, s.key) : "—")).join(" / ")}`);
  const more = data.groups.length - limit;
  return `${data.measureLabel}${data.series.length > 1 ? ` in ${data.series.map((s) => s.label).join(", ")}` : ""}: ${parts.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}.`;
}

function Mark({ href, tip, children }: { href: string | null; tip: string; children: unknown }) {
  const inner = (
    <g class="mark" data-tip={tip}>
      <title>{tip}</title>
      {children}
    </g>
  );
  return href ? <a href={href}>{inner}</a> : inner;
}

function Legend({ data, x, y }: { data: ChartData; x: number; y: number }) {
  if (data.series.length < 2) return null;
  return (
    <g class="legend" font-size="12" fill={INK_2}>
      {data.series.map((s, i) => (
        <g transform={`translate(${x + i * 90},${y})`}>
          <rect width="12" height="12" rx="2" fill={color(i)} />
          <text x="18" y="10">{s.label}</text>
        </g>
      ))}
    </g>
  );
}

/** The value axis's extent over the series drawn (always including 0). */
function maxValue(groups: readonly ChartGroup[], data: ChartData): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const g of groups) for (const s of data.series) {
    const v = g.values.get(s.key);
    if (v !== undefined) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  return [lo, hi === lo ? lo + 1 : hi];
}

function tip(data: ChartData, g: ChartGroup, key: string): string {
  const s = data.series.length > 1 ? ` (${key})` : "";
  return `${g.label}: ${data.format(g.values.get(key) ?? 0, key)}${s}`;
}

type Panel = { data: ChartData; groups: ChartGroup[]; top?: number; height?: number; hue?: number };

function Column({ data, groups, top = 44, height = HEIGHT, hue = 0 }: Panel) {
  const m = { top, right: 20, bottom: groups.length > 8 ? 92 : 48, left: 64 };
  const x = scaleBand<number>().domain(groups.map((_, i) => i)).range([m.left, WIDTH - m.right]).padding(0.2);
  const y = scaleLinear().domain(maxValue(groups, data)).nice().range([height - m.bottom, m.top]);
  const sub = scaleBand<string>().domain(data.series.map((s) => s.key)).range([0, x.bandwidth()]).padding(0.06);
  const rotate = groups.length > 8;
  return (
    <g>
      <g class="axis y-axis" font-size="11" fill={INK_2}>
        {y.ticks(5).map((t) => (
          <g transform={`translate(0,${y(t)})`}>
            <line x1={m.left} x2={WIDTH - m.right} stroke={RULE} />
            <text x={m.left - 8} dy="0.32em" text-anchor="end">{y.tickFormat(5)(t)}</text>
          </g>
        ))}
      </g>
      <g class="bars">
        {groups.map((g, i) =>
          data.series.map((s, j) => {
            const v = g.values.get(s.key);
            if (v === undefined) return null;
            return (
              <Mark href={g.href} tip={tip(data, g, s.key)}>
                <rect class="bar" x={(x(i) ?? 0) + (sub(s.key) ?? 0)} y={Math.min(y(v), y(0))} width={Math.max(1, sub.bandwidth())} height={Math.max(1, Math.abs(y(v) - y(0)))} rx="2" fill={color(j + hue)} />
              </Mark>
            );
          }),
        )}
      </g>
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

function Bar({ data, groups }: { data: ChartData; groups: ChartGroup[] }) {
  const m = { top: 44, right: 28, bottom: 32, left: 150 };
  const height = Math.max(HEIGHT, m.top + m.bottom + groups.length * data.series.length * 14);
  const y = scaleBand<number>().domain(groups.map((_, i) => i)).range([m.top, height - m.bottom]).padding(0.2);
  const x = scaleLinear().domain(maxValue(groups, data)).nice().range([m.left, WIDTH - m.right]);
  const sub = scaleBand<string>().domain(data.series.map((s) => s.key)).range([0, y.bandwidth()]).padding(0.06);
  return (
    <g data-height={height}>
      <g class="axis x-axis" font-size="11" fill={INK_2}>
        {x.ticks(5).map((t) => (
          <g transform={`translate(${x(t)},0)`}>
            <line y1={m.top} y2={height - m.bottom} stroke={RULE} />
            <text y={height - m.bottom + 16} text-anchor="middle">{x.tickFormat(5)(t)}</text>
          </g>
        ))}
      </g>
      <g class="bars">
        {groups.map((g, i) =>
          data.series.map((s, j) => {
            const v = g.values.get(s.key);
            if (v === undefined) return null;
            return (
              <Mark href={g.href} tip={tip(data, g, s.key)}>
                <rect class="bar" x={Math.min(x(v), x(0))} y={(y(i) ?? 0) + (sub(s.key) ?? 0)} width={Math.max(1, Math.abs(x(v) - x(0)))} height={Math.max(1, sub.bandwidth())} rx="2" fill={color(j)} />
              </Mark>
            );
          }),
        )}
      </g>
      <g class="axis y-axis" font-size="11" fill={INK_2}>
        <line x1={x(0)} x2={x(0)} y1={m.top} y2={height - m.bottom} stroke={INK_2} />
        {groups.map((g, i) => (
          <text x={m.left - 8} y={(y(i) ?? 0) + y.bandwidth() / 2} dy="0.32em" text-anchor="end">{clip(g.label, 22)}</text>
        ))}
      </g>
    </g>
  );
}

function Lines({ data, groups, filled, top = 44, height = HEIGHT, hue = 0 }: Panel & { filled: boolean }) {
  const m = { top, right: 24, bottom: 56, left: 64 };
  const x = scalePoint<number>().domain(groups.map((_, i) => i)).range([m.left + 8, WIDTH - m.right - 8]);
  const y = scaleLinear().domain(maxValue(groups, data)).nice().range([height - m.bottom, m.top]);
  const every = Math.max(1, Math.ceil(groups.length / 12));
  return (
    <g>
      <g class="axis y-axis" font-size="11" fill={INK_2}>
        {y.ticks(5).map((t) => (
          <g transform={`translate(0,${y(t)})`}>
            <line x1={m.left} x2={WIDTH - m.right} stroke={RULE} />
            <text x={m.left - 8} dy="0.32em" text-anchor="end">{y.tickFormat(5)(t)}</text>
          </g>
        ))}
      </g>
      {data.series.map((s, j) => {
        const points = groups.flatMap((g, i) => (g.values.has(s.key) ? [[x(i) ?? 0, y(g.values.get(s.key) ?? 0)] as [number, number]] : []));
        const path = line()(points) ?? "";
        const fill = filled ? (area().y0(y(0))(points) ?? "") : "";
        return (
          <g class="series">
            {filled && <path class="area" d={fill} fill={color(j + hue)} fill-opacity="0.18" />}
            <path class="line" d={path} fill="none" stroke={color(j + hue)} stroke-width="2.5" stroke-linejoin="round" />
            {groups.length <= 120 &&
              groups.map((g, i) =>
                g.values.has(s.key) ? (
                  <Mark href={g.href} tip={tip(data, g, s.key)}>
                    <circle class="point" cx={x(i)} cy={y(g.values.get(s.key) ?? 0)} r="4" fill="#ffffff" stroke={color(j + hue)} stroke-width="2" />
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

/** The slices of one series: the largest MAX_SLICES - 1, then "Other" for the rest. */
export function slices(groups: readonly ChartGroup[], key: string): { label: string; value: number; href: string | null }[] {
  const all = groups.flatMap((g) => {
    const v = g.values.get(key);
    return v !== undefined && v > 0 ? [{ label: g.label, value: v, href: g.href }] : [];
  });
  if (all.length <= MAX_SLICES) return all;
  const sorted = [...all].sort((a, b) => b.value - a.value);
  const rest = sorted.slice(MAX_SLICES - 1);
  return [...sorted.slice(0, MAX_SLICES - 1), { label: `Other (${rest.length})`, value: rest.reduce((n, s) => n + s.value, 0), href: null }];
}

function Pies({ data, groups, donut }: { data: ChartData; groups: ChartGroup[]; donut: boolean }) {
  const n = Math.max(1, data.series.length);
  const cell = (WIDTH - 220) / n;
  const r = Math.min(cell / 2 - 12, (HEIGHT - 80) / 2);
  const labels = slices(groups, data.series[0]?.key ?? "");
  return (
    <g>
      {data.series.map((s, j) => {
        const parts = slices(groups, s.key);
        const total = parts.reduce((t, p) => t + p.value, 0);
        const arcs = pie<{ value: number }>().value((p) => p.value).sort(null)(parts);
        const shape = arc<{ startAngle: number; endAngle: number }>().innerRadius(donut ? r * 0.58 : 0).outerRadius(r).padAngle(0.008);
        const cx = cell * j + cell / 2;
        const cy = 44 + (HEIGHT - 60) / 2;
        return (
          <g class="pie" transform={`translate(${cx},${cy})`}>
            {arcs.map((a, i) => {
              const p = parts[i]!;
              const pct = total > 0 ? Math.round((p.value / total) * 1000) / 10 : 0;
              return (
                <Mark href={p.href} tip={`${p.label}: ${data.format(p.value, s.key)} (${pct}%)${n > 1 ? ` (${s.key})` : ""}`}>
                  <path class="slice" d={shape(a) ?? ""} fill={color(labels.findIndex((l) => l.label === p.label) >= 0 ? labels.findIndex((l) => l.label === p.label) : i)} stroke="#ffffff" stroke-width="1" />
                </Mark>
              );
            })}
            {donut && <text text-anchor="middle" dy="0.32em" font-size="15" font-weight="600" fill={INK}>{data.format(total, s.key)}</text>}
            {n > 1 && <text y={r + 18} text-anchor="middle" font-size="12" fill={INK_2}>{s.label}</text>}
          </g>
        );
      })}
      <g class="legend" font-size="12" fill={INK_2} transform={`translate(${WIDTH - 200},56)`}>
        {labels.map((l, i) => (
          <g transform={`translate(0,${i * 22})`}>
            <rect width="12" height="12" rx="2" fill={color(i)} />
            <text x="18" y="10">{clip(l.label, 24)}</text>
          </g>
        ))}
      </g>
    </g>
  );
}

/** The chart of `data` as one <svg> element; `idPrefix` keeps ids unique on a page. */
export function ChartSvg({ data, kind, idPrefix = "chart" }: { data: ChartData; kind: ChartKind; idPrefix?: string }) {
  const groups = drawnGroups(kind, data.groups);
  // Money in several currencies: a column, line or area chart gets one panel per currency,
  // each with its own scale (amounts in different currencies share no axis).
  const panels = (kind === "column" || kind === "line" || kind === "area") && data.series.length > 1 ? data.series : null;
  const barHeight = kind === "bar" ? Math.max(HEIGHT, 76 + groups.length * data.series.length * 14) : panels ? 44 + panels.length * PANEL : HEIGHT;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox={`0 0 ${WIDTH} ${barHeight}`} width={WIDTH} height={barHeight} role="img" aria-labelledby={`${titleId} ${descId}`} font-family={FONT} data-kind={kind}>
      <title id={titleId}>{data.title}</title>
      <desc id={descId}>{describe(data)}</desc>
      <rect class="chart-bg" width={WIDTH} height={barHeight} fill="#ffffff" />
      <text class="chart-title" x="16" y="24" font-size="15" font-weight="600" fill={INK}>{clip(data.title, 70)}</text>
      <text class="chart-measure" x={WIDTH - 16} y="24" font-size="12" text-anchor="end" fill={INK_2}>{data.measureLabel}</text>
      {groups.length === 0 ? (
        <text x={WIDTH / 2} y={HEIGHT / 2} text-anchor="middle" font-size="14" fill={INK_2}>No records to chart.</text>
      ) : panels ? (
        panels.map((s, j) => {
          const one = { ...data, series: [s] };
          const top = 44 + j * PANEL;
          return (
            <g class="panel">
              <text class="panel-title" x="16" y={top + 14} font-size="12" font-weight="600" fill={color(j)}>{s.label}</text>
              {kind === "column" ? <Column data={one} groups={groups} top={top + 24} height={top + PANEL} hue={j} /> : <Lines data={one} groups={groups} filled={kind === "area"} top={top + 24} height={top + PANEL} hue={j} />}
            </g>
          );
        })
      ) : kind === "column" ? (
        <Column data={data} groups={groups} />
      ) : kind === "bar" ? (
        <Bar data={data} groups={groups} />
      ) : kind === "line" || kind === "area" ? (
        <Lines data={data} groups={groups} filled={kind === "area"} />
      ) : (
        <Pies data={data} groups={groups} donut={kind === "donut"} />
      )}
      {kind === "bar" && <Legend data={data} x={16} y={32} />}
    </svg>
  );
}
