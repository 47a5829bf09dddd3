// `npm run bench [-- --quick] [-- --only=4,5]`: builds Trove and the baseline worker, runs
// each scenario against a local Miniflare on 127.0.0.1, prints a table and ONE JSON line,
// and saves the results (and, after a full run, bench/README.md). Exits non-zero if any
// scenario crashed.

import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BENCH_DIR, buildAll, ROOT } from "./lib/build.mjs";
import { COMPAT_NOTE, Cluster } from "./lib/cluster.mjs";
import { buildFixture, copyFixture } from "./lib/fixture.mjs";
import { mulberry32, tableNames } from "./lib/prng.mjs";
import { machine, readme, readmeSection, summarizeFigure, tableRows, textTable } from "./lib/report.mjs";
import * as backup from "./scenarios/backup.mjs";
import * as derived from "./scenarios/derived.mjs";
import * as forms from "./scenarios/forms.mjs";
import * as importRows from "./scenarios/import.mjs";
import * as liveUpdates from "./scenarios/live-updates.mjs";
import * as page from "./scenarios/session-page.mjs";
import * as tablePage from "./scenarios/table-page.mjs";
import * as memory from "./scenarios/memory.mjs";
import * as roundtrip from "./scenarios/roundtrip.mjs";
import * as wake from "./scenarios/wake.mjs";
import * as pictures from "./scenarios/pictures.mjs";
import * as grouping from "./scenarios/grouping.mjs";
import * as history from "./scenarios/history.mjs";

const SEED = 20_061_106;
const SCENARIOS = [forms, page, tablePage, grouping, wake, roundtrip, memory, importRows, liveUpdates, pictures, history, backup, derived];
const PENDING = [];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const runs = quick ? 3 : 11;

async function main() {
  const started = new Date();
  const log = (text) => process.stderr.write(`[bench] ${text}\n`);
  log(`${quick ? "quick" : "full"} run, ${runs} runs per timing figure`);
  const tmp = await mkdtemp(join(tmpdir(), "trove-bench-"));
  const bundles = await buildAll(join(tmp, "build"));
  const snapshots = await import(pathToFileURL(bundles.snapshots).href);

  const startCluster = async (name, { fixture, inspect = false } = {}) => {
    const dir = join(tmp, "state", name);
    if (fixture) await copyFixture(fixture, dir);
    return new Cluster(bundles, dir, { inspect }).start();
  };
  let fixture;
  const records = () => {
    fixture ??= buildFixture({ quick, startCluster, log });
    return fixture;
  };

  const figures = [];
  let crashed = false;
  try {
    for (const scenario of SCENARIOS) {
      if (only && !only.includes(scenario.id)) continue;
      const rand = mulberry32(SEED + Number(scenario.id));
      const ctx = {
        quick,
        runs,
        rand,
        /** bench/snapshot-driver.ts, bundled for Node. */
        snapshots,
        /** Paths of the built worker bundles (trove, baseline). */
        bundles,
        tableNames: (count) => tableNames(rand, count),
        startCluster,
        /** The records fixture (lib/fixture.mjs), built on first use. */
        records,
      };
      const start = performance.now();
      log(`scenario ${scenario.id}: ${scenario.title}…`);
      try {
        figures.push(...(await scenario.run(ctx)));
        log(`scenario ${scenario.id} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      } catch (error) {
        crashed = true;
        log(`scenario ${scenario.id} CRASHED: ${error?.stack ?? error}${error?.cause ? `\n  cause: ${error.cause.code ?? ""} ${error.cause.message ?? error.cause}` : ""}`);
        figures.push({ scenario: scenario.id, name: scenario.title, error: String(error?.message ?? error).split("\n")[0] });
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  if (!only) figures.push(...PENDING);
  figures.sort((a, b) => a.scenario.localeCompare(b.scenario));

  const miniflare = JSON.parse(await readFile(join(ROOT, "node_modules/miniflare/package.json"), "utf8")).version;
  const result = {
    bench: "trove",
    quick,
    seed: SEED,
    runs,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    miniflare,
    ...(COMPAT_NOTE ? { compatNote: COMPAT_NOTE } : {}),
    figures: figures.map(summarizeFigure),
  };

  console.log(textTable(tableRows(result.figures)));
  console.log(JSON.stringify(result));

  const results = join(BENCH_DIR, "results");
  await mkdir(results, { recursive: true });
  if (quick) {
    await writeFile(join(results, "quick.json"), `${JSON.stringify(result, null, 2)}\n`);
  } else if (!only) {
    await writeFile(join(results, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(join(BENCH_DIR, "README.md"), readme(result));
    await updateProjectReadme(result);
  }
  return crashed ? 1 : 0;
}

/** Replaces the table between the bench markers of the project's README. */
async function updateProjectReadme(result) {
  const path = join(BENCH_DIR, "..", "README.md");
  const text = await readFile(path, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  await writeFile(path, `${text.slice(0, a + start.length)}\n${readmeSection(result)}\n${text.slice(b)}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
