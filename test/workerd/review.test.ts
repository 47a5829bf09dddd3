// Fixes from review, each checked over the worker's real HTTP surface.

import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Tenant } from "../../src/tenant-do/tenant";
import { Browser, ORIGIN } from "./helpers";

function tenantOf(db: string) {
  return <T>(work: (tenant: Tenant, sql: SqlStorage) => T) =>
    runInDurableObject(env.TENANT.getByName(db), (instance, state) => work((instance as unknown as { tenant: Tenant }).tenant, state.storage.sql));
}

function submit(db: string, form: string, token: string): Promise<Response> {
  const body = new URLSearchParams({ name: "Ada Lovelace", email: "ada@example.org", instrument: "Cello", _token: token });
  return exports.default.fetch(new Request(`${ORIGIN}/f/${db}/${form}`, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "203.0.113.9" } }));
}

describe("public form submission tokens", () => {
  it("a token already used on another form is a clear 409 that writes nothing, not a 500", async () => {
    const db = "review-token";
    const owner = new Browser();
    expect((await owner.post("/", { database: db, name: "Olive Owner", email: `owner@${db}.org`, password: "correct horse", sample: "yes" })).status).toBe(303);
    const inside = tenantOf(db);
    await inside((tenant) => {
      const join = structuredClone(tenant.schema.forms!.find((f) => f.slug === "join")!);
      const copy = { ...join, id: "copyform1", slug: "join-again" };
      const result = tenant.applyAction(tenant.accounts.members()[0]!, { kind: "addForm", tableId: join.tableId, form: copy });
      if (!result.ok) throw new Error(result.reason);
    });
    const records = () => inside((_t, sql) => sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE deleted_at IS NULL").one().n);
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
      const shell = instance as unknown as { scheduleAlarm(at: number): void; alarmWork: Promise<void> };
      const now = Date.now();
      shell.scheduleAlarm(now + 86_400_000);
      shell.scheduleAlarm(now + 60_000);
      shell.scheduleAlarm(now + 3_600_000);
      await shell.alarmWork;
      return { alarm: await state.storage.getAlarm(), now };
    });
    expect(at.alarm).toBe(at.now + 60_000);
  });
});
