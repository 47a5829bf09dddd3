// Scenario 11 (issue 16): backing up and restoring a whole database. Backup: the owner's
// GET /t/<db>/backup of the records fixture's big database (100,000 records; 5,000 with
// --quick), the whole compressed file read; next to the raw read of the same rows (SELECT of
// every row, sent as JSON lines) in the baseline object. Restore: signing up a new database
// with that file (multipart, as the sign-up page posts it; one PBKDF2 of the new owner's
// password included), next to INSERTs of the same rows from JSON lines into a fresh
// baseline object, one transaction. Goal in issue 16: each ≤ 10× its raw figure.

import { figure, pairedRuns } from "../lib/measure.mjs";
import { PASSWORD, signIn } from "../lib/trove.mjs";
import { Browser } from "../lib/client.mjs";

export const id = "11";
export const title = "Backup and restore";

export async function run(ctx) {
  const fixture = await ctx.records();
  const runs = Math.min(ctx.runs, 5);
  const cluster = await ctx.startCluster("backup", { fixture });
  try {
    const db = "bench-big";
    const owner = new Browser(cluster.troveUrl);
    await signIn(owner, db);
    let file;
    let rawRows;
    const backup = async () => {
      const response = await owner.fetch(`/t/${db}/backup`);
      if (response.status !== 200) throw new Error(`backup answered ${response.status}`);
      file = new Uint8Array(await response.arrayBuffer());
    };
    const rawRead = async () => {
      const response = await fetch(`${cluster.baselineUrl}/o/records-big/dump`);
      rawRows = await response.text();
    };
    const backups = await pairedRuns({ runs, count: 1, warmup: 1, trove: backup, baseline: rawRead });
    let restores = 0;
    const restore = async () => {
      const body = new FormData();
      const name = `bench-restored-${++restores}`;
      for (const [key, value] of Object.entries({ database: name, name: "Rita Restorer", email: `rita@${name}.example.org`, password: PASSWORD })) body.set(key, value);
      body.set("backup", new Blob([file], { type: "application/gzip" }), "bench.trove-backup.gz");
      const response = await new Browser(cluster.troveUrl).fetch("/", { method: "POST", body });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`restoring answered ${response.status}`);
    };
    let loads = 0;
    const rawWrite = async () => {
      const response = await fetch(`${cluster.baselineUrl}/o/raw-load-${++loads}/load`, { method: "POST", body: rawRows });
      if ((await response.json()).total !== fixture.big) throw new Error("the baseline did not write every row");
    };
    const restored = await pairedRuns({ runs, count: 1, warmup: 1, trove: restore, baseline: rawWrite });
    const count = await (await fetch(`${cluster.troveUrl}/__bench/count?db=bench-restored-1&table=Musicians`)).json();
    if (count.total !== fixture.big) throw new Error(`the restored database holds ${count.total} records, not ${fixture.big}`);
    const n = fixture.big.toLocaleString("en");
    const kb = Math.round(file.length / 1024).toLocaleString("en");
    return [
      figure(id, `Back up a ${n}-record database (GET /t/<db>/backup, the whole file read)`, "ms", backups, `SELECT of the same ${n} rows, sent as JSON lines`, {
        note: `the file is ${kb} KB (gzip) against ${Math.round(rawRows.length / 1024).toLocaleString("en")} KB raw; goal in issue 16: ≤ 10× raw`,
      }),
      figure(id, `Restore it into a new database at sign-up (the file posted, checked, written in one transaction)`, "ms", restored, `INSERT of the same ${n} rows from JSON lines, one transaction`, {
        note: "includes one PBKDF2 of the new owner's password; goal in issue 16: ≤ 10× raw",
      }),
    ];
  } finally {
    await cluster.stop();
  }
}
