// Scenario 4: waking a database to its first rendered page, next to waking an empty baseline
// object. Miniflare cannot evict an object from outside, so each run restarts workerd with
// the same storage directory (every object and isolate is cold), then times the first
// request to each. Records do not exist yet: the database holds its owner, a session and a
// few tables.

import { figure, sleep } from "../lib/measure.mjs";
import { summarize } from "../lib/stats.mjs";
import { openSession, roundTrip, sessionSocket, signUp, tablesPageCallbacks } from "../lib/trove.mjs";

export const id = "4";
const median = (xs) => summarize(xs).median;
export const title = "Wake to first rendered page";

export async function run(ctx) {
  const cluster = await ctx.startCluster("wake");
  try {
    const db = "bench-wake";
    const tables = ctx.quick ? 3 : 10;
    const browser = await signUp(cluster.troveUrl, db);
    const session = await openSession(browser, db);
    const cbs = tablesPageCallbacks(session.html);
    const socket = await sessionSocket(browser, db, session.sid);
    let epoch = 1;
    for (const name of ctx.tableNames(tables)) epoch = (await roundTrip(socket, [[cbs.input, name]], cbs.create, epoch)).epoch;
    socket.close();
    const touched = await fetch(`${cluster.baselineUrl}/o/empty/page`);
    if (touched.status !== 200) throw new Error(`baseline page answered ${touched.status}`);
    await touched.text();

    const trove = [];
    const baseline = [];
    const restarts = [];
    const warm = { trove: [], baseline: [] };
    const firstTrove = async () => {
      const start = performance.now();
      const res = await browser.fetch(session.url);
      const html = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200 || !html.includes("Create table")) throw new Error(`the session page after wake answered ${res.status}`);
      return ms;
    };
    const firstBaseline = async () => {
      const start = performance.now();
      const res = await fetch(`${cluster.baselineUrl}/o/empty/page`);
      await res.text();
      if (res.status !== 200) throw new Error(`baseline page after wake answered ${res.status}`);
      return performance.now() - start;
    };
    for (let run = 0; run < ctx.runs; run++) {
      const start = performance.now();
      await cluster.restart();
      restarts.push(performance.now() - start);
      browser.origin = cluster.troveUrl; // the restarted workerd listens on new ports
      await sleep(200); // let workerd finish starting before the first request
      if (run % 2 === 0) {
        trove.push(await firstTrove());
        baseline.push(await firstBaseline());
      } else {
        baseline.push(await firstBaseline());
        trove.push(await firstTrove());
      }
      // The same requests again, now that both objects are awake: what the wake added.
      warm.trove.push(await firstTrove());
      warm.baseline.push(await firstBaseline());
    }
    return [
      figure(id, `Wake → first session page (owner, ${tables} tables, no records)`, "ms", { trove, baseline }, "wake of an empty baseline object → small page", {
        note: `each run restarts workerd (median restart ${median(restarts).toFixed(0)} ms, not counted); both objects and isolates are cold; the same request right after, warm: Trove ${median(warm.trove).toFixed(2)} ms, baseline ${median(warm.baseline).toFixed(2)} ms`,
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
