// Scenario 2: opening a table of 100,000 records (5,000 with --quick) as a grid of 50 per
// page, sorted by a money field, and filtered to the records whose amount was not
// understood, each as the time of a GET of the page's address (with its render key), next to the
// baseline object's bare SQL over the same rows (id + JSON cells) rendered as HTML. Also the
// load of the records through Trove's real action path, and one more record into the full
// table. The records come from the shared fixture (lib/fixture.mjs).

import { figure, pairedRuns } from "../lib/measure.mjs";
import { summarize } from "../lib/stats.mjs";
import { RECORD_SEED, TABLE } from "../lib/fixture.mjs";
import { Browser } from "../lib/client.mjs";
import { follow, invalidLink, loadRecords, openPage, signIn, sortLink, tableLink, unescapeHtml } from "../lib/trove.mjs";

export const id = "2";
export const title = "Table page with 100,000 records (5,000 with --quick)";

const n = (x) => x.toLocaleString("en");

export async function run(ctx) {
  const fixture = await ctx.records();
  const N = fixture.big;
  const cluster = await ctx.startCluster("table-page", { fixture });
  try {
    const db = "bench-big";
    const browser = new Browser(cluster.troveUrl);
    await signIn(browser, db);
    let page = await follow(browser, tableLink((await openPage(browser, db)).html, TABLE));
    if (!page.html.includes(`${n(N)} records`)) throw new Error(`the grid does not show ${n(N)} records`);
    const base = `${cluster.baselineUrl}/o/records-big/records?limit=50`;

    // A GET of the address of the page last followed (its place and render key).
    const getPage = (check) => async () => {
      const res = await browser.fetch(page.url);
      const html = await res.text();
      if (res.status !== 200 || !check(html)) throw new Error(`the table page answered ${res.status} without what it should show`);
    };
    const getBaseline = (query) => async () => {
      const res = await fetch(`${base}${query}`);
      const html = await res.text();
      if (res.status !== 200 || !html.includes("<tr>")) throw new Error(`baseline records answered ${res.status}`);
    };
    const count = (full) => (ctx.quick ? 3 : full);

    // First page, in creation order.
    const firstSamples = await pairedRuns({ runs: ctx.runs, count: count(20), warmup: 2, trove: getPage((h) => h.includes(`1–50 of ${n(N)}`)), baseline: getBaseline("") });

    // Sorted by the money field (a click on “Sort by Amount”).
    page = await follow(browser, sortLink(page.html, "Amount"));
    if (!page.html.includes("Amount ↑")) throw new Error("the grid is not sorted by Amount");
    const sortSamples = await pairedRuns({ runs: ctx.runs, count: count(5), warmup: 1, trove: getPage((h) => h.includes("Amount ↑")), baseline: getBaseline("&sort=famount") });

    // Back to creation order (descending, then unsorted), then “N not understood”.
    page = await follow(browser, sortLink(page.html, "Amount"));
    page = await follow(browser, sortLink(page.html, "Amount"));
    const invalid = invalidLink(page.html);
    page = await follow(browser, invalid.href);
    if (!page.html.includes("filter-banner")) throw new Error("the “not understood” filter did not apply");
    const filterSamples = await pairedRuns({ runs: ctx.runs, count: count(5), warmup: 1, trove: getPage((h) => h.includes("filter-banner")), baseline: getBaseline("&invalid=famount") });

    // One more record into the full table (the real action path), and the
    // same with the page rendered after it (the write drops the cached invalid counts).
    let next = N;
    const addTrove = async () => {
      await loadRecords(cluster.troveUrl, db, { table: TABLE, count: 1, from: next++, seed: RECORD_SEED });
    };
    let nextBaseline = N;
    const addBaseline = async () => {
      const res = await fetch(`${cluster.baselineUrl}/o/records-big/seed-records?from=${nextBaseline++}&count=1&seed=${RECORD_SEED}`, { method: "POST" });
      if (!res.ok) throw new Error(`baseline insert answered ${res.status}`);
      await res.arrayBuffer();
    };
    const addSamples = await pairedRuns({ runs: ctx.runs, count: count(5), warmup: 1, trove: addTrove, baseline: addBaseline });
    const addRenderSamples = await pairedRuns({
      runs: ctx.runs,
      count: count(5),
      warmup: 1,
      trove: async () => {
        await addTrove();
        await getPage((h) => h.includes("filter-banner"))();
      },
      baseline: async () => {
        await addBaseline();
        await getBaseline("&invalid=famount")();
      },
    });
    // One cell edit through the action path (setCell: the record read once, the cell parsed
    // and written, the change log), next to one UPDATE of the same cell in the baseline's row.
    let edit = 0;
    const recordOf = (i) => `r${String((i * 7919) % N).padStart(7, "0")}`;
    const editTrove = async () => {
      const i = edit++;
      const res = await fetch(`${cluster.troveUrl}/__bench/set-cell?db=${db}&table=${encodeURIComponent(TABLE)}&record=${recordOf(i)}&text=Edited%20${i}`, { method: "POST" });
      if (!res.ok) throw new Error(`set-cell answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    let editBaseline = 0;
    const editBase = async () => {
      const i = editBaseline++;
      const res = await fetch(`${cluster.baselineUrl}/o/records-big/set-cell?id=${recordOf(i)}&text=Edited%20${i}`, { method: "POST" });
      if (!res.ok) throw new Error(`baseline set-cell answered ${res.status}`);
      await res.arrayBuffer();
    };
    const editSamples = await pairedRuns({ runs: ctx.runs, count: count(10), warmup: 2, trove: editTrove, baseline: editBase });

    // Deep pages: "Add record" (a form POST without JavaScript) lands on the last page; the
    // page before it is page 2,000 of 100,000 records, 50 rows: its GET next to page 1's.
    const firstPage = await follow(browser, tableLink((await openPage(browser, db)).html, TABLE));
    const addId = /name="_a" value="([^"]+)"[^>]*>Add record</.exec(firstPage.html)?.[1];
    if (!addId) throw new Error("could not find “Add record” on the grid");
    const added = await browser.post(firstPage.url, { _a: addId });
    const lastUrl = added.headers.get("location");
    await added.arrayBuffer();
    if (added.status !== 303 || !lastUrl) throw new Error(`Add record answered ${added.status}`);
    const last = await follow(browser, lastUrl);
    const range = (html) => /(\d[\d,]*)–(\d[\d,]*) of (\d[\d,]*)/.exec(html);
    const lastRange = range(last.html);
    if (!lastRange || lastRange[2] !== lastRange[3]) throw new Error("Add record did not land on the last page");
    // The page before it holds a full 50 rows: page 2,000 of 100,001 records.
    const previous = /<a [^>]*href="([^"]+)"[^>]*>Previous<\/a>/.exec(last.html)?.[1];
    if (!previous) throw new Error("the last page has no Previous link");
    const lastPage = await follow(browser, unescapeHtml(previous));
    const deepRange = range(lastPage.html);
    const pageNumber = Math.ceil(Number(deepRange?.[2].replace(/,/g, "")) / 50);
    const getAt = (url, expect) => async () => {
      const res = await browser.fetch(url);
      const html = await res.text();
      if (res.status !== 200 || !html.includes(expect)) throw new Error(`a grid page answered ${res.status} without “${expect}”`);
    };
    const deepSamples = await pairedRuns({ runs: ctx.runs, count: count(10), warmup: 1, trove: getAt(lastPage.url, `${deepRange?.[1]}–${deepRange?.[2]}`), baseline: getAt(firstPage.url, "1–50 of") });

    // The same insert into a table with no records yet, for scale.
    const empty = [];
    for (let i = 0; i < (ctx.quick ? 5 : 21); i++) {
      const start = performance.now();
      await loadRecords(cluster.troveUrl, db, { table: "Empty at first", count: 1, from: 10_000_000 + i, seed: RECORD_SEED });
      if (i > 0) empty.push(performance.now() - start);
    }

    const load = fixture.loads["bench-big"];
    const baseLoad = fixture.loads["records-big"];
    const per = (l) => [(l.ms * 1000) / N];
    const firstBatch = load.batches[0];
    const lastBatch = load.batches.at(-1);
    const rate = (b) => n(Math.round((b.count / b.ms) * 1000));
    return [
      figure(id, `Load ${n(N)} records through applyAction (addRecord, batches of ${n(firstBatch.count)})`, "µs", { trove: per(load), baseline: per(baseLoad) }, "INSERT of the same rows as JSON cells", {
        note: `${rate({ count: N, ms: load.ms })} records/s overall (first batch ${rate(firstBatch)}/s, last ${rate(lastBatch)}/s), each insert's MAX(seq) a lookup in the product's index on records(table_id, seq) (migration 4; before it, loading 100,000 records took 293 s, 341 records/s, in one trial on the machine of this README)`,
      }),
      figure(id, `Table page, ${n(N)} records: GET of the grid (first 50)`, "ms", firstSamples, `SELECT id, cells … ORDER BY seq LIMIT 50 of ${n(N)} rows → HTML`),
      figure(id, `Table page, ${n(N)} records, sorted by a money field`, "ms", sortSamples, "… ORDER BY json_extract(cells, '$.amount.k') LIMIT 50 → HTML"),
      figure(id, `Table page, ${n(N)} records, “${n(invalid.count)} not understood” filter`, "ms", filterSamples, "… WHERE json_extract(cells, '$.amount.invalid') IS NOT NULL LIMIT 50 → HTML"),
      figure(id, `Add one record (applyAction) to the ${n(N)}-record table`, "ms", addSamples, "INSERT of one row (same request path)", {
        note: `into a table with no records: ${summarize(empty).median.toFixed(2)} ms`,
      }),
      figure(id, `Add one record, then GET the filtered table page (${n(N)} records)`, "ms", addRenderSamples, "INSERT of one row, then the filtered SELECT page"),
      figure(id, `Deep page: GET of page ${n(pageNumber)} of the ${n(N)}-record grid (the page before the last, where Add record lands)`, "ms", deepSamples, "GET of page 1 of the same grid (same request path)", {
        note: "a page past the middle is read from the end in the reverse order (src/schema/paging.ts); before, LIMIT 50 OFFSET 99,950",
      }),
      figure(id, `Cell edit through the action path (setCell, ${n(N)}-record table)`, "ms", editSamples, "one UPDATE … json_set of the same cell (same request path)", {
        note: "each run edits the Name cell of other records; Trove reads the record once, parses, writes the cell and the change log row in one transaction",
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
