// Scenario 10: what history costs (issue 16). Cell edits and public form submissions through
// the product's action path (each its own transaction, as a person's edit is), in a database
// with history (migration 11: each change's source, table, record and kind, three indexes),
// next to the same edits in a database that dropped history's indexes — the change log as it
// was before. The budget: within 10 %. Also the storage each change takes (the database's
// size grown, divided by the changes) and the change log's bytes per change.

import { figure } from "../lib/measure.mjs";
import { signUp } from "../lib/trove.mjs";

export const id = "10";
export const title = "History: cost of cell edits and form submissions";

export async function run(ctx) {
  const cluster = await ctx.startCluster("history");
  try {
    const edits = ctx.quick ? 300 : 2000;
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
    const figures = [];
    for (const kind of ["cell", "form"]) {
      await batch(on, kind); // warm both before measuring
      await batch(off, kind);
      const samples = { trove: [], baseline: [] };
      let bytes = 0;
      let log = 0;
      for (let run = 0; run < ctx.runs; run++) {
        // Alternate which goes first, so a slow moment of the machine hits both sides alike.
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
    return figures;
  } finally {
    await cluster.stop();
  }
}
