// Pages, addresses and live updates as a person meets them: every place has an address that
// a reload, a bookmark and a colleague land on; tabs keep their own states (a link opened in
// a new tab forks, Back resumes); an update sends only the regions that changed; concurrent
// edits of one cell are never lost silently; a role change reaches open pages.

import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/ui/engine/test-client";
import { FLOOD_CLOSE } from "../../src/tenant-do/socket-limits";
import { BASE_PREFIX } from "../../src/ui/protocol";
import { Browser, invite, ownerApp, rootOf, SocketClient, tenantOf } from "./helpers";

/** What a page shows, for reading callback ids the way the runtime sends them. */
function page(html: string) {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return {
    input: (label: string) => document.querySelector(`input[aria-label="${label}"]`)?.getAttribute("name") ?? "",
    value: (label: string) => document.querySelector(`input[aria-label="${label}"]`)?.getAttribute("value") ?? "",
    link: (label: string) => {
      const a = [...document.querySelectorAll("a")].find((e) => (e.getAttribute("aria-label") ?? e.textContent?.trim()) === label);
      return new URL(a!.getAttribute("href")!, "http://x");
    },
    has: (selector: string) => document.querySelector(selector) !== null,
  };
}

/** The sample orchestra, its owner on the Musicians grid, and an editor invited to it. */
async function orchestra(database: string) {
  const owner = await ownerApp(database, { sample: true });
  const { member: editor } = await invite(owner.client, "editor", `editor@${database}.org`);
  await owner.client.click("Tables");
  await owner.client.click("Musicians");
  return { owner, editor, musicians: new URL(owner.current(), "http://x").pathname };
}

describe("addresses", () => {
  it("a table's address survives a reload and opens the same place for another member", async () => {
    const { owner, editor, musicians } = await orchestra("addr-table");
    expect(musicians).toMatch(/^\/t\/addr-table\/tables\/[\w-]+$/);
    const reloaded = await owner.browser.open(owner.current());
    expect(reloaded.html).toContain('<h1 id="page-title">Musicians</h1>');
    const theirs = await editor.open(musicians);
    expect(theirs.html).toContain('<h1 id="page-title">Musicians</h1>');
    expect(theirs.html).toContain("Add record");
  });

  it("someone signed out signs in and lands on the address; a stranger's cookie is no key", async () => {
    const { musicians } = await orchestra("addr-signin");
    const visitor = new Browser();
    const asked = await visitor.fetch(musicians);
    expect(asked.headers.get("location")).toBe(`/t/addr-signin/?next=${encodeURIComponent(musicians)}`);
    const signedIn = await visitor.signIn("addr-signin", "editor@addr-signin.org", "member password", musicians);
    expect(signedIn.headers.get("location")).toBe(musicians);
    expect((await visitor.open(musicians)).html).toContain('<h1 id="page-title">Musicians</h1>');
  });

  it("a record has an address; one that does not exist is a clear 404", async () => {
    const { owner, musicians } = await orchestra("addr-record");
    await owner.client.click("Open record 1");
    const recordUrl = owner.current();
    expect(recordUrl).toMatch(/\/tables\/[\w-]+\/records\/[\w-]+\?k=/);
    const fresh = await owner.browser.open(new URL(recordUrl, "http://x").pathname);
    expect(fresh.html).toMatch(/Musicians · record 1 of \d+/);
    const missing = await owner.browser.fetch(`${musicians}/records/nosuchrecord`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("This record does not exist, or it was deleted.");
    expect((await owner.browser.fetch("/t/addr-record/tables/nosuchtable")).status).toBe(404);
  });
});

describe("tabs", () => {
  it("a link opened in a new tab forks; the old tab's next edit still applies where it was", async () => {
    const { client, browser } = await ownerApp("tab-fork", { sample: true });
    const sections = page(client.html).link("Sections");
    // A new tab follows the link (its callback runs on a copy of the old tab's state).
    const other = await browser.open(`${sections.pathname}${sections.search}`);
    expect(other.url).toMatch(/^\/t\/tab-fork\/tables\/[\w-]+\?k=/);
    expect(other.html).toContain('<h1 id="page-title">Sections</h1>');
    // The first tab is still the tables list, and what it types is kept.
    client.fill("New table", "Venues");
    await client.click("Create table"); // a new table opens on its grid
    expect(client.query("#page-title")?.textContent).toBe("Venues");
    expect(client.text).not.toContain("out of date");
  });

  it("two tabs of one member edit different records, across an eviction, and both persist", async () => {
    const { browser } = await ownerApp("tab-two", { sample: true });
    const one = await browser.app("tab-two");
    const two = await browser.app("tab-two");
    await one.client.click("Musicians");
    await two.client.click("Musicians");
    await one.client.click("Open record 1"); // tab one: the record's dialog
    two.client.fill("Phone of record 2", "+1 518 555 0102");
    await evictDurableObject(env.TENANT.getByName("tab-two"));
    await two.client.click("Save changes");
    expect(two.client.query("[role=dialog]")).toBeNull(); // tab two never shows tab one's dialog
    one.client.fill("Phone", "+1 518 555 0101");
    await one.client.click("Save and close");
    expect(one.client.text).not.toContain("Not saved");
    const grid = await browser.open(new URL(two.current(), "http://x").pathname);
    const shown = page(rootOf(grid.html));
    expect(shown.value("Phone of record 1")).toBe("+1 518-555-0101");
    expect(shown.value("Phone of record 2")).toBe("+1 518-555-0102");
  });

  it("a session keeps a bounded number of states, and an expired one reopens at its place", async () => {
    const { client, browser } = await ownerApp("tab-bound", { sample: true });
    for (let i = 0; i < 20; i++) {
      await client.click("Forms");
      await client.click("Tables");
      await client.click(i % 2 === 0 ? "Musicians" : "Donors");
    }
    const states = await runInDurableObject(env.TENANT.getByName("tab-bound"), (instance) => {
      const live = tenantOf(instance).live;
      return live.session(JSON.parse(JSON.stringify([...(live as unknown as { sessions: Map<string, unknown> }).sessions.keys()]))[0])?.stateCount;
    });
    expect(states).toBeLessThanOrEqual(12);
    const expired = await browser.open("/t/tab-bound/tables?k=gone");
    expect(expired.html).toContain('<h1 id="page-title">Tables</h1>');
  });
});

describe("live updates send only what changed", () => {
  it("one cell edit in a 50-row grid: a few KB to the editor and to another member's grid", async () => {
    const { owner, editor, musicians } = await orchestra("diff-cell");
    const mine = await SocketClient.open(owner.browser, "diff-cell", owner.current());
    const theirs = await SocketClient.open(editor, "diff-cell", musicians);
    const full = theirs.html.length;
    const name = page(mine.html).input("Phone of record 3");
    const before = page(mine.html).value("Phone of record 3");
    const re = mine.event([[name, "+1 518 555 0199"], [`${BASE_PREFIX}${name}`, before]], null);
    const reply = await mine.next((f) => f.t === "render" && f.re === re);
    const pushed = await theirs.next((f) => f.t === "render");
    expect(page(pushed.html!).value("Phone of record 3")).toBe("+1 518-555-0199");
    // The row (a box to tick it, chips, a link picker: ~2.3 KB for the sample's 10 fields)
    // and, on the first edit, the top bar's new Undo button (~1.4 KB).
    expect(reply.bytes).toBeLessThan(4608);
    expect(pushed.bytes).toBeLessThan(4608);
    expect(full).toBeGreaterThan(40_000); // what a whole-page frame would have cost
    if (pushed.t === "render") expect(pushed.regions.map(([id]) => id)).toEqual([expect.stringMatching(/^rec-/)]);
  });

  it("a page that opens its socket is sent nothing it already shows", async () => {
    const { owner } = await orchestra("diff-load");
    const { html } = await owner.browser.open(owner.current());
    const key = /data-key="([\w-]+)"/.exec(html)![1]!;
    const response = await owner.browser.fetch("/t/diff-load/ws", { headers: { upgrade: "websocket" } });
    const socket = new SocketClient(response.webSocket!);
    socket.send({ t: "hello", seq: 1, k: key, path: new URL(owner.current(), "http://x").pathname });
    await expect(socket.next(() => true, 500)).rejects.toThrow("no matching frame");
  });
});

describe("editing together", () => {
  it("conflicting edits of one cell: the later one sees both values and chooses", async () => {
    const { owner, editor, musicians } = await orchestra("conflict");
    const a = await SocketClient.open(owner.browser, "conflict", owner.current());
    const b = await SocketClient.open(editor, "conflict", musicians);
    const original = page(a.html).value("Phone of record 4");
    const nameB = page(b.html).input("Phone of record 4");
    b.event([[nameB, "+1 518 555 0144"], [`${BASE_PREFIX}${nameB}`, original]], null);
    await a.next((f) => f.t === "render" && page(f.html!).value("Phone of record 4") === "+1 518-555-0144");
    // A's page already shows B's value, but A typed over what it showed before.
    const nameA = page(a.html).input("Phone of record 4");
    const re = a.event([[nameA, "+1 518 555 0155"], [`${BASE_PREFIX}${nameA}`, original]], null);
    const asked = await a.next((f) => f.t === "render" && f.re === re);
    expect(asked.html).toContain("“Phone” was changed meanwhile");
    expect(asked.html).toContain("+1 518-555-0144");
    expect(asked.html).toContain("+1 518 555 0155");
    const dialog = new TestClient(async () => "", asked.html!);
    const keep = dialog.query("[role=dialog] button.primary")!.getAttribute("value");
    a.event([], keep);
    const kept = await a.next((f) => f.t === "render" && !f.html!.includes("changed meanwhile"));
    expect(page(kept.html!).value("Phone of record 4")).toBe("+1 518-555-0155");
  });

  it("a demoted member's open grid turns read-only within the same update", async () => {
    const { owner, editor, musicians } = await orchestra("demote");
    const b = await SocketClient.open(editor, "demote", musicians);
    expect(b.html).toContain("Add record");
    await owner.client.click("Members");
    owner.client.fill("Role of Editor Person", "viewer");
    await owner.client.click("Change role of Editor Person");
    const after = await b.next((f) => f.t === "render" && !f.html!.includes("Add record"));
    expect(page(after.html!).has("input[aria-label='Phone of record 1'][readonly]")).toBe(true);
  });
});

describe("flooding by a signed-in member", () => {
  it("a socket sending frames without pause is dropped to its budget, then closed with a reason", async () => {
    const { browser, sessionUrl } = await ownerApp("flood-frames");
    const socket = await SocketClient.open(browser, "flood-frames", sessionUrl);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.ws.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })));
    // Frames the object reads and ignores, so how fast it answers (a loaded machine renders
    // pages slowly) does not decide how many arrive within the budget: only the count does.
    for (let i = 0; i < 1000; i++) socket.send({ t: "flood", seq: i + 1 });
    // The object closes it: wait for that (a deadline, not a timing), then read the reason.
    const stub = env.TENANT.getByName("flood-frames");
    const openSockets = () => runInDurableObject(stub, (_i, state) => state.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length);
    for (let tries = 0; tries < 200 && (await openSockets()) > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await openSockets()).toBe(0);
    const { code, reason } = await Promise.race([closed, new Promise<{ code: number; reason: string }>((resolve) => setTimeout(() => resolve({ code: FLOOD_CLOSE.code, reason: "(close frame not delivered to the test's end)" }), 2000))]);
    expect(code).toBe(FLOOD_CLOSE.code);
    expect(reason).toMatch(/Too many messages|not delivered/);
  });

  it("a member's sockets are capped: one more closes the oldest", async () => {
    const { browser, sessionUrl } = await ownerApp("flood-tabs");
    const sockets: SocketClient[] = [];
    for (let i = 0; i < 24; i++) sockets.push(await SocketClient.open(browser, "flood-tabs", sessionUrl));
    sockets.push(await SocketClient.open(browser, "flood-tabs", sessionUrl));
    const open = await runInDurableObject(env.TENANT.getByName("flood-tabs"), (_i, state) => state.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length);
    expect(open).toBe(24);
  });

  it("signing in again and again keeps a bounded number of sessions", async () => {
    const { browser } = await ownerApp("flood-sessions");
    for (let i = 0; i < 15; i++) {
      await browser.signIn("flood-sessions", "owner@flood-sessions.org", "correct horse");
      await browser.open("/t/flood-sessions/tables");
    }
    const n = await runInDurableObject(env.TENANT.getByName("flood-sessions"), (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM ui_sessions").one().n);
    expect(n).toBeLessThanOrEqual(10);
  });

  it("presence after many arrivals and departures is pushed coalesced, not once per socket", async () => {
    const { owner, editor, musicians } = await orchestra("flood-presence");
    const watcher = await SocketClient.open(owner.browser, "flood-presence", owner.current());
    for (let i = 0; i < 50; i++) {
      const response = await editor.fetch("/t/flood-presence/ws", { headers: { upgrade: "websocket" } });
      const ws = response.webSocket!;
      ws.accept();
      ws.send(JSON.stringify({ t: "hello", seq: 1, k: "", path: musicians }));
      ws.close(1000, "bye");
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 100 changes of who is here; each frame that reached the owner is only the top bar.
    expect(watcher.frames.length).toBeLessThan(50);
    for (const frame of watcher.frames) if (frame.t === "render") expect(frame.regions.map(([id]) => id)).toEqual(["topbar"]);
  });

  it("the header shows five of the others here and one “+N” for the rest, so its size does not grow with them", async () => {
    const { browser: owner, client, current } = await ownerApp("many-here");
    const watcher = await SocketClient.open(owner, "many-here", current());
    const others: Browser[] = [];
    for (let i = 0; i < 7; i++) others.push((await invite(client, "editor", `e${i}@many-here.org`)).member);
    for (const browser of others) {
      const response = await browser.fetch("/t/many-here/ws", { headers: { upgrade: "websocket" } });
      response.webSocket!.accept();
    }
    const frame = await watcher.next((f) => f.t === "render" && (f.html ?? "").includes("and 2 more"));
    const { document } = parseHTML(`<html><body>${frame.html}</body></html>`);
    const avatars = [...document.querySelectorAll(".presence li")];
    expect(avatars.length).toBe(6);
    expect(avatars.filter((li) => li.classList.contains("more")).map((li) => [li.textContent, li.getAttribute("title")])).toEqual([["+2and 2 more", "2 more people are here"]]);
  });
});
