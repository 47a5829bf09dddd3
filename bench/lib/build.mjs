// Bundles what the bench runs: the product worker (through bench/trove-entry.ts, which adds
// bench-only routes), the bench-only baseline worker, and bench/snapshot-driver.ts for Node
// (the product's TestClient driving a session over HTTP, to size its stored snapshots).
// Output goes to a temporary directory of the run (outside the tree, so linters skip it).

import { copyFile, mkdir, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH_DIR);

const workerOptions = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2023",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  // papaparse requires "stream" only to parse Node streams (never in Trove); wrangler maps it
  // to node:stream under nodejs_compat, here it is simply left out of the bundle.
  // .txt imports stay separate modules, as Wrangler ships them (Text modules: strings V8
  // never compiles); buildAll copies them beside the bundle and the cluster loads them so.
  external: ["cloudflare:*", "node:*", "stream", "*.txt"],
  tsconfig: join(ROOT, "tsconfig.json"),
  logLevel: "warning",
  // As `wrangler deploy` ships the product (wrangler.toml: minify = true), so module
  // evaluation and wake are measured on the script production runs. BENCH_MINIFY=0 leaves
  // names readable (CPU profiles through BENCH_INSPECT).
  minify: process.env.BENCH_MINIFY !== "0",
};

/** Builds the three bundles into `outDir`; returns their paths. */
export async function buildAll(outDir) {
  await mkdir(outDir, { recursive: true });
  const trove = join(outDir, "trove-worker.mjs");
  const baseline = join(outDir, "baseline-worker.mjs");
  const snapshots = join(outDir, "snapshot-driver.mjs");
  await Promise.all([
    build({ ...workerOptions, entryPoints: [join(BENCH_DIR, "trove-entry.ts")], outfile: trove }),
    build({ ...workerOptions, entryPoints: [join(BENCH_DIR, "baseline-worker.ts")], outfile: baseline }),
    build({
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node22",
      tsconfig: join(ROOT, "tsconfig.json"),
      entryPoints: [join(BENCH_DIR, "snapshot-driver.ts")],
      outfile: snapshots,
      logLevel: "warning",
    }),
  ]);
  // The text modules the product imports (the gazetteer's data and ZIP codes), beside the bundle.
  const gazetteer = join(ROOT, "src/schema/gazetteer");
  for (const file of (await readdir(gazetteer)).filter((f) => f.endsWith(".txt"))) {
    await copyFile(join(gazetteer, file), join(outDir, file));
  }
  return { trove, baseline, snapshots };
}
