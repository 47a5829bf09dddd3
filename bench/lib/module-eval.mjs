// Module evaluation apart from an object's start: each sample is a fresh Node process (the
// same V8 as workerd) that imports a worker bundle once and reports how long the import took
// (compiling and evaluating every module at its top level, as a cold isolate does before its
// first request). `cloudflare:workers` is replaced by a small stand-in in a copy of the
// bundle, a Text module (.txt) by a module that reads its file; `node:*` stay Node's. Run as a child: `node module-eval.mjs <bundle>` prints the ms.

import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const STUB = `export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }
export class WorkerEntrypoint { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }
export const env = {};
export const exports = {};`;

/** Milliseconds to import `bundle` in a fresh process. */
export function evaluationMs(bundle) {
  const copy = bundle.replace(/\.mjs$/, ".node-eval.mjs");
  const stub = `data:text/javascript,${encodeURIComponent(STUB)}`;
  // A Text module is a string the runtime reads, never compiled: here, read from its file.
  const text = (path) => `data:text/javascript,${encodeURIComponent(`import { readFileSync } from "node:fs"; export default readFileSync(${JSON.stringify(fileURLToPath(new URL(path, pathToFileURL(bundle))))}, "utf8");`)}`;
  const source = readFileSync(bundle, "utf8")
    .replaceAll('"cloudflare:workers"', JSON.stringify(stub))
    .replace(/from\s*"(\.\/[^"]+\.txt)"/g, (_m, path) => `from ${JSON.stringify(text(path))}`);
  writeFileSync(copy, source);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), copy], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`module evaluation of ${bundle} exited ${code}`))));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  const start = performance.now();
  await import(pathToFileURL(process.argv[2]).href);
  process.stdout.write(`${(performance.now() - start).toFixed(3)}\n`);
}
