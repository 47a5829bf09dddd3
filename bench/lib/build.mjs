// Bundles what the bench runs: the product worker (wrangler.toml's main, unchanged), the
// bench-only baseline worker, and the UI engine for Node (to size session snapshots).
// Output goes to a temporary directory of the run (outside the tree, so linters skip it).

import { mkdir } from "node:fs/promises";
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
  external: ["cloudflare:*", "node:*"],
  tsconfig: join(ROOT, "tsconfig.json"),
  logLevel: "warning",
};

/** Builds the three bundles into `outDir`; returns their paths. */
export async function buildAll(outDir) {
  await mkdir(outDir, { recursive: true });
  const trove = join(outDir, "trove-worker.mjs");
  const baseline = join(outDir, "baseline-worker.mjs");
  const engine = join(outDir, "snapshot-engine.mjs");
  await Promise.all([
    build({ ...workerOptions, entryPoints: [join(BENCH_DIR, "trove-entry.ts")], outfile: trove }),
    build({ ...workerOptions, entryPoints: [join(BENCH_DIR, "baseline-worker.ts")], outfile: baseline }),
    build({
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node22",
      tsconfig: join(ROOT, "tsconfig.json"),
      entryPoints: [join(BENCH_DIR, "snapshot-engine.ts")],
      outfile: engine,
      logLevel: "warning",
    }),
  ]);
  return { trove, baseline, engine };
}
