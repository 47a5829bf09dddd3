// Scenario 2 (precursor; records do not exist yet): signing in and rendering a page (the
// tables list at its address, with its render key), next to the baseline object's PBKDF2 and
// its `SELECT … LIMIT 100` rendered as HTML.

import { people } from "../lib/prng.mjs";
import { figure, pairedRuns } from "../lib/measure.mjs";
import { openPage, signIn, signUp, tablesPageCallbacks } from "../lib/trove.mjs";

export const id = "2";
export const title = "Sign-in and tables page (precursor of scenario 2)";

export async function run(ctx) {
  const cluster = await ctx.startCluster("session-page");
  try {
    const db = "bench-pages";
    const browser = await signUp(cluster.troveUrl, db);
    let page = await openPage(browser, db);
    // A few tables, created through the page itself (no JavaScript: form posts to the page's
    // address, each answered 303 to the address of the state it left).
    const names = ctx.tableNames(5);
    for (const name of names) {
      const { input, create } = tablesPageCallbacks(page.html);
      const res = await browser.post(page.url, { [input]: name, _a: create });
      await res.arrayBuffer();
      const location = res.headers.get("location");
      if (res.status !== 303 || !location) throw new Error(`Create table answered ${res.status}`);
      await openPage(browser, db, location);
      // A new table opens on its grid: back to the tables page for the next one.
      page = await openPage(browser, db);
    }
    if (!names.every((n) => page.html.includes(n))) throw new Error("the tables created for the bench are not on the page");

    const base = `${cluster.baselineUrl}/o/people`;
    const rows = people(ctx.rand, 1000);
    const seeded = await fetch(`${base}/seed`, { method: "POST", body: JSON.stringify(rows) });
    if (!seeded.ok) throw new Error(`seeding the baseline answered ${seeded.status}`);

    const getBaseline = async () => {
      const res = await fetch(`${base}/select`);
      if (res.status !== 200) throw new Error(`baseline select answered ${res.status}`);
      await res.text();
    };
    // The page's own address (its render key): the state it shows, rendered again.
    const getPage = async () => {
      const res = await browser.fetch(page.url);
      if (res.status !== 200) throw new Error(`tables page answered ${res.status}`);
      await res.text();
    };
    const pageSamples = await pairedRuns({ runs: ctx.runs, count: ctx.quick ? 10 : 100, warmup: 5, trove: getPage, baseline: getBaseline });

    // Opening the database: GET /t/<db>/ → 303 → /t/<db>/tables (no render key: a fresh tree
    // is built for the place and kept in this sign-in's session, under the key of an
    // identical state if one is kept already).
    const newSession = async () => {
      await openPage(browser, db);
    };
    const openSamples = await pairedRuns({ runs: ctx.runs, count: ctx.quick ? 5 : 30, warmup: 2, trove: newSession, baseline: getBaseline });

    const doSignIn = async () => {
      await signIn(browser, db);
    };
    const pbkdf2 = async () => {
      const res = await fetch(`${base}/pbkdf2`, { method: "POST", redirect: "manual" });
      if (res.status !== 303) throw new Error(`baseline pbkdf2 answered ${res.status}`);
      await res.arrayBuffer();
    };
    const signInSamples = await pairedRuns({ runs: ctx.runs, count: ctx.quick ? 2 : 6, warmup: 1, trove: doSignIn, baseline: pbkdf2 });

    return [
      figure(id, "GET tables page at its address (5 tables)", "ms", pageSamples, "SELECT … LIMIT 100 of 1,000 rows → HTML"),
      figure(id, "Open database: GET /t/db/ → 303 → tables page (fresh tree)", "ms", openSamples, "SELECT … LIMIT 100 of 1,000 rows → HTML"),
      figure(id, "Sign-in POST → 303", "ms", signInSamples, "one PBKDF2-SHA256 (100k iterations) → 303"),
    ];
  } finally {
    await cluster.stop();
  }
}
