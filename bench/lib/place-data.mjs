// Scenario 4's place-data figures (issue 11: "bundle size and cold wake after the place data
// grows"): what the offline gazetteer adds to the Worker's upload, against the platform's
// script-size limit, and what the first place read costs in a fresh V8 (a cold isolate's
// first page that shows or reads a place decodes and indexes the data once; pages that read
// no place never do, test/workerd/lazy-places.test.ts). Each sample is a fresh Node process.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { figure } from "./measure.mjs";

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const GAZETTEER = join(ROOT, "src/schema/gazetteer");
/** Cloudflare's Worker size limit after compression (Workers Free; Paid allows 10 MiB). */
const FREE_LIMIT_KIB = 3 * 1024;

/** A bundle of the gazetteer alone that times its first reads, run as `node <it> trove|baseline`. */
async function probe(outDir) {
  const outfile = join(outDir, "place-probe.mjs");
  const contents = `
    import { gazetteer, zipPlace } from ${JSON.stringify(join(GAZETTEER, "gazetteer.ts"))};
    import { resolvePlace } from ${JSON.stringify(join(GAZETTEER, "resolve.ts"))};
    import DATA from ${JSON.stringify(join(GAZETTEER, "data.txt"))};
    import ZIPS from ${JSON.stringify(join(GAZETTEER, "zips.txt"))};
    const side = process.argv[2];
    let t = performance.now();
    let size = 0;
    if (side === "baseline") {
      // The least any decode does: the same text split into rows and fields.
      for (const text of [DATA, ZIPS]) for (const line of text.split("\\n")) size += line.split("\\t").length;
    } else {
      if (!resolvePlace("Albany, NY")) throw new Error("no place read");
      size = gazetteer().cities.length;
    }
    const first = performance.now() - t;
    t = performance.now();
    if (side !== "baseline" && zipPlace("02139")?.name !== "Cambridge") throw new Error("no ZIP read");
    process.stdout.write(JSON.stringify({ first, zip: performance.now() - t, size }));`;
  await build({
    stdin: { contents, resolveDir: ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    loader: { ".txt": "text" },
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

function run(file, side) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, side], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`place probe exited ${code}`))));
  });
}

const kib = (bytes) => bytes / 1024;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The figures, for `ctx.bundles.trove` (whose text modules lie beside it). */
export async function placeDataFigures(id, ctx) {
  const dir = dirname(ctx.bundles.trove);
  const texts = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => join(dir, f));
  const script = ctx.bundles.trove;
  const raw = statSync(script).size + texts.reduce((n, f) => n + statSync(f).size, 0);
  const gzip = gz(script) + texts.reduce((n, f) => n + gz(f), 0);
  const parts = texts.map((f) => `${f.slice(dir.length + 1)} ${Math.round(kib(statSync(f).size))} KiB (gzip ${Math.round(kib(gz(f)))})`);

  const file = await probe(dir);
  const samples = { trove: [], baseline: [] };
  const zips = [];
  let cities = 0;
  for (let i = 0; i < ctx.runs; i++) {
    for (const side of i % 2 === 0 ? ["trove", "baseline"] : ["baseline", "trove"]) {
      const r = await run(file, side);
      samples[side].push(r.first);
      if (side === "trove") [zips[zips.length], cities] = [r.zip, r.size];
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return [
    figure(id, "Worker upload after the place data grows (script + text modules, gzip)", "KiB", { trove: [kib(gzip)], baseline: [FREE_LIMIT_KIB] }, "Cloudflare's limit on Workers Free (Paid: 10 MiB)", {
      note: `uncompressed ${Math.round(kib(raw))} KiB: script ${Math.round(kib(statSync(script).size))} KiB (gzip ${Math.round(kib(gz(script)))}), ${parts.join(", ")}; the text modules are strings V8 never compiles (module evaluation above does not grow with them)`,
    }),
    figure(id, `First place read in a fresh V8: decode and index ${cities.toLocaleString("en")} cities (once per isolate; pages that read no place skip it)`, "ms", samples, "splitting the same text into rows and fields", {
      note: `the US ZIP codes decode on the first text holding one: median ${median(zips).toFixed(1)} ms more`,
    }),
  ];
}
