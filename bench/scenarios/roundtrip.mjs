// Scenario 5: a UI callback round trip over a page's WebSocket (event frame → its reply, a
// render frame with the regions that changed), next to a bare echo over a hibernatable
// WebSocket in the baseline object.

import { openSocket } from "../lib/client.mjs";
import { figure, pairedRuns } from "../lib/measure.mjs";
import { openPage, pageSocket, roundTrip, signUp, tablesPageCallbacks } from "../lib/trove.mjs";

export const id = "5";
export const title = "UI callback round trip over the WebSocket";

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

    return [
      figure(id, "Callback: type into “New table” (input, snapshot saved)", "ms", typeSamples, "echo of the same frame, hibernatable socket"),
      figure(id, "Callback: “Tables” link (no-op handler, render only)", "ms", navSamples, "echo of the same frame, hibernatable socket"),
      figure(id, `Callback: “Create table” (schema write; the new grid) then “Tables” (up to ${tables} tables)`, "ms", createSamples, "two echoes of the same frame, hibernatable socket"),
    ];
  } finally {
    for (const s of sockets) s.close();
    await cluster.stop();
  }
}
