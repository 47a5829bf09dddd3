// Scenario 4: waking a database to its first rendered page, next to waking an empty baseline
// object. Miniflare cannot evict an object from outside, so each run restarts workerd with
// the same storage directory (every object and isolate is cold), then times the first
// request to each: a database with its owner and a few tables (no records), its tables page
// at its address, next to an empty baseline object; and databases of 10,000 and 100,000
// records (1,000 and 5,000 with --quick; lib/fixture.mjs), the address of a page showing the
// grid, next to baseline objects with
// the same rows serving their first 50. The design budget: a woken object renders its first
// page without reading all records, so the two record counts should wake about alike.
// And (issue 11) a grid that shows 50 stored places, woken in a fresh isolate, next to the
// same grid with the places kept as text: showing a place must not decode the place data.

import { statSync } from "node:fs";
import { figure, sleep } from "../lib/measure.mjs";
import { summarize } from "../lib/stats.mjs";
import { Browser } from "../lib/client.mjs";
import { TABLE } from "../lib/fixture.mjs";
import { evaluationMs } from "../lib/module-eval.mjs";
import { placeDataFigures } from "../lib/place-data.mjs";
import { benchFetch, follow, openPage, pageSocket, roundTrip, signIn, signUp, tableLink, tablesPageCallbacks } from "../lib/trove.mjs";

export const id = "4";
const median = (xs) => summarize(xs).median;
export const title = "Wake to first rendered page";

export async function run(ctx) {
  const fixture = await ctx.records();
  const cluster = await ctx.startCluster("wake", { fixture });
  try {
    const db = "bench-wake";
    const tables = ctx.quick ? 3 : 10;
    const browser = await signUp(cluster.troveUrl, db);
    const home = await openPage(browser, db);
    const cbs = tablesPageCallbacks(home.html);
    const socket = await pageSocket(browser, db, home);
    for (const name of ctx.tableNames(tables)) {
      await roundTrip(socket, [[cbs.input, name]], cbs.create);
      // A new table opens on its grid: back to the tables page for the next one.
      await roundTrip(socket, [], cbs.tables);
    }
    socket.close();
    // The address of the state the page shows now (its render key, stored with the session).
    const session = { url: `${socket.path}?k=${socket.key}` };
    const touched = await fetch(`${cluster.baselineUrl}/o/empty/page`);
    if (touched.status !== 200) throw new Error(`baseline page answered ${touched.status}`);
    await touched.text();

    // The record databases: the address of a page that shows the grid.
    const grids = [];
    for (const [db, name, count] of [["bench-small", "records-small", fixture.small], ["bench-big", "records-big", fixture.big]]) {
      const owner = new Browser(cluster.troveUrl);
      await signIn(owner, db);
      const home = await openPage(owner, db);
      const page = await follow(owner, tableLink(home.html, TABLE));
      if (!page.html.includes(`${count.toLocaleString("en")} records`)) throw new Error(`${db} does not show its ${count} records`);
      grids.push({ browser: owner, db, url: page.url, expect: `1–50 of ${count.toLocaleString("en")}`, baseline: `/o/${name}/records?limit=50`, baselineName: name, count });
    }

    // Two databases with a "Venues" grid of 50 places: a location field, and the same texts.
    const venues = {};
    for (const type of ["location", "text"]) {
      const db = `bench-places-${type}`;
      const owner = await signUp(cluster.troveUrl, db);
      const res = await benchFetch(`${cluster.troveUrl}/__bench/places?db=${db}&type=${type}`, { method: "POST" });
      const body = await res.json();
      if (!body.ok || body.total !== 50) throw new Error(`bench places in ${db}: ${JSON.stringify(body)}`);
      const home = await openPage(owner, db);
      const page = await follow(owner, tableLink(home.html, "Venues"));
      if (!page.html.includes("Paris, France") || !page.html.includes("Sydney")) throw new Error(`${db}'s grid does not show its places`);
      venues[type] = { browser: owner, url: page.url };
    }

    const timed = async (request, check) => {
      const start = performance.now();
      const res = await request();
      const html = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200 || !check(html)) throw new Error(`a page after wake answered ${res.status} without what it should show`);
      return ms;
    };
    const restarts = [];
    /** Per run: restart workerd, then the first request to each side (order alternating). */
    const wakeRuns = async (target) => {
      const out = { trove: [], baseline: [], warm: { trove: [], baseline: [] }, evicted: { trove: [], baseline: [] } };
      const firstTrove = () => timed(() => target.browser.fetch(target.url), (h) => h.includes(target.expect));
      const firstBaseline = () => timed(() => fetch(`${cluster.baselineUrl}${target.baseline}`), () => true);
      for (let run = 0; run < ctx.runs; run++) {
        const start = performance.now();
        await cluster.restart();
        restarts.push(performance.now() - start);
        target.browser.origin = cluster.troveUrl; // the restarted workerd listens on new ports
        await sleep(200); // let workerd finish starting before the first request
        if (run % 2 === 0) {
          out.trove.push(await firstTrove());
          out.baseline.push(await firstBaseline());
        } else {
          out.baseline.push(await firstBaseline());
          out.trove.push(await firstTrove());
        }
        // The same requests again, now that both objects are awake: what the wake added.
        out.warm.trove.push(await firstTrove());
        out.warm.baseline.push(await firstBaseline());
        // Both objects evicted (each resets itself), their isolates warm: the common wake in
        // production, where an isolate outlives the objects it runs.
        const evict = async (url) => {
          const res = await fetch(url, { method: "POST" });
          if (res.status !== 204) throw new Error(`evict answered ${res.status}`);
        };
        await evict(`${cluster.troveUrl}/__bench/evict?db=${target.db}`);
        await evict(`${cluster.baselineUrl}/o/${target.baselineName}/evict`);
        if (run % 2 === 0) {
          out.evicted.trove.push(await firstTrove());
          out.evicted.baseline.push(await firstBaseline());
        } else {
          out.evicted.baseline.push(await firstBaseline());
          out.evicted.trove.push(await firstTrove());
        }
      }
      return out;
    };
    const warmNote = (r) => `the same request right after, warm: Trove ${median(r.warm.trove).toFixed(2)} ms, baseline ${median(r.warm.baseline).toFixed(2)} ms`;

    /** Per run: restart workerd, start its isolate (a request that wakes no object), then the
     *  first request to each grid of places (order alternating). */
    const placeRuns = { trove: [], baseline: [] };
    for (let run = 0; run < ctx.runs; run++) {
      await cluster.restart();
      for (const v of Object.values(venues)) v.browser.origin = cluster.troveUrl;
      await sleep(200);
      const ping = await fetch(`${cluster.troveUrl}/__bench/ping`);
      if (ping.status !== 204) throw new Error(`ping answered ${ping.status}`);
      const first = (v) => timed(() => v.browser.fetch(v.url), (h) => h.includes("Paris, France"));
      const order = run % 2 === 0 ? ["trove", "baseline"] : ["baseline", "trove"];
      for (const side of order) placeRuns[side].push(await first(side === "trove" ? venues.location : venues.text));
    }

    const empty = await wakeRuns({ browser, db, url: session.url, expect: "Create table", baseline: "/o/empty/page", baselineName: "empty" });
    const [small, big] = [await wakeRuns(grids[0]), await wakeRuns(grids[1])];
    const n = (x) => x.toLocaleString("en");
    // Module evaluation alone (no object): a fresh Node process imports each bundle.
    const evaluation = { trove: [], baseline: [] };
    for (let run = 0; run < ctx.runs; run++) {
      evaluation.trove.push(await evaluationMs(ctx.bundles.trove));
      evaluation.baseline.push(await evaluationMs(ctx.bundles.baseline));
    }
    const bytes = (file) => statSync(file).size;
    const places = await placeDataFigures(id, ctx);
    const growth = median(big.trove) / median(small.trove);
    const baseGrowth = median(big.baseline) / median(small.baseline);
    return [
      figure(id, `Wake → first tables page (owner, ${tables} tables, no records)`, "ms", { trove: empty.trove, baseline: empty.baseline }, "wake of an empty baseline object → small page", {
        note: `each run restarts workerd (median restart ${median(restarts).toFixed(0)} ms, not counted); both objects and isolates are cold; ${warmNote(empty)}`,
      }),
      figure(id, `Wake → first table page, ${n(grids[0].count)} records (grid, first 50)`, "ms", { trove: small.trove, baseline: small.baseline }, `wake of a baseline object with the same ${n(grids[0].count)} rows → first 50`, {
        note: warmNote(small),
      }),
      figure(id, "Module evaluation of the worker script (no object; a fresh V8 in Node imports the bundle)", "ms", evaluation, "the baseline worker's script", {
        note: `script sizes: Trove ${n(bytes(ctx.bundles.trove))} B, baseline ${n(bytes(ctx.bundles.baseline))} B; workerd evaluates the script when an isolate starts, before the object's first request, so the wake figures below may not include it`,
      }),
      ...places,
      figure(id, "Wake in a fresh isolate → a grid showing 50 stored places (location field)", "ms", placeRuns, "the same grid with the places kept as text", {
        note: "each run restarts workerd and starts its isolate first; a place keeps its display text, so showing one decodes no place data (the first place read costs the figure above)",
      }),
      figure(id, `Wake, object evicted, isolate warm → first table page, ${n(grids[1].count)} records (grid, first 50)`, "ms", big.evicted, `the baseline object with the same ${n(grids[1].count)} rows, evicted → first 50`, {
        note: `each object resets itself (ctx.abort, bench-only) after the warm request; ${n(grids[0].count)} records: Trove ${median(small.evicted.trove).toFixed(2)} ms, baseline ${median(small.evicted.baseline).toFixed(2)} ms; no records (tables page): Trove ${median(empty.evicted.trove).toFixed(2)} ms, baseline ${median(empty.evicted.baseline).toFixed(2)} ms`,
      }),
      figure(id, `Wake → first table page, ${n(grids[1].count)} records (grid, first 50)`, "ms", { trove: big.trove, baseline: big.baseline }, `wake of a baseline object with the same ${n(grids[1].count)} rows → first 50`, {
        note: `${warmNote(big)}; ${n(grids[0].count)} → ${n(grids[1].count)} records multiplies Trove's wake by ${growth.toFixed(2)} (baseline ${baseGrowth.toFixed(2)}); the budget (“renders its first page without reading all records”) wants about 1`,
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
