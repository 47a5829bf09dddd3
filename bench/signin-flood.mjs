// How much anonymous sign-in hammering slows a member's pages (issue 9, item 2). Starts
// `wrangler dev` on a free loopback port, signs up a database, then times GETs of the
// owner's session page alone and while 16 anonymous clients post wrong passwords as fast as
// they can. Two attacks: each client from its own address (the per-address limits apply),
// and every attempt from a new address (the worst case: each one derives a password).
// Usage: node bench/signin-flood.mjs [requests-per-phase]

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DevServer, freePort } from "../test/e2e/server.mjs";
import { openSession, PASSWORD, signUp } from "./lib/trove.mjs";

const root = resolve(import.meta.dirname, "..");
const samples = Number(process.argv[2] ?? 150);
const CLIENTS = 16;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

async function timePage(browser, url, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const response = await browser.fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`page answered ${response.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

/** The owner signs in from a clean address `n` times; returns the times (each must pass). */
async function timeSignIn(origin, db, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const body = new URLSearchParams({ email: `owner@${db}.example.org`, password: PASSWORD, next: "" });
    const response = await fetch(`${origin}/t/${db}/signin`, {
      method: "POST", body, redirect: "manual",
      headers: { origin, "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "192.0.2.1" },
    });
    await response.arrayBuffer();
    if (response.status !== 303) throw new Error(`the owner's sign-in answered ${response.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

async function flood(origin, db, addressOf, stop) {
  const counts = new Map();
  let n = 0;
  const client = async (c) => {
    while (!stop.done) {
      const i = n++;
      const body = new URLSearchParams({ email: `nobody${i}@example.org`, password: `guess ${i}`, next: "" });
      const response = await fetch(`${origin}/t/${db}/signin`, {
        method: "POST", body, redirect: "manual",
        headers: { origin, "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": addressOf(c, i) },
      });
      await response.arrayBuffer();
      counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
    }
  };
  const running = Array.from({ length: CLIENTS }, (_, c) => client(c));
  return { counts, done: () => Promise.all(running) };
}

const port = await freePort();
const server = new DevServer({ root, port, persistTo: mkdtempSync(join(tmpdir(), "trove-flood-")), logFile: join(tmpdir(), `trove-flood-${port}.log`) });
await server.start();
try {
  const db = `flood-${Date.now().toString(36)}`;
  const owner = await signUp(server.url, db);
  const { url } = await openSession(owner, db);
  await timePage(owner, url, 20); // warm up
  const quiet = await timePage(owner, url, samples);
  const report = [["alone", quiet, null, await timeSignIn(server.url, db, 5)]];
  const attacks = {
    "16 clients, one address each": (c) => `203.0.113.${c + 1}`,
    "16 clients, a new address every attempt": (_c, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  };
  for (const [name, addressOf] of Object.entries(attacks)) {
    const stop = { done: false };
    const attack = await flood(server.url, db, addressOf, stop);
    await new Promise((r) => setTimeout(r, 500));
    const times = await timePage(owner, url, samples);
    const signIns = await timeSignIn(server.url, db, 5);
    stop.done = true;
    await attack.done();
    report.push([name, times, attack.counts, signIns]);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const base = median(quiet);
  for (const [name, times, counts, signIns] of report) {
    const statuses = counts ? ` — attack sign-ins answered ${[...counts].map(([s, n]) => `${n}× ${s}`).join(", ")}` : "";
    console.log(`${name}: member page median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms, factor ${(median(times) / base).toFixed(2)}× (p95 ${(p95(times) / p95(quiet)).toFixed(2)}×); the owner's sign-in from a clean address: median ${median(signIns).toFixed(0)} ms${statuses}`);
  }
} finally {
  await server.stop();
}
