// Scenario 1: public form submissions per second, 16 concurrent clients over HTTP, next to a
// bare worker → object → one INSERT route in the baseline worker. Each run sends N
// urlencoded submissions (2,000; 200 with --quick) from 16 loop clients sharing one queue,
// to an open form with no daily cap on a fresh database's bench table (added through the
// real `addForm` action by bench/trove-entry.ts). Higher is better here: the ratio is
// Trove's rate ÷ the baseline's. After each run Trove must hold exactly N more records.
//
// Tokens: the object only checks a token's shape (8–64 of [A-Za-z0-9_-]) and that it did
// not already make a record, so each submission carries a fresh generated token (no GET of
// the form page per submission). Addresses: the rate limit is 10 a minute per
// CF-Connecting-IP per form, so each submission comes from its own address (many visitors
// each submitting once); with one address per client the 11th submission of a client
// would be refused within the minute.

import { figure } from "../lib/measure.mjs";
import { personName } from "../lib/prng.mjs";
import { summarize } from "../lib/stats.mjs";
import { signUp } from "../lib/trove.mjs";

export const id = "1";
export const title = "Public form submissions, 16 concurrent clients";

const CLIENTS = 16;
const TABLE = "Applicants";
const n = (x) => x.toLocaleString("en");

/** The i-th address of the run: 10.a.b.c, never repeated in one database. */
const address = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Valid answers for the bench form (text, money, single choice, date), urlencoded, with a
 *  fresh token and the empty honeypot, as a browser posts the form. */
function bodies(rand, sections, count, tokenPrefix) {
  return Array.from({ length: count }, (_, i) => {
    const cents = Math.floor(rand() * 500_000);
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 3650) * 86_400_000).toISOString().slice(0, 10);
    return new URLSearchParams({
      name: personName(rand),
      amount: rand() < 0.5 ? `$${(cents / 100).toFixed(2)}` : (cents / 100).toFixed(2),
      section: sections[Math.floor(rand() * sections.length)],
      joined: day,
      _token: `${tokenPrefix}-${String(i).padStart(6, "0")}`,
      _hp: "",
    }).toString();
  });
}

/** Sends every body from `clients` concurrent loops; returns the wall time in ms and the
 *  mean latency of one submission. Throws on any answer that is not the 303 of a success. */
async function burst(url, list, firstAddress, clients = CLIENTS) {
  let next = 0;
  let busy = 0;
  const start = performance.now();
  const client = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const t0 = performance.now();
      const res = await fetch(url, {
        method: "POST",
        body: list[i],
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": address(firstAddress + i) },
      });
      const text = await res.text();
      busy += performance.now() - t0;
      if (res.status !== 303) throw new Error(`submission ${i} to ${url} answered ${res.status}: ${text.replace(/\s+/g, " ").slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { ms: performance.now() - start, latency: busy / list.length };
}

export async function run(ctx) {
  const cluster = await ctx.startCluster("forms");
  try {
    const db = "bench-forms";
    await signUp(cluster.troveUrl, db);
    const res = await fetch(`${cluster.troveUrl}/__bench/form?db=${db}&table=${TABLE}&slug=apply`, { method: "POST" });
    const form = await res.json();
    if (!form.ok) throw new Error(`adding the bench form failed: ${form.reason}`);
    if (form.keys.join() !== "name,amount,section,joined") throw new Error(`unexpected questions: ${form.keys.join(", ")}`);
    const troveUrl = `${cluster.troveUrl}/f/${db}/${form.slug}`;
    const baseName = "forms";
    const baseUrl = `${cluster.baselineUrl}/o/${baseName}/insert`;

    const countTrove = async () => (await (await fetch(`${cluster.troveUrl}/__bench/count?db=${db}&table=${TABLE}`)).json()).total;
    const countBaseline = async () => (await (await fetch(`${cluster.baselineUrl}/o/${baseName}/submissions`)).json()).total;

    // The page a visitor opens carries the form and a token (checked once, not timed).
    const page = await (await fetch(troveUrl)).text();
    if (!/name="_token"/.test(page) || !/name="_hp"/.test(page)) throw new Error("the form page has no token or honeypot field");

    const N = ctx.quick ? 200 : 2_000;
    let sent = 0; // addresses and tokens never repeat within the run
    const batch = (count) => {
      const list = bodies(ctx.rand, form.sections, count, `bench${sent}`);
      const first = sent;
      sent += count;
      return { list, first };
    };
    const send = async (url, count, clients = CLIENTS) => {
      const { list, first } = batch(count);
      return burst(url, list, first, clients);
    };
    const checked = async (count, clients = CLIENTS) => {
      const before = await countTrove();
      const result = await send(troveUrl, count, clients);
      const after = await countTrove();
      if (after - before !== count) throw new Error(`${count} accepted submissions made ${after - before} records (${before} → ${after})`);
      return result;
    };

    // Warm-up: wake both objects, compile both paths.
    await checked(50);
    await send(baseUrl, 50);

    const start = { trove: await countTrove(), baseline: await countBaseline() };
    const trove = [];
    const baseline = [];
    const troveLatency = [];
    const baseLatency = [];
    const rate = (r) => (N / r.ms) * 1000;
    for (let r = 0; r < ctx.runs; r++) {
      const t = async () => {
        const x = await checked(N);
        trove.push(rate(x));
        troveLatency.push(x.latency);
      };
      const b = async () => {
        const x = await send(baseUrl, N);
        baseline.push(rate(x));
        baseLatency.push(x.latency);
      };
      if (r % 2 === 0) {
        await t();
        await b();
      } else {
        await b();
        await t();
      }
    }
    const made = (await countTrove()) - start.trove;
    const inserted = (await countBaseline()) - start.baseline;
    if (made !== N * ctx.runs) throw new Error(`Trove holds ${made} new records after ${N * ctx.runs} submissions`);
    if (inserted !== N * ctx.runs) throw new Error(`the baseline holds ${inserted} new rows after ${N * ctx.runs} submissions`);

    // One client at a time: the latency of a single submission, without queueing.
    const single = { trove: [], baseline: [] };
    const alone = ctx.quick ? 10 : 40;
    for (let r = 0; r < ctx.runs; r++) {
      const order = r % 2 === 0 ? ["trove", "baseline"] : ["baseline", "trove"];
      for (const side of order) {
        const x = side === "trove" ? await checked(alone, 1) : await send(baseUrl, alone, 1);
        single[side].push(x.ms / alone);
      }
    }

    const med = (xs) => summarize(xs).median;
    const total = await countTrove();
    return [
      figure(id, `Public form submissions per second, ${CLIENTS} concurrent clients (higher is better)`, "/s", { trove, baseline }, "bare worker → object → one INSERT of the urlencoded answers", {
        note: `${n(N)} urlencoded submissions per run (text, money, choice and date answers) to an open form with no daily cap on a fresh database; each with a fresh generated token (the object checks only its shape and that it is new, so no GET per submission) and its own CF-Connecting-IP (the rate limit is 10 a minute per address per form); mean latency under this load: Trove ${med(troveLatency).toFixed(1)} ms, baseline ${med(baseLatency).toFixed(1)} ms; Trove held exactly ${n(N)} more records after every run (${n(total)} in the table at the end)`,
      }),
      figure(id, "One form submission, one client at a time", "ms", single, "the same INSERT route, one client", {
        note: `${alone} submissions in a row per run; each checked as a 303 and counted as a record`,
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
