// Live collaboration and the engine's habits: two people's changes, a dev-server restart,
// events over HTTP without a socket, and the app without JavaScript (Back resumes pages).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, createTable, invite, joinWith, mark, newPage, RESULTS, server, shot, signUp, stillMarked, tableNamed, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

test("two people see each other's changes live", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("live");
  const a = await newPage();
  await signUp(a, db, "Ada Owner", "ada@example.org");

  const link = await invite(a, db, "bea@example.org", "editor");
  await shot(a, "members-invitation");

  const b = await newPage();
  await joinWith(b, link, db, "Bea Editor", "join-database");
  // A third person, so that A sees two others here.
  const cyLink = await invite(a, db, "cy@example.org", "viewer");
  const c = await newPage();
  await joinWith(c, cyLink, db, "Cy Viewer");

  await a.getByRole("link", { name: "Tables", exact: true }).click();
  await a.getByRole("heading", { name: "Tables" }).waitFor();
  await Promise.all([connected(a), connected(b)]);
  await mark(b);

  await createTable(a, "Musicians");
  assert.equal(await a.getByLabel("New table", { exact: true }).inputValue(), "", "the submitted form takes the server's (cleared) value");
  await tableNamed(b, "Musicians").waitFor({ timeout: 3000 });
  assert.ok(await stillMarked(b), "B's page updated without reloading");
  await b.locator('.presence [title="Ada Owner is here"]').waitFor({ timeout: 3000 });
  await a.locator('.presence [title="Bea Editor is here"]').waitFor({ timeout: 3000 });
  await a.locator('.presence [title="Cy Viewer is here"]').waitFor({ timeout: 3000 });
  // The avatars of the people here and A's own sit side by side: none overlaps another.
  const avatars = await a.locator(".presence .avatar, .me .avatar").evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { title: el.getAttribute("title") ?? "me", left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }));
  assert.equal(avatars.length, 3, "two others and A");
  for (const [i, p] of avatars.entries()) {
    assert.ok(p.right - p.left >= 20 && p.bottom - p.top >= 20, `${p.title}: drawn at full size`);
    for (const q of avatars.slice(i + 1)) {
      const overlap = Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5;
      assert.ok(!overlap, `${p.title} and ${q.title} do not overlap (${JSON.stringify([p, q])})`);
    }
  }
  await a.locator(".topbar-end").screenshot({ path: `${RESULTS}/presence-avatars.png` });
  await c.context().close();
  await shot(a, "tables-owner");
  await shot(b, "tables-live-update");

  // A live update (B leaves) must not disturb what A is typing.
  const draft = a.getByLabel("New table", { exact: true });
  await draft.fill("Draft");
  await b.context().close();
  await a.locator('.presence [title="Bea Editor is here"]').waitFor({ state: "detached", timeout: 5000 });
  assert.equal(await draft.inputValue(), "Draft", "the text being typed survived the morph");
  assert.ok(await draft.evaluate((el) => el === document.activeElement), "focus survived the morph");
  await a.context().close();
});

test("the page carries on across a dev-server restart", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("restart");
  const page = await newPage();
  await signUp(page, db, "Rita Restart", "rita@example.org");
  await createTable(page, "Alpha");
  await connected(page);
  await mark(page);

  await server.stop();
  await page.locator("#trove-status").waitFor({ state: "visible", timeout: 5000 });
  await shot(page, "reconnecting");
  await server.start();

  await page.getByRole("link", { name: "Rename Alpha" }).click();
  const input = page.getByLabel("Table name", { exact: true });
  await input.waitFor();
  assert.ok(await input.evaluate((el) => el === document.activeElement), "autofocus moved focus to the rename input");
  await input.fill("Beta");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await tableNamed(page, "Beta").waitFor();
  assert.ok(await stillMarked(page), "the page was not reloaded");
  await connected(page, 15_000);
  await page.locator("#trove-status").waitFor({ state: "hidden", timeout: 5000 });
  await shot(page, "after-restart");
  await page.context().close();
});

test("without a socket, events go over HTTP and the page still updates in place", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("fetch");
  const page = await newPage();
  await page.routeWebSocket(/\/ws\b/, (ws) => ws.close({ code: 1011, reason: "blocked by the test" }));
  await signUp(page, db, "Fay Fallback", "fay@example.org");
  await mark(page);
  await page.locator("#trove-status").waitFor({ state: "visible", timeout: 5000 });
  await createTable(page, "Zeta");
  assert.ok(await stillMarked(page), "the page was not reloaded");
  assert.equal(await page.locator("body[data-connected]").count(), 0);
  assert.ok(await page.locator("#trove-status").isVisible(), "the indicator stays while disconnected");
  await page.getByRole("link", { name: "Delete Zeta" }).click();
  await page.getByRole("button", { name: "Delete table" }).click();
  await page.getByText("No tables yet.").waitFor();
  assert.ok(await stillMarked(page), "the page was not reloaded");
  await page.context().close();
});

test("everything works without JavaScript", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("nojs");
  const page = await newPage({ javaScriptEnabled: false });
  await signUp(page, db, "Noah Script", "noah@example.org");
  await shot(page, "nojs-tables-empty");
  await createTable(page, "Gamma");
  // Without JavaScript the grid saves with a button, and says so.
  await tableNamed(page, "Gamma").click();
  await page.getByRole("button", { name: "Save changes" }).waitFor();
  assert.ok(await page.getByText("Type in the cells, then save").isVisible(), "the hint shows beside it");
  await page.getByRole("link", { name: "← Tables" }).click();
  await tableNamed(page, "Gamma").waitFor();

  await page.getByRole("link", { name: "Rename Gamma" }).click();
  await page.getByLabel("Table name", { exact: true }).fill("Delta");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await tableNamed(page, "Delta").waitFor();

  await page.getByRole("link", { name: "Delete Delta" }).click();
  await page.getByRole("dialog").waitFor();
  await shot(page, "nojs-confirm-delete");
  await page.getByRole("button", { name: "Delete table" }).click();
  await page.getByText("No tables yet.").waitFor();
  assert.equal(await tableNamed(page, "Delta").count(), 0);
  assert.equal(await page.locator("body[data-connected]").count(), 0, "no runtime ran");
  await shot(page, "nojs-after-delete");
  await page.context().close();
});

test("without JavaScript, Back resumes the earlier page: its links work, over the current data", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("back");
  const page = await newPage({ javaScriptEnabled: false });
  await signUp(page, db, "Sam Back", "sam@example.org");
  await createTable(page, "Epsilon");
  await page.getByRole("link", { name: "Delete Epsilon" }).click(); // a dialog over the list
  await page.getByRole("dialog").waitFor();
  await page.goBack();
  // The address names the earlier render's key: the list, without the dialog.
  assert.equal(await page.getByRole("dialog").count(), 0);
  await page.getByRole("link", { name: "Rename Epsilon" }).click();
  await page.getByLabel("Table name", { exact: true }).waitFor();
  await page.getByLabel("Table name", { exact: true }).fill("Zeta");
  await page.getByRole("button", { name: "Save" }).click();
  await tableNamed(page, "Zeta").waitFor();
  // Places are history entries too: into the table and Back again.
  await tableNamed(page, "Zeta").click();
  await page.getByRole("heading", { name: "Zeta" }).waitFor();
  assert.match(page.url(), new RegExp(`/t/${db}/tables/[\\w-]+\\?k=`));
  await page.goBack();
  await page.getByRole("heading", { name: "Tables" }).waitFor();
  await shot(page, "nojs-back");
  await page.context().close();
});
