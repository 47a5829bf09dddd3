// End-to-end: history (issue 16). A record's history in its form, and Restore putting a value
// back; the trash bringing a deleted table back with its records and the links to it; the
// activity feed following a change made in another tab, live.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, mark, newPage, openTableNamed, shot, signUp, stillMarked, tableNamed, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

const VIEWPORT = { viewport: { width: 1280, height: 900 } };

test("record history: a change shows in the record form, and Restore puts the value back", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("hist-record");
  const page = await newPage(VIEWPORT);
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await tableNamed(page, "Musicians").click();
  await page.getByRole("link", { name: "Open record 1", exact: true }).click();
  const dialog = page.getByRole("dialog");
  const email = dialog.getByLabel("Email", { exact: true });
  const before = await email.inputValue();
  await email.fill("new.address@example.org");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  const line = dialog.locator(".record-history .change").first();
  await line.getByText("new.address@example.org").waitFor();
  assert.match(await line.textContent(), /Ada Owner changed Email of .* from .* to new\.address@example\.org/);
  assert.match(await line.textContent(), /in the record form/);
  await line.scrollIntoViewIfNeeded();
  await shot(page, "history-record-form");

  await line.getByRole("button", { name: /^Restore/ }).click();
  await page.locator("#trove-notices").getByText(`Restored Email: “${before}”.`).waitFor();
  assert.equal(await email.inputValue(), before);
  await dialog.locator(".record-history .change").first().getByText("from the record's history").waitFor();
  await dialog.locator(".record-history").scrollIntoViewIfNeeded();
  await shot(page, "history-record-restored");
  await page.context().close();
});

test("trash: a deleted table comes back with its records and the links to it", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("hist-trash");
  const page = await newPage(VIEWPORT);
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await tableNamed(page, "Musicians").click();
  const section = page.getByLabel("Section of record 1", { exact: true });
  const linked = await section.inputValue();
  assert.notEqual(linked, "", "the sample links musicians to sections");

  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await page.getByRole("link", { name: "Delete Sections", exact: true }).click();
  await page.getByRole("button", { name: "Delete table", exact: true }).click();
  await tableNamed(page, "Sections").waitFor({ state: "detached" });

  await page.getByRole("link", { name: "Trash", exact: true }).click();
  const row = page.locator(".trash-table tr", { hasText: "Sections" });
  await row.waitFor();
  assert.match(await row.textContent(), /Table\s*Sections[\s\S]*by Ada Owner/);
  await shot(page, "history-trash");
  await row.getByRole("button", { name: "Restore table Sections" }).click();
  await page.getByText("The trash is empty.").waitFor();

  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await openTableNamed(page, "Sections");
  assert.ok((await page.locator("tbody tr").count()) > 1, "its records came back");
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(page, "Musicians").click();
  assert.equal(await page.getByLabel("Section of record 1", { exact: true }).inputValue(), linked, "the links to it came back");
  await page.context().close();
});

test("activity: a change made in another tab appears live, and a table's history filters it", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("hist-live");
  const feed = await newPage(VIEWPORT);
  await signUp(feed, db, "Ada Owner", "ada@example.org", { sample: true });
  await feed.getByRole("link", { name: "Activity", exact: true }).click();
  await feed.getByRole("heading", { name: "Activity", level: 1 }).waitFor();
  await connected(feed);
  await mark(feed);

  const before = Date.now();
  const tab = await feed.context().newPage();
  await tab.goto(feed.url().replace(/\/activity.*$/, "/tables"));
  await connected(tab);
  await tableNamed(tab, "Musicians").click();
  const name = tab.getByLabel("Name of record 1", { exact: true });
  await name.click();
  await tab.keyboard.press("Control+A");
  await tab.keyboard.type("Zelda Live");
  await tab.keyboard.press("Tab");

  const line = feed.locator(".activity-list .change").first();
  await line.getByText("Zelda Live").waitFor();
  assert.match(await line.textContent(), /Ada Owner changed Name of .* to Zelda Live/);
  assert.match(await line.textContent(), /in the grid/);
  assert.ok(await stillMarked(feed), "the feed updated without reloading");
  await shot(feed, "history-activity-live");

  await feed.getByLabel("Changes", { exact: true }).selectOption("structure");
  await feed.getByRole("button", { name: "Show", exact: true }).click();
  await feed.locator(".activity-list .change", { hasText: "created the table “Musicians”" }).waitFor();
  assert.equal(await feed.locator(".activity-list .change", { hasText: "Zelda Live" }).count(), 0, "structure only");
  await shot(feed, "history-activity-structure");

  // The past: Musicians as it was before the edit, and the whole database then.
  const musicians = new URL(tab.url()).pathname.match(/\/tables\/([\w-]+)/)[1];
  await feed.goto(`${new URL(feed.url()).origin}/t/${db}/activity/${musicians}/at/${before}`);
  await feed.getByRole("heading", { name: /^“Musicians” as it was on/ }).waitFor();
  assert.equal(await feed.locator(".moment-table td", { hasText: "Zelda Live" }).count(), 0, "the edit is not there yet");
  await shot(feed, "history-table-moment");
  await feed.goto(`${new URL(feed.url()).origin}/t/${db}/activity/at/${before}`);
  await feed.getByRole("heading", { name: /^The database as it was on/ }).waitFor();
  await feed.locator(".moment-table a", { hasText: "Musicians" }).waitFor();
  await shot(feed, "history-database-moment");
  await feed.context().close();
});
