// Scenario 10: what history costs (issue 16). Cell edits and public form submissions through
// the product's action path (each its own transaction, as a person's edit is), in a database
// with history (migration 11: each change's source, table, record and kind, three indexes),
// next to the same edits in a database that dropped history's indexes — the change log as it
// was before. The budget: within 10 %. Many short batches, interleaved in ABBA order (on, off,
// off, on, …), so a slow moment of the shared machine falls on both sides alike and the
// spread of the paired ratio is narrow. Also the storage each change takes (the database's
// size grown, divided by the changes) and the change log's bytes per change.
//
// And storage after many edits (1,000,000; 30,000 with --quick) spread evenly over 90
// simulated days, the log compacted beyond 30 days after each day as the alarm does: the
// database's size after 30, 60 and 90 days (bounded when the last two are alike, since the
// log then holds 30 days of edits however many came before), next to the same database
// before the edits (its records, no log).

import { figure } from "../lib/measure.mjs";
import { signUp } from "../lib/trove.mjs";

export const id = "10";
export const title = "History: cost of cell edits and form submissions";

export async function run(ctx) {
  const cluster = await ctx.startCluster("history");
  const figures = [];
  try {
    const edits = ctx.quick ? 150 : 500;
    const rounds = ctx.quick ? 6 : 40;
    const on = "bench-history-on";
    const off = "bench-history-off";
    await signUp(cluster.troveUrl, on);
    await signUp(cluster.troveUrl, off);
    const batch = async (db, kind) => {
      const start = performance.now();
      const res = await fetch(`${cluster.troveUrl}/__bench/history?db=${db}&edits=${edits}&history=${db === on ? 1 : 0}&kind=${kind}`, { method: "POST" });
      const body = await res.json();
      if (!body.ok) throw new Error(`history bench on ${db}: ${body.reason}`);
      return { ms: ((performance.now() - start) * 1000) / edits, ...body };
    };
    for (const kind of ["cell", "form"]) {
      await batch(on, kind); // warm both before measuring
      await batch(off, kind);
      const samples = { trove: [], baseline: [] };
      let bytes = 0;
      let log = 0;
      for (let run = 0; run < rounds; run++) {
        // ABBA: which goes first alternates, so a slow moment of the machine hits both sides alike.
        const order = run % 2 === 0 ? [on, off] : [off, on];
        for (const db of order) {
          const result = await batch(db, kind);
          if (db === on) {
            samples.trove.push(result.ms);
            bytes = result.bytesPerChange;
            log = result.logBytesPerChange;
          } else samples.baseline.push(result.ms);
        }
      }
      const what = kind === "cell" ? "cell edits" : "form submissions (addRecord as the form)";
      figures.push(
        figure(id, `${edits.toLocaleString("en")} ${what} with history: ms per 1,000`, "ms", samples, "the same without history's indexes (the change log as before issue 16)", {
          note: `storage ${Math.round(bytes)} B per change (database size grown ÷ changes), change-log row ${Math.round(log)} B`,
        }),
      );
    }
  } finally {
    await cluster.stop();
  }
  // The storage run gets a workerd of its own: after the full run's 80,000 timed changes, its
  // first request lost the connection in the same process.
  const storage = await ctx.startCluster("history-storage");
  try {
    figures.push(await storageAfterEdits(storage, ctx));
  } finally {
    await storage.stop();
  }
  return figures;
}

/** The database's size after `total` edits over 90 simulated days, compacted daily. */
async function storageAfterEdits(cluster, ctx) {
  const total = process.env.HTOTAL ? Number(process.env.HTOTAL) : ctx.quick ? 30_000 : 1_000_000;
  const days = 90;
  const perDay = Math.ceil(total / days);
  const db = "bench-history-storage";
  await signUp(cluster.troveUrl, db);
  const start = Date.now() - days * 86_400_000;
  let retried = 0;
  const call = async (day, from, edits) => {
    const url = `${cluster.troveUrl}/__bench/history-storage?db=${db}&start=${start}&day=${day}&from=${from}&perDay=${perDay}&edits=${edits}`;
    let res;
    try {
      res = await fetch(url, { method: "POST" });
    } catch (error) {
      // Twice in full runs a call lost its connection (not reproducible on its own): said in the note, and tried again once.
      process.stderr.write(`[bench] history storage: day ${day} from ${from}: ${error?.cause?.message ?? error}; trying again\n`);
      retried++;
      res = await fetch(url, { method: "POST" });
    }
    const body = await res.json();
    if (!body.ok) throw new Error(`history storage bench: ${body.reason}`);
    return body;
  };
  const before = await call(0, 0, 0); // the table and its 200 records, no edits yet
  const sizes = [];
  let last;
  // A day comes in calls of at most 4,000 edits (one request of 11,000 lost its connection).
  const part = 4_000;
  const started = performance.now();
  for (let day = 0; day < days; day++) {
    for (let from = 0; from < perDay; from += part) last = await call(day, from, Math.min(part, perDay - from));
    if ((day + 1) % 30 === 0) sizes.push(last.bytes);
    if (!ctx.quick && (day + 1) % 10 === 0) process.stderr.write(`[bench] history storage: day ${day + 1} of ${days}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const edits = perDay * days;
  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  const growth = sizes[2] / sizes[1];
  const bounded = growth < 1.1;
  return figure(id, `Storage after ${edits.toLocaleString("en")} cell edits over 90 days, log compacted beyond 30 days`, "bytes", { trove: [last.bytes], baseline: [before.bytes] }, "the same database before the edits (200 records, no log)", {
    note: `after 30 / 60 / 90 days: ${sizes.map(mb).join(" / ")} (${growth.toFixed(2)}× from day 60 to 90: ${bounded ? "bounded" : "NOT bounded"}); ${last.logRows.toLocaleString("en")} log rows kept (30 days of ${perDay.toLocaleString("en")} a day), ${Math.round((last.bytes - before.bytes) / last.logRows)} B per kept change, ${(last.bytes / edits).toFixed(1)} B of database per edit made${retried ? `; ${retried} call${retried === 1 ? "" : "s"} of up to ${part.toLocaleString("en")} edits tried again after a lost connection` : ""}`,
  });
}
