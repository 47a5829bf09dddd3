// Starts and stops `wrangler dev` for the end-to-end tests: loopback only, a fresh persist
// directory, its own process group (so the whole tree dies with it), output to a log file.

import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function answers(url) {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

/** The operator token `wrangler dev` runs with in the end-to-end tests. */
export const E2E_OPERATOR_TOKEN = "e2e-operator-token-4b1d7c0e";

export class DevServer {
  /** @param {{ root: string, port: number, persistTo: string, logFile: string }} options */
  constructor(options) {
    this.options = options;
    this.child = null;
    this.url = `http://127.0.0.1:${options.port}`;
    this.log = createWriteStream(options.logFile);
  }

  /** Starts wrangler dev; when two start at once (run.mjs's halves) and one loses a race for
   *  a port it picked, it tries again with another inspector port. */
  async start(timeoutMs = 60_000) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce(timeoutMs);
      } catch (error) {
        if (attempt === 3 || !(error instanceof PortTaken)) throw error;
        this.inspectorPort = undefined;
        await sleep(500 * attempt);
      }
    }
  }

  async startOnce(timeoutMs) {
    const { root, port, persistTo } = this.options;
    const wrangler = `${root}/node_modules/.bin/wrangler`;
    // Its own inspector port: wrangler's default (9229) is one port for every wrangler dev.
    this.inspectorPort ??= await freePort();
    // The operator view's secret for this run only (production sets it with `wrangler secret put`).
    const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(this.inspectorPort), "--persist-to", persistTo, "--var", `OPERATOR_TOKEN:${E2E_OPERATOR_TOKEN}`];
    this.log.write(`\n--- starting wrangler ${args.join(" ")} at ${new Date().toISOString()}\n`);
    const child = spawn(wrangler, args, {
      cwd: root,
      detached: true, // its own process group: stop() kills wrangler and workerd together
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PATH: `${root}/node_modules/.bin:${process.env.PATH}`, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    });
    this.child = child;
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    let portTaken = false;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk) => {
        if (String(chunk).includes("Address already in use")) portTaken = true;
      });
    }
    let exited = false;
    child.once("exit", () => {
      exited = true;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited && portTaken) {
        this.killNow(); // esbuild and workerd under it
        throw new PortTaken(`wrangler dev found a port taken; see ${this.options.logFile}`);
      }
      if (exited) throw new Error(`wrangler dev exited during start-up; see ${this.options.logFile}`);
      if ((await answers(`${this.url}/`)) && (await answers(`${this.url}/client.js`))) return;
      await sleep(250);
    }
    throw new Error(`wrangler dev did not answer on ${this.url} within ${timeoutMs / 1000} s; see ${this.options.logFile}`);
  }

  /** Kills the process group and waits until it has gone and the port is free. */
  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const gone = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", resolve);
    });
    killGroup(child.pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 3000);
    await gone;
    clearTimeout(timer);
    killGroup(child.pid, "SIGKILL"); // stragglers (workerd) in the group
    for (let i = 0; i < 40 && (await answers(`${this.url}/`)); i++) await sleep(100);
  }

  /** Synchronous last resort for process exit. */
  killNow() {
    if (this.child) killGroup(this.child.pid, "SIGKILL");
    this.child = null;
  }
}

class PortTaken extends Error {}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
