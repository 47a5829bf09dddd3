import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** `.txt` imports are strings, as Wrangler's Text modules are (the gazetteer's data). */
const textModules: Plugin = {
  name: "trove-text-modules",
  enforce: "pre",
  load(id) {
    return id.endsWith(".txt") ? `export default ${JSON.stringify(readFileSync(id, "utf8"))};` : undefined;
  },
};

// Two projects: pure code runs in plain Node beside its source; the tenant object,
// the worker, eviction and sockets run inside workerd through the Cloudflare plugin.
export default defineConfig({
  test: {
    // Two files at a time (Vitest's default on two cores is one): a workerd file spends most of
    // its time waiting on workerd, so two cores run two files in not much more than one's time.
    maxWorkers: 2,
    projects: [
      {
        // Deadlines, not timings: the gazetteer round trip and the property tests take seconds
        // when CI's two cores are busy with workerd.
        plugins: [textModules],
        test: { name: "unit", include: ["src/**/*.test.ts", "src/**/*.test.tsx"], environment: "node", testTimeout: 30_000 },
      },
      {
        // The operator view's secret, as `wrangler secret put` would set it (never in wrangler.toml).
        // nodejs_compat for Vitest's own runner (it imports node:* modules); the product runs
        // without it (wrangler.toml), as the browser tests and the bench run it.
        plugins: [textModules, cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { compatibilityFlags: ["nodejs_compat"], bindings: { OPERATOR_TOKEN: "test-operator-token-0123456789" } } })],
        // Deadlines, not timings: generous, because CI shares two cores with the build.
        test: { name: "workerd", include: ["test/workerd/**/*.test.ts"], testTimeout: 30_000 },
      },
    ],
  },
});
