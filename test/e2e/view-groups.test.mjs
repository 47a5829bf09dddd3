// End-to-end: grouping by a multiple choice (a record under each of its options, no option and
// not understood in groups of their own) and by money ranges with the percent of the total,
// as a person builds them in the view bar (issue 12).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newSharedView, openTableNamed, shot, signUp, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const cell = (page, field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });
/** Opens the view bar's grouping form unless it is open. */
async function groupForm(page) {
  const link = page.getByRole("link", { name: "Group", exact: true });
  if ((await link.getAttribute("aria-expanded")) !== "true") await link.click();
  await page.getByLabel("Group", { exact: true }).waitFor();
}
const groupNames = (page) => page.locator("tr.group-head .group-name").allTextContents();

test("group by a multiple choice, then by money ranges with the percent of the total", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("viewgroups");
  const a = await newPage({ viewport: { width: 1400, height: 900 } });
  await signUp(a, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(a);
  await openTableNamed(a, "Musicians");

  // A multiple choice: two records with two options each, one with one, one not understood.
  await a.getByRole("link", { name: "Add field", exact: true }).click();
  const dialog = a.getByRole("dialog");
  await dialog.getByLabel("Field name", { exact: true }).fill("Roles");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Multiple choice" });
  await dialog.getByLabel("Option 1", { exact: true }).fill("Tour");
  await until(() => dialog.getByLabel("Option 1", { exact: true }).inputValue(), "Tour", "the option typed");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  for (const [n, text] of [[1, "Soloist, Tour"], [2, "Tour"], [3, "Teacher, Soloist"], [4, "Conductor"]]) {
    await cell(a, "Roles", n).fill(text);
    await cell(a, "Roles", n).press("Enter");
  }
  await until(async () => (await cell(a, "Roles", 4).locator("xpath=..").getAttribute("class"))?.includes("invalid"), true, "the unknown option is flagged");
  // The parts typed become options, one by one; "Conductor" stays not understood.
  await a.locator("th", { has: a.locator(".field-name", { hasText: /^Roles$/ }) }).locator(".invalid-count").click();
  for (const option of ["Soloist", "Teacher"]) {
    await a.getByRole("button", { name: `Add “${option}” as an option` }).click();
    await a.getByRole("button", { name: `Add “${option}” as an option` }).waitFor({ state: "detached" });
  }
  await a.getByRole("link", { name: "Show all records" }).click();
  await shot(a, "view-groups-options");
  await until(async () => (await cell(a, "Roles", 3).locator("xpath=..").getAttribute("class"))?.includes("invalid"), false, "Teacher is an option now");
  const first = await cell(a, "Name", 1).inputValue();

  await newSharedView(a, "By role");

  // At 1,200 px the view's toolbar keeps Download on the row of its other controls.
  await a.setViewportSize({ width: 1200, height: 900 });
  const topOf = async (locator) => Math.round((await locator.boundingBox()).y);
  const download = a.locator(".view-toolbar .export-menu > summary");
  await until(async () => (await topOf(download)) === (await topOf(a.locator("#view-search-go"))), true, "Download beside Search at 1,200 px");
  assert.equal(await topOf(a.locator(".view-toolbar .show-as")) <= (await topOf(download)) + 8, true, "one row");
  await shot(a, "view-toolbar-1200");
  await a.setViewportSize({ width: 1400, height: 900 });

  await groupForm(a);
  await a.getByLabel("Group", { exact: true }).selectOption({ label: "Roles (each option)" });
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await until(async () => (await groupNames(a)).slice(0, 3), ["Tour", "Soloist", "Teacher"], "a group per option, in the options' order");
  const head = (name) => a.locator("tr.group-head", { has: a.locator(".group-name", { hasText: new RegExp(`^${name}$`) }) });
  // Most musicians have no role: folding that group brings the not-understood one onto the page.
  await head("No Roles").getByRole("link", { name: "Collapse No Roles" }).click();
  await until(async () => (await groupNames(a)).slice(-2), ["No Roles", "Not understood"], "no option and not understood have groups of their own");
  assert.equal(await head("Soloist").locator(".group-count").textContent(), "2 records");
  assert.equal(await head("Tour").locator(".group-count").textContent(), "2 records");
  assert.equal(await head("Not understood").locator(".group-count").textContent(), "1 record");
  // The first record shows under Soloist and again under Tour (the second time read-only).
  const rowsOfFirst = a.locator("table[data-grid] tbody tr[data-record]").filter({ has: a.locator(`input[value="${first}"]`) });
  assert.equal(await rowsOfFirst.count(), 2);
  assert.equal(await rowsOfFirst.and(a.locator("tr.repeat")).count(), 1);
  assert.equal(await rowsOfFirst.and(a.locator("tr.repeat")).locator("input[name]").count(), 0, "the repeat sends nothing");
  await a.locator(".page-header .muted, p.muted", { hasText: "rows (a record under each of its groups)" }).first().waitFor();
  await shot(a, "view-groups-multichoice");

  // Folding a group hides its records and keeps its count.
  await head("Soloist").getByRole("link", { name: "Collapse Soloist" }).click();
  await head("Soloist").getByRole("link", { name: "Expand Soloist" }).waitFor();
  assert.equal(await head("Soloist").locator(".group-count").textContent(), "2 records");
  await head("No Roles").getByRole("link", { name: "Expand No Roles" }).click();
  await head("No Roles").getByRole("link", { name: "Collapse No Roles" }).waitFor();

  // Now by the fee in ranges, automatic round widths per currency, with the percent of the total.
  await a.getByRole("link", { name: "Remove grouped by Roles", exact: true }).click();
  await a.locator("tr.group-head").first().waitFor({ state: "detached" });
  await groupForm(a);
  await a.getByLabel("Group", { exact: true }).selectOption({ label: "Fee: ranges per currency" });
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await a.locator(".view-chip", { hasText: "grouped by Fee (ranges)" }).waitFor();
  await a.getByRole("link", { name: "+ Summary", exact: true }).click();
  await a.getByLabel("Summary", { exact: true }).selectOption({ label: "percent of total of Fee" });
  await a.getByRole("button", { name: "Add summary", exact: true }).click();
  await a.locator("tr.group-head .group-summary").first().waitFor();
  const ranges = await groupNames(a);
  assert.ok(ranges.length > 2, `several ranges: ${ranges.join(" | ")}`);
  for (const name of ranges.filter((n) => n !== "No Fee" && n !== "Not understood")) assert.match(name, /^-?[$€£][\d,.]+ – -?[$€£][\d,.]+$/, `a range of money: ${name}`);
  assert.ok(ranges.some((n) => n.startsWith("€")) && ranges.some((n) => n.startsWith("$")), "dollars and euros in ranges of their own");
  const shares = (await a.locator("tr.group-head .group-summary").allTextContents()).filter((t) => t.includes("%"));
  for (const text of shares) assert.match(text, /^Fee: \d+(\.\d)?% of the (USD|EUR|GBP|CAD) total/, text);
  await a.locator("#view-totals", { hasText: "100% of the table's USD total" }).waitFor();
  await shot(a, "view-groups-money-ranges");

  // A chosen width: ranges of 250 dollars.
  await a.getByRole("link", { name: "Remove grouped by Fee (ranges)", exact: true }).click();
  await a.locator("tr.group-head").first().waitFor({ state: "detached" });
  await groupForm(a);
  await a.getByLabel("Group", { exact: true }).selectOption({ label: "Fee: ranges per currency" });
  await a.getByLabel("Range width").fill("abc");
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await a.getByText("“abc” is not a width").waitFor();
  await a.getByLabel("Range width").fill("$250");
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await a.locator(".view-chip", { hasText: "grouped by Fee (ranges of 250)" }).waitFor();
  for (const name of (await groupNames(a)).filter((n) => n.startsWith("$"))) {
    const [from, to] = name.split(" – ").map((x) => Number(x.replace(/[$,]/g, "")));
    assert.equal(to - from, 250, name);
    assert.equal(from % 250, 0, name);
  }
  await shot(a, "view-groups-money-250");

  // Duplicate the view (it opens), then Undo takes the copy away again.
  await a.getByRole("link", { name: "Duplicate view", exact: true }).click();
  await a.locator("nav.view-tabs [aria-current=page]", { hasText: "By role (copy)" }).waitFor();
  await a.locator(".view-chip", { hasText: "grouped by Fee (ranges of 250)" }).waitFor();
  await a.getByRole("button", { name: "Undo", exact: true }).or(a.getByRole("link", { name: "Undo", exact: true })).first().click();
  await a.locator("nav.view-tabs a", { hasText: "By role (copy)" }).waitFor({ state: "detached" });
});
