// End-to-end: issue 11's remaining parts. A place name several places share is decided by its
// column or kept, flagged "ambiguous" and chosen from its candidates (grid and record form); a
// paste running past the page's last row goes over the next page's rows as a spreadsheet
// does; a user cell's type-ahead offers members by name with their email, and a first name
// or an email reads as the member. Runs under run.mjs; `node --test test/e2e/entry2.test.mjs`
// runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, invite, joinWith, newPage, newTable, paste, shot, signUp, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const cell = (page, field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });
const newCell = (page, field) => page.getByLabel(`${field} of a new record`, { exact: true });

async function typeRecord(page, field, text, n) {
  await newCell(page, field).fill(text);
  await newCell(page, field).press("Enter");
  await cell(page, field, n).waitFor();
}

test("an ambiguous place is decided by its column, or flagged and chosen from its candidates", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("places");
  const page = await newPage({ viewport: { width: 1280, height: 800 } });
  await signUp(page, db, "Pia Places", "pia@example.org");
  await connected(page);
  await newTable(page, "Volunteers");
  await addField(page, "Home", "Location");

  // Alone in its column, "Troy" could be Michigan, New York, Ohio…: kept, flagged, and a ▾.
  await typeRecord(page, "Name", "Ada", 1);
  await cell(page, "Home", 1).fill("Troy");
  await cell(page, "Home", 1).press("Enter");
  const flagged = page.locator("td.cell.ambiguous");
  await flagged.waitFor();
  assert.equal(await cell(page, "Home", 1).inputValue(), "Troy", "the text is kept");
  assert.match((await cell(page, "Home", 1).getAttribute("title")) ?? "", /^ambiguous: could be Troy, MI, United States; Troy, NY, United States/);
  await shot(page, "places-ambiguous-cell");
  await page.getByRole("link", { name: "Choose the place meant by Home of record 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Which “Troy”?" });
  await dialog.waitFor();
  await shot(page, "places-choose-dialog");
  await dialog.getByRole("link", { name: "Troy, NY, United States" }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => cell(page, "Home", 1).inputValue(), "Troy, NY, United States", "the chosen place is saved");
  assert.equal(await flagged.count(), 0);

  // Among New York places, a bare "Troy" is Troy, New York.
  await typeRecord(page, "Name", "Ben", 2);
  await cell(page, "Home", 2).fill("Albany, NY");
  await cell(page, "Home", 2).press("Enter");
  await typeRecord(page, "Name", "Cy", 3);
  await cell(page, "Home", 3).fill("Troy");
  await cell(page, "Home", 3).press("Enter");
  await until(() => cell(page, "Home", 3).inputValue(), "Troy, NY, United States", "decided by the column's state");

  // The record form offers the candidates too. (Not "Springfield": among New York places it is
  // Springfield, New York, a town of 1,300; no Kansas City lies in New York.)
  await typeRecord(page, "Name", "Dee", 4);
  await cell(page, "Home", 4).fill("Kansas City");
  await cell(page, "Home", 4).press("Enter");
  await page.locator("td.cell.ambiguous").waitFor();
  await page.getByRole("link", { name: "Open record 4" }).click();
  const form = page.getByRole("dialog", { name: "Dee" });
  await form.getByText("Several places are called “Kansas City”").waitFor();
  await shot(page, "places-record-form");
  await form.getByRole("button", { name: "Kansas City, MO, United States" }).click();
  await until(() => form.getByLabel("Home", { exact: true }).inputValue(), "Kansas City, MO, United States", "chosen in the record form");
  assert.equal(await form.getByText("Several places are called").count(), 0);
  await page.keyboard.press("Escape");
  await form.waitFor({ state: "detached" });
  await until(() => cell(page, "Home", 4).inputValue(), "Kansas City, MO, United States", "the grid shows the choice");
  await page.context().close();
});


test("a paste past the page's last row goes over the next page's rows, then adds records", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("pastepage");
  const page = await newPage({ viewport: { width: 1100, height: 800 } });
  await signUp(page, db, "Paz Paste", "paz@example.org");
  await connected(page);
  await newTable(page, "Rows");
  // 52 records: the first page shows 50.
  await newCell(page, "Name").click();
  await paste(page, Array.from({ length: 52 }, (_, i) => `Row ${i + 1}`).join("\n"));
  await page.getByRole("link", { name: "Next" }).waitFor();
  assert.match((await page.locator(".page-header p.muted").textContent()) ?? "", /^52 records/);

  // Three rows pasted at record 49: 49 and 50 here, then record 51 on the next page.
  await cell(page, "Name", 49).click();
  await paste(page, "New 49\nNew 50\nNew 51");
  await page.locator(".notice", { hasText: "Pasted 3 cells." }).waitFor();
  assert.equal(await cell(page, "Name", 50).inputValue(), "New 50");
  assert.match((await page.locator(".page-header p.muted").textContent()) ?? "", /^52 records/, "no record was added");
  await page.getByRole("link", { name: "Next" }).click();
  await until(() => cell(page, "Name", 51).inputValue(), "New 51", "record 51 was pasted over");
  assert.equal(await cell(page, "Name", 52).inputValue(), "Row 52");

  // Past the last record, a paste adds records.
  await cell(page, "Name", 52).click();
  await paste(page, "Last\nExtra 1\nExtra 2");
  await cell(page, "Name", 54).waitFor();
  assert.deepEqual(await Promise.all([52, 53, 54].map((n) => cell(page, "Name", n).inputValue())), ["Last", "Extra 1", "Extra 2"]);
  await shot(page, "paste-next-page");
  // One Undo takes the whole paste back.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => page.locator("table[data-grid] tbody tr[data-record]").count(), 2, "Undo removed the added records");
  await page.context().close();
});

test("a user cell offers members by name with their email; a first name or an email reads as the member", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("users");
  const page = await newPage({ viewport: { width: 1100, height: 760 } });
  await signUp(page, db, "Uma Owner", "uma@example.org");
  const link = await invite(page, db, "bea@example.org", "editor");
  const bea = await newPage();
  await joinWith(bea, link, db, "Bea Editor");
  await bea.context().close();
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await connected(page);
  await newTable(page, "Shifts");
  await addField(page, "Lead", "User");
  await typeRecord(page, "Name", "Monday", 1);
  await typeRecord(page, "Name", "Tuesday", 2);

  // The cell with the cursor is tied to the column's list: every member, with their email.
  const lead = cell(page, "Lead", 1);
  await lead.click();
  const listId = await lead.getAttribute("list");
  assert.ok(listId, "the focused cell offers type-ahead");
  const options = await page.locator(`datalist#${listId} option`).evaluateAll((os) => os.map((o) => [o.value, o.label]));
  assert.deepEqual(options.sort(), [["Bea Editor", "bea@example.org"], ["Uma Owner", "uma@example.org"]]);
  await page.keyboard.type("bea");
  await shot(page, "user-typeahead");
  await page.keyboard.press("Enter");
  await until(() => cell(page, "Lead", 1).inputValue(), "Bea Editor", "a first name reads as the member");
  await cell(page, "Lead", 2).fill("uma@example.org");
  await cell(page, "Lead", 2).press("Enter");
  await until(() => cell(page, "Lead", 2).inputValue(), "Uma Owner", "an email reads as the member");
  assert.equal(await page.locator("td.cell.invalid").count(), 0);
  await page.context().close();
});
