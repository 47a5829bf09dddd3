// End-to-end (issue 15): a file of a few thousand rows chosen in the import page, its
// preview with a column's type changed before importing, the progress bar while the job runs
// (recorded as the page shows it: the first chunk is written by the request, the rest by the
// alarm, pushed over the socket), then a view of the table downloaded as CSV and read back,
// with every formula-like value (= + - @ tab CR) defused; a file over 5 MB into a new table,
// then another into that table through the mapping step (merged by name), undone in one step. Runs under run.mjs (one shared
// server); `node --test test/e2e/import-file.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { connected, newPage, newSharedView, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

const ROWS = 5_000;
const kinds = ["Donor", "Sponsor", "Friend"];
/** Values a spreadsheet would run as formulas, kept as typed and defused on export. */
const risky = ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturned"];
const quote = (t) => (/[",\r\n\t]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
const lines = ["Name,Kind,Amount,Joined,Note"];
for (let i = 0; i < ROWS; i++) {
  const note = i < risky.length ? risky[i] : i % 50 === 0 ? "call back" : "";
  lines.push([i < risky.length ? `Risky ${i + 1}` : `Person ${i + 1}`, kinds[i % 3], i % 20 === 7 ? "about 40" : `${(i % 700) + 10}.50`, `2025-${String((i % 12) + 1).padStart(2, "0")}-15`, note].map(quote).join(","));
}
const csv = `${lines.join("\r\n")}\r\n`;

test("choose a file, change a column's type in the preview, watch the progress, export a view as CSV with formulas defused", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("importfile");
  const page = await newPage({ acceptDownloads: true, viewport: { width: 1200, height: 860 } });
  await signUp(page, db, "Fay Filer", "fay@example.org");
  await connected(page);
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables/import`));
  await page.getByLabel("Or choose a CSV, TSV, JSON or Excel file", { exact: true }).setInputFiles({ name: "supporters.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const typeSelect = (name) => page.getByLabel(`Import “${name}” as`, { exact: true });
  await typeSelect("Kind").waitFor();
  assert.equal(await typeSelect("Kind").inputValue(), "choice");
  assert.equal(await typeSelect("Amount").inputValue(), "number");
  // 5 % of the amounts are not numbers: shown with an example before importing.
  const amountRow = page.locator("table.import-columns tbody tr", { has: page.locator("th", { hasText: /^Amount$/ }) });
  assert.match(await amountRow.textContent(), /95 %.*about 40/s);
  // Kind becomes text before importing; the preview follows.
  await typeSelect("Kind").selectOption("text");
  await page.locator("table.import-columns tbody tr", { has: page.locator("th", { hasText: /^Kind$/ }) }).locator("option[value=text][selected]").waitFor({ state: "attached" });
  assert.equal(await page.getByLabel("Table name", { exact: true }).inputValue(), "supporters");
  await shot(page, "import-file-preview");

  // Every state of the progress bar the page shows, recorded as it is morphed in.
  await page.evaluate(() => {
    const seen = [];
    Object.assign(window, { e2eProgress: seen });
    const note = () => {
      const bar = document.querySelector(".import-progress progress");
      if (bar) seen.push([Number(bar.getAttribute("value")), Number(bar.getAttribute("max"))]);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole("button", { name: `Import ${ROWS.toLocaleString("en")} records`, exact: true }).click();
  await page.getByText(`Imported ${ROWS.toLocaleString("en")} records into “supporters”`).waitFor();
  const progress = await page.evaluate(() => window.e2eProgress);
  assert.ok(progress.length > 0, "the progress bar was shown");
  assert.ok(progress.every(([value, max]) => max === ROWS && value > 0 && value < ROWS), JSON.stringify(progress));
  await shot(page, "import-file-report");
  assert.match(await page.locator(".import-report").textContent(), /Amount: 250 values kept but flagged/);

  // A view of the table: only the risky rows, downloaded as CSV and read back.
  await page.getByRole("link", { name: "Open “supporters”", exact: true }).click();
  await page.getByRole("heading", { name: "supporters", level: 1 }).waitFor();
  await newSharedView(page, "Risky notes");
  await page.getByRole("link", { name: "+ Filter", exact: true }).click();
  await page.getByLabel("Filter", { exact: true }).selectOption({ label: "Name contains" });
  await page.getByLabel("Value", { exact: true }).fill("Risky");
  await page.getByRole("button", { name: "Add filter", exact: true }).click();
  await page.locator(".view-chips .view-chip", { hasText: "Name contains" }).waitFor();
  await page.getByText(`${risky.length} records`, { exact: false }).first().waitFor();
  await shot(page, "import-file-view");
  await page.locator(".export-menu > summary", { hasText: "Download" }).click();
  const menu = page.getByRole("list", { name: "Export the view “Risky notes” as", exact: true });
  const [download] = await Promise.all([page.waitForEvent("download"), menu.getByRole("link", { name: "CSV", exact: true }).click()]);
  assert.equal(download.suggestedFilename(), "supporters - Risky notes.csv");
  const text = await readFile(await download.path(), "utf8");
  assert.ok(text.startsWith("\uFEFFName,Kind,Amount,Joined,Note\r\n"), text.slice(0, 80));
  const rows = text.slice(1).trim().split("\r\n");
  assert.equal(rows.length, risky.length + 1, text);
  assert.ok(rows[1].endsWith(`,"'=HYPERLINK(""http://evil.example"")"`), rows[1]);
  assert.ok(rows[2].endsWith(",'+1+1"), rows[2]);
  assert.ok(rows[3].endsWith(",'-2+3"), rows[3]);
  assert.ok(rows[4].endsWith(",'@SUM(A1)"), rows[4]);
  assert.ok(rows[5].endsWith(",'\tTabbed"), JSON.stringify(rows[5]));
  assert.ok(rows[6].endsWith(",\"'\rReturned\""), JSON.stringify(rows[6]));
});

test("choose a file over 5 MB: it goes up in parts with a progress bar, is previewed and imported with every row", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("importbig");
  // About 6 MB: generated here, so the test needs no file on disk.
  const BIG = 24_000;
  const long = "Sings in the winter concert and helps with the raffle tickets at the door. ".repeat(3);
  const big = ["Name,Section,Fee,Note"];
  for (let i = 0; i < BIG; i++) big.push(`Singer ${i + 1},${["Soprano", "Alto", "Tenor", "Bass"][i % 4]},${i % 25 === 3 ? "waived" : `$${(i % 90) + 10}`},${long}`);
  const file = Buffer.from(`${big.join("\n")}\n`);
  assert.ok(file.length > 5_500_000, String(file.length));
  const page = await newPage({ viewport: { width: 1200, height: 860 } });
  await signUp(page, db, "Gus Big", "gus@example.org");
  await connected(page);
  await page.goto(page.url().replace(/\/tables.*$/, "/tables/import"));
  await connected(page);
  await page.getByLabel("Or choose a CSV, TSV, JSON or Excel file", { exact: true }).setInputFiles({ name: "choir.csv", mimeType: "text/csv", buffer: file });
  // Every state of the upload's progress bar, recorded as the page shows it (in sessionStorage:
  // the preview is a new page).
  await page.evaluate(() => {
    const seen = [];
    new MutationObserver(() => {
      const bar = document.querySelector("[data-upload-progress]:not([hidden]) progress");
      if (!bar) return;
      seen.push([bar.value, bar.max, document.querySelector("[data-upload-status]")?.textContent ?? ""]);
      sessionStorage.setItem("e2eUpload", JSON.stringify(seen));
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // Each part takes a moment on its way (as on a slow line), so the bar can be seen mid-way.
  await page.route("**/import-chunks?**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await route.continue();
  });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.locator("[data-upload-status]", { hasText: /· [3-9]\d %/ }).waitFor();
  await shot(page, "import-big-upload");
  await page.getByLabel("Import “Section” as", { exact: true }).waitFor();
  const upload = JSON.parse(await page.evaluate(() => sessionStorage.getItem("e2eUpload") ?? "[]"));
  const parts = upload.filter(([value, max]) => max === file.length && value > 0 && value < file.length);
  assert.ok(parts.length >= 3, JSON.stringify(upload.map(([v, m, t]) => [v, m, t])));
  assert.ok(upload.some(([, , text]) => /Sending “choir\.csv”: [\d.]+ of 5\.\d MB · \d+ %/.test(text)), JSON.stringify(upload.map(([, , t]) => t)));
  assert.equal(await page.getByLabel("Import “Section” as", { exact: true }).inputValue(), "choice");
  assert.equal(await page.getByLabel("Import “Fee” as", { exact: true }).inputValue(), "money");
  assert.match(await page.locator(".import-summary").textContent(), /24,000 records · 4 columns/);
  assert.equal(await page.getByLabel("Table name", { exact: true }).inputValue(), "choir");
  await shot(page, "import-big-preview");
  await page.getByRole("button", { name: "Import 24,000 records", exact: true }).click();
  await page.getByText("Imported 24,000 records into “choir”").waitFor({ timeout: TEST_TIMEOUT * 2 });
  assert.match(await page.locator(".import-report").textContent(), /Fee: 960 values kept but flagged/);
  await shot(page, "import-big-report");

  // A second file over 5 MB into the table "choir", through the mapping step: its columns go
  // to the fields of the same name (case aside), Email to a new field; rows matched by Name
  // update their singer, the rest are added; then one Undo takes it all back.
  const more = ["name,FEE,Email,Note"];
  for (let i = 0; i < BIG + 1_000; i++) more.push(`singer ${i + 1},${i % 40 === 1 ? "ask" : "$5"},singer${i + 1}@example.org,${long}`);
  const second = Buffer.from(`${more.join("\n")}\n`);
  assert.ok(second.length > 5_500_000, String(second.length));
  await page.getByRole("link", { name: "Open “choir”", exact: true }).click();
  await page.getByRole("heading", { name: "choir", level: 1 }).waitFor();
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.getByRole("heading", { name: "Import into “choir”" }).waitFor();
  await connected(page);
  await page.getByLabel("Or choose a CSV, TSV, JSON or Excel file", { exact: true }).setInputFiles({ name: "choir-update.csv", mimeType: "text/csv", buffer: second });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const target = (column) => page.getByLabel(`Where “${column}” goes`, { exact: true });
  await target("Email").waitFor({ timeout: TEST_TIMEOUT * 2 });
  const chosen = async (column) => (await target(column).locator("option:checked").textContent()).trim();
  assert.deepEqual([await chosen("name"), await chosen("FEE"), await chosen("Email"), await chosen("Note")], ["Name", "Fee", "New field “Email”", "Note"]);
  assert.match(await page.locator("p.import-summary[role=status]").textContent(), /In the first 20,000 rows: will add 20,000 records, add 1 field\./);
  await page.getByLabel("Rows", { exact: true }).selectOption("merge");
  await page.locator("p.import-summary[role=status]", { hasText: "update 20,000 records" }).waitFor({ timeout: TEST_TIMEOUT * 2 });
  assert.match(await page.locator("p.import-summary[role=status]").textContent(), /In the first 20,000 rows: will add 0 records, update 20,000 records, add 1 field\. The import reads every row/);
  assert.equal(await page.getByLabel("matched by", { exact: true }).inputValue(), await page.getByLabel("matched by", { exact: true }).locator("option", { hasText: /^Name$/ }).getAttribute("value"));
  await shot(page, "import-big-into-mapping");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByText("Imported into “choir”").waitFor({ timeout: TEST_TIMEOUT * 3 });
  const report = await page.locator(".import-report").textContent();
  assert.match(report, /1,000 records added, 24,000 records updated/);
  assert.match(report, /New fields: Email/);
  assert.match(report, /Fee: 625 values kept but flagged/);
  assert.match(report, /Rows not imported: none/);
  await shot(page, "import-big-into-report");
  await page.getByRole("link", { name: "Open “choir”", exact: true }).click();
  await page.getByText("25,000 records", { exact: false }).first().waitFor();
  assert.equal(await page.getByLabel("Email of record 1", { exact: true }).inputValue(), "singer1@example.org");
  assert.equal(await page.getByLabel("Name of record 1", { exact: true }).inputValue(), "Singer 1");
  await shot(page, "import-big-into-table");
  // One Undo: the 1,000 added singers go, every fee is as it was, the new field goes.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await page.getByText("24,000 records", { exact: false }).first().waitFor({ timeout: TEST_TIMEOUT * 2 });
  assert.equal(await page.getByLabel("Email of record 1", { exact: true }).count(), 0);
  assert.equal(await page.getByLabel("Fee of record 4", { exact: true }).inputValue(), "waived");
});
