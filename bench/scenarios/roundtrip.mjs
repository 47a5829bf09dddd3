// Scenario 5: a UI callback round trip over a page's WebSocket (event frame → its reply, a
// render frame with the regions that changed), next to a bare echo over a hibernatable
// WebSocket in the baseline object.

import { openSocket } from "../lib/client.mjs";
import { figure, pairedRuns } from "../lib/measure.mjs";
import { benchFetch, openPage, pageSocket, roundTrip, signUp, tablesPageCallbacks } from "../lib/trove.mjs";

export const id = "5";
export const title = "UI callback round trip over the WebSocket";

/** The big schema "Create table" is timed in (issue 17). */
const BIG_TABLES = 300;
const BIG_FIELDS = 30;

export async function run(ctx) {
  const cluster = await ctx.startCluster("roundtrip");
  const sockets = [];
  try {
    const db = "bench-ws";
    const browser = await signUp(cluster.troveUrl, db);
    const page = await openPage(browser, db);
    const cbs = tablesPageCallbacks(page.html);
    const socket = await pageSocket(browser, db, page);
    sockets.push(socket);
    const echo = await openSocket(`${cluster.baselineUrl.replace(/^http/, "ws")}/o/echo/ws`);
    sockets.push(echo);

    const typed = ctx.tableNames(1)[0];
    const typeFrame = JSON.stringify({ t: "event", fields: [[cbs.input, typed]], action: null, seq: 0, k: page.key });
    const bareEcho = async () => {
      echo.send(typeFrame);
      await echo.next();
    };

    // Typing into "New table": an input callback that changes state and saves the snapshot.
    let n = 0;
    const type = async () => {
      await roundTrip(socket, [[cbs.input, `${typed} ${n++ % 2}`]], null);
    };
    const typeSamples = await pairedRuns({ runs: ctx.runs, count: ctx.quick ? 30 : 300, warmup: ctx.quick ? 10 : 50, trove: type, baseline: bareEcho });

    // The "Tables" link while on the tables page: the handler does nothing, the page renders
    // (and the reply carries no region: nothing changed).
    const nav = async () => {
      await roundTrip(socket, [], cbs.tables);
    };
    const navSamples = await pairedRuns({ runs: ctx.runs, count: ctx.quick ? 30 : 300, warmup: ctx.quick ? 10 : 50, trove: nav, baseline: bareEcho });

    // "Create table": a schema change, a change-log row and a snapshot, then a broadcast; the
    // new table opens on its grid, so the "Tables" link goes back for the next one (two
    // callbacks, against two echoes).
    const createCount = ctx.quick ? 5 : 25;
    const names = ctx.tableNames(ctx.runs * createCount + 1);
    const create = async () => {
      const frame = await roundTrip(socket, [[cbs.input, names.pop()]], cbs.create);
      if (frame.notice?.kind === "error" || frame.regions.some(([, html]) => html.includes('role="alert"'))) throw new Error("Create table was refused");
      await roundTrip(socket, [], cbs.tables);
    };
    const twoEchoes = async () => {
      await bareEcho();
      await bareEcho();
    };
    const createSamples = await pairedRuns({ runs: ctx.runs, count: createCount, warmup: 1, trove: create, baseline: twoEchoes });
    const tables = ctx.runs * createCount + 1;

    // The same "Create table" in a big schema (issue 17: ≤ 5× an echo at 300 tables × 30
    // fields): the database is grown to BIG_TABLES tables of BIG_FIELDS fields or more each
    // through the action path (bench-only RPC), then only the "Create table" callback is
    // timed (its reply: the new table's grid), next to one echo; the "Tables" link back
    // between creates is not timed.
    const fill = await benchFetch(`${cluster.troveUrl}/__bench/tables?db=${db}&tables=${BIG_TABLES}&fields=${BIG_FIELDS}`, { method: "POST" });
    const filled = await fill.json();
    if (!filled.ok || filled.tables < BIG_TABLES || filled.fewestFields < BIG_FIELDS) throw new Error(`filling to ${BIG_TABLES} × ${BIG_FIELDS} failed: ${filled.reason ?? JSON.stringify(filled)}`);
    await roundTrip(socket, [], cbs.tables);
    const bigNames = ctx.tableNames(ctx.runs * createCount + 2).map((name) => `${name} (big)`);
    const sessionWrites = async () => (await benchFetch(`${cluster.troveUrl}/__bench/session-writes?db=${db}`)).json();
    const saved = []; // characters each "Create table" had the session store write
    const createOnly = async () => {
      const frame = await roundTrip(socket, [[cbs.input, bigNames.pop()]], cbs.create);
      if (frame.notice?.kind === "error" || frame.regions.some(([, html]) => html.includes('role="alert"'))) throw new Error("Create table was refused");
    };
    const big = { trove: [], baseline: [] };
    const timeOne = async (op) => {
      const start = performance.now();
      await op();
      return performance.now() - start;
    };
    // What the session store wrote for it, read outside the timed part.
    const timeCreate = async () => {
      const before = (await sessionWrites()).written;
      const ms = await timeOne(createOnly);
      saved.push((await sessionWrites()).written - before);
      return ms;
    };
    await createOnly(); // warm-up
    await roundTrip(socket, [], cbs.tables);
    for (let run = 0; run < ctx.runs; run++) {
      let t = 0;
      let b = 0;
      for (let i = 0; i < createCount; i++) {
        if ((run + i) % 2 === 0) {
          t += await timeCreate();
          b += await timeOne(bareEcho);
        } else {
          b += await timeOne(bareEcho);
          t += await timeCreate();
        }
        await roundTrip(socket, [], cbs.tables); // back to the tables page, not timed
      }
      big.trove.push(t / createCount);
      big.baseline.push(b / createCount);
    }

    const largest = (await sessionWrites()).largest;
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    return [
      figure(id, "Callback: type into “New table” (input, snapshot saved)", "ms", typeSamples, "echo of the same frame, hibernatable socket"),
      figure(id, "Callback: “Tables” link (no-op handler, render only)", "ms", navSamples, "echo of the same frame, hibernatable socket"),
      figure(id, `Callback: “Create table” (schema write; the new grid) then “Tables” (up to ${tables} tables)`, "ms", createSamples, "two echoes of the same frame, hibernatable socket"),
      figure(id, `Callback: “Create table” alone in a schema of ${BIG_TABLES} tables × ${BIG_FIELDS} fields`, "ms", big, "echo of the same frame, hibernatable socket", {
        note: `the tables and fields beyond the ${tables} tables made above added through applyAction (bench-only RPC), every table then having ${BIG_FIELDS} fields or more; the “Tables” link back between creates is not timed; goal in issue 17: ≤ 5×; each “Create table” had the session store write ${median(saved).toLocaleString("en")} characters (median; the session is stored as a head and parts, each UI state and callback written once), the whole session being ${largest.toLocaleString("en")} (what every save wrote before)`,
      }),
    ];
  } finally {
    for (const s of sockets) s.close();
    await cluster.stop();
  }
}
