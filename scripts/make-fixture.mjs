// `node scripts/make-fixture.mjs`: makes the migration fixture of TODAY's code
// (test/fixtures/fixture-entry.ts builds the database; the dump is written to
// test/fixtures/migration-<version>.json). Commit it when you append a migration: the
// workerd test test/workerd/migration-fixtures.test.ts loads every fixture at its version
// and checks that the current code migrates and serves it.

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const wrangler = await readFile(join(ROOT, "wrangler.toml"), "utf8");
const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1];

const tmp = await mkdtemp(join(tmpdir(), "trove-fixture-"));
try {
  const bundle = join(tmp, "fixture-worker.mjs");
  await build({
    bundle: true, format: "esm", platform: "neutral", target: "es2023",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*", "stream"], tsconfig: join(ROOT, "tsconfig.json"), logLevel: "warning",
    entryPoints: [join(ROOT, "test/fixtures/fixture-entry.ts")], outfile: bundle,
  });
  const mf = new Miniflare({
    cf: false, host: "127.0.0.1", port: 0, modules: true, modulesRoot: tmp, scriptPath: bundle,
    compatibilityDate: date, compatibilityFlags: ["nodejs_compat"],
    bindings: { SESSION_TTL_DAYS: "14", PUBLIC_ORIGIN: "" },
    durableObjects: { TENANT: { className: "TenantDatabase", useSQLite: true }, DIRECTORY: { className: "DatabaseDirectory", useSQLite: true } },
  });
  try {
    // Each fixture names its own database: the test loads every fixture into the object of
    // that name, so two fixtures must never share one.
    const db = `fixture-${Date.now().toString(36)}`;
    const response = await mf.dispatchFetch(`http://fixture.test/__fixture/make?db=${db}`, { method: "POST" });
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    const made = await response.json();
    const file = join(ROOT, "test/fixtures", `migration-${String(made.dump.migration).padStart(3, "0")}.json`);
    await writeFile(file, `${JSON.stringify({ made: new Date().toISOString().slice(0, 10), ...made }, null, 0)}\n`);
    console.log(`wrote ${file} (migration ${made.dump.migration}, ${made.dump.tables.length} tables)`);
  } finally {
    await mf.dispose();
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
