// End-to-end: derived fields (issue 14). A builder points and clicks "days overdue" (today −
// a due date), a per-currency rollup of invoice amounts through a link, and a named constant
// used in a view's filter — with JavaScript, so every menu saves as it changes.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, newPage, newSharedView, newTable, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

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
  await newTable(page, "Invoices");
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
  await newTable(page, "Clients");
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
  const viewAddress = await newSharedView(page, "Before the cutoff");
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

test("computed fields are fields: they group by a part, summarise, sort and chart; deleting what one uses asks first, and undo restores it", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("derived-walk");
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, db, "Walt Through", "walt@example.org");
  await connected(page);
  await newTable(page, "Orders");
  await addField(page, "Amount", "Money");
  await addField(page, "Qty", "Number");
  await addField(page, "Placed", "Date");
  await addField(page, "City", "Location");
  for (const [i, row] of [["A", "$10", "2", "2026-01-15", "Lyon, France"], ["B", "$5", "3", "2026-04-02", "Osaka, Japan"], ["C", "$10", "1", "2026-01-20", "Vancouver, Canada"]].entries()) {
    await page.getByRole("button", { name: "Add record" }).click();
    await page.getByLabel(`Name of record ${i + 1}`, { exact: true }).waitFor();
    for (const [field, text] of [["Name", row[0]], ["Amount", row[1]], ["Qty", row[2]], ["Placed", row[3]], ["City", row[4]]]) await typeCell(page, `${field} of record ${i + 1}`, text);
  }

  // Total = Amount × Qty (money); Due = Placed + 30 days (a date).
  const dialog = page.getByRole("dialog");
  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  await page.getByLabel("Field name", { exact: true }).fill("Total");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "Amount (money)" });
  await page.getByLabel("Add a step", { exact: true }).selectOption({ label: "times" });
  await page.getByLabel("Second value of step 1", { exact: true }).selectOption({ label: "Qty (number)" });
  await dialog.getByText("Gives a money").waitFor();
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => page.getByLabel("Total of record 2", { exact: true }).inputValue(), "$15.00", "money × number is money");

  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  await page.getByLabel("Field name", { exact: true }).fill("Due");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "Placed (date)" });
  await page.getByLabel("Add a step", { exact: true }).selectOption({ label: "plus" });
  await page.getByLabel("Second value of step 1", { exact: true }).selectOption({ label: "a duration I type" });
  await page.getByLabel("The duration to use", { exact: true }).fill("30 days");
  await page.getByLabel("The duration to use", { exact: true }).press("Tab");
  await dialog.getByText("Gives a date").waitFor();
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => page.getByLabel("Due of record 1", { exact: true }).inputValue(), "Feb 14, 2026", "a date plus a duration is a date");

  // Ship to = the City (a computed place, for the map below).
  await page.getByRole("link", { name: "Computed field", exact: true }).click();
  await page.getByLabel("Field name", { exact: true }).fill("Ship to");
  await page.getByLabel("Start with", { exact: true }).selectOption({ label: "City (place)" });
  await dialog.getByText("Gives a place").waitFor();
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });

  // Sorted by the computed Total, largest first.
  const sortTotal = page.getByRole("link", { name: "Sort by Total", exact: true });
  await sortTotal.click();
  await until(() => sortTotal.textContent(), "Total ↑", "sorted up");
  await sortTotal.click();
  await until(() => sortTotal.textContent(), "Total ↓", "sorted down");
  await until(() => page.getByLabel("Name of record 1", { exact: true }).inputValue(), "A", "the largest total first");

  // A view grouped by a part of a computed date, with the sum of a computed money field.
  await newSharedView(page, "By month due");
  await page.getByRole("link", { name: "Group", exact: true }).click();
  await page.getByLabel("Group", { exact: true }).selectOption({ label: "Due: month" });
  await page.getByRole("button", { name: "Group records", exact: true }).click();
  await page.getByRole("link", { name: "+ Summary", exact: true }).click();
  await page.getByLabel("Summary", { exact: true }).selectOption({ label: "sum of Total" });
  await page.getByRole("button", { name: "Add summary", exact: true }).click();
  await until(() => page.locator("tr.group-head").count(), 2, "two months due: February and May");
  await page.locator("tr.group-head .group-summary", { hasText: "$30.00" }).waitFor();
  await shot(page, "derived-grouped-by-part");

  // The same view as a chart: Total per month due.
  await page.getByRole("link", { name: "Chart", exact: true }).click();
  await page.locator("[data-picture] svg").waitFor();
  await shot(page, "derived-chart");

  // And as a map of the computed place.
  await page.getByRole("navigation", { name: "Show as" }).getByRole("link", { name: "Map", exact: true }).click();
  await page.getByRole("navigation", { name: "Location field" }).getByRole("link", { name: "Ship to", exact: true }).click();
  await until(() => page.locator("svg.map-svg[data-kind=countries] path.region.mark").count(), 3, "France, Japan and Canada");
  await shot(page, "derived-map");

  // Exported like any field: the CSV of the table holds the computed values.
  await page.getByRole("link", { name: "All records", exact: true }).click();
  const csvLink = page.locator("a", { hasText: /^CSV$/ }).first();
  const csv = await (await page.request.get(new URL(await csvLink.getAttribute("href"), server.url).href)).text();
  assert.match(csv.split("\n")[0], /Total.*Due/, "the computed fields are columns");
  assert.match(csv, /\$20\.00.*Feb 14, 2026/, "with their values");

  // Deleting Qty, which Total uses, asks first and names Total; Total then cannot compute, with the reason.
  await page.getByRole("link", { name: "All records", exact: true }).click();
  await page.getByRole("link", { name: "Field menu for Qty", exact: true }).click();
  await page.getByRole("link", { name: "Delete field", exact: true }).click();
  await dialog.getByText("Computed fields use it — “Total”").waitFor();
  await shot(page, "derived-delete-asks");
  await dialog.getByRole("button", { name: "Delete field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  const total = page.getByLabel("Total of record 1", { exact: true });
  await until(() => total.getAttribute("placeholder"), "cannot compute", "Total is flagged, not an error page");
  assert.match(await total.getAttribute("title"), /a field it uses was deleted/);
  await page.locator(".invalid-count", { hasText: "3 cannot compute" }).waitFor();
  await shot(page, "derived-cannot-compute");
  await page.getByRole("button", { name: "Undo", exact: true }).or(page.getByRole("link", { name: "Undo", exact: true })).first().click();
  await until(() => page.getByLabel("Total of record 1", { exact: true }).inputValue(), "$20.00", "undo brings Qty back and Total with it");
  assert.equal(await page.getByLabel("Qty of record 1", { exact: true }).inputValue(), "2");

  // The record's form shows the computed values, read-only.
  await page.getByRole("link", { name: "Open record 1", exact: true }).click();
  const formTotal = page.getByRole("dialog").getByLabel("Total", { exact: true });
  await until(() => formTotal.inputValue(), "$20.00", "the record form shows Total");
  assert.equal(await formTotal.getAttribute("readonly"), "", "read-only there too");
  await shot(page, "derived-record-form");
  await page.context().close();
});
