// `npm run test:e2e`: the browser tests. The real worker under `wrangler dev` (loopback only,
// fresh storage) is driven through Debian's Chromium with playwright-core; screenshots of the
// key screens go to test-results/e2e/. The client is built once here, then the two halves
// (half-a.mjs, half-b.mjs) run, each its own process with its own server. One after the
// other by default, which leaves CI room on a busy machine; `--both-at-once` runs them
// together (about 1.4× faster on two cores). A file runs on its own with `node --test <file>`.

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HERE = fileURLToPath(new URL(".", import.meta.url));
const HALVES = ["half-a.mjs", "half-b.mjs"];

// A test file that neither half imports would silently never run.
const imported = HALVES.flatMap((half) => [...readFileSync(HERE + half, "utf8").matchAll(/^import "\.\/([\w.-]+\.test\.mjs)";$/gm)].map((m) => m[1]));
const missing = readdirSync(HERE).filter((file) => file.endsWith(".test.mjs") && !imported.includes(file));
if (missing.length > 0) {
  console.error(`Add to half-a.mjs or half-b.mjs (whichever is shorter): ${missing.join(", ")}`);
  process.exit(1);
}
const built = spawnSync(process.execPath, ["scripts/build-client.mjs"], { cwd: ROOT, stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);

const concurrency = process.argv.includes("--both-at-once") ? 2 : 1;
const run = spawnSync(process.execPath, ["--test", `--test-concurrency=${concurrency}`, ...HALVES.map((half) => `test/e2e/${half}`)], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, TROVE_CLIENT_BUILT: "1" },
});
process.exit(run.status ?? 1);
