// End-to-end (issue 16): an owner downloads a backup of the sample orchestra database from
// the Members page, then someone creates a new database from that file on the front page and
// finds the same tables, records and members; a file that is not a backup is refused with
// the reason, keeping what was typed. Runs under run.mjs (one shared server);
// `node --test test/e2e/backups.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { newPage, PASSWORD, RESULTS, server, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";
import { E2E_OPERATOR_TOKEN } from "./server.mjs";

test("download a backup of the sample database, restore it into a new database, see the data", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const source = uniqueName("backup");
  const owner = await newPage({ acceptDownloads: true });
  await signUp(owner, source, "Olga Owner", "olga@example.org", { sample: true });
  await owner.getByRole("link", { name: "Members", exact: true }).click();
  await owner.getByRole("heading", { name: "Backup" }).waitFor();
  await owner.getByText("Trove's operators have not looked at this database.").waitFor();
  await shot(owner, "backup-members-card");
  const [download] = await Promise.all([owner.waitForEvent("download"), owner.getByRole("link", { name: "Download a backup" }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^${source}-\\d{4}-\\d{2}-\\d{2}\\.trove-backup\\.gz$`));
  // Kept beside the screenshots: the download goes with its browser context.
  const file = join(RESULTS, download.suggestedFilename());
  await download.saveAs(file);
  await owner.context().close();

  // Someone else creates a new database from the file.
  const target = uniqueName("restored");
  const page = await newPage();
  await page.goto(`${server.url}/`);
  await page.locator("#database").fill(target);
  await page.getByLabel("Your name", { exact: true }).fill("Rosa Restorer");
  await page.getByLabel("Email", { exact: true }).fill("rosa@example.org");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.locator("#backup").setInputFiles(file);
  await shot(page, "backup-signup-with-file");
  await page.getByRole("button", { name: "Create database" }).click();
  await page.getByRole("link", { name: `Continue to ${target}` }).click();
  await page.waitForURL(new RegExp(`/t/${target}/tables`));
  // The sample's tables, all of them.
  for (const table of ["Musicians", "Sections", "Concerts", "Donors"]) await page.getByRole("link", { name: table, exact: true }).first().waitFor();
  await shot(page, "backup-restored-tables");
  await page.getByRole("link", { name: "Musicians", exact: true }).first().click();
  await page.getByRole("heading", { name: "Musicians" }).waitFor();
  assert.ok((await page.locator("table[data-grid] tbody tr").count()) > 10, "the musicians came with it");
  await page.getByText(/not understood/).first().waitFor();
  await shot(page, "backup-restored-grid");
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByText(`This database was restored from a backup of ${source}`).waitFor();
  await page.getByText("olga@example.org").waitFor();
  await shot(page, "backup-restored-members");
  await page.context().close();
});

test("a file that is not a backup is refused with the reason, keeping what was typed", { timeout: TEST_TIMEOUT }, async () => {
  const target = uniqueName("notbackup");
  const page = await newPage();
  const csv = join(RESULTS, "not-a-backup.csv");
  await writeFile(csv, "Name,Email\nAnn,ann@example.org\n");
  await page.goto(`${server.url}/`);
  await page.locator("#database").fill(target);
  await page.getByLabel("Your name", { exact: true }).fill("Nina");
  await page.getByLabel("Email", { exact: true }).fill("nina@example.org");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.locator("#backup").setInputFiles(csv);
  await page.getByRole("button", { name: "Create database" }).click();
  await page.getByText("This file is not a Trove backup (it is not a compressed backup file). Choose the file again to retry.").waitFor();
  assert.equal(await page.locator("#database").inputValue(), target);
  assert.equal(await page.getByLabel("Email", { exact: true }).inputValue(), "nina@example.org");
  await shot(page, "backup-refused");
  // The name is still free: the same form without the file creates it.
  await signUp(page, target, "Nina", "nina@example.org");
  await page.context().close();
});

test("an operator finds a database and looks at it; its owner sees that they did", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("operated");
  const owner = await newPage();
  await signUp(owner, db, "Otto Owner", "otto@example.org", { sample: true });
  const operator = await newPage();
  await operator.goto(`${server.url}/operator/`);
  await operator.getByLabel("Operator token").fill("a wrong token, surely");
  await operator.getByRole("button", { name: "Sign in" }).click();
  await operator.getByText("That is not the operator token.").waitFor();
  await operator.getByLabel("Operator token").fill(E2E_OPERATOR_TOKEN);
  await operator.getByRole("button", { name: "Sign in" }).click();
  await operator.getByLabel("Name starts with").fill(db.slice(0, 14));
  await operator.getByRole("button", { name: "Find" }).click();
  await operator.waitForURL(/[?&]q=/);
  assert.equal(await operator.locator("table.data-table tbody tr").count(), 1, "only the database whose name starts so");
  await shot(operator, "operator-directory");
  await operator.getByRole("link", { name: db, exact: true }).click();
  await operator.getByRole("heading", { name: db }).waitFor();
  await operator.getByRole("cell", { name: "Musicians", exact: true }).waitFor();
  await shot(operator, "operator-database");
  await owner.getByRole("link", { name: "Members", exact: true }).click();
  await owner.getByText("operator view, read-only").waitFor();
  await shot(owner, "operator-access-shown-to-owner");
  await owner.context().close();
  await operator.context().close();
});
