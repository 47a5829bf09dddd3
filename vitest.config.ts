import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Two projects: pure code runs in plain Node beside its source; the tenant object,
// the worker, eviction and sockets run inside workerd through the Cloudflare plugin.
export default defineConfig({
  test: {
    projects: [
      {
        // Deadlines, not timings: the gazetteer round trip and the property tests take seconds
        // when CI's two cores are busy with workerd.
        test: { name: "unit", include: ["src/**/*.test.ts", "src/**/*.test.tsx"], environment: "node", testTimeout: 30_000 },
      },
      {
        // The operator view's secret, as `wrangler secret put` would set it (never in wrangler.toml).
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { bindings: { OPERATOR_TOKEN: "test-operator-token-0123456789" } } })],
        // Deadlines, not timings: generous, because CI shares two cores with the build.
        test: { name: "workerd", include: ["test/workerd/**/*.test.ts"], testTimeout: 30_000 },
      },
    ],
  },
});
