// End-to-end (issue 15): paste a block from a spreadsheet into an EXISTING table from its
// page — the mapping step (columns matched to fields by name, one sent elsewhere), a merge on
// the Name field, the report, the grid, and Undo taking the whole import back. Runs under
// run.mjs (one shared server); `node --test test/e2e/import-into.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

test("paste rows into an existing table: map the columns, update the matching records, add the rest, undo", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("into");
  const page = await newPage();
  await signUp(page, db, "Ivy Importer", "ivy@example.org");
  await connected(page);
  // A table to import into: Donors (Name, Gift, Town).
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.getByLabel("Paste from a spreadsheet", { exact: true }).fill("Name\tGift\tTown\nAnn Lee\t$100\tLeeds\nBo Li\t$50\tYork\nCy Ng\t$75\tBath\nDi Po\t$20\tHull");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByLabel("Table name", { exact: true }).fill("Donors");
  await page.getByRole("button", { name: "Import 4 records", exact: true }).click();
  await page.getByRole("link", { name: "Open “Donors”", exact: true }).click();
  await page.getByRole("heading", { name: "Donors", exact: true }).waitFor();

  // From the table's page: Import… opens the import into this table, at its own address.
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.getByRole("heading", { name: "Import into “Donors”" }).waitFor();
  assert.match(page.url(), new RegExp(`/t/${db}/tables/[\\w-]+/import`));
  await page.getByLabel("Paste from a spreadsheet", { exact: true }).fill("NAME\tgift \tCity\tPhone\nann lee\t$120\tLeeds\t+44 20 7946 0000\nEd Ra\t€40\tDerby\t+44 1332 000000\nBo Li\tlater\t\t");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const target = (column) => page.getByLabel(`Where “${column}” goes`, { exact: true });
  await target("NAME").waitFor();
  // Matched by name whatever the case and spaces; City has no field of its name: a new one.
  assert.equal(await target("NAME").locator("option:checked").textContent(), "Name");
  assert.equal(await target("gift").locator("option:checked").textContent(), "Gift");
  assert.equal(await target("City").inputValue(), "new");
  // The person sends City to Town instead (English towns, so a location: York among them is
  // York, England), and updates the records that match by Name.
  await target("City").selectOption({ label: "Town" });
  await page.locator("table.import-mapping tbody tr", { has: page.locator("th", { hasText: /^City$/ }) }).locator(".muted", { hasText: /^Location$/ }).waitFor();
  await page.getByLabel("Rows", { exact: true }).selectOption("merge");
  await page.getByText("Will add 1 record, update 2 records, add 1 field.").waitFor();
  const giftRow = page.locator("table.import-mapping tbody tr", { has: page.locator("th", { hasText: /^gift$/ }) });
  assert.match(await giftRow.textContent(), /66\.6 %.*later/s);
  await shot(page, "import-into-mapping");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByText("1 record added, 2 records updated").waitFor();
  assert.match(await page.locator(".import-report").textContent(), /Gift: 1 value kept but flagged/);
  await shot(page, "import-into-report");
  await page.getByRole("link", { name: "Open “Donors”", exact: true }).click();
  await page.getByRole("heading", { name: "Donors", exact: true }).waitFor();
  const cell = (field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });
  assert.equal(await cell("Gift", 1).inputValue(), "$120.00");
  assert.equal(await cell("Gift", 2).inputValue(), "later");
  assert.equal(await cell("Town", 2).inputValue(), "York, United Kingdom");
  assert.equal(await cell("Name", 5).inputValue(), "Ed Ra");
  assert.equal(await cell("Town", 5).inputValue(), "Derby, United Kingdom");
  await shot(page, "import-into-grid");
  // One Undo takes the whole import back: the added record, the new field, the updated cells.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await cell("Name", 5).waitFor({ state: "detached" });
  assert.equal(await cell("Gift", 1).inputValue(), "$100.00");
  assert.equal(await cell("Gift", 2).inputValue(), "$50.00");
  assert.equal(await page.locator("th.field-head .field-name", { hasText: "Phone" }).count(), 0);
});
