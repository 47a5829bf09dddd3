// End-to-end: groups within groups (issue 12). An owner groups the sample's Musicians by
// country, then instrument, then whether active, with a sum of fees; folds a country (its
// inner groups and records go, its header and count stay) and unfolds it — live, and without
// JavaScript through plain links. Folding is the person's own: another member opening the
// same view by its address sees every group open.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, invite, joinWith, newPage, newSharedView, openTableNamed, server, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

async function groupBy(page, label) {
  if (!(await page.getByLabel("Group", { exact: true }).isVisible())) await page.getByRole("link", { name: "Group", exact: true }).click();
  const chips = await page.locator(".view-chip", { hasText: /grouped by|then by/ }).count();
  await page.getByLabel("Group", { exact: true }).selectOption({ label });
  await page.getByRole("button", { name: chips === 0 ? "Group records" : "Group within the groups", exact: true }).click();
  await page.locator(".view-chip", { hasText: /grouped by|then by/ }).nth(chips).waitFor();
}

const shownText = (page) => page.locator("nav.pager .muted").textContent();

test("group by three levels, fold and unfold a group on one's own page, with and without JavaScript", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("views-nested");
  const a = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(a, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(a);
  await openTableNamed(a, "Musicians");
  const address = await newSharedView(a, "By country and instrument");

  await groupBy(a, "Address: country");
  await groupBy(a, "Instrument");
  await groupBy(a, "Active");
  assert.match(await a.locator(".view-form").filter({ has: a.locator("#group-choice") }).textContent(), /at most|the most a view has/);
  await a.getByRole("link", { name: "+ Summary", exact: true }).click();
  await a.getByLabel("Summary", { exact: true }).selectOption({ label: "sum of Fee" });
  await a.getByRole("button", { name: "Add summary", exact: true }).click();
  await a.locator("tr.group-head.level-2 .group-summary").first().waitFor();
  assert.deepEqual(await a.locator(".view-chip").filter({ hasText: /grouped by|then by/ }).allTextContents().then((t) => t.map((s) => s.replace(/×|Remove.*$/g, "").trim())), ["grouped by Address (country)", "then by Instrument", "then by Active"]);
  for (const level of [0, 1, 2]) assert.ok((await a.locator(`tr.group-head.level-${level}`).count()) > 0, `headers at level ${level}`);
  await shot(a, "views-nested-three-levels");

  const link = await invite(a, db, "bea@example.org", "editor");
  const b = await newPage({ viewport: { width: 1280, height: 900 } });
  await joinWith(b, link, db, "Bea Editor");
  await b.goto(`${server.url}${address}`);
  await a.goto(`${server.url}${address}`);
  await connected(a);

  // Fold the first country: its header stays with its count; its inner groups and records go.
  const first = a.locator("tr.group-head.level-0").first();
  const country = await first.locator(".group-name").textContent();
  const countText = await first.locator(".group-count").textContent();
  const inner = await a.locator("tr.group-head.level-1").count();
  const before = await shownText(a);
  await first.locator("a.group-toggle").click();
  const folded = a.locator("tr.group-head.level-0", { hasText: country }).first();
  await folded.locator("a.group-toggle[aria-expanded=false]").waitFor();
  assert.equal(await folded.locator(".group-count").textContent(), countText);
  assert.ok((await a.locator("tr.group-head.level-1").count()) < inner, "the folded country's instruments are gone");
  assert.notEqual(await shownText(a), before, "fewer records show");
  await shot(a, "views-nested-folded");

  // Folding is this person's: another member with the same view open sees every group open.
  await b.reload();
  await b.locator("tr.group-head.level-0").first().waitFor();
  assert.equal(await b.locator("a.group-toggle[aria-expanded=false]").count(), 0, "the other member's groups are all open");

  // Unfold: it comes back.
  await folded.locator("a.group-toggle").click();
  await a.locator("tr.group-head.level-0", { hasText: country }).first().locator("a.group-toggle[aria-expanded=true]").waitFor();
  assert.equal(await shownText(a), before);

  // Without JavaScript the same links fold and unfold.
  const plain = await newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  await plain.context().addCookies(await a.context().cookies());
  await plain.goto(`${server.url}${address}`);
  const head = plain.locator("tr.group-head.level-1").first();
  const instrument = await head.locator(".group-name").textContent();
  await head.locator("a.group-toggle").click();
  await plain.locator("tr.group-head.level-1", { hasText: instrument }).first().locator("a.group-toggle[aria-expanded=false]").waitFor();
  await shot(plain, "views-nested-nojs-folded");
  await plain.locator("tr.group-head.level-1", { hasText: instrument }).first().locator("a.group-toggle").click();
  await plain.locator("tr.group-head.level-1", { hasText: instrument }).first().locator("a.group-toggle[aria-expanded=true]").waitFor();
  for (const page of [a, b, plain]) await page.context().close();
});
