// Pie and donut charts: one pie per series (money: per currency), the largest MAX_SLICES - 1
// slices and "Other" for the rest, a legend of the first series' slices.

import { arc, pie } from "d3-shape";
import type { ChartData, ChartGroup } from "./picture-data";
import { clip, color, HEIGHT, INK, INK_2, Mark, WIDTH } from "./svg-kit";

export const MAX_SLICES = 12;

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

export function Pies({ data, groups, donut }: { data: ChartData; groups: ChartGroup[]; donut: boolean }) {
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
