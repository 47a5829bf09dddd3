// Issue 15: a large import runs as a job — chunked, each chunk applied once with its
// progress, driven by the alarm — and survives the object's eviction mid-way; the whole
// import is one undo step; Cancel stops it and the report says how far it got.

import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { IMPORT_CHUNK } from "../../src/schema/import/job";
import { ownerApp, tenantOf } from "./helpers";

const ROWS = IMPORT_CHUNK * 3 + 123;
const SECTIONS = ["Strings", "Brass", "Woodwinds"];

function csv(): string {
  const lines = ["Name,Fee,Section"];
  // Every 50th fee is not understood: kept and flagged.
  for (let i = 0; i < ROWS; i++) lines.push(`Person ${i},${i % 50 === 0 ? "ask Maria" : `$${i}.50`},${SECTIONS[i % 3]}`);
  return lines.join("\n");
}

/** Stages the CSV as the owner and starts its import, letting the request apply one chunk. */
async function startJob(database: string) {
  await ownerApp(database);
  const stub = env.TENANT.getByName(database);
  const started = await runInDurableObject(stub, (instance) => {
    const tenant = tenantOf(instance);
    const owner = tenant.accounts.members()[0]!;
    const staged = tenant.imports.stage(owner.id, csv());
    if (!staged.ok) throw new Error(staged.reason);
    tenant.importJobs.requestSlice = 0;
    const job = tenant.importJobs.start(owner, staged.importId, { name: "People", header: null, columns: [] });
    if (!job.ok) throw new Error(job.reason);
    return { ...job, view: tenant.importJobs.get(job.jobId)! };
  });
  return { stub, ...started };
}

const jobOf = (stub: DurableObjectStub, jobId: string) => runInDurableObject(stub, (instance) => tenantOf(instance).importJobs.get(jobId)!);

describe("import jobs (issue 15)", () => {
  it("applies a large import a chunk at a time from the alarm, each chunk once, through an eviction", async () => {
    const { stub, jobId, tableId, view } = await startJob("import-job-evict");
    expect(view).toMatchObject({ state: "running", total: ROWS, done: IMPORT_CHUNK });
    // The object goes away mid-import; the alarm wakes it and the job goes on from SQLite.
    await evictDurableObject(stub);
    for (let i = 0; i < 20 && (await jobOf(stub, jobId)).state === "running"; i++) {
      await runDurableObjectAlarm(stub);
    }
    const job = await jobOf(stub, jobId);
    expect(job.state).toBe("done");
    expect(job.done).toBe(ROWS);
    const fee = job.report.columns.find((c) => c.name === "Fee")!;
    expect(fee).toMatchObject({ type: "money", flagged: Math.ceil(ROWS / 50) });
    // An alarm that fires once more changes nothing.
    await runDurableObjectAlarm(stub);
    const stored = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      const sql = tenant.storage.sql;
      return {
        count: tenant.records.count(tableId),
        rows: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE table_id = ?", tableId).one().n,
        distinct: sql.exec<{ n: number }>("SELECT COUNT(DISTINCT json_extract(cells, '$.' || ?)) AS n FROM records WHERE table_id = ?", tenant.schema.tables.find((t) => t.id === tableId)!.fields[0]!.id, tableId).one().n,
        seqs: sql.exec<{ n: number }>("SELECT COUNT(DISTINCT seq) AS n FROM records WHERE table_id = ?", tableId).one().n,
        invalid: tenant.records.invalidCounts(tableId),
        staged: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_staging").one().n,
      };
    });
    expect(stored.count).toBe(ROWS);
    expect(stored.rows).toBe(ROWS);
    expect(stored.distinct).toBe(ROWS);
    expect(stored.seqs).toBe(ROWS);
    expect(Object.values(stored.invalid)).toEqual([Math.ceil(ROWS / 50)]);
    expect(stored.staged).toBe(0);
  });

  it("is one undo step, and a job whose table was undone stops", async () => {
    const { stub, jobId, tableId } = await startJob("import-job-undo");
    const undone = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      return tenant.undo(tenant.accounts.members()[0]!);
    });
    expect(undone.ok).toBe(true);
    await runDurableObjectAlarm(stub);
    const job = await jobOf(stub, jobId);
    expect(job.state).toBe("cancelled");
    expect(job.reason).toContain("undone");
    expect(job.done).toBe(IMPORT_CHUNK);
    const live = await runInDurableObject(stub, (instance) => tenantOf(instance).schema.tables.find((t) => t.id === tableId)?.deletedAt);
    expect(live).toBeTypeOf("number");
  });

  it("cancels: what was imported stays and the report says how far it got", async () => {
    const { stub, jobId } = await startJob("import-job-cancel");
    const cancelled = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      return tenant.importJobs.cancel(tenant.accounts.members()[0]!, jobId);
    });
    expect(cancelled).toEqual({ ok: true, done: IMPORT_CHUNK });
    await runDurableObjectAlarm(stub);
    const job = await jobOf(stub, jobId);
    expect(job).toMatchObject({ state: "cancelled", done: IMPORT_CHUNK });
    expect(job.reason).toContain(`after ${IMPORT_CHUNK.toLocaleString("en")} of ${ROWS.toLocaleString("en")} records`);
  });
});
