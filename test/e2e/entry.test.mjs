// End-to-end (issue 11): setting up choice and link fields in the "+ Field" dialog, the
// record form's controls, a public form's multiple choice answered with JavaScript on and
// off, and the time zone found by a city. Runs under run.mjs (one shared server).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newTable, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const cell = (page, field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });

/** Types into a grid cell and leaves it, then waits until the grid shows `shown`. */
async function typeCell(page, field, n, text, shown = text) {
  await cell(page, field, n).click();
  await cell(page, field, n).fill(text);
  await cell(page, field, n).press("Tab");
  await until(() => cell(page, field, n).inputValue(), shown, `${field} of record ${n} saved`);
}

test("issue 11: fields set up in one dialog, the record form's controls, public multiple choice, time zone search", { timeout: TEST_TIMEOUT * 5 }, async () => {
  const db = uniqueName("entry");
  const page = await newPage();
  await signUp(page, db, "Cora Coordinator", "cora@example.org");
  await connected(page);

  // Shifts: a table to link to (it starts with a Name field).
  await newTable(page, "Shifts");
  for (const [n, name] of [[1, "Morning"], [2, "Evening"]]) {
    await page.getByRole("button", { name: "Add record" }).click();
    await cell(page, "Name", n).waitFor();
    await typeCell(page, "Name", n, name);
  }
  await page.getByRole("link", { name: "← Tables" }).click();

  // A new table opens on its grid, with a Name field.
  await page.getByLabel("New table", { exact: true }).fill("Volunteers");
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByRole("heading", { name: "Volunteers", level: 1 }).waitFor();
  assert.deepEqual(await page.locator("th.field-head .field-name").allTextContents(), ["Name"]);

  // Multiple choice: the dialog asks for options and colours as soon as the type is picked.
  await page.getByRole("link", { name: "Add field", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Field name", { exact: true }).fill("Skills");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Multiple choice" });
  await dialog.getByLabel("Option 1", { exact: true }).fill("First aid");
  await dialog.getByLabel("Option 2", { exact: true }).fill("Driving");
  await dialog.getByLabel("Option 3", { exact: true }).fill("Cooking");
  await dialog.getByLabel("Colour of option 2", { exact: true }).selectOption("purple");
  assert.equal(await dialog.getByLabel("Field name", { exact: true }).inputValue(), "Skills", "picking the type kept the name typed");
  await shot(page, "entry-field-setup-choice");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });

  await page.getByRole("link", { name: "Add field", exact: true }).click();
  await dialog.getByLabel("Field name", { exact: true }).fill("Shirt");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Single choice" });
  await dialog.getByLabel("Option 1", { exact: true }).fill("Small");
  await dialog.getByLabel("Option 2", { exact: true }).fill("Large");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });

  // Link: the table to link to, chosen before the field exists.
  await page.getByRole("link", { name: "Add field", exact: true }).click();
  await dialog.getByLabel("Field name", { exact: true }).fill("Shift");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Link to records" });
  await dialog.getByLabel("Table", { exact: true }).selectOption({ label: "Shifts" });
  await shot(page, "entry-field-setup-link");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });

  await page.getByRole("link", { name: "Add field", exact: true }).click();
  await dialog.getByLabel("Field name", { exact: true }).fill("Lead");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "User" });
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual(await page.locator("th.field-head .field-name").allTextContents(), ["Name", "Skills", "Shirt", "Shift", "Lead"]);

  // The record form: a control per type, the record's name as its title.
  await page.getByRole("button", { name: "Add record" }).click();
  await cell(page, "Name", 1).waitFor();
  await typeCell(page, "Name", 1, "Ann");
  await page.getByRole("link", { name: "Open record 1" }).click();
  await dialog.getByRole("heading", { name: "Ann" }).waitFor();
  await dialog.getByLabel("Shirt", { exact: true }).selectOption("Large");
  await dialog.getByLabel("First aid", { exact: true }).check();
  await dialog.getByLabel("Cooking", { exact: true }).check();
  await dialog.getByLabel("Lead", { exact: true }).selectOption({ label: "Cora Coordinator (cora@example.org)" });
  await dialog.getByLabel("Add a record of Shifts", { exact: true }).selectOption({ label: "Evening" });
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await dialog.locator(".linked-records a", { hasText: "Evening" }).waitFor();
  await shot(page, "entry-record-form");
  await dialog.getByRole("button", { name: "Save and close" }).click();
  await dialog.waitFor({ state: "detached" });
  await until(() => Promise.all(["Skills", "Shirt", "Shift", "Lead"].map((f) => cell(page, f, 1).inputValue())), ["First aid, Cooking", "Large", "Evening", "Cora Coordinator"], "the record form's values in the grid");

  // The time zone, found by its city.
  await page.getByRole("link", { name: "Members", exact: true }).click();
  const zone = page.getByLabel("Time zone for dates typed from now on", { exact: true });
  await zone.fill("New York");
  assert.equal(await page.locator("#time-zones option[value='America/New_York']").count(), 1, "the list offers America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await page.locator(".notice", { hasText: "Time zone saved: America/New_York." }).waitFor();
  await until(() => zone.inputValue(), "America/New_York", "the setting shows the zone found");
  await shot(page, "entry-time-zone");

  // A public form: open now, asks Skills as checkboxes and Shirt as radio buttons, not Lead.
  await page.getByRole("link", { name: "Forms", exact: true }).click();
  await page.getByLabel("New form", { exact: true }).fill("Sign up");
  await page.locator("#new-form-table").selectOption({ label: "for Volunteers" });
  await page.getByRole("button", { name: "Create form" }).click();
  await page.getByRole("heading", { name: "Sign up", level: 1 }).first().waitFor();
  assert.equal(await page.locator(".page-header .status-pill").textContent(), "Open");
  const url = `${server.url}/f/${db}/sign-up`;

  for (const [javaScriptEnabled, name, skills] of [[true, "Vic", ["First aid", "Driving"]], [false, "Nia", ["Cooking"]]]) {
    const visitor = await newPage({ javaScriptEnabled });
    await visitor.goto(url);
    assert.equal(await visitor.locator("input[name='lead']").count(), 0, "user fields are not asked");
    assert.equal(await visitor.getByLabel("Name").getAttribute("autocomplete"), "name");
    await visitor.getByLabel("Name").fill(name);
    for (const skill of skills) await visitor.getByLabel(skill, { exact: true }).check();
    await visitor.getByLabel("Small", { exact: true }).check();
    if (javaScriptEnabled) await shot(visitor, "entry-public-form");
    await visitor.getByRole("button", { name: "Send" }).click();
    await visitor.getByText("Thank you! Your answers were received.").waitFor();
    await visitor.context().close();
  }
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(page, "Volunteers").click();
  await until(() => Promise.all([2, 3].map((n) => cell(page, "Skills", n).inputValue().catch(() => ""))), ["First aid, Driving", "Cooking"], "both answers, with JavaScript and without");
  assert.equal(await page.locator(".invalid-count").count(), 0, "every answer understood");
  await page.context().close();
});
