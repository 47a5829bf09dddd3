// Scenario 7 (issue 15): importing rows through the product's import path — the CSV posted
// to the import page as a person pastes it (multipart), the preview rendered (inference of
// every column), then Import (one importTable action: the table, its fields and every
// record, parsed by the field types, with counters and the change log) — next to raw
// INSERTs of the same rows (JSON cells shaped like Trove's) in the baseline object, one
// transaction. Both in the same run, alternated. The rows are bench-records.ts's (text,
// money with 2 % not understood, choice, date), served as CSV by a bench-only route.

import { figure, pairedRuns } from "../lib/measure.mjs";
import { openPage, signUp, unescapeHtml } from "../lib/trove.mjs";

export const id = "7";
export const title = "Import";

const SEED = 7_007;

/** The name and value of the submit button labelled `label` (`Preview`, `Import 2,000 records`). */
function button(html, label) {
  const m = new RegExp(`<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)"[^>]*>${label}<`).exec(html);
  if (!m) throw new Error(`no “${label}” button in the page`);
  return [m[1], m[2]];
}

export async function run(ctx) {
  const count = ctx.quick ? 2_000 : 20_000;
  const runs = Math.min(ctx.runs, 5);
  const cluster = await ctx.startCluster("import");
  try {
    const db = "bench-import";
    const browser = await signUp(cluster.troveUrl, db);
    const csv = await (await fetch(`${cluster.troveUrl}/__bench/csv?from=0&count=${count}&seed=${SEED}`)).text();
    let imports = 0;
    const viaProduct = async () => {
      const page = await openPage(browser, db, `/t/${db}/tables/import`);
      const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)?.[1] ?? "");
      const paste = /<textarea id="import-paste" name="([^"]+)"/.exec(page.html)?.[1];
      if (!action || !paste) throw new Error("no import form");
      const body = new FormData();
      body.append(paste, csv);
      body.append(...button(page.html, "Preview"));
      const staged = await browser.fetch(action, { method: "POST", body });
      await staged.arrayBuffer();
      if (staged.status !== 303) throw new Error(`posting the CSV answered ${staged.status}`);
      const { html, url } = await browser.open(staged.headers.get("location"));
      const [name, value] = button(html, `Import ${count.toLocaleString("en")} records`);
      const formAction = unescapeHtml(/<form method="post" action="([^"]+)" data-trove="" class="import-preview"/.exec(html)?.[1] ?? url);
      const done = await browser.post(formAction, { [name]: value });
      await done.arrayBuffer();
      if (done.status !== 303) throw new Error(`Import answered ${done.status}`);
      imports++;
    };
    const raw = async () => {
      const res = await fetch(`${cluster.baselineUrl}/o/import-raw/seed-records?from=0&count=${count}&seed=${SEED}`, { method: "POST" });
      if ((await res.json()).total !== count) throw new Error("the baseline did not insert every row");
    };
    const samples = await pairedRuns({ runs, count: 1, warmup: 1, trove: viaProduct, baseline: raw });
    const total = await (await fetch(`${cluster.troveUrl}/__bench/count?db=${db}&table=${encodeURIComponent("Imported table")}`)).json();
    if (total.total !== count) throw new Error(`the first import holds ${total.total} records, not ${count}`);
    const rate = (ms) => Math.round((count / ms) * 1000);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return [
      figure(id, `Import ${count.toLocaleString("en")} CSV rows (text, money with 2 % not understood, choice, date): paste → preview → Import`, "ms", samples, `INSERT of the same ${count.toLocaleString("en")} rows as JSON cells, one transaction`, {
        note: `${imports} imports; about ${rate(median(samples.trove)).toLocaleString("en")} rows/s through the product, ${rate(median(samples.baseline)).toLocaleString("en")} rows/s raw; goals in issue 15: ≥ 25 % of raw and ≥ 40,000 rows/s`,
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
