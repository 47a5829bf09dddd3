// End-to-end: views (issue 12). An owner builds a view of the sample's Musicians with a
// filter, a grouping by a part of a value and a summary, saves it, and a second member opens
// it by its address in their own browser.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, invite, joinWith, mark, newPage, newSharedView, openTableNamed, server, shot, signUp, stillMarked, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

test("build a view with a filter and a grouping, save it, open it by its address as another member", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("views");
  const a = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(a, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(a);
  await openTableNamed(a, "Musicians");

  const address = await newSharedView(a, "Well paid, by country");

  await a.getByRole("link", { name: "+ Filter", exact: true }).click();
  await a.getByLabel("Filter", { exact: true }).selectOption({ label: "Fee >" });
  await a.getByLabel("Value", { exact: true }).fill("100");
  await a.getByRole("button", { name: "Add filter", exact: true }).click();
  await a.locator(".view-chips .view-chip", { hasText: "Fee > 100" }).waitFor();

  await a.getByRole("link", { name: "Group", exact: true }).click();
  await a.getByLabel("Group", { exact: true }).selectOption({ label: "Address: country" });
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await a.locator("tr.group-head").first().waitFor();

  await a.getByRole("link", { name: "+ Summary", exact: true }).click();
  await a.getByLabel("Summary", { exact: true }).selectOption({ label: "sum of Fee" });
  await a.getByRole("button", { name: "Add summary", exact: true }).click();
  await a.locator("tr.group-head .group-summary").first().waitFor();
  const groups = await a.locator("tr.group-head .group-name").allTextContents();
  assert.ok(groups.length > 1, `several groups: ${groups.join(", ")}`);
  await shot(a, "view-grouped");

  // A second member opens the view by its address: the same view, grouped the same way.
  const link = await invite(a, db, "bea@example.org", "editor");
  const b = await newPage({ viewport: { width: 1280, height: 900 } });
  await joinWith(b, link, db, "Bea Editor");
  await b.goto(`${server.url}${address}`);
  await b.locator("nav.view-tabs [aria-current=page]", { hasText: "Well paid, by country" }).waitFor();
  assert.deepEqual(await b.locator("tr.group-head .group-name").allTextContents(), groups);
  await connected(b);
  await shot(b, "view-opened-by-address");

  // Live: the owner edits a name in the view; the other member's open view follows.
  await a.goto(`${server.url}${address}`);
  await connected(a);
  await mark(b);
  const name = a.getByLabel("Name of record 1", { exact: true });
  await name.click();
  await a.keyboard.press("Control+A");
  await a.keyboard.type("Zelda Live");
  await a.keyboard.press("Tab");
  await until(() => b.getByLabel("Name of record 1", { exact: true }).inputValue(), "Zelda Live", "the other member's view updated live", 8000);
  assert.ok(await stillMarked(b), "without a reload");

  // Live: the owner edits a fee the view sums; the other member's group sum follows (its
  // kept tallies adjusted by the one record: src/schema/views/live-tallies.ts).
  const sumOfFirst = () => b.locator("tr.group-head .group-summary").first().textContent();
  const sumBefore = await sumOfFirst();
  const fee = a.getByLabel("Fee of record 1", { exact: true });
  const feeBefore = Number((await fee.inputValue()).replace(/[^0-9.]/g, ""));
  await fee.click();
  await a.keyboard.press("Control+A");
  await a.keyboard.type(`$${(feeBefore + 1000).toFixed(2)}`);
  await a.keyboard.press("Tab");
  await until(async () => (await sumOfFirst()) !== sumBefore, true, "the other member's group sum updated live", 8000);
  assert.deepEqual(await b.locator("tr.group-head .group-name").allTextContents(), groups);
  assert.ok(await stillMarked(b), "the sum followed without a reload");
  await shot(b, "view-live-sum");

  // Search follows the typing (no button pressed), and nothing typed is lost on the way.
  const search = b.getByPlaceholder("Search this view");
  await search.click();
  await search.pressSequentially("zelda li", { delay: 60 });
  const names = () => b.getByLabel(/^Name of record \d+$/).evaluateAll((els) => els.map((el) => el.value).join("|"));
  await until(names, "Zelda Live", "the view shows only the record found, as typed", 8000);
  assert.equal(await search.inputValue(), "zelda li");
  assert.ok(await b.locator(".view-chips .view-chip", { hasText: "search “zelda li”" }).isVisible());
  assert.ok(await stillMarked(b), "searched without a reload");
  await shot(b, "view-instant-search");
  for (const page of [a, b]) await page.context().close();
});
