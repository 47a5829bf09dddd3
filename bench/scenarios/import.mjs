// Scenario 7 (issue 15): importing rows through the product's import path — the CSV file
// sent in 1 MiB parts as the browser sends a file (POST /t/<db>/import-chunks, each scanned
// and kept as it arrives), the import page's form naming the upload, the preview rendered
// (inference of the first 20,000 rows), then Import, which starts the job (the importTable action makes the table
// and its fields; the rows go in 2,000 at a time, by the request and then the alarm, each
// chunk with the job's progress) — timed until the job has ended, next to raw INSERTs of the
// same rows (JSON cells shaped like Trove's) in the baseline object, one transaction. Both
// in the same run, alternated. The rows are bench-records.ts's with IMPORT_MIX (text; money
// and date each 10 % not understood, so 5 % of all values; choice), served as CSV by a
// bench-only route. Also: the workerd
// process's peak memory during the first import next to the same process idle, and the
// export of the imported table as CSV (streamed) next to the baseline's raw dump of the same
// rows as JSON lines. BENCH_STEPS=1 prints each import's steps (stage, preview, start, job);
// BENCH_IMPORT_ROWS=N imports N rows instead.

import { figure, pairedRuns, sleep } from "../lib/measure.mjs";
import { openPage, signUp, unescapeHtml } from "../lib/trove.mjs";

export const id = "7";
export const title = "Import";

const SEED = 7_007;
const MB = 1024 * 1024;
const CHUNK = 1_048_576;

/** The name and value of the submit button labelled `label` (`Preview`, `Import 2,000 records`). */
function button(html, label) {
  const m = new RegExp(`<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)"[^>]*>${label}<`).exec(html);
  if (!m) throw new Error(`no “${label}” button in the page`);
  return [m[1], m[2]];
}

export async function run(ctx) {
  const count = Number(process.env.BENCH_IMPORT_ROWS) || (ctx.quick ? 5_000 : 100_000);
  const runs = Math.min(ctx.runs, ctx.quick ? 3 : 4);
  const cluster = await ctx.startCluster("import");
  try {
    const db = "bench-import";
    // Idle: both workers loaded, the database signed up and its import page open once
    // (the product's code compiled), nothing imported yet.
    await (await fetch(`${cluster.baselineUrl}/o/idle/page`)).text();
    const browser = await signUp(cluster.troveUrl, db);
    await openPage(browser, db, `/t/${db}/tables/import`);
    await sleep(500);
    const idle = await cluster.rss();
    const csv = new Uint8Array(await (await fetch(`${cluster.troveUrl}/__bench/csv?from=0&count=${count}&seed=${SEED}&mix=import`)).arrayBuffer());
    const job = async () => (await fetch(`${cluster.troveUrl}/__bench/import-job?db=${db}`)).json();
    let imports = 0;
    let tableId = "";
    const viaProduct = async () => {
      const t0 = performance.now();
      const page = await openPage(browser, db, `/t/${db}/tables/import`);
      const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)?.[1] ?? "");
      const upload = /<input type="hidden" name="([^"]+)" value="" data-upload-id=""/.exec(page.html)?.[1];
      if (!action || !upload) throw new Error("no import form");
      // The file goes up in parts of 1 MiB, as the browser sends a file over one part.
      const uploadId = `bench-${imports}-${Date.now().toString(36)}-upload`;
      const parts = Math.ceil(csv.length / CHUNK);
      for (let i = 0; i < parts; i++) {
        const query = new URLSearchParams({ upload: uploadId, index: String(i), last: i === parts - 1 ? "1" : "0", size: String(csv.length), name: "bench.csv" });
        const sent = await browser.fetch(`/t/${db}/import-chunks?${query}`, { method: "POST", body: csv.slice(i * CHUNK, (i + 1) * CHUNK) });
        const answer = await sent.json();
        if (!answer.ok) throw new Error(`part ${i + 1} of the file was refused: ${answer.reason}`);
      }
      const body = new URLSearchParams([[upload, uploadId], button(page.html, "Preview")]);
      const staged = await browser.fetch(action, { method: "POST", body });
      await staged.arrayBuffer();
      if (staged.status !== 303) throw new Error(`posting the CSV answered ${staged.status}`);
      const t1 = performance.now();
      const { html, url } = await browser.open(staged.headers.get("location"));
      const t2 = performance.now();
      const [name, value] = button(html, `Import ${count.toLocaleString("en")} records`);
      const formAction = unescapeHtml(/<form method="post" action="([^"]+)" data-trove="" class="import-preview"/.exec(html)?.[1] ?? url);
      const done = await browser.post(formAction, { [name]: value });
      await done.arrayBuffer();
      if (done.status !== 303) throw new Error(`Import answered ${done.status}`);
      const t3 = performance.now();
      // The job goes on in the alarm: wait for it to end, as the progress bar does.
      for (;;) {
        const now = await job();
        if (now && now.state !== "running") {
          if (now.state !== "done" || now.done !== count) throw new Error(`the import ended ${now.state} after ${now.done} of ${count} records`);
          tableId = now.tableId;
          break;
        }
        await sleep(5);
      }
      imports++;
      if (process.env.BENCH_STEPS) process.stderr.write(`[import] stage ${(t1 - t0).toFixed(0)} preview ${(t2 - t1).toFixed(0)} start ${(t3 - t2).toFixed(0)} job ${(performance.now() - t3).toFixed(0)} ms\n`);
    };
    const raw = async () => {
      const res = await fetch(`${cluster.baselineUrl}/o/import-raw/seed-records?from=0&count=${count}&seed=${SEED}&mix=import`, { method: "POST" });
      if ((await res.json()).total !== count) throw new Error("the baseline did not insert every row");
    };
    // The first import in this process, with its peak memory sampled as it runs.
    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await cluster.rss());
        await sleep(10);
      }
    })();
    await viaProduct();
    sampling = false;
    await sampler;
    await raw();
    const samples = await pairedRuns({ runs, count: 1, trove: viaProduct, baseline: raw });
    const rate = (ms) => Math.round((count / ms) * 1000);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

    // Export of the last imported table as CSV (streamed), read to its end; the baseline
    // dumps the same rows from its object as JSON lines.
    const exports = await pairedRuns({
      runs,
      count: 1,
      trove: async () => {
        const res = await browser.fetch(`/t/${db}/tables/${tableId}/export?format=csv&values=text`);
        const text = await res.text();
        const lines = text.split("\r\n").length - 2;
        if (res.status !== 200 || lines !== count) throw new Error(`the export answered ${res.status} with ${lines} rows`);
      },
      baseline: async () => {
        const text = await (await fetch(`${cluster.baselineUrl}/o/import-raw/dump`)).text();
        if (text.split("\n").filter(Boolean).length !== count) throw new Error("the baseline dump is short");
      },
    });
    // What storing the same rows costs the process anyway: a fresh workerd, idle, then the
    // baseline object's raw INSERT of them (SQLite's memory grows with what it writes).
    const rawCluster = await ctx.startCluster("import-raw-memory");
    let rawIdle = 0;
    let rawPeak = 0;
    try {
      await (await fetch(`${rawCluster.baselineUrl}/o/idle/page`)).text();
      await sleep(500);
      rawIdle = await rawCluster.rss();
      rawPeak = rawIdle;
      let rawSampling = true;
      const rawSampler = (async () => {
        while (rawSampling) {
          rawPeak = Math.max(rawPeak, await rawCluster.rss());
          await sleep(10);
        }
      })();
      const res = await fetch(`${rawCluster.baselineUrl}/o/import-raw/seed-records?from=0&count=${count}&seed=${SEED}&mix=import`, { method: "POST" });
      if ((await res.json()).total !== count) throw new Error("the baseline did not insert every row");
      rawSampling = false;
      await rawSampler;
      rawPeak = Math.max(rawPeak, await rawCluster.rss());
    } finally {
      await rawCluster.stop();
    }
    const n = count.toLocaleString("en");
    return [
      figure(id, `Import ${n} CSV rows (text, money, choice, date; 5 % of values not understood): file sent in 1 MiB parts → preview → Import → job done`, "ms", samples, `INSERT of the same ${n} rows as JSON cells, one transaction`, {
        note: `${imports} imports; about ${rate(median(samples.trove)).toLocaleString("en")} rows/s through the product, ${rate(median(samples.baseline)).toLocaleString("en")} rows/s raw; goals in issue 15: ≥ 25 % of raw (ratio ≤ 4×) and ≥ 40,000 rows/s`,
      }),
      figure(id, `workerd RSS, peak during the first import of ${n} rows`, "MB", { trove: [peak / MB], baseline: [idle / MB] }, "same workerd process, idle (both workers loaded, the database's import page opened once)", {
        note: `goal in issue 15: ≤ 1.5× idle. For scale, in a fresh workerd the baseline's raw INSERT of the same rows alone goes from ${(rawIdle / MB).toFixed(1)} MB idle to a peak of ${(rawPeak / MB).toFixed(1)} MB (${(rawPeak / rawIdle).toFixed(2)}×): SQLite's memory grows with what it writes`,
      }),
      figure(id, `Export of the ${n} imported records as CSV (streamed, read to the end)`, "ms", exports, `the baseline object's dump of the same ${n} rows as JSON lines`, {
        note: `about ${rate(median(exports.trove)).toLocaleString("en")} rows/s; goal in issue 15: ≥ 100,000 rows/s`,
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
