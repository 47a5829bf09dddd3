// End-to-end: a person builds the orchestra's Musicians table by clicking and typing, with
// JavaScript on: fields of many types, values typed in the grid with the keyboard, a value
// not understood and fixed, a type change previewed, a record opened as a form, a second
// member seeing an edit live, and Undo bringing a deleted field back. Runs under run.mjs
// (one shared server, see harness.mjs); `node test/e2e/tables.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, invite, joinWith, mark, newPage, newTable, shot, signUp, stillMarked, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const FIELDS = [
  ["Name", "Text"],
  ["Instrument", "Single choice"],
  ["Email", "Email"],
  ["Joined", "Date"],
  ["Fee", "Money"],
  ["Address", "Location"],
  ["Active", "Checkbox"],
  ["Phone", "Phone"],
];

const cell = (page, field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });
const value = (page, field, n) => cell(page, field, n).inputValue();
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName ?? null);
const header = (page, field) => page.locator("th.field-head", { has: page.getByRole("link", { name: `Sort by ${field}`, exact: true }) });
const badge = (page, field) => header(page, field).locator(".invalid-count");
const badgeText = async (page, field) => ((await badge(page, field).count()) === 0 ? null : (await badge(page, field).textContent())?.trim());
const columns = (page) => page.locator("th.field-head .field-name").allTextContents();
const rows = (page) => page.locator("table[data-grid] tbody tr").count();

/** Types into the focused cell, then presses `key` to leave it. */
async function typeAndLeave(page, text, key) {
  await page.keyboard.type(text);
  await page.keyboard.press(key);
}

test("a person builds the Musicians table by clicking and typing", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("musicians");
  const page = await newPage();
  await signUp(page, db, "Maria Manager", "maria@example.org");
  assert.equal(await page.locator(".table-name").count(), 0, "a fresh database has no tables");
  const link = await invite(page, db, "otto@example.org", "editor");
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await connected(page);

  // 1. The table.
  await newTable(page, "Musicians");

  // 2. Fields of many types, each added at the end with "+ Field" (a new table has its Name).
  for (const [name, type] of FIELDS.slice(1)) {
    await addField(page, name, type, type === "Single choice" ? ["Harp"] : []);
    await header(page, name).waitFor();
  }
  assert.deepEqual(await columns(page), FIELDS.map(([name]) => name));
  assert.deepEqual(await page.locator("th.field-head .type-tag").allTextContents(), FIELDS.map(([, type]) => type));

  // 3. Three records, values typed with the keyboard.
  for (let n = 1; n <= 3; n++) {
    await page.getByRole("button", { name: "Add record" }).click();
    await cell(page, "Name", n).waitFor();
  }
  assert.match((await page.locator(".page-header .muted").textContent()) ?? "", /^3 records$/);

  // Record 1 with Tab from cell to cell; Enter at the end moves down.
  await cell(page, "Name", 1).click();
  for (const [text, key] of [
    ["Ada Lovelace", "Tab"],
    ["Cello", "Tab"],
    ["ada@example.org", "Tab"],
    ["March 3, 2026", "Tab"],
    ["$1,200.50", "Tab"],
    ["Albany, NY", "Tab"],
    [" ", "Tab"], // Active is a checkbox: Space ticks it
    ["+1 518 555 0100", "Enter"],
  ]) {
    await typeAndLeave(page, text, key);
  }
  assert.equal(await focused(page), "Phone of record 2", "Enter moved down");
  // Each save comes back as the server's render: the formatted value.
  await until(() => value(page, "Joined", 1), "Mar 3, 2026", "the date was understood and formatted");
  await until(() => value(page, "Phone", 1), "+1 518-555-0100", "the last cell was saved on leaving it (and grouped)");
  const address = await value(page, "Address", 1);
  assert.match(address, /^Albany, NY/, "the location was understood");
  assert.equal(await value(page, "Fee", 1), "$1,200.50");
  await until(() => cell(page, "Active", 1).isChecked(), true, "the checkbox was ticked and saved");

  // Record 2 with ArrowRight, which moves only from the end of the text.
  await cell(page, "Name", 2).click();
  await page.keyboard.type("Ben Britten");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(page), "Name of record 2", "ArrowLeft inside the text moves the caret, not the cell");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowRight");
  assert.equal(await focused(page), "Instrument of record 2", "ArrowRight at the end of the text moved right");
  for (const [text, key] of [
    ["cello", "ArrowRight"],
    ["ben@example.org", "ArrowRight"],
    ["2026-01-15", "ArrowRight"],
    ["ask Maria", "ArrowRight"], // not understood as money: kept as typed, flagged
    ["Boston, MA", "ArrowRight"],
    ["", "Enter"], // Active stays unticked
  ]) {
    await typeAndLeave(page, text, key);
  }
  assert.equal(await focused(page), "Active of record 3", "Enter moved down");

  // Record 3: Shift+Tab and ArrowLeft (from the start of an empty cell) move left.
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(page), "Address of record 3");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(page), "Instrument of record 3");
  await typeAndLeave(page, "Viola", "ArrowLeft"); // the caret is at the end: it stays
  assert.equal(await focused(page), "Instrument of record 3");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(page), "Name of record 3", "ArrowLeft at the start moved left");
  await typeAndLeave(page, "Clara Schumann", "ArrowUp");
  assert.equal(await focused(page), "Name of record 2", "ArrowUp moved up");
  await until(() => value(page, "Name", 3), "Clara Schumann", "record 3's name was saved");

  // Escape puts back what the cell held; leaving then saves nothing.
  await cell(page, "Email", 1).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("oops");
  await page.keyboard.press("Escape");
  assert.equal(await value(page, "Email", 1), "ada@example.org", "Escape restored the value");
  await page.keyboard.press("Tab");

  await until(() => badgeText(page, "Fee"), "1 not understood", "the header counts the value not understood");
  await until(() => badgeText(page, "Instrument"), "3 not understood", "a choice field understands only its options");
  assert.equal(await value(page, "Joined", 2), "Jan 15, 2026");
  assert.equal(await value(page, "Email", 1), "ada@example.org", "the aborted edit was not saved");
  await shot(page, "musicians-grid-values");

  // 4. The value not understood is highlighted; one click shows just those records.
  const feeCell = page.locator("td.cell.invalid", { has: cell(page, "Fee", 2) });
  assert.equal(await feeCell.count(), 1, "the Fee cell of record 2 is highlighted");
  assert.equal(await value(page, "Fee", 2), "ask Maria", "kept as typed");
  assert.equal(await cell(page, "Fee", 2).getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("td.cell.invalid").count(), 4, "Fee of record 2 and the three instruments");
  await shot(page, "musicians-invalid-highlighted");
  await badge(page, "Fee").click();
  await page.getByText("whose “Fee” was not understood").waitFor();
  assert.equal(await rows(page), 1);
  assert.equal(await value(page, "Name", 1), "Ben Britten", "the row shows the filtered record's values");
  await cell(page, "Fee", 1).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("$950");
  // Straight to the link, as people do: leaving the cell saves it, then the click follows.
  await page.getByRole("link", { name: "Show all records" }).click();
  await until(() => value(page, "Fee", 2), "$950.00", "the fixed fee, formatted");
  await until(() => rows(page), 3, "the click after the save was not lost");
  assert.equal(await badgeText(page, "Fee"), null, "the badge is gone");

  // The instruments become options from the filtered view's banner.
  await badge(page, "Instrument").click();
  await page.getByText("whose “Instrument” was not understood").waitFor();
  await page.getByRole("button", { name: "Add “Cello” as an option", exact: true }).click();
  await page.getByText("“Cello” is now an option.").waitFor();
  assert.equal(await rows(page), 1, "“cello” matched the new option too");
  await page.getByRole("button", { name: "Add “Viola” as an option", exact: true }).click();
  await until(() => rows(page), 0, "every instrument is understood");
  await page.getByRole("link", { name: "Show all records" }).click();
  await until(() => Promise.all([1, 2, 3].map((n) => value(page, "Instrument", n))), ["Cello", "Cello", "Viola"], "the instruments as options");
  assert.equal(await page.locator("td.cell.invalid").count(), 0);
  assert.equal(await page.locator(".invalid-count").count(), 0);

  // 5. Changing the type of Name: a preview first, and Cancel changes nothing.
  await page.getByRole("link", { name: "Field menu for Name" }).click();
  await page.getByRole("link", { name: "Change type" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  // It opens on the field's own type; picking another previews at once.
  await dialog.getByText("This is the field's type now").waitFor();
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Email" });
  await dialog.getByText("0 values will be understood as email; 3 will be kept as text and flagged").waitFor();
  assert.equal(await dialog.locator(".chip").count(), 0);
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Single choice" });
  await dialog.getByText("3 values will be understood as single choice").waitFor();
  assert.deepEqual(await dialog.locator(".chip").allTextContents(), ["Ada Lovelace", "Ben Britten", "Clara Schumann"]);
  await shot(page, "musicians-type-change-preview");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.equal(await header(page, "Name").locator(".type-tag").textContent(), "Text", "Cancel changed nothing");

  // 6. A record as a form with every field.
  await page.getByRole("link", { name: "Open record 1" }).click();
  await dialog.waitFor();
  for (const [name] of FIELDS) assert.ok(await dialog.getByLabel(name, { exact: true }).isVisible(), `the record shows ${name}`);
  assert.equal(await dialog.getByLabel("Email", { exact: true }).inputValue(), "ada@example.org");
  await shot(page, "musicians-record-dialog");
  await dialog.getByLabel("Phone", { exact: true }).fill("+1 518 555 0199");
  await dialog.getByRole("button", { name: "Save and close" }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => value(page, "Phone", 1), "+1 518-555-0199", "the record form's edit is in the grid");

  // 7. Another member has the grid open and sees an edit live, without reloading.
  const other = await newPage();
  await joinWith(other, link, db, "Otto Other");
  await tableNamed(other, "Musicians").click();
  await cell(other, "Name", 1).waitFor();
  await connected(other);
  await mark(other);
  await cell(page, "Address", 2).click();
  await page.keyboard.press("Control+A");
  await typeAndLeave(page, "Troy, NY", "Tab");
  await until(async () => (await value(page, "Address", 2)).startsWith("Troy, NY,"), true, "the edit was saved and formatted");
  const troy = await value(page, "Address", 2);
  await until(() => value(other, "Address", 2), troy, "the other member's grid updated live", 5000);
  assert.ok(await stillMarked(other), "the other page was not reloaded");
  await shot(other, "musicians-live-update");
  await other.context().close();

  // 8. Deleting a field, then Undo: the field comes back with its values.
  await page.getByRole("link", { name: "Field menu for Phone" }).click();
  await page.getByRole("link", { name: "Delete field" }).click();
  await dialog.getByRole("button", { name: "Delete field" }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => columns(page), FIELDS.map(([name]) => name).filter((n) => n !== "Phone"), "the field was deleted");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => columns(page), FIELDS.map(([name]) => name), "Undo brought the field back");
  assert.equal(await value(page, "Phone", 1), "+1 518-555-0199", "with its values");
  await shot(page, "musicians-after-undo");

  // 9. A text field turned into a link to a new table, near-duplicates merged.
  await addField(page, "Section");
  await header(page, "Section").waitFor();
  for (const [n, text] of [[1, "Strings"], [2, "strings "], [3, "Brass"]]) {
    await cell(page, "Section", n).click();
    await typeAndLeave(page, text, "Enter");
    await until(async () => (await value(page, "Section", n)).trim(), text.trim(), `section ${n} saved`);
  }
  await page.getByRole("link", { name: "Field menu for Section" }).click();
  await page.getByRole("link", { name: "Change type" }).click();
  await dialog.waitFor();
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Link to records" });
  await dialog.getByText("2 records will be created in “Sections”").waitFor();
  await dialog.getByText("“Strings” + “strings” → Strings").waitFor();
  await shot(page, "musicians-link-preview");
  await dialog.getByRole("button", { name: "Change type" }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => Promise.all([1, 2, 3].map((n) => value(page, "Section", n))), ["Strings", "Strings", "Brass"], "the cells link to the new records");
  await page.getByRole("link", { name: "← Tables" }).click();
  await tableNamed(page, "Sections").click();
  await page.getByRole("heading", { name: "Sections" }).waitFor();
  await until(() => page.locator("td.backlink").allTextContents(), ["Ada Lovelace, Ben Britten", "Clara Schumann"], "Sections shows who links to each");
  await shot(page, "sections-backlinks");
  await page.context().close();
});
