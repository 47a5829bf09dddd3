// Issue 16, the operator view: refused without the secret configured, with a wrong token,
// a forged cookie, or too many tries; with the token, the directory finds a database and
// its page shows storage, tables and counts, sockets, alarm, recent errors and the change
// log — and the access is recorded and shown to that database's owners.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../src/worker/index";
import { Browser, ORIGIN, SocketClient, sampleDatabase, tenantOf } from "./helpers";

const TOKEN = "test-operator-token-0123456789";

/** An operator's browser from its own address (the rate limits count per address). */
function operatorBrowser(address: string) {
  const browser = new Browser();
  const fetch = browser.fetch.bind(browser);
  browser.fetch = (path, init = {}) => fetch(path, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), "cf-connecting-ip": address } });
  return browser;
}

describe("operator view (issue 16)", () => {
  it("refuses everyone when no OPERATOR_TOKEN is configured", async () => {
    const unset = { ...env, OPERATOR_TOKEN: undefined };
    for (const [path, init] of [["/operator/", {}], ["/operator/db/anything", { headers: { authorization: `Bearer ${TOKEN}` } }]] as const) {
      const answer = await app.fetch(new Request(new URL(path, ORIGIN), init), unset);
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain("The operator view is off");
    }
  });

  it("refuses a wrong token, a forged cookie, and an address that keeps trying", async () => {
    await sampleDatabase("op-guarded");
    const browser = operatorBrowser("198.51.100.7");
    const wrong = await browser.post("/operator/signin", { token: "not-the-token-at-all" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That is not the operator token.");
    expect((await browser.fetch("/operator/db/op-guarded")).status).toBe(303);
    const bearer = await browser.fetch("/operator/db/op-guarded", { headers: { authorization: "Bearer wrong-token-wrong-token" } });
    expect(bearer.status).toBe(303);
    browser.cookies.set("trove_operator", `${Math.floor(Date.now() / 1000) + 3600}.${"ab".repeat(32)}`);
    expect((await browser.fetch("/operator/db/op-guarded")).status).toBe(303);
    for (let i = 0; i < 4; i++) await browser.post("/operator/signin", { token: `guess-number-${i}-guess` });
    const limited = await browser.post("/operator/signin", { token: TOKEN });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    // Nothing was recorded in the database: no one saw it.
    const accesses = await runInDurableObject(env.TENANT.getByName("op-guarded"), (_i, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM operator_accesses").one().n);
    expect(accesses).toBe(0);
  });

  it("with the token: finds a database, shows its report read-only, and its owners see the access", async () => {
    const owner = await sampleDatabase("op-seen");
    await runInDurableObject(env.TENANT.getByName("op-seen"), (instance) => tenantOf(instance).errors.record("GET /t/op-seen", new Error("a test failure"), "abcd1234"));
    const browser = operatorBrowser("198.51.100.8");
    const signedIn = await browser.post("/operator/signin", { token: TOKEN });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Strict/);
    expect(signedIn.headers.get("set-cookie")).not.toContain(TOKEN);
    const directory = await browser.open("/operator/?q=op-se");
    expect(directory.html).toContain('href="/operator/db/op-seen"');
    const before = await runInDurableObject(env.TENANT.getByName("op-seen"), (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes").one().n);
    // The owner has a page open live, and the object has an alarm set: the report shows both.
    const page = await owner.open("/t/op-seen/tables");
    const socket = await SocketClient.open(owner, "op-seen", page.response.url);
    const alarmAt = Date.UTC(2031, 0, 2, 3, 4, 5);
    await runInDurableObject(env.TENANT.getByName("op-seen"), (_i, state) => state.storage.setAlarm(alarmAt));
    const report = await browser.open("/operator/db/op-seen");
    expect(report.response.status).toBe(200);
    expect(report.html).toMatch(/\d+ sessions? stored, 1 socket open/);
    expect(report.html).toContain("2031-01-02 03:04:05 UTC");
    expect(report.html).toContain('<li>Olive Owner — <span class="mono">tables</span></li>');
    socket.ws.close();
    expect(report.html).toMatch(/Storage<\/dt><dd>[\d.]+ (KB|MB)/);
    expect(report.html).toContain("Musicians");
    expect(report.html).toContain("a test failure");
    expect(report.html).toContain("abcd1234");
    expect(report.html).toContain("Change log (latest 50)");
    expect(report.html).toContain('<td class="mono">records</td>');
    // Read-only: the change log did not move.
    const after = await runInDurableObject(env.TENANT.getByName("op-seen"), (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes").one().n);
    expect(after).toBe(before);
    // A Bearer token works for scripts, and is recorded too.
    expect((await browser.fetch("/operator/db/op-seen", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const members = await owner.open("/t/op-seen/members");
    expect(members.html).toContain("Operator access");
    expect((members.html.match(/operator view, read-only/g) ?? []).length).toBe(2);
    // A database nobody signed up for: not found, and nothing written there.
    expect((await browser.fetch("/operator/db/op-nobody")).status).toBe(404);
    expect(await env.TENANT.getByName("op-nobody").exists()).toBe(false);
  });

  it("owners only see operator accesses; other members do not", async () => {
    const { withMember } = await import("./helpers");
    const { member } = await withMember("op-editor", "editor");
    const page = await member.open("/t/op-editor/members");
    expect(page.html).not.toContain("Operator access");
    expect(page.html).not.toContain("Download a backup");
  });
});
