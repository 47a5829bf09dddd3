// Private feeds of views (issue 13), over the worker's real HTTP surface: published from the
// view bar, fetched with no cookie, answering conditional requests, rate limited per token,
// respecting the view's filters at request time, and refusing wrong, revoked, regenerated and
// other databases' tokens with the same bare 404.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { findView } from "../../src/schema/views/view";
import { Browser, invite, ownerApp, tenantOf, newSharedView } from "./helpers";

/** The owner of a sample database with a shared calendar view of Concerts whose feeds are published. */
async function publishedCalendar(database: string) {
  const app = await ownerApp(database, { sample: true });
  const { client } = app;
  await client.click("Concerts");
  await newSharedView(client, "Season");
  await client.click("Calendar");
  expect(client.query(".calendar")).not.toBeNull();
  await client.click("Feeds…");
  await client.click("Publish feeds");
  const url = (format: string) => client.query(`#feed-${format}`)?.getAttribute("value") ?? "";
  expect(url("ics")).toMatch(new RegExp(`^http://trove\\.test/t/${database}/feeds/[A-Za-z0-9_-]{22}\\.ics$`));
  return { ...app, url };
}

const anonymous = () => new Browser();
const path = (url: string) => new URL(url).pathname;
const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));

describe("feeds", () => {
  it("serves the view as iCalendar without a cookie, and answers conditional requests with 304", async () => {
    const { url } = await publishedCalendar("feeds-ics");
    const stranger = anonymous();
    const response = await stranger.fetch(path(url("ics")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("set-cookie")).toBeNull();
    const text = await response.text();
    const read = events(text);
    expect(read.length).toBeGreaterThan(5);
    expect(read.every((e) => e.uid.endsWith("@feeds-ics.trove") && !e.startDate.isDate)).toBe(true);
    expect(new Set(read.map((e) => e.uid)).size).toBe(read.length);
    expect(stranger.cookies.size).toBe(0);

    const etag = response.headers.get("etag") ?? "";
    const modified = response.headers.get("last-modified") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await stranger.fetch(path(url("ics")), { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await stranger.fetch(path(url("ics")), { headers: { "if-modified-since": modified } })).status).toBe(304);
    expect((await stranger.fetch(path(url("ics")), { headers: { "if-none-match": '"something else"' } })).status).toBe(200);
    // The same data gives the same body: a second import finds the same UIDs.
    expect(await (await stranger.fetch(path(url("ics")))).text()).toBe(text);

    const head = await stranger.fetch(path(url("ics")), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    for (const format of ["atom", "json", "csv"]) {
      const other = await stranger.fetch(path(url(format)));
      expect(other.status, format).toBe(200);
    }
    const csv = await (await stranger.fetch(path(url("csv")))).text();
    expect(csv.split("\r\n")[0]).toContain("Title");
    const json = JSON.parse(await (await stranger.fetch(path(url("json")))).text()) as unknown[];
    expect(json.length).toBe(read.length);
    const atom = await (await stranger.fetch(path(url("atom")))).text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  });

  it("applies the view's filters when the feed is fetched", async () => {
    const { client, url } = await publishedCalendar("feeds-filter");
    const [ics, csvUrl] = [path(url("ics")), path(url("csv"))];
    const stranger = anonymous();
    const before = await stranger.fetch(ics);
    const all = events(await before.text());
    const title = all[0]!.summary;
    await client.click("+ Filter");
    client.fill("Filter", "Title is");
    client.fill("Value", title);
    await client.click("Add filter");
    const after = await stranger.fetch(ics, { headers: { "if-none-match": before.headers.get("etag") ?? "" } });
    expect(after.status).toBe(200);
    expect(events(await after.text()).map((e) => e.summary)).toEqual([title]);
    const csv = await (await stranger.fetch(csvUrl)).text();
    expect(csv.trim().split("\r\n")).toHaveLength(2);
  });

  it("refuses wrong, regenerated, revoked and other databases' tokens with the same 404", async () => {
    const { client, url } = await publishedCalendar("feeds-revoke");
    const other = await publishedCalendar("feeds-other");
    const stranger = anonymous();
    const first = path(url("ics"));
    expect((await stranger.fetch(first)).status).toBe(200);
    const notFound = async (p: string) => {
      const response = await stranger.fetch(p);
      expect(response.status, p).toBe(404);
      return response.text();
    };
    const wrong = await notFound(first.replace(/feeds\/.{4}/, "feeds/AAAA"));
    // Another database's token, at this database's address, and the other way round.
    const theirs = await notFound(`/t/feeds-revoke/feeds/${path(other.url("ics")).split("/").pop()}`);
    await notFound(`/t/feeds-other/feeds/${first.split("/").pop()}`);
    await notFound(first.replace(".ics", ".exe"));
    expect(theirs).toBe(wrong);

    await client.click("New addresses");
    const second = path(url("ics"));
    expect(second).not.toBe(first);
    expect(await notFound(first)).toBe(wrong);
    expect((await stranger.fetch(second)).status).toBe(200);

    await client.click("Stop feeds");
    expect(client.query("#feed-ics")).toBeNull();
    expect(await notFound(second)).toBe(wrong);
  });

  it("limits how often one token is fetched, per minute", async () => {
    const { url } = await publishedCalendar("feeds-limit");
    const stranger = anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await stranger.fetch(path(url("csv")))).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await stranger.fetch(path(url("csv")));
    expect(statuses[60]).toBe(429);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("only those who may change the view publish its feeds; a feed stops when its publisher may no longer", async () => {
    const { client, url } = await publishedCalendar("feeds-roles");
    const ics = path(url("ics"));
    const { member } = await invite(client, "editor", "ed@feeds-roles.org");
    const { client: editor } = await member.app("feeds-roles", "/t/feeds-roles/tables");
    await editor.click("Concerts");
    await editor.click("Season");
    expect(editor.queryAll("a").some((a) => a.textContent === "Feeds…")).toBe(false);
    const stub = env.TENANT.getByName("feeds-roles");
    const refusal = await runInDurableObject(stub, async (instance) => {
      const tenant = tenantOf(instance);
      const view = tenant.schema.views?.find((v) => v.name === "Season");
      const editorMember = tenant.accounts.members().find((m) => m.role === "editor");
      if (!view || !editorMember) throw new Error("no view or editor");
      expect(findView(tenant.schema, view.id)).toBeDefined();
      return [await tenant.feeds.publish(editorMember, view), tenant.feeds.revoke(editorMember, view)];
    });
    expect(refusal).toEqual([{ ok: false, reason: "Only builders and owners change shared views." }, { ok: false, reason: "Only builders and owners change shared views." }]);
    const stranger = anonymous();
    expect((await stranger.fetch(ics)).status).toBe(200);
    // The publisher loses the right to change shared views: the feed stops at once.
    await runInDurableObject(stub, async (instance) => {
      const tenant = tenantOf(instance);
      const owner = tenant.accounts.members().find((m) => m.role === "owner");
      if (!owner) throw new Error("no owner");
      tenant.storage.sql.exec("UPDATE users SET role = 'editor' WHERE id = ?", owner.id);
    });
    expect((await stranger.fetch(ics)).status).toBe(404);
  });
});
