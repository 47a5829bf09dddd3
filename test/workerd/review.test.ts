// Fixes from review, each checked over the worker's real HTTP surface.

import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Tenant } from "../../src/tenant-do/tenant";
import { addField, Browser, openNewTable, ownerApp, postForm, sampleDatabase, tenantOf } from "./helpers";

/** Runs `work` inside the database's object, with its engine and SQL. */
function inside(db: string) {
  return <T>(work: (tenant: Tenant, sql: SqlStorage) => T) =>
    runInDurableObject(env.TENANT.getByName(db), (instance, state) => work(tenantOf(instance), state.storage.sql));
}

const submit = (db: string, form: string, token: string) =>
  postForm(db, form, { body: new URLSearchParams({ name: "Ada Lovelace", email: "ada@example.org", instrument: "Cello", _token: token }), ip: "203.0.113.9" });

describe("public form submission tokens", () => {
  it("a token already used on another form is a clear 409 that writes nothing, not a 500", async () => {
    const db = "review-token";
    await sampleDatabase(db);
    await inside(db)((tenant) => {
      const join = structuredClone(tenant.schema.forms!.find((f) => f.slug === "join")!);
      const copy = { ...join, id: "copyform1", slug: "join-again" };
      const result = tenant.applyAction(tenant.accounts.members()[0]!, { kind: "addForm", tableId: join.tableId, form: copy });
      if (!result.ok) throw new Error(result.reason);
    });
    const records = () => inside(db)((_t, sql) => sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE deleted_at IS NULL").one().n);
    const before = await records();
    expect((await submit(db, "join", "shared-token-0001")).status).toBe(303);
    expect((await submit(db, "join", "shared-token-0001")).status).toBe(303); // a retry: same success
    const other = await submit(db, "join-again", "shared-token-0001");
    expect(other.status).toBe(409);
    expect(await other.text()).toContain("already used for another form");
    expect((await records()) - before).toBe(1);
  });
});

function chunked(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const part = parts.shift();
      if (part === undefined) controller.close();
      else controller.enqueue(encoder.encode(part));
    },
  });
}

describe("the worker's body-size limit", () => {
  it("counts a chunked body (no Content-Length): too large is a 413, small ones reach the object", async () => {
    const db = "review-chunked";
    const owner = new Browser();
    await owner.signUp(db);
    const big = await owner.fetch(`/t/${db}/signin`, { method: "POST", body: chunked(Array.from({ length: 20 }, () => "x".repeat(64 * 1024))), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(big.status).toBe(413);
    const fresh = new Browser();
    const small = await fresh.fetch(`/t/${db}/signin`, { method: "POST", body: chunked(["email=owner%40review-chunked.org", "&password=correct+horse"]), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(small.status).toBe(303);
    expect(fresh.cookies.size).toBe(1);
  });
});

describe("the object's alarm", () => {
  it("moves earlier when asked for an earlier time, and never later", async () => {
    const db = "review-alarm";
    await new Browser().signUp(db);
    const at = await runInDurableObject(env.TENANT.getByName(db), async (instance, state) => {
      const { alarms } = tenantOf(instance);
      const now = Date.now();
      alarms.schedule(now + 86_400_000);
      alarms.schedule(now + 60_000);
      alarms.schedule(now + 3_600_000);
      await alarms.settled();
      return { alarm: await state.storage.getAlarm(), now };
    });
    expect(at.alarm).toBe(at.now + 60_000);
  });
});

describe("sort keys", () => {
  it("are recomputed on the first wake after the code that makes them changed", async () => {
    const db = "review-sort-keys";
    const { client } = await ownerApp(db);
    await openNewTable(client, "Donors");
    await addField(client, "Gift", "money");
    for (const [name, gift] of [["Cy", "$300"], ["Ada", "$25"]]) {
      await client.click("Add record");
      const n = client.queryAll("tbody tr").length;
      client.fill(`Name of record ${n}`, name!);
      client.fill(`Gift of record ${n}`, gift!);
      await client.click("Save changes");
    }
    // Keys written by older code: gone, and the version says so.
    await inside(db)((_t, sql) => {
      sql.exec("UPDATE records SET cells = (SELECT json_group_object(j.key, json_remove(j.value, '$.k')) FROM json_each(records.cells) j)");
      sql.exec("UPDATE meta SET value = '1' WHERE key = 'sort_keys'");
    });
    await evictDurableObject(env.TENANT.getByName(db));
    await client.click("Sort by Gift");
    expect(client.queryAll("input[aria-label^='Name of record']").map((e) => e.getAttribute("value"))).toEqual(["Ada", "Cy"]);
  });
});
