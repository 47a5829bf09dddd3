// End-to-end: the grid as fast as a spreadsheet (issue 11, "Grid"). A person types records in
// the blank new-record row with Tab and Enter, pastes a block copied from a spreadsheet (its
// clipboard: TSV and an HTML table) as one undoable step, copies a block out as TSV, and
// deletes several ticked records at once, then undoes it. Runs under run.mjs (one shared
// server, see harness.mjs); `node --test test/e2e/grid.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, mark, newPage, newSharedView, newTable, openTableNamed, shot, signUp, stillMarked, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

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
  await newTable(page, "Volunteers");
  // A new table starts with its Name field.
  for (const [name, type] of [["Fee", "Money"], ["Joined", "Date"], ["Active", "Checkbox"]]) await addField(page, name, type);
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
  assert.match(await refusal.getByRole("link", { name: "Import…" }).getAttribute("href"), new RegExp(`^/t/${db}/tables/[\\w-]+/import$`));
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

const headers = (page) => page.locator("table[data-grid] th.field-head .field-name").allTextContents();
const headerOf = (page, field) => page.locator("table[data-grid] th.field-head", { has: page.getByRole("link", { name: `Sort by ${field}`, exact: true }) });
const widthOf = async (page, field) => Math.round((await headerOf(page, field).boundingBox()).width);

/** Drags with the mouse from the middle of `locator` to a point `dx` pixels right of it. */
async function drag(page, locator, dx) {
  const box = await locator.boundingBox();
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(start.x + (dx * step) / 8, start.y);
  await page.mouse.up();
}

/** Drags a column's header onto the left (or right) quarter of another's. */
async function dragOnto(page, field, onto, side) {
  const from = await headerOf(page, field).locator(".field-name").boundingBox();
  const to = await headerOf(page, onto).boundingBox();
  const x = to.x + to.width * (side === "left" ? 0.25 : 0.75);
  await drag(page, headerOf(page, field).locator(".field-name"), x - (from.x + from.width / 2));
}

test("columns resized and reordered by dragging stay so after a reload, per table and per view", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("columns");
  const page = await newPage({ viewport: { width: 1280, height: 860 } });
  await signUp(page, db, "Cole Columns", "cole@example.org");
  await connected(page);
  await newTable(page, "Donors");
  for (const [name, type] of [["Gift", "Money"], ["City", "Location"]]) await addField(page, name, type);
  await newCell(page, "Name").fill("Ada");
  await newCell(page, "Name").press("Enter");
  await cell(page, "Name", 1).waitFor();

  // Wider: drag the handle on Gift's right edge.
  const before = await widthOf(page, "Gift");
  await headerOf(page, "Gift").hover();
  await drag(page, headerOf(page, "Gift").locator(".col-resize"), 120);
  await until(async () => (await headerOf(page, "Gift").getAttribute("width")) !== null, true, "the width was saved");
  const wider = await widthOf(page, "Gift");
  assert.ok(wider >= before + 100, `wider: ${before} → ${wider}`);
  // Reorder: City dragged onto the left half of Gift comes before it. A drag is not a sort.
  await dragOnto(page, "City", "Gift", "left");
  await until(() => headers(page), ["Name", "City", "Gift"], "City moved before Gift");
  assert.equal(new URL(page.url()).searchParams.has("cb"), false);
  assert.equal(await page.locator("th.field-head .field-name", { hasText: "↑" }).count(), 0, "the drag did not sort");
  await shot(page, "grid-columns");
  await page.reload();
  await page.getByRole("heading", { name: "Donors" }).waitFor();
  assert.deepEqual(await headers(page), ["Name", "City", "Gift"], "the order is kept per table");
  assert.ok(Math.abs((await widthOf(page, "Gift")) - wider) <= 2, "the width is kept per table");
  // One Undo puts the order back.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => headers(page), ["Name", "Gift", "City"], "Undo moved City back");

  // A saved view keeps its own order and widths; the table's stay as they were.
  await newSharedView(page, "Narrow");
  await connected(page);
  await headerOf(page, "Name").hover();
  await drag(page, headerOf(page, "Name").locator(".col-resize"), 90);
  await until(async () => (await headerOf(page, "Name").getAttribute("width")) !== null, true, "the view's width was saved");
  const nameWidth = await widthOf(page, "Name");
  await dragOnto(page, "Gift", "City", "right");
  await until(() => headers(page), ["Name", "City", "Gift"], "Gift moved to the end in the view");
  await page.reload();
  await page.getByRole("heading", { name: "Donors" }).waitFor();
  assert.deepEqual(await headers(page), ["Name", "City", "Gift"], "the view keeps its order");
  assert.ok(Math.abs((await widthOf(page, "Name")) - nameWidth) <= 2, "the view keeps its width");
  await page.getByRole("link", { name: "All records", exact: true }).click();
  await until(() => headers(page), ["Name", "Gift", "City"], "the table's own order is untouched");
  assert.equal(await headerOf(page, "Name").getAttribute("width"), null, "the table's Name width is untouched");
  await page.context().close();
});

const headerBadge = (page, field) => headerOf(page, field).locator(".invalid-count");
const focusedValue = (page) => page.evaluate(() => (document.activeElement instanceof HTMLInputElement ? document.activeElement.value : null));
/** What a cell suggests while it has the cursor (its datalist). */
const suggestionsFor = (page, label) =>
  page.getByLabel(label, { exact: true }).evaluate((input) => {
    if (document.activeElement !== input) input.focus();
    return [...(input.list?.options ?? [])].map((o) => o.value);
  });

test("chips and type-ahead in choice, multiple choice and link cells; fixing values not understood one after another", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("chips");
  const page = await newPage({ viewport: { width: 1280, height: 860 } });
  await signUp(page, db, "Chip Owner", "chip@example.org", { sample: true });
  await connected(page);
  await openTableNamed(page, "Musicians");

  // Single choice: chips in the option's colour; the column suggests its options.
  const instrument = cell(page, "Instrument", 1);
  const chip = instrument.locator("xpath=..").locator(".cell-chips .chip");
  await chip.waitFor();
  assert.equal(await chip.textContent(), await instrument.inputValue());
  assert.match((await chip.getAttribute("class")) ?? "", /^chip chip-[a-z]+$/);
  const options = await suggestionsFor(page, "Instrument of record 1");
  assert.ok(options.includes("Viola") && options.includes("Cello"), `options suggested: ${options.join(", ")}`);
  // A link suggests the linked table's records by name.
  const sections = await suggestionsFor(page, "Section of record 1");
  assert.ok(sections.length > 1 && sections.includes(await cell(page, "Section", 1).inputValue()), `sections suggested: ${sections.join(", ")}`);
  await instrument.fill("viola");
  await instrument.press("Enter");
  await until(() => chip.textContent(), "Viola", "the typed option is understood and shown as a chip");
  await shot(page, "grid-chips");

  // A link cell opens a picker: search the linked table, choose, save.
  await page.getByRole("link", { name: "Pick Section of record 2", exact: true }).click();
  const picker = page.getByRole("dialog");
  await picker.getByLabel("Search Sections", { exact: true }).fill("brass");
  await picker.getByRole("button", { name: "Search", exact: true }).click();
  await picker.getByRole("link", { name: "Brass", exact: true }).click();
  await picker.locator(".picker-chosen .chip", { hasText: "Brass" }).waitFor();
  await shot(page, "grid-link-picker");
  await picker.getByRole("button", { name: "Save choice", exact: true }).click();
  await picker.waitFor({ state: "detached" });
  await until(() => cell(page, "Section", 2).inputValue(), "Brass", "the picked record is linked");
  // Escape closes it without a change.
  await page.getByRole("link", { name: "Pick Section of record 2", exact: true }).click();
  await page.getByRole("dialog").waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  assert.equal(await cell(page, "Section", 2).inputValue(), "Brass");
  // Sorted by Section, the grid orders by the linked records' names, as views do (issue 12);
  // two more clicks (descending, then none) put it back in creation order.
  const sortSection = page.getByRole("link", { name: "Sort by Section", exact: true });
  const shownSections = () => page.locator("input[aria-label^='Section of record']").evaluateAll((inputs) => inputs.map((i) => i.value));
  await sortSection.click();
  await until(() => sortSection.textContent(), "Section ↑", "sorted by Section");
  const byName = await shownSections();
  assert.equal(byName[0], "Brass", `first section: ${byName[0]}`);
  assert.ok(byName.filter((s) => s !== "").every((s, i, named) => i === 0 || named[i - 1].toLowerCase() <= s.toLowerCase()), `sections in their names' order: ${byName.join(", ")}`);
  await sortSection.click();
  await until(() => sortSection.textContent(), "Section ↓", "sorted by Section, descending");
  await sortSection.click();
  await until(() => sortSection.textContent(), "Section", "back in creation order");
  await until(() => cell(page, "Section", 2).inputValue(), "Brass", "record 2 is second again");

  // Multiple choice: values matching no option are kept, flagged, and offered as options.
  await addField(page, "Tags", "Multiple choice", ["Lead"]);
  await cell(page, "Tags", 1).fill("Soloist, Tour");
  await cell(page, "Tags", 1).press("Enter");
  await cell(page, "Tags", 2).fill("tour");
  await cell(page, "Tags", 2).press("Enter");
  await headerBadge(page, "Tags").click();
  await page.getByRole("button", { name: "Add “Tour” as an option" }).click();
  await page.getByRole("button", { name: "Add “Soloist” as an option" }).click();
  await page.getByRole("link", { name: "Show all records" }).click();
  const tags = cell(page, "Tags", 1).locator("xpath=..").locator(".cell-chips .chip");
  await until(() => tags.allTextContents(), ["Soloist", "Tour"], "both parts are options now, shown as chips");
  // Type-ahead completes the part after the last comma.
  await cell(page, "Tags", 3).click();
  await page.keyboard.type("Tour, So");
  assert.ok((await suggestionsFor(page, "Tags of record 3")).includes("Tour, Soloist"), "the list so far, then the option");

  // Fixing values not understood inside the filter goes to the next one, and says when done.
  await page.keyboard.press("Escape");
  for (const [n, text] of [[4, "lots"], [5, "many"], [6, "few"]]) {
    await cell(page, "Fee", n).fill(text);
    await cell(page, "Fee", n).press("Enter");
    await until(() => cell(page, "Fee", n).getAttribute("aria-invalid"), "true", `${text} is flagged`);
  }
  await headerBadge(page, "Fee").click();
  await page.getByText("whose “Fee” was not understood").waitFor();
  const flagged = await page.locator("input[aria-invalid=true][aria-label^='Fee of record']").evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(flagged.length >= 3, `flagged: ${flagged.join(", ")}`);
  await page.locator("input[aria-invalid=true][aria-label^='Fee of record']").first().click();
  for (let i = 0; i < flagged.length; i++) {
    assert.equal(await focusedValue(page), flagged[i], `the cursor is on the next value not understood (${i + 1})`);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(`$${i + 1}`);
    await page.keyboard.press("Enter");
    if (i < flagged.length - 1) await until(() => page.locator("input[aria-invalid=true][aria-label^='Fee of record']").count(), flagged.length - i - 1, "the fixed one left the filter");
  }
  await page.locator(".notice", { hasText: "That was the last “Fee” value not understood" }).waitFor();
  await shot(page, "grid-last-fixed");
  await page.context().close();
});

/** Every element at the row's middle from the grid's left edge to the frozen column's right
 *  edge: only the record column and the frozen first field may show there (no sliver of a
 *  scrolled column between or under them). Returns what else was seen. */
const underFrozen = (page, rowSelector) =>
  page.evaluate((selector) => {
    const scroll = document.querySelector(".grid-scroll");
    const row = document.querySelector(selector);
    const [head, frozen] = [row.children[0], row.children[1]];
    const y = (row.getBoundingClientRect().top + row.getBoundingClientRect().bottom) / 2;
    const seen = [];
    for (let x = Math.ceil(scroll.getBoundingClientRect().left + 1); x < frozen.getBoundingClientRect().right - 1; x++) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(head.contains(hit) || frozen.contains(hit))) seen.push(`${x}: ${hit?.closest("th, td")?.getAttribute("aria-label") ?? hit?.closest("th, td")?.textContent?.trim().slice(0, 20) ?? hit?.tagName}`);
    }
    return { seen, gap: frozen.getBoundingClientRect().left - head.getBoundingClientRect().right };
  }, rowSelector);

test("the grid as drawn: a normal-size checkbox, a frozen first column with no sliver beside it; the database's formats read and show dates and numbers", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("grid-drawn");
  const page = await newPage({ viewport: { width: 1100, height: 800 } });
  await signUp(page, db, "Dora Drawn", "dora@example.org");
  await connected(page);
  await newTable(page, "Shifts");
  for (const [name, type] of [["Done", "Checkbox"], ["Day", "Date"], ["Hours", "Number"], ["Notes", "Text"], ["Where", "Text"], ["Contact", "Text"]]) await addField(page, name, type);
  await newCell(page, "Name").click();
  await page.keyboard.type("Morning shift with a long name");
  await page.keyboard.press("Tab");
  await cell(page, "Name", 1).waitFor();

  // With JavaScript a cell saves as it is left: no "Save changes" button, no hint.
  const save = page.locator("button", { hasText: "Save changes" });
  assert.equal(await save.count(), 1, "in the page for a browser without JavaScript");
  assert.ok(await save.isHidden(), "hidden with JavaScript");
  assert.ok(await page.getByText("Type in the cells, then save").isHidden(), "its hint too");

  // The checkbox cell: a normal checkbox (16 px as drawn), centred in its cell.
  const box = await page.getByLabel("Done of record 1", { exact: true }).boundingBox();
  const done = await page.locator("td.cell[data-type=checkbox]").first().boundingBox();
  assert.ok(box.width >= 13 && box.width <= 20 && box.height >= 13 && box.height <= 20, `a normal-size checkbox, not ${box.width}×${box.height}`);
  assert.ok(Math.abs(box.x + box.width / 2 - (done.x + done.width / 2)) <= 2, "centred in its cell");
  await page.getByLabel("Done of record 1", { exact: true }).check();
  await until(() => column(page, "Done"), ["true"], "ticked and saved");

  // Scrolled right, the record column and the first field stay put, side by side, and no
  // other column shows between, under or beside them.
  const scrolled = await page.evaluate(() => {
    const scroll = document.querySelector(".grid-scroll");
    scroll.scrollLeft = 10_000;
    return { left: scroll.scrollLeft, room: scroll.scrollWidth - scroll.clientWidth };
  });
  assert.ok(scrolled.room > 100 && scrolled.left > 100, `the grid scrolls sideways (${JSON.stringify(scrolled)})`);
  for (const row of ["table[data-grid] tbody tr[data-record]", "table[data-grid] thead tr"]) {
    const { seen, gap } = await underFrozen(page, row);
    assert.ok(Math.abs(gap) < 0.5, `${row}: the first field sits against the record column (gap ${gap})`);
    assert.deepEqual(seen, [], `${row}: nothing of another column shows beside the frozen ones`);
  }
  await shot(page, "grid-frozen-scrolled");
  await page.evaluate(() => { document.querySelector(".grid-scroll").scrollLeft = 0; });

  // The database's formats (Members page): month first and a decimal point by default.
  await cell(page, "Day", 1).fill("3/4/2026");
  await cell(page, "Hours", 1).fill("1,234.5");
  await cell(page, "Hours", 1).press("Enter");
  await until(() => column(page, "Day"), ["Mar 4, 2026"], "month first by default");
  await until(() => column(page, "Hours"), ["1,234.5"], "a decimal point by default");
  const table = page.url();
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByLabel("Dates like 3/4/2026 are", { exact: true }).selectOption("dmy");
  await page.getByLabel("Numbers are written", { exact: true }).selectOption(",");
  await page.getByRole("button", { name: "Save formats" }).click();
  await page.locator(".notice", { hasText: "Formats saved." }).waitFor();
  await shot(page, "settings-formats");
  await page.goto(table);
  await connected(page);
  // The number already stored is shown with the decimal comma; typed text is read day first
  // and with the comma.
  await until(() => column(page, "Hours"), ["1.234,5"], "a stored number shown with the database's decimal comma");
  await cell(page, "Day", 1).fill("3/4/2026");
  await cell(page, "Hours", 1).fill("2.500,75");
  await cell(page, "Hours", 1).press("Enter");
  await until(() => column(page, "Day"), ["Apr 3, 2026"], "3/4/2026 read day first");
  await until(() => column(page, "Hours"), ["2.500,75"], "2.500,75 read with the decimal comma");
  assert.equal(await page.locator("td.cell.invalid").count(), 0, "both understood");
  await shot(page, "grid-day-first");
  await page.context().close();
});
