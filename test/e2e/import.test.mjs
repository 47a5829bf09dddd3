// End-to-end (issue 15): paste rows from a spreadsheet, see the preview, change a column's
// type, import, find the records in the grid, and download the table as CSV with formulas
// defused. Runs under run.mjs (one shared server); `node test/e2e/import.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { connected, newPage, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

const rows = [["Name", "Instrument", "Fee", "Joined", "Note"]];
const instruments = ["Violin", "Viola", "Cello", "Flute"];
for (let i = 0; i < 15; i++) rows.push([`Player ${i + 1}`, instruments[i % 4], i === 3 ? "ask Maria" : `$${100 + i * 5}`, `2026-0${1 + (i % 9)}-1${i % 9}`, i === 0 ? "=1+1" : ""]);
const pasted = rows.map((r) => r.join("\t")).join("\n");

test("paste a spreadsheet, change a column's type in the preview, import, export", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("import");
  const page = await newPage({ acceptDownloads: true });
  await signUp(page, db, "Ivy Importer", "ivy@example.org");
  await connected(page);
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables/import`));
  await page.getByLabel("Paste from a spreadsheet", { exact: true }).fill(pasted);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const typeSelect = (name) => page.getByLabel(`Import “${name}” as`, { exact: true });
  await typeSelect("Fee").waitFor();
  assert.equal(await typeSelect("Instrument").inputValue(), "choice");
  assert.equal(await typeSelect("Joined").inputValue(), "date");
  // 14 of 15 fees are money: the column reads as money, one value kept but flagged.
  assert.equal(await typeSelect("Fee").inputValue(), "money");
  const feeRow = page.locator("table.import-columns tbody tr", { has: page.locator("th", { hasText: /^Fee$/ }) });
  assert.match(await feeRow.textContent(), /93\.3 %.*ask Maria/s);
  await shot(page, "import-preview");
  // Change a column's type: the preview follows (with JavaScript, on change).
  await typeSelect("Instrument").selectOption("text");
  await page.locator("table.import-columns tbody tr", { has: page.locator("th", { hasText: /^Instrument$/ }) }).locator("option[value=text][selected]").waitFor({ state: "attached" });
  await page.getByLabel("Table name", { exact: true }).fill("Players");
  await page.getByRole("button", { name: "Import 15 records", exact: true }).click();
  await page.getByText("Imported 15 records into “Players”").waitFor();
  await shot(page, "import-report");
  await page.getByRole("link", { name: "Open “Players”", exact: true }).click();
  await page.getByRole("heading", { name: "Players" }).waitFor();
  assert.equal(await page.getByLabel("Name of record 1", { exact: true }).inputValue(), "Player 1");
  assert.equal(await page.getByLabel("Fee of record 4", { exact: true }).inputValue(), "ask Maria");
  assert.equal(await page.locator("table[data-grid] tbody tr").count(), 15);

  await page.locator(".export-menu > summary").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV", exact: true }).click()]);
  assert.equal(download.suggestedFilename(), "Players.csv");
  const csv = await readFile(await download.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFFName,Instrument,Fee,Joined,Note\r\n"), csv.slice(0, 80));
  assert.ok(csv.includes("Player 1,Violin,$100,2026-01-10,'=1+1\r\n"), "a formula is defused");
  assert.equal(csv.trim().split("\r\n").length, 16);
});
