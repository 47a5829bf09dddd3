// End-to-end: the lines of a record's history that come from steps changing many records at
// once (issue 16) — a paste and a bulk delete, each shown as this record's part of the step,
// and an import's first line naming the file — and restoring the value a paste replaced in
// one click. Runs under run.mjs (one shared server); `node --test test/e2e/history-lines.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, paste, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const VIEWPORT = { viewport: { width: 1280, height: 900 } };


test("record history: a paste and a bulk delete show as the record's part of each step; Restore puts the pasted-over value back", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("hist-lines");
  const page = await newPage(VIEWPORT);
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await tableNamed(page, "Musicians").click();
  const email = (n) => page.getByLabel(`Email of record ${n}`, { exact: true });
  const before = await email(2).inputValue();
  assert.notEqual(before, "", "the sample gives record 2 an email");

  // A paste over two records' emails: one step.
  await email(1).click();
  await paste(page, "first@paste.example\nsecond@paste.example");
  await page.locator(".notice", { hasText: "Pasted 2 cells." }).waitFor();
  assert.equal(await email(2).inputValue(), "second@paste.example");

  // A bulk delete of records 2 and 3, then Undo: both back in one step.
  const name = (n) => page.getByLabel(`Name of record ${n}`, { exact: true }).inputValue();
  const second = await name(2);
  await page.getByLabel("Select record 2", { exact: true }).check();
  await page.getByLabel("Select record 3", { exact: true }).check();
  await page.locator(".bulk-bar").getByRole("button", { name: "Delete selected" }).click();
  await page.locator(".notice", { hasText: "2 records deleted." }).waitFor();
  assert.notEqual(await name(2), second, "record 2 went");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => name(2), second, "one Undo brought both back", 20_000);

  await page.getByRole("link", { name: "Open record 2", exact: true }).click();
  const dialog = page.getByRole("dialog");
  const lines = dialog.locator(".record-history .change");
  await lines.first().getByText("by Undo").waitFor();
  const texts = (await lines.allTextContents()).map((t) => t.replace(/\s+/g, " "));
  assert.match(texts[0], /Ada Owner restored the record .* in Musicians/);
  assert.match(texts[1], /Ada Owner deleted the record .* from Musicians/);
  assert.match(texts[1], /as part of “delete 2 records from “Musicians””/);
  assert.match(texts[2], /Ada Owner changed Email of .* to second@paste\.example/);
  assert.match(texts[2], /as part of “paste 2 cells/);
  assert.ok(!texts.some((t) => t.includes("first@paste.example")), "record 1's part of the paste is not in record 2's history");
  await dialog.locator(".record-history").scrollIntoViewIfNeeded();
  await shot(page, "history-lines-paste-bulk");

  // One click on the paste's line puts back what the paste replaced, for this record only.
  await lines.nth(2).getByRole("button", { name: /^Restore/ }).click();
  await page.locator("#trove-notices").getByText(`Restored Email: “${before}”.`).waitFor();
  assert.equal(await dialog.getByLabel("Email", { exact: true }).inputValue(), before);
  await lines.first().getByText("from the record's history").waitFor();
  await dialog.getByRole("button", { name: "Close" }).first().click();
  await until(() => email(1).inputValue(), "first@paste.example", "record 1 keeps its pasted value", 20_000);
  await until(() => email(2).inputValue(), before, "the grid shows the restored value", 20_000);
  await page.context().close();
});

test("record history: a record that came with an import starts with the import and its file", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("hist-import");
  const page = await newPage(VIEWPORT);
  await signUp(page, db, "Ivy Importer", "ivy@example.org");
  await connected(page);
  await page.getByRole("link", { name: "Import…", exact: true }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables/import`));
  await page.locator("#import-file").setInputFiles({ name: "players.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Town\nZoe,Paris\nAnn,Rome\n") });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByLabel("Table name", { exact: true }).fill("Players");
  await page.getByRole("button", { name: "Import 2 records", exact: true }).click();
  await page.getByRole("link", { name: "Open “Players”", exact: true }).click();
  await page.getByRole("heading", { name: "Players" }).waitFor();
  await page.getByRole("link", { name: "Open record 2", exact: true }).click();
  const dialog = page.getByRole("dialog");
  const line = dialog.locator(".record-history .change").last();
  await line.getByText("imported this record").waitFor();
  assert.match((await line.textContent()).replace(/\s+/g, " "), /Ivy Importer imported this record from the file “players\.csv” with the table “Players”/);
  await dialog.locator(".record-history").scrollIntoViewIfNeeded();
  await shot(page, "history-lines-import");
  await page.context().close();
});
