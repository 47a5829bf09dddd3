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

import { TABLE as FIXTURE_TABLE } from "../lib/fixture.mjs";
import { figure, sleep } from "../lib/measure.mjs";
import { personName } from "../lib/prng.mjs";
import { summarize } from "../lib/stats.mjs";
import { follow, openPage, pageSocket, signUp, tableLink } from "../lib/trove.mjs";

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
 *  mean latency of one submission. Throws on any answer but `status` (303: a success). */
async function burst(url, list, firstAddress, clients, status) {
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
      if (res.status !== status) throw new Error(`submission ${i} to ${url} answered ${res.status}: ${text.replace(/\s+/g, " ").slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { ms: performance.now() - start, latency: busy / list.length };
}

export async function run(ctx) {
  const fixture = await ctx.records();
  const cluster = await ctx.startCluster("forms", { fixture });
  try {
    const addForm = async (db, table) => {
      const res = await fetch(`${cluster.troveUrl}/__bench/form?db=${db}&table=${table}&slug=apply`, { method: "POST" });
      const form = await res.json();
      if (!form.ok) throw new Error(`adding the bench form to ${db} failed: ${form.reason}`);
      if (form.keys.join() !== "name,amount,section,joined") throw new Error(`unexpected questions: ${form.keys.join(", ")}`);
      return { ...form, db, table, url: `${cluster.troveUrl}/f/${db}/${form.slug}` };
    };
    const db = "bench-forms";
    const owner = await signUp(cluster.troveUrl, db);
    const fresh = await addForm(db, TABLE);
    const big = await addForm("bench-big", FIXTURE_TABLE);
    const baseName = "forms";
    const baseUrl = `${cluster.baselineUrl}/o/${baseName}/insert`;

    const countTrove = async (form) => (await (await fetch(`${cluster.troveUrl}/__bench/count?db=${form.db}&table=${form.table}`)).json()).total;
    const countBaseline = async () => (await (await fetch(`${cluster.baselineUrl}/o/${baseName}/submissions`)).json()).total;

    // The page a visitor opens carries the form and a token (checked once, not timed).
    const page = await (await fetch(fresh.url)).text();
    if (!/name="_token"/.test(page) || !/name="_hp"/.test(page)) throw new Error("the form page has no token or honeypot field");

    let sent = 0; // addresses and tokens never repeat within the run
    const send = async (url, count, { clients = CLIENTS, make, status = 303 } = {}) => {
      const list = make ? Array.from({ length: count }, make) : bodies(ctx.rand, fresh.sections, count, `bench${sent}`);
      const first = sent;
      sent += count;
      return burst(url, list, first, clients, status);
    };
    /** Submissions to Trove's form, failing unless exactly `count` records were added. */
    const checked = async (form, count, clients = CLIENTS) => {
      const before = await countTrove(form);
      const result = await send(form.url, count, { clients });
      const after = await countTrove(form);
      if (after - before !== count) throw new Error(`${count} accepted submissions made ${after - before} records in ${form.db} (${before} → ${after})`);
      return result;
    };
    const rate = (count, r) => (count / r.ms) * 1000;

    /** Paired runs of `count` concurrent submissions: Trove's form `form` and the baseline. */
    const paired = async (form, count) => {
      await checked(form, 50); // warm-up: wake the objects, compile both paths
      await send(baseUrl, 50);
      const start = { trove: await countTrove(form), baseline: await countBaseline() };
      const out = { trove: [], baseline: [], troveLatency: [], baseLatency: [] };
      for (let r = 0; r < ctx.runs; r++) {
        const t = async () => {
          const x = await checked(form, count);
          out.trove.push(rate(count, x));
          out.troveLatency.push(x.latency);
        };
        const b = async () => {
          const x = await send(baseUrl, count);
          out.baseline.push(rate(count, x));
          out.baseLatency.push(x.latency);
        };
        if (r % 2 === 0) {
          await t();
          await b();
        } else {
          await b();
          await t();
        }
      }
      const made = (await countTrove(form)) - start.trove;
      const inserted = (await countBaseline()) - start.baseline;
      if (made !== count * ctx.runs) throw new Error(`${form.db} holds ${made} new records after ${count * ctx.runs} submissions`);
      if (inserted !== count * ctx.runs) throw new Error(`the baseline holds ${inserted} new rows after ${count * ctx.runs} submissions`);
      return out;
    };

    const N = ctx.quick ? 200 : 2_000;
    const main = await paired(fresh, N);
    const freshTotal = await countTrove(fresh);

    // Where the time goes (one sample each, same load): the worker alone (a filled honeypot
    // gets a pretend success page without waking the object), worker → object without a
    // write (a token already used: the object answers the same success), and the full path
    // with the owner's page open on the table's grid (its socket is pushed the regions that
    // each burst of records changed).
    const split = ctx.quick ? 200 : 1_000;
    const fields = { name: "Ada Berg", amount: "$12.50", section: fresh.sections[0], joined: "2020-02-03" };
    const honeypot = rate(split, await send(fresh.url, split, { status: 200, make: () => new URLSearchParams({ ...fields, _token: "bench-honeypot-0", _hp: "http://spam.example" }).toString() }));
    const reused = new URLSearchParams({ ...fields, _token: "bench-reused-token-0", _hp: "" }).toString();
    await send(fresh.url, 1, { make: () => reused });
    const repeatBefore = await countTrove(fresh);
    const repeat = rate(split, await send(fresh.url, split, { make: () => reused }));
    if ((await countTrove(fresh)) !== repeatBefore) throw new Error("a reused token made a record");
    const grid = await follow(owner, tableLink((await openPage(owner, db)).html, TABLE));
    const socket = await pageSocket(owner, db, grid);
    let frames = 0;
    let frameBytes = 0;
    socket.socket.ws.addEventListener("message", (event) => {
      frames++;
      frameBytes += Buffer.byteLength(event.data);
    });
    const watched = rate(split, await checked(fresh, split));
    await sleep(300);
    socket.close();

    // The same submissions into the fixture's table of `fixture.big` records.
    const bigCount = ctx.quick ? 200 : 1_000;
    const bigRuns = await paired(big, bigCount);

    // One client at a time: the latency of a single submission, without queueing; and the
    // CPU time workerd spent on each (both workers run in the one process, one side at a
    // time): on a shared machine the wall time swings with everyone else's load and disk
    // syncs, the CPU a submission costs much less.
    const single = { trove: [], baseline: [] };
    const cpu = { trove: [], baseline: [] };
    const alone = ctx.quick ? 30 : 40;
    const singleBefore = await countTrove(fresh);
    for (let r = 0; r < ctx.runs; r++) {
      const order = r % 2 === 0 ? ["trove", "baseline"] : ["baseline", "trove"];
      for (const side of order) {
        const before = await cluster.cpuMs();
        const x = side === "trove" ? await send(fresh.url, alone, { clients: 1 }) : await send(baseUrl, alone, { clients: 1 });
        cpu[side].push(((await cluster.cpuMs()) - before) / alone);
        single[side].push(x.ms / alone);
      }
    }
    const singleMade = (await countTrove(fresh)) - singleBefore;
    if (singleMade !== alone * ctx.runs) throw new Error(`${alone * ctx.runs} submissions one at a time made ${singleMade} records`);

    const med = (xs) => summarize(xs).median;
    const rateText = (x) => `${n(Math.round(x))}/s`;
    return [
      figure(id, `Public form submissions per second, ${CLIENTS} concurrent clients (higher is better)`, "/s", { trove: main.trove, baseline: main.baseline }, "bare worker → object → one INSERT of the urlencoded answers", {
        note: `${n(N)} urlencoded submissions per run (text, money, choice and date answers) to an open form with no daily cap on a fresh database; each with a fresh generated token (the object checks only its shape and that it is new, so no GET per submission) and its own CF-Connecting-IP (the rate limit is 10 a minute per address per form); Trove held exactly ${n(N)} more records after every run (${n(freshTotal)} in the table after the runs); mean latency under this load: Trove ${med(main.troveLatency).toFixed(1)} ms, baseline ${med(main.baseLatency).toFixed(1)} ms; one sample each of ${n(split)}: the worker alone (filled honeypot, no object) ${rateText(honeypot)}, worker → object without a write (reused token) ${rateText(repeat)}, the full path with the owner's grid page open ${rateText(watched)} (${n(frames)} frames of changed regions pushed to it, ${n(Math.round(frameBytes / 1024))} KB in all)`,
      }),
      figure(id, `Public form submissions per second into a table of ${n(fixture.big)} records (higher is better)`, "/s", { trove: bigRuns.trove, baseline: bigRuns.baseline }, "the same INSERT route", {
        note: `${n(bigCount)} submissions per run, ${CLIENTS} clients; mean latency under this load: Trove ${med(bigRuns.troveLatency).toFixed(1)} ms, baseline ${med(bigRuns.baseLatency).toFixed(1)} ms`,
      }),
      figure(id, "One form submission, one client at a time", "ms", single, "the same INSERT route, one client", {
        note: `${alone} submissions in a row per run into the fresh database's table; each checked as a 303, and the table held exactly ${n(singleMade)} more records after the ${n(alone * ctx.runs)}`,
      }),
      figure(id, "workerd CPU time per form submission, one client at a time", "ms", cpu, "the same INSERT route, one client", {
        note: "the CPU time of the workerd process (all threads, /proc schedstat) over the runs above, per submission: the worker, the object and SQLite, its commit included; the wall time above also waits for each commit's disk sync and for whatever else runs on the machine",
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
