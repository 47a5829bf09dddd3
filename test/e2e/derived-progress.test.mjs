// End-to-end (issue 14): a named constant behind a computed field on a big table. A new user
// imports 6,000 rows, adds "Tax" = Tax rate percent of Amount, then changes the constant: the
// recomputation runs in the background (from 5,000 records), the page says how far it is,
// and the page stays usable meanwhile (a cell edited while it runs is kept).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, openTableNamed, shot, signUp, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const ROWS = 6_000;
const pasted = ["Name\tAmount", ...Array.from({ length: ROWS }, (_, i) => `Item ${i + 1}\t$${100 + (i % 900)}`)].join("\n");

/** Installs an observer that notes whether a "Recomputing…" status was ever shown (it may
 *  come and go between two looks, on a fast machine). */
async function watchProgress(page) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__sawProgress = null;
    const look = () => {
      const note = document.querySelector("p.recomputing[role=status]");
      if (note && !w.__sawProgress) w.__sawProgress = (note.closest(".recomputing-in") ?? note).textContent;
    };
    look();
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

test("changing a constant behind a computed field on 6,000 records: progress shown, the page stays usable", { timeout: TEST_TIMEOUT * 6 }, async () => {
  const db = uniqueName("progress");
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, db, "Pat Rogress", "pat@example.org");
  await connected(page);

  // 6,000 rows, pasted and imported.
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables/import`));
  // As a paste: the whole text arrives at once (typing 6,000 lines key by key is not what
  // a person does, and Playwright's fill of 100 KB stalls).
  await page.getByLabel("Paste from a spreadsheet", { exact: true }).evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.dispatchEvent(new Event("change", { bubbles: true }));
  }, pasted);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByLabel("Import “Amount” as", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Import “Amount” as", { exact: true }).inputValue(), "money");
  await page.getByLabel("Table name", { exact: true }).fill("Orders");
  await page.getByRole("button", { name: "Import 6,000 records", exact: true }).click();
  await page.getByText("Imported 6,000 records into “Orders”").waitFor({ timeout: TEST_TIMEOUT * 3 });

  // The constant, then Tax = Tax rate percent of Amount.
  await page.getByRole("link", { name: "Constants", exact: true }).click();
  await page.getByRole("link", { name: "New constant", exact: true }).click();
  await page.getByLabel("Name", { exact: true }).fill("Tax rate");
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "percent" });
  await page.getByLabel("Value", { exact: true }).fill("8%");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("row", { name: /Tax rate/ }).waitFor();

  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await openTableNamed(page, "Orders");
  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await page.getByLabel("Field name", { exact: true }).fill("Tax");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "Tax rate (percent)" });
  await page.getByLabel("Add a step", { exact: true }).selectOption({ label: "percent of" });
  await page.getByLabel("Second value of step 1", { exact: true }).waitFor();
  await page.getByLabel("Second value of step 1", { exact: true }).selectOption({ label: "Amount (money)" });
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  // 8 % of $100 (the first row), once the background recomputation reached it.
  await until(() => page.getByLabel("Tax of record 1", { exact: true }).inputValue(), "$8.00", "the first Tax computed", TEST_TIMEOUT);
  await page.locator("p.recomputing").waitFor({ state: "detached", timeout: TEST_TIMEOUT });

  // Change the constant: the reply shows how far the recomputation is.
  await page.getByRole("link", { name: "Constants", exact: true }).click();
  await page.getByRole("link", { name: "Change Tax rate", exact: true }).click();
  await page.getByLabel("Value", { exact: true }).fill("10%");
  await watchProgress(page);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.locator("p.recomputing, tr:has-text('10%')").first().waitFor();
  if (await page.locator("p.recomputing").isVisible()) await shot(page, "derived-progress-constants");
  await page.getByRole("row", { name: /Tax rate/ }).filter({ hasText: /10\s*%/ }).waitFor();
  await until(() => page.evaluate(() => /** @type {any} */ (window).__sawProgress !== null), true, "a progress note on the constants page", TEST_TIMEOUT);
  const note = await page.evaluate(() => /** @type {any} */ (window).__sawProgress);
  assert.match(note, /Orders:.*Recomputing “Tax”… \d+%/s);

  // The page stays usable: open the table and edit a cell while Tax may still be recomputing.
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await openTableNamed(page, "Orders");
  if (await page.locator("p.recomputing").isVisible()) await shot(page, "derived-progress-table");
  const name = page.getByLabel("Name of record 2", { exact: true });
  await name.click();
  await name.fill("Item two, renamed");
  await name.press("Tab");
  // Every Tax follows the new rate; the edit made meanwhile is kept.
  await until(() => page.getByLabel("Tax of record 1", { exact: true }).inputValue(), "$10.00", "10 % of $100", TEST_TIMEOUT);
  await page.locator("p.recomputing").waitFor({ state: "detached", timeout: TEST_TIMEOUT });
  await page.reload();
  assert.equal(await page.getByLabel("Name of record 2", { exact: true }).inputValue(), "Item two, renamed");
  assert.equal(await page.getByLabel("Tax of record 2", { exact: true }).inputValue(), "$10.10");
  await shot(page, "derived-progress-done");
  await page.context().close();
});
