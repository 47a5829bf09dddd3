// Starts Trove and the baseline worker in one programmatic Miniflare (one workerd process),
// each on its own loopback socket, with Durable Object storage in a directory the bench
// chooses, so a restart with the same directory wakes the same objects.

import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Log, LogLevel, Miniflare, supportedCompatibilityDate } from "miniflare";
import { ROOT } from "./build.mjs";

const wrangler = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
const WANTED_DATE = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1] ?? supportedCompatibilityDate;
/** wrangler.toml's date, or the newest this Miniflare's workerd supports if that is older. */
const COMPAT_DATE = [WANTED_DATE, supportedCompatibilityDate].sort()[0];
export const COMPAT_NOTE = COMPAT_DATE === WANTED_DATE ? "" : `compatibility date ${WANTED_DATE} (wrangler.toml) is newer than this workerd supports; ran with ${COMPAT_DATE}`;
/** wrangler.toml's compatibility flags, as the product is deployed with them. */
const COMPAT_FLAGS = JSON.parse(/^compatibility_flags\s*=\s*(\[[^\]]*\])/m.exec(wrangler)?.[1] ?? "[]");
const TTL_DAYS = /^SESSION_TTL_DAYS\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1] ?? "14";

export class Cluster {
  /** @param {{ trove: string, baseline: string }} bundles @param {string} persistDir
   *  @param {{ inspect?: boolean }} [options] inspect: open workerd's inspector on a free
   *  loopback port, so `heapUsed` can read each isolate's JavaScript heap. */
  constructor(bundles, persistDir, { inspect = false } = {}) {
    this.bundles = bundles;
    this.persistDir = persistDir;
    this.inspect = inspect;
    this.mf = undefined;
  }

  async start() {
    if (this.inspect) this.inspectorPort = await freePort();
    const direct = [{ host: "127.0.0.1", port: 0 }];
    const common = { modules: true, modulesRoot: dirname(this.bundles.trove), compatibilityDate: COMPAT_DATE, compatibilityFlags: COMPAT_FLAGS, unsafeDirectSockets: direct, modulesRules: [{ type: "Text", include: ["**/*.txt"] }] };
    this.mf = new Miniflare({
      cf: false,
      host: "127.0.0.1",
      port: 0,
      durableObjectsPersist: this.persistDir,
      // BENCH_LOG=1 shows what the workers log (their errors included), to find why a run crashed.
      log: process.env.BENCH_LOG ? new Log(LogLevel.DEBUG) : undefined,
      verbose: !!process.env.BENCH_LOG,
      // BENCH_INSPECT=<port> opens workerd's inspector there (CPU profiles of the workers).
      ...(process.env.BENCH_INSPECT || this.inspectorPort ? { inspectorPort: this.inspectorPort ?? Number(process.env.BENCH_INSPECT) } : {}),
      workers: [
        {
          ...common,
          name: "trove",
          scriptPath: this.bundles.trove,
          // The flood limit on socket frames is lifted: the bench measures the engine's round
          // trips back to back, far faster than a person clicks (see SOCKET_FRAMES_PER_SECOND).
          bindings: { SESSION_TTL_DAYS: TTL_DAYS, SOCKET_FRAMES_PER_SECOND: "1000000" },
          durableObjects: { TENANT: { className: "TenantDatabase", useSQLite: true }, DIRECTORY: { className: "DatabaseDirectory", useSQLite: true } },
        },
        {
          ...common,
          name: "baseline",
          scriptPath: this.bundles.baseline,
          durableObjects: { BASELINE: { className: "BaselineObject", useSQLite: true } },
        },
      ],
    });
    await this.mf.ready;
    this.troveUrl = (await this.mf.unsafeGetDirectURL("trove")).origin;
    this.baselineUrl = (await this.mf.unsafeGetDirectURL("baseline")).origin;
    this.pid = await workerdPid();
    return this;
  }

  async stop() {
    await this.mf?.dispose();
    this.mf = undefined;
  }

  async restart() {
    await this.stop();
    return this.start();
  }

  /** CPU time the workerd process has run, in ms, all its threads (Linux /proc schedstat):
   *  what one side's requests cost the machine, whatever else the machine is doing. */
  async cpuMs() {
    const tasks = await readdir(`/proc/${this.pid}/task`);
    let ns = 0;
    for (const task of tasks) {
      try {
        ns += Number((await readFile(`/proc/${this.pid}/task/${task}/schedstat`, "utf8")).split(" ")[0]);
      } catch {
        // a thread that ended meanwhile
      }
    }
    return ns / 1e6;
  }

  /** Resident memory of the workerd process, in bytes (Linux /proc). */
  async rss() {
    const status = await readFile(`/proc/${this.pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return kb * 1024;
  }
}

/** A loopback port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Bytes of JavaScript heap in use by the isolate of worker `name` (trove or baseline) after
 *  a full garbage collection, read through workerd's inspector (the cluster must have been
 *  started with `inspect`). Cloudflare's 128 MB limit applies to an isolate, not the process.
 *  workerd's inspector answers no HeapProfiler.collectGarbage, so a heap snapshot (which
 *  collects first; its chunks are ignored) comes before Runtime.getHeapUsage. */
export async function heapUsed(cluster, name) {
  const list = await (await fetch(`http://127.0.0.1:${cluster.inspectorPort}/json`)).json();
  const target = list.find((t) => t.title === `workerd: worker core:user:${name}`);
  if (!target) throw new Error(`no inspector target for worker ${name}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  const keepAlive = setInterval(() => {}, 1000); // a connecting WebSocket does not keep Node running
  try {
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve, { once: true });
      ws.addEventListener("error", reject, { once: true });
    });
    const usage = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the inspector of ${name} did not answer`)), 120_000);
      ws.addEventListener("message", (event) => {
        const message = JSON.parse(String(event.data));
        if (message.id !== 2) return;
        clearTimeout(timer);
        resolve(message.result);
      });
      ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.takeHeapSnapshot", params: { reportProgress: false } }));
      ws.send(JSON.stringify({ id: 2, method: "Runtime.getHeapUsage" }));
    });
    return usage.usedSize;
  } finally {
    clearInterval(keepAlive);
    ws.close();
  }
}

/** The newest workerd process whose parent is this Node process. */
async function workerdPid() {
  let found;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat) ?? [];
      const ppid = Number(rest?.split(" ")[1]);
      if (ppid === process.pid && comm?.startsWith("workerd") && (!found || Number(entry) > found)) found = Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  if (!found) throw new Error("could not find the workerd process under this Node process");
  return found;
}
