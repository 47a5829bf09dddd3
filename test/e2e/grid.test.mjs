// End-to-end: the grid as fast as a spreadsheet (issue 11, "Grid"). A person types records in
// the blank new-record row with Tab and Enter, pastes a block copied from a spreadsheet (its
// clipboard: TSV and an HTML table) as one undoable step, copies a block out as TSV, and
// deletes several ticked records at once, then undoes it. Runs under run.mjs (one shared
// server, see harness.mjs); `node --test test/e2e/grid.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, createTable, mark, newPage, shot, signUp, stillMarked, TEST_TIMEOUT, tableNamed, uniqueName, until } from "./harness.mjs";

const cell = (page, field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });
const newCell = (page, field) => page.getByLabel(`${field} of a new record`, { exact: true });
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName ?? null);
const records = (page) => page.locator("table[data-grid] tbody tr[data-record]").count();
const column = (page, field) => page.evaluate((f) => {
  const index = [...document.querySelectorAll("table[data-grid] thead th")].findIndex((th) => th.querySelector(".field-name")?.textContent?.replace(/ [↑↓]$/, "") === f);
  return [...document.querySelectorAll("table[data-grid] tbody tr[data-record]")].map((tr) => {
    const input = tr.children[index]?.querySelector("input:not([type=hidden])");
    return input ? (input.type === "checkbox" ? String(input.checked) : input.value) : null;
  });
}, field);

/** Dispatches a paste of a spreadsheet's clipboard (both formats) at the focused cell. */
const paste = (page, tsv, html) =>
  page.evaluate(([text, markup]) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    if (markup) data.setData("text/html", markup);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, [tsv, html]);

/** Dispatches a copy at the focused cell and returns what the page put on the clipboard. */
const copy = (page) =>
  page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement?.dispatchEvent(new ClipboardEvent("copy", { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData("text/plain");
  });

test("typing records in the new-record row, pasting a spreadsheet block, copying and deleting several", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("grid");
  const page = await newPage({ viewport: { width: 1280, height: 860 } });
  await signUp(page, db, "Gina Grid", "gina@example.org");
  await connected(page);
  await createTable(page, "Volunteers");
  await tableNamed(page, "Volunteers").click();
  await page.getByRole("heading", { name: "Volunteers" }).waitFor();
  for (const [name, type] of [["Name", undefined], ["Fee", "Money"], ["Joined", "Date"], ["Active", "Checkbox"]]) await addField(page, name, type);
  await mark(page);

  // 1. The blank row: type, Tab on; the record is made and the cursor goes on in it.
  await newCell(page, "Name").click();
  await page.keyboard.type("Ada Lovelace");
  await page.keyboard.press("Tab");
  await cell(page, "Name", 1).waitFor();
  await until(() => focused(page), "Fee of record 1", "Tab from the new-record row goes on in the new record");
  await page.keyboard.type("$12.50");
  await page.keyboard.press("Tab");
  await page.keyboard.type("March 3, 2026");
  // Enter on the last record moves into the blank row: a new record starts there.
  await page.keyboard.press("Enter");
  await until(() => focused(page), "Joined of a new record", "Enter past the last row starts a new record");
  await page.keyboard.type("2026-04-01");
  await page.keyboard.press("Enter");
  await cell(page, "Joined", 2).waitFor();
  await until(() => focused(page), "Joined of a new record", "after Enter the next new record starts in the same column");
  assert.deepEqual(await column(page, "Fee"), ["$12.50", ""]);
  assert.equal(await page.locator("tfoot tr[data-new-row] input[name]").first().inputValue(), "", "the blank row is blank again");
  // Tab past the last cell of the last record goes into the blank row.
  await cell(page, "Joined", 2).click();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await until(() => focused(page), "Name of a new record", "Tab past the last row reaches the new-record row");

  // 2. "Add record": the cursor is in the new record's first cell.
  await page.getByRole("button", { name: "Add record" }).click();
  await cell(page, "Name", 3).waitFor();
  await until(() => focused(page), "Name of record 3", "Add record puts the cursor in the new record's first cell");
  await page.keyboard.type("Cy");
  await page.keyboard.press("Enter");
  await until(async () => (await column(page, "Name"))[2], "Cy", "typed into the added record");
  await shot(page, "grid-new-row");

  // 3. A block from a spreadsheet, pasted at record 2's Name: fills rows 2–3, adds two records,
  //    parses each value as typing would (one not understood, flagged) — one undoable step.
  const tsv = "Ben\t€35\tMay 1, 2026\tyes\r\nCleo\tlots\t2026-05-02\tno\r\nDee \"D\"\t£7\t\"June 3,\n2026\"\tyes\r\nEve\t$1,200\t2026-07-01\t\r\n";
  const html =
    '<meta charset="utf-8"><google-sheets-html-origin><table><tbody>' +
    "<tr><td>Ben</td><td>€35</td><td>May 1, 2026</td><td>TRUE</td></tr>" +
    "<tr><td>Cleo</td><td>lots</td><td>2026-05-02</td><td>FALSE</td></tr>" +
    '<tr><td>Dee "D"</td><td>£7</td><td>June 3,<br>2026</td><td>TRUE</td></tr>' +
    "<tr><td>Eve</td><td>$1,200</td><td>2026-07-01</td><td></td></tr>" +
    "</tbody></table></google-sheets-html-origin>";
  await cell(page, "Name", 2).click();
  await paste(page, tsv, html);
  await cell(page, "Name", 5).waitFor();
  assert.deepEqual(await column(page, "Name"), ["Ada Lovelace", "Ben", "Cleo", 'Dee "D"', "Eve"]);
  assert.deepEqual((await column(page, "Fee")).slice(1), ["€35.00", "lots", "£7.00", "$1,200.00"]);
  assert.deepEqual(await column(page, "Active"), ["false", "true", "false", "true", "false"]);
  assert.equal(await page.locator("td.cell.invalid").count(), 1, "“lots” is kept and flagged");
  assert.match((await page.locator(".notice").last().textContent()) ?? "", /Pasted 15 cells \(2 new records\)\. 1 value not understood is kept and flagged in red\./);
  assert.ok(await stillMarked(page), "no reload");
  await shot(page, "grid-pasted");
  // One Undo takes the whole paste back.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => records(page), 3, "Undo removed the pasted records");
  assert.deepEqual(await column(page, "Name"), ["Ada Lovelace", "", "Cy"]);
  assert.deepEqual(await column(page, "Fee"), ["$12.50", "", ""], "and the cells as they were");
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await until(() => records(page), 5, "Redo brought the paste back");

  // 4. A paste too big for the grid says so and offers the importer; nothing is pasted.
  const big = Array.from({ length: 1300 }, (_, i) => `Name ${i}\t$${i}\t2026-01-01\tyes`).join("\n");
  await cell(page, "Name", 1).click();
  await paste(page, big, "");
  const refusal = page.locator(".notice[data-kind=error]", { hasText: "Nothing was pasted" });
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? "", /5,200 cells; the grid takes at most 5,000 at a time \(1,300 rows\)/);
  assert.equal(await refusal.getByRole("link", { name: "Import…" }).getAttribute("href"), `/t/${db}/tables/import`);
  assert.equal(await records(page), 5);
  await refusal.getByRole("button", { name: "Dismiss" }).click();

  // 5. A block selected with Shift+arrows, copied out as TSV.
  await cell(page, "Name", 3).click();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowRight");
  assert.equal(await page.locator("td.in-block").count(), 4);
  assert.equal(await copy(page), 'Cleo\tlots\n"Dee ""D"""\t£7.00');
  await shot(page, "grid-block");

  // 6. Tick records 2 to 4 (Shift+click makes the range) and delete them in one step; Undo.
  await page.getByLabel("Select record 2", { exact: true }).check();
  await page.getByLabel("Select record 4", { exact: true }).click({ modifiers: ["Shift"] });
  assert.ok(await page.getByLabel("Select record 3", { exact: true }).isChecked(), "Shift+click ticked the range");
  const bar = page.locator(".bulk-bar");
  await bar.waitFor();
  assert.ok(await bar.isVisible(), "a ticked box shows the bar (its count is a CSS counter: see the screenshot)");
  await shot(page, "grid-selected");
  await bar.getByRole("button", { name: "Delete selected" }).click();
  await until(() => records(page), 2, "three records deleted at once");
  assert.deepEqual(await column(page, "Name"), ["Ada Lovelace", "Eve"]);
  await page.locator(".notice", { hasText: "3 records deleted. Undo brings them back." }).waitFor();
  assert.ok(await bar.isHidden(), "the bar goes when nothing is ticked");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => column(page, "Name"), ["Ada Lovelace", "Ben", "Cleo", 'Dee "D"', "Eve"], "one Undo brought all three back");
  await page.context().close();
});
