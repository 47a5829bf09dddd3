// Scenario 6: memory. Resident memory (VmRSS) of the workerd process with one database and
// N+1 people each with a page open and that page's socket, next to the same process idle;
// the growth per person, next to the growth per bare socket on a baseline object; the
// isolate's JavaScript heap per person after a full GC, next to the baseline isolate's per
// bare socket; the RSS with one 100,000-record database (5,000 with --quick; lib/fixture.mjs)
// open in a grid, sorted and filtered, next to a baseline object serving the same rows so;
// and the stored size of one session's snapshot at a few screens, next to the HTML of the
// same render: a real session of a real database, driven over HTTP by bench/snapshot-driver.ts.
//
// The N people are N editors with one sign-in each (bench/trove-entry.ts benchMembers: no
// PBKDF2 per arrival). Before issue 17 they were N sign-ins of the owner, but one member keeps
// at most 10 sessions and 24 sockets (older ones are closed), so N = 50 measured about 10
// sessions and 24 sockets divided by 50 (0.69× of a bare socket in one full run), and the
// quick run's 10 kept them all (2.65×): neither was the cost of a page.

import { Browser, openSocket } from "../lib/client.mjs";
import { heapUsed } from "../lib/cluster.mjs";
import { figure, sleep } from "../lib/measure.mjs";
import { personName } from "../lib/prng.mjs";
import { TABLE } from "../lib/fixture.mjs";
import { follow, invalidLink, openPage, ownerEmail, PASSWORD, pageSocket, roundTrip, signIn, signUp, sortLink, tableLink } from "../lib/trove.mjs";

export const id = "6";
export const title = "Memory and session snapshot size";

const MB = 1024 * 1024;
/** The product's sign-in cookie (src/tenant-do/cookies.ts). */
const SIGN_IN_COOKIE = "trove_session";
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const summarizeMedian = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function idleRss(cluster) {
  // Load both workers' isolates, then let the process settle.
  await (await fetch(`${cluster.troveUrl}/`)).text();
  await (await fetch(`${cluster.baselineUrl}/o/idle/page`)).text();
  await sleep(500);
  return cluster.rss();
}

export async function run(ctx) {
  // Enough people that the allocator's and V8's headroom (a few MB, whatever N) does not
  // dominate the growth per person.
  const n = ctx.quick ? 40 : 100;
  const reps = ctx.quick ? 1 : 3;
  const each = []; // ms per Trove arrival, in order, from the last repetition
  const samples = { troveRss: [], idleRss: [], troveGrowth: [], baselineGrowth: [], troveConnect: [], baselineConnect: [], troveHeap: [], baselineHeap: [], heapAfter: [] };
  // The last repetition reads the isolates' heaps through the inspector (its heap snapshots
  // would disturb the process's RSS, so it records no RSS).
  for (let rep = 0; rep <= reps; rep++) {
    const heap = rep === reps;
    const rss = (push, value) => (heap ? undefined : push(value));
    const heapOf = (cluster, name) => (heap ? heapUsed(cluster, name) : 0);
    // Baseline: one bare hibernatable socket on an object, then N more, in a fresh workerd.
    let cluster = await ctx.startCluster(`memory-baseline-${rep}`, { inspect: heap });
    const sockets = [];
    try {
      await idleRss(cluster);
      const url = `${cluster.baselineUrl.replace(/^http/, "ws")}/o/sockets/ws`;
      sockets.push(await openSocket(url));
      await sleep(300);
      const firstHeap = await heapOf(cluster, "baseline");
      const first = await cluster.rss();
      const start = performance.now();
      for (let i = 0; i < n; i++) sockets.push(await openSocket(url));
      rss((x) => samples.baselineConnect.push(x), (performance.now() - start) / n);
      await sleep(500);
      rss((x) => samples.baselineGrowth.push(x), ((await cluster.rss()) - first) / n / 1024);
      if (heap) samples.baselineHeap.push(((await heapOf(cluster, "baseline")) - firstHeap) / n / 1024);
    } finally {
      for (const s of sockets.splice(0)) s.close();
      await cluster.stop();
    }

    // Trove: one database with one open page, then N more sign-ins (each a session of its
    // own), each opening its page and socket, as N browsers would.
    cluster = await ctx.startCluster(`memory-trove-${rep}`, { inspect: heap });
    try {
      const idle = await idleRss(cluster);
      rss((x) => samples.idleRss.push(x), idle / MB);
      const db = "bench-memory";
      const owner = await signUp(cluster.troveUrl, db, personName(ctx.rand));
      sockets.push(await pageSocket(owner, db, await openPage(owner, db)));
      const added = await (await fetch(`${cluster.troveUrl}/__bench/members?db=${db}&count=${n}`, { method: "POST" })).json();
      if (!added.ok) throw new Error(`adding ${n} members failed: ${added.reason}`);
      const browsers = added.tokens.map((token) => {
        const browser = new Browser(cluster.troveUrl);
        browser.cookies.set(SIGN_IN_COOKIE, token);
        return browser;
      });
      await sleep(300);
      const firstHeap = await heapOf(cluster, "trove");
      const first = await cluster.rss();
      const start = performance.now();
      if (!heap) each.length = 0;
      for (const browser of browsers) {
        const t0 = performance.now();
        // The page, then its socket saying hello with the page's key (as the browser runtime
        // does on load; a page that shows what it was sent is answered nothing). Each arrival
        // is someone new, so the pages already open are sent the new presence list (coalesced).
        sockets.push(await pageSocket(browser, db, await openPage(browser, db)));
        if (!heap) each.push(performance.now() - t0);
      }
      // An event that changes nothing on the last socket: its reply comes once that socket's
      // hello (and every frame before it) has been handled.
      await roundTrip(sockets.at(-1), [], null);
      rss((x) => samples.troveConnect.push(x), (performance.now() - start) / n);
      await sleep(500);
      const resident = await cluster.rss();
      rss((x) => samples.troveRss.push(x), resident / MB);
      rss((x) => samples.troveGrowth.push(x), (resident - first) / n / 1024);
      if (heap) {
        // The JavaScript heap of Trove's isolate (where the 128 MB limit applies), after GC.
        const used = await heapOf(cluster, "trove");
        samples.troveHeap.push((used - firstHeap) / n / 1024);
        samples.heapAfter.push(used / MB);
      }
    } finally {
      for (const s of sockets.splice(0)) s.close();
      await cluster.stop();
    }
  }

  const big = await bigDatabaseRss(ctx, reps);
  const tenth = Math.max(1, Math.round(n / 10));
  const snapshots = await snapshotSizes(ctx);
  return [
    figure(id, `workerd RSS: 1 database, ${n + 1} people with a page and its socket open`, "MB", { trove: samples.troveRss, baseline: samples.idleRss }, "same workerd process, idle (both workers loaded)"),
    figure(id, `RSS growth per person (session, page + socket), ${n} more`, "KB", { trove: samples.troveGrowth, baseline: samples.baselineGrowth }, "per bare hibernatable socket, N more", {
      note: `${n} editors with one sign-in each; the whole local workerd process (its sockets' buffers, V8's and the allocator's headroom included)`,
    }),
    figure(id, `Isolate heap growth per person (session, page + socket), ${n} more`, "KB", { trove: samples.troveHeap, baseline: samples.baselineHeap }, "the baseline isolate's heap per bare hibernatable socket", {
      note: `JavaScript heap in use after a full GC, read through workerd's inspector; Trove's isolate held ${mean(samples.heapAfter).toFixed(1)} MB with ${n + 1} people's pages open, so 1,000 open pages on one database come to about ${(mean(samples.heapAfter) + ((1000 - n - 1) * summarizeMedian(samples.troveHeap)) / 1024).toFixed(0)} MB of the isolate's 128 MB, counted linearly (the object keeps at most 300 sessions in memory, so less in fact)`,
    }),
    figure(id, `Open a page + its socket (${n} people arriving in a row, hello)`, "ms", { trove: samples.troveConnect, baseline: samples.baselineConnect }, "open a bare hibernatable socket", {
      note: `each arrival is a GET of the tables page and a socket whose hello is answered nothing (the page shows what it was sent); each is someone new, so the pages already open are sent the new presence list (arrivals share a broadcast: 5 ms a page open, at most 1 s); the first ${tenth} arrivals took ${mean(each.slice(0, tenth)).toFixed(1)} ms each, the last ${tenth} ${mean(each.slice(-tenth)).toFixed(1)} ms each`,
    }),
    figure(id, `workerd RSS: 1 database of ${big.count.toLocaleString("en")} records open (grid, sorted, filtered)`, "MB", { trove: big.trove, baseline: big.baseline }, "same, a baseline object serving the same rows (first page, sorted, filtered)", {
      note: `fresh workerd each time, storage copied from the fixture; idle before opening: ${mean(big.idle).toFixed(1)} MB`,
    }),
    ...snapshots.map((s) =>
      figure(id, `Session snapshot: ${s.label}`, "bytes", { trove: [s.snapshotBytes], baseline: [s.htmlBytes] }, "HTML of the same render", {
        deterministic: true,
        note: `${s.states} UI state${s.states === 1 ? "" : "s"} (render keys) kept in the session`,
      }),
    ),
  ];
}

/** Snapshot sizes of one owner's session in a fresh database, in a workerd of its own. */
async function snapshotSizes(ctx) {
  const cluster = await ctx.startCluster("memory-snapshots");
  try {
    const db = "bench-snapshots";
    const owner = await signUp(cluster.troveUrl, db);
    return await ctx.snapshots.measureSnapshots({
      owner,
      db,
      email: ownerEmail(db),
      tableNames: ctx.tableNames(20),
      memberNames: Array.from({ length: 9 }, () => personName(ctx.rand)),
      password: PASSWORD,
    });
  } finally {
    await cluster.stop();
  }
}

/** RSS of a fresh workerd after one big database's grid was opened, sorted and filtered,
 *  next to a fresh workerd after a baseline object served the same rows the same ways. */
async function bigDatabaseRss(ctx, reps) {
  const fixture = await ctx.records();
  const out = { count: fixture.big, trove: [], baseline: [], idle: [] };
  for (let rep = 0; rep < reps; rep++) {
    let cluster = await ctx.startCluster(`memory-records-baseline-${rep}`, { fixture });
    try {
      out.idle.push((await idleRss(cluster)) / MB);
      for (const query of ["", "&sort=famount", "&invalid=famount"]) {
        const res = await fetch(`${cluster.baselineUrl}/o/records-big/records?limit=50${query}`);
        if (res.status !== 200) throw new Error(`baseline records answered ${res.status}`);
        await res.text();
      }
      await sleep(500);
      out.baseline.push((await cluster.rss()) / MB);
    } finally {
      await cluster.stop();
    }
    cluster = await ctx.startCluster(`memory-records-trove-${rep}`, { fixture });
    try {
      out.idle.push((await idleRss(cluster)) / MB);
      const browser = new Browser(cluster.troveUrl);
      await signIn(browser, "bench-big");
      let page = await follow(browser, tableLink((await openPage(browser, "bench-big")).html, TABLE));
      for (let i = 0; i < 3; i++) page = await follow(browser, sortLink(page.html, "Amount")); // ↑, ↓, off
      page = await follow(browser, invalidLink(page.html).href);
      if (!page.html.includes("filter-banner")) throw new Error("the “not understood” filter did not apply");
      await sleep(500);
      out.trove.push((await cluster.rss()) / MB);
    } finally {
      await cluster.stop();
    }
  }
  return out;
}
