// End-to-end: derived fields (issue 14). A builder points and clicks "days overdue" (today −
// a due date), a per-currency rollup of invoice amounts through a link, and a named constant
// used in a view's filter — with JavaScript, so every menu saves as it changes.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, createTable, newPage, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

async function openTable(page, name) {
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(page, name).click();
  await page.getByRole("heading", { name, exact: true, level: 1 }).waitFor();
}

async function typeCell(page, label, text) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await input.press("Tab");
}

test("computed fields: days overdue, a per-currency rollup through a link, a constant in a filter", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("derived");
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, db, "Dee Rived", "dee@example.org");
  await connected(page);

  // Invoices: a number, an amount in two currencies, a due date.
  await createTable(page, "Invoices");
  await tableNamed(page, "Invoices").click();
  // A new table starts with its Name field: the invoice number goes there.
  await addField(page, "Amount", "Money");
  await addField(page, "Due", "Date");
  for (const [i, [number, amount, due]] of [["INV-1", "$30", "2000-01-01"], ["INV-2", "€12.50", "2000-03-01"], ["INV-3", "$5", "2099-01-01"]].entries()) {
    await page.getByRole("button", { name: "Add record" }).click();
    await page.getByLabel(`Name of record ${i + 1}`, { exact: true }).waitFor();
    await typeCell(page, `Name of record ${i + 1}`, number);
    await typeCell(page, `Amount of record ${i + 1}`, amount);
    await typeCell(page, `Due of record ${i + 1}`, due);
  }

  // 1. Days overdue = today − Due, in days.
  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await page.getByLabel("Field name", { exact: true }).fill("Days overdue");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "today (date)" });
  await page.getByLabel("Add a step", { exact: true }).selectOption({ label: "minus" });
  await page.getByLabel("Second value of step 1", { exact: true }).waitFor();
  await page.getByLabel("Second value of step 1", { exact: true }).selectOption({ label: "Due (date)" });
  await dialog.getByText("Gives a duration").waitFor();
  await page.getByLabel("Add a step", { exact: true }).selectOption({ label: "in days" });
  await dialog.getByText("Gives a number").waitFor();
  assert.equal(await page.getByLabel("Field name", { exact: true }).inputValue(), "Days overdue", "the name typed survived the menus' updates");
  await shot(page, "derived-builder-days-overdue");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  const overdue = page.getByLabel("Days overdue of record 1", { exact: true });
  const days = Math.round((Date.now() - Date.parse("2000-01-01T00:00:00Z")) / 86_400_000);
  assert.ok(Math.abs(Number((await overdue.inputValue()).replace(/,/g, "")) - days) <= 1, `days overdue ≈ ${days}`);
  assert.equal(await overdue.getAttribute("readonly"), "", "a computed cell is read-only");
  assert.ok(Number((await page.getByLabel("Days overdue of record 3", { exact: true }).inputValue()).replace(/,/g, "")) < 0, "not yet due: negative");
  await shot(page, "derived-days-overdue-grid");

  // 2. Clients link to their invoices; "Billed" sums the amounts per currency.
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await createTable(page, "Clients");
  await tableNamed(page, "Clients").click();
  await addField(page, "Invoices");
  await page.getByRole("button", { name: "Add record" }).click();
  await typeCell(page, "Name of record 1", "Acme");
  await typeCell(page, "Invoices of record 1", "INV-1, INV-2");
  await page.getByRole("link", { name: "Field menu for Invoices", exact: true }).click();
  await page.getByRole("link", { name: "Change type", exact: true }).click();
  // The dialog opens on the field's type; picking another previews at once.
  await page.getByRole("dialog").getByLabel("Type", { exact: true }).selectOption({ label: "Link to records" });
  await page.getByLabel("Link to", { exact: true }).selectOption({ label: "Invoices" });
  await page.getByLabel("A cell may link to several records (separated by commas)", { exact: true }).check();
  await page.getByRole("button", { name: "Change type", exact: true }).click();
  await page.getByRole("dialog").waitFor({ state: "detached" });

  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  await dialog.waitFor();
  await page.getByLabel("Field name", { exact: true }).fill("Billed");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "Invoices: sum of Amount (money)" });
  await dialog.locator(".preview tr.invalid", { hasText: "$30.00 + €12.50" }).waitFor();
  await shot(page, "derived-builder-rollup-per-currency");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  const billed = page.getByLabel("Billed of record 1", { exact: true });
  assert.equal(await billed.inputValue(), "$30.00 + €12.50", "amounts in two currencies are kept apart, never added");
  assert.equal(await billed.getAttribute("aria-invalid"), "true", "and flagged");
  await shot(page, "derived-rollup-grid");

  // Changing a linked invoice recomputes the client's total.
  await openTable(page, "Invoices");
  await typeCell(page, "Amount of record 2", "$12.50");
  await openTable(page, "Clients");
  await until(() => page.getByLabel("Billed of record 1", { exact: true }).inputValue(), "$42.50", "the rollup follows the linked edit");

  // Every linked invoice's name (a lookup through a link to several records is the list),
  // only for clients with any invoice over $20 (a condition on the linked records).
  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  await dialog.waitFor();
  await page.getByLabel("Field name", { exact: true }).fill("Big invoices");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "Invoices → every Name (text)" });
  await page.getByLabel("Condition", { exact: true }).selectOption({ label: "any Invoices → Amount >" });
  await page.getByLabel("Condition value", { exact: true }).fill("$20");
  await page.getByLabel("Condition value", { exact: true }).press("Tab");
  await dialog.locator(".preview td", { hasText: "INV-1, INV-2" }).waitFor();
  await shot(page, "derived-builder-condition-through-link");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => page.getByLabel("Big invoices of record 1", { exact: true }).inputValue(), "INV-1, INV-2", "every linked name, since one invoice is over $20");
  await openTable(page, "Invoices");
  await typeCell(page, "Amount of record 1", "$19");
  await openTable(page, "Clients");
  await until(() => page.getByLabel("Big invoices of record 1", { exact: true }).inputValue(), "", "no invoice over $20 any more: empty");

  // 3. A constant used in a view filter.
  await page.getByRole("link", { name: "Constants", exact: true }).click();
  await page.getByRole("link", { name: "New constant", exact: true }).click();
  await page.getByLabel("Name", { exact: true }).fill("Cutoff");
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "date" });
  await page.getByLabel("Value", { exact: true }).fill("2000-02-01");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("row", { name: /Cutoff/ }).waitFor();
  await shot(page, "derived-constants");

  await openTable(page, "Invoices");
  await page.getByRole("link", { name: "+ New view", exact: true }).click();
  await page.getByLabel("Name of the new view", { exact: true }).fill("Before the cutoff");
  await page.getByRole("button", { name: "Create shared view", exact: true }).click();
  await page.waitForURL(/\/views\/[\w-]+(\?|$)/);
  const viewAddress = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "+ Filter", exact: true }).click();
  await page.getByLabel("Filter", { exact: true }).selectOption({ label: "Due is before" });
  await page.getByLabel("Value", { exact: true }).fill("{Cutoff}");
  await page.getByRole("button", { name: "Add filter", exact: true }).click();
  await until(() => page.locator("tbody tr[id^=rec-]").count(), 1, "only the invoice due before the cutoff");
  assert.equal(await page.getByLabel("Name of record 1", { exact: true }).inputValue(), "INV-1");
  await shot(page, "derived-constant-in-filter");

  // Changing the constant changes what the filter keeps.
  await page.getByRole("link", { name: "Constants", exact: true }).click();
  await page.getByRole("link", { name: "Change Cutoff", exact: true }).click();
  await page.getByLabel("Value", { exact: true }).fill("2000-12-31");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("row", { name: /2000-12-31/ }).waitFor();
  await page.goto(`${server.url}${viewAddress}`);
  await until(() => page.locator("tbody tr[id^=rec-]").count(), 2, "two invoices are due before the new cutoff");
  await page.context().close();
});
