// `node bench/profile-page.mjs [--records=2000] [--pages=60] [--profile] [--against=REF]`:
// what one warm grid page costs workerd, for finding where a page's time goes (issue 17).
// Not a figure of the bench (no baseline): it starts its own workerd (loopback only), loads
// a "Musicians" table of seeded records, GETs the grid page's address again and again and
// reports the workerd process's CPU per page (the median of 7 rounds). With --against=REF
// it builds that git revision too (`git archive`, into a temporary directory), runs both
// side by side in two workerds and alternates their rounds, so both see the same load, and
// reports the ratio; the two pages' HTML must be alike but for ids. --cold=N measures
// scenario 4's sequence instead, N times (a fresh workerd, a GET, a GET, the object
// evicted, a GET: the CPU of each, code that has barely run). With --profile it takes
// a CPU profile of this tree's pages through workerd's inspector and prints the functions
// with the most self time (BENCH_MINIFY=0 keeps their names readable); the profile is
// written to $TMPDIR as a .cpuprofile that Chrome's DevTools opens.

import { execSync } from "node:child_process";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildAll, ROOT } from "./lib/build.mjs";
import { Cluster } from "./lib/cluster.mjs";
import { TABLE } from "./lib/fixture.mjs";
import { follow, loadRecords, openPage, signUp, tableLink } from "./lib/trove.mjs";

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const records = arg("records", 2000);
const pages = arg("pages", 60);
const profile = process.argv.includes("--profile");

/** --cold=N: N runs of scenario 4's sequence instead (restart, GET, GET, evict, GET). */
const cold = arg("cold", 0);
const against = process.argv.find((a) => a.startsWith("--against="))?.slice(10);

const tmp = await mkdtemp(join(tmpdir(), "trove-profile-"));
const sides = [{ name: "this tree", bundles: await buildAll(join(tmp, "build")) }];
if (against) sides.push({ name: against, bundles: await buildRevision(against, join(tmp, "against")) });
const clusters = [];
try {
  for (const [i, side] of sides.entries()) {
    side.cluster = await new Cluster(side.bundles, join(tmp, `state-${i}`), { inspect: profile && i === 0 }).start();
    clusters.push(side.cluster);
    Object.assign(side, await gridPage(side.cluster));
    for (let n = 0; n < 20; n++) await side.get(); // warm: JIT, caches
    side.rounds = [];
  }
  if (sides.length === 2) {
    const [a, b] = await Promise.all(sides.map(async (s) => (await s.get(true)).replace(/(name|href|value|data-[a-z]+|action|id)="[^"]*"/g, "")));
    if (a !== b) console.log("note: the two pages differ (beyond ids): the comparison is of different pages");
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  if (cold) {
    // As scenario 4 meets the page: a fresh workerd, its first GET, a second one, the object
    // evicted (its isolate warm), and a third: the CPU of each, its code barely run before.
    const steps = ["cold", "again", "evicted"];
    for (const side of sides) side.cold = { cold: [], again: [], evicted: [] };
    const tally = newTally();
    for (let run = 0; run < cold; run++) {
      for (const side of run % 2 === 0 ? sides : [...sides].reverse()) {
        await side.cluster.restart();
        side.browser.origin = side.cluster.troveUrl;
        await new Promise((resolve) => setTimeout(resolve, 200));
        for (const step of steps) {
          if (step === "evicted") {
            const res = await fetch(`${side.cluster.troveUrl}/__bench/evict?db=bench-profile`, { method: "POST" });
            if (res.status !== 204) throw new Error(`evict answered ${res.status}`);
          }
          // With --profile: a profile of this tree's evicted step.
          const inspector = profile && side === sides[0] && step === "evicted" ? await profiler(side.cluster) : undefined;
          const before = await side.cluster.cpuMs();
          await side.get();
          side.cold[step].push((await side.cluster.cpuMs()) - before);
          if (inspector) addProfile(tally, await inspector.stop());
        }
      }
    }
    for (const side of sides) console.log(`${side.name}: workerd CPU of one grid page (${records.toLocaleString("en")} records), median of ${cold} runs: ${steps.map((step) => `${step} ${median(side.cold[step]).toFixed(2)} ms`).join(", ")}`);
    if (sides.length === 2) console.log(`ratio this tree ÷ ${against}: ${steps.map((step) => `${step} ${median(sides[0].cold[step].map((r, i) => r / sides[1].cold[step][i])).toFixed(3)}`).join(", ")} (medians of the paired runs)`);
    if (profile) printTally(tally, cold);
  }
  for (let round = 0; round < (cold ? 0 : 7); round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      const before = await side.cluster.cpuMs();
      for (let i = 0; i < pages; i++) await side.get();
      side.rounds.push((await side.cluster.cpuMs() - before) / pages);
    }
  }
  for (const side of cold ? [] : sides) {
    console.log(`${side.name}: grid page of ${records.toLocaleString("en")} records (${(await side.get(true)).length.toLocaleString("en")} B): workerd CPU per page ${median(side.rounds).toFixed(2)} ms, median of 7 rounds of ${pages} (${side.rounds.map((r) => r.toFixed(2)).join(", ")})`);
  }
  if (sides.length === 2 && !cold) console.log(`ratio this tree ÷ ${against}: ${median(sides[0].rounds.map((r, i) => r / sides[1].rounds[i])).toFixed(3)} (median of the paired rounds)`);
  if (profile && !cold) await cpuProfile(sides[0].cluster, sides[0].get);
} finally {
  for (const cluster of clusters) await cluster.stop();
}

/** Signs up a database in `cluster`, loads the records and opens the grid: returns a GET of
 *  the grid page's address (its HTML with `html`, else its length), and the browser. */
async function gridPage(cluster) {
  const db = "bench-profile";
  const owner = await signUp(cluster.troveUrl, db);
  await loadRecords(cluster.troveUrl, db, { table: TABLE, count: records, seed: 1_811 });
  const home = await openPage(owner, db);
  const grid = await follow(owner, tableLink(home.html, TABLE));
  const get = async (html = false) => {
    const res = await owner.fetch(grid.url);
    const text = await res.text();
    if (res.status !== 200 || !text.includes("1–50 of")) throw new Error(`the grid page answered ${res.status}`);
    return html ? text : text.length;
  };
  return { get, browser: owner };
}

/** Builds the bundles of git revision `ref` (its own bench/lib/build.mjs, this tree's
 *  node_modules). */
async function buildRevision(ref, dir) {
  await mkdir(dir, { recursive: true });
  execSync(`git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`, { cwd: ROOT, stdio: "inherit" });
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
  const { buildAll: build } = await import(pathToFileURL(join(dir, "bench/lib/build.mjs")).href);
  return build(join(dir, "build"));
}
/** A CPU profile of `pages` × 3 GETs of the trove worker; prints where the time went. */
async function cpuProfile(cluster, get) {
  const inspector = await profiler(cluster);
  for (let i = 0; i < pages * 3; i++) await get();
  const tally = newTally();
  addProfile(tally, await inspector.stop());
  printTally(tally, pages * 3);
}

/** Starts a CPU profile of the trove worker (workerd's inspector, a sample every 50 µs);
 *  `stop` ends it and returns the profile (also written to $TMPDIR). */
async function profiler(cluster) {
  const list = await (await fetch(`http://127.0.0.1:${cluster.inspectorPort}/json`)).json();
  const target = list.find((t) => t.title === "workerd: worker core:user:trove");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", reject, { once: true });
  });
  let id = 0;
  const waiting = new Map();
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data));
    waiting.get(message.id)?.(message.result);
  });
  const send = (method, params = {}) => new Promise((resolve) => {
    waiting.set(++id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 50 });
  await send("Profiler.start");
  return {
    async stop() {
      const { profile } = await send("Profiler.stop");
      ws.close();
      await writeFile(join(tmpdir(), `trove-page-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      return profile;
    },
  };
}

function newTally() {
  return { self: new Map(), inclusive: new Map(), total: 0 };
}

/** Adds a profile's samples: self time per function, and inclusive time (each function once
 *  per sample, however deep it recurses). */
function addProfile(tally, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const name = (node) => `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.split("/").pop()}:${node.callFrame.lineNumber + 1}`;
  profile.samples.forEach((nodeId, i) => {
    const leaf = byId.get(nodeId);
    if (leaf.callFrame.functionName === "(idle)" || leaf.callFrame.functionName === "(program)") return;
    const us = profile.timeDeltas[i + 1] ?? 0;
    tally.total += us;
    tally.self.set(name(leaf), (tally.self.get(name(leaf)) ?? 0) + us);
    const seen = new Set();
    for (let at = nodeId; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at));
      if (seen.has(key)) continue;
      seen.add(key);
      tally.inclusive.set(key, (tally.inclusive.get(key) ?? 0) + us);
    }
  });
}

function printTally(tally, count) {
  console.log(`CPU profile: ${(tally.total / 1000 / count).toFixed(2)} ms of JavaScript per page (profiles in ${tmpdir()})`);
  for (const [what, map] of [["self", tally.self], ["inclusive", tally.inclusive]]) {
    console.log(`top ${what} times:`);
    for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${((100 * us) / tally.total).toFixed(1).padStart(5)} %  ${key}`);
  }
}
