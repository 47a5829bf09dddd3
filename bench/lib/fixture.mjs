// The records fixture shared by scenarios 1, 2, 4 and 6: built once per run in its own storage
// directory, then copied into each scenario's directory before its workerd starts (a copy of
// the files of a stopped workerd: same object names, same SQLite databases). Loading 100,000
// records through the real action path takes a while; this way a run pays for it once.
//
// It holds two Trove databases, each with its owner and a “Musicians” table of seeded
// records (bench/bench-records.ts: text, money, choice and date fields, 2 % of amounts not
// understood), and two baseline objects with the same rows:
//
//   bench-big    / records-big      `big` records   (100,000; 5,000 with --quick)
//   bench-small  / records-small    `small` records (10,000; 1,000 with --quick)

import { cp } from "node:fs/promises";
import { loadBaselineRecords, loadRecords, signUp } from "./trove.mjs";

export const RECORD_SEED = 1_811;
export const TABLE = "Musicians";

/** Builds the fixture with `startCluster(name)`; returns its directory and load figures. */
export async function buildFixture({ quick, startCluster, log }) {
  const big = quick ? 5_000 : 100_000;
  const small = quick ? 1_000 : 10_000;
  const cluster = await startCluster("fixture");
  try {
    const loads = {};
    for (const [db, count] of [["bench-big", big], ["bench-small", small]]) {
      await signUp(cluster.troveUrl, db);
      log(`fixture: loading ${count.toLocaleString("en")} records into ${db}…`);
      loads[db] = await loadRecords(cluster.troveUrl, db, { table: TABLE, count, seed: RECORD_SEED });
      if (loads[db].total !== count) throw new Error(`${db} holds ${loads[db].total} records, not ${count}`);
    }
    for (const [name, count] of [["records-big", big], ["records-small", small]]) {
      loads[name] = await loadBaselineRecords(cluster.baselineUrl, name, { count, seed: RECORD_SEED });
      if (loads[name].total !== count) throw new Error(`baseline ${name} holds ${loads[name].total} rows, not ${count}`);
    }
    log(`fixture: loaded in ${(loads["bench-big"].ms / 1000).toFixed(1)} s (${big.toLocaleString("en")}) and ${(loads["bench-small"].ms / 1000).toFixed(1)} s (${small.toLocaleString("en")})`);
    return { dir: cluster.persistDir, big, small, loads };
  } finally {
    await cluster.stop();
  }
}

/** Copies the fixture's storage into `dir` (before a workerd starts on it). */
export async function copyFixture(fixture, dir) {
  await cp(fixture.dir, dir, { recursive: true });
}
