// Scenario 9: a chart and a choropleth of a grouped view of 100,000 records (5,000 with
// --quick), each next to the grouped view's query alone, in the same object over the same
// HTTP path (bench/picture-bench.tsx: one operation per request). The chart groups by a
// choice field with the sum of a money field (one series per currency); the map colours
// countries by count, from a location field the bench adds. Budget: each ≤ 1.5× its query.
// Also the SVG's size for the whole table and for a view of one name (~1 in 600 records):
// pictures are bounded by their groups, not by their records.

import { figure, pairedRuns } from "../lib/measure.mjs";
import { TABLE } from "../lib/fixture.mjs";
import { benchFetch } from "../lib/trove.mjs";

export const id = "9";
export const title = "Chart and choropleth of a grouped view (100,000 records; 5,000 with --quick)";

const n = (x) => x.toLocaleString("en");

export async function run(ctx) {
  const fixture = await ctx.records();
  const N = fixture.big;
  const cluster = await ctx.startCluster("pictures", { fixture });
  try {
    const op = (name) => async () => {
      const res = await benchFetch(`${cluster.troveUrl}/__bench/picture?db=bench-big&table=${encodeURIComponent(TABLE)}&op=${name}`);
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const all = await op("chart")();
    if (all.records !== N) throw new Error(`the chart covers ${all.records} records, not ${N}`);
    const few = await op("chart-few")();
    const map = await op("map")(); // also loads the outlines once
    if (map.records !== N) throw new Error(`the map covers ${map.records} records, not ${N}`);
    const count = ctx.quick ? 2 : 5;
    const chart = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("chart"), baseline: op("query") });
    const choropleth = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("map"), baseline: op("mapquery") });
    return [
      figure(id, `Column chart of ${n(N)} records grouped by a choice, sum of a money field (SQL + SVG)`, "ms", chart, "the grouped view's query alone (GROUP BY, per-currency sums)", {
        note: `SVG ${n(all.bytes)} bytes for ${n(all.records)} records; ${n(few.bytes)} bytes for a view of ${n(few.records)} records`,
      }),
      figure(id, `Choropleth of ${n(N)} records by country (SQL + outlines + SVG)`, "ms", choropleth, "the view grouped by the location's country, query alone", {
        note: `SVG ${n(map.bytes)} bytes`,
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
