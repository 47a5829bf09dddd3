// End-to-end (issue 11, public forms): a form's link question offered as a choice among the
// target table's records. With JavaScript on and off a visitor picks a record by its name,
// submits, and the builder sees the linked record in the grid; a record deleted after the form
// was opened is refused when submitted (checked against the live records), with what was
// typed kept. Runs under run.mjs (one shared server, see harness.mjs).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newTable, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const cell = (page, field, n) => page.getByLabel(`${field} of record ${n}`, { exact: true });

async function typeCell(page, field, n, text) {
  await cell(page, field, n).click();
  await cell(page, field, n).fill(text);
  await cell(page, field, n).press("Tab");
  await until(() => cell(page, field, n).inputValue(), text, `${field} of record ${n} saved`);
}

test("a public form's link question offers the linked table's records; the choice links the record, with JavaScript on and off", { timeout: TEST_TIMEOUT * 5 }, async () => {
  const db = uniqueName("linkchoice");
  const page = await newPage();
  await signUp(page, db, "Lea Librarian", "lea@example.org");
  await connected(page);

  // Sections: the records to choose from (each with a note the form must never show).
  await newTable(page, "Sections");
  await page.getByRole("link", { name: "Add field", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Field name", { exact: true }).fill("Private note");
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  for (const [n, name] of [[1, "Strings"], [2, "Brass"], [3, "Percussion"]]) {
    await page.getByRole("button", { name: "Add record" }).click();
    await cell(page, "Name", n).waitFor();
    await typeCell(page, "Name", n, name);
    await typeCell(page, "Private note", n, `secret ${name.toLowerCase()}`);
  }
  await page.getByRole("link", { name: "← Tables" }).click();

  // Players link to a section.
  await page.getByLabel("New table", { exact: true }).fill("Players");
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByRole("heading", { name: "Players", level: 1 }).waitFor();
  await page.getByRole("link", { name: "Add field", exact: true }).click();
  await dialog.getByLabel("Field name", { exact: true }).fill("Section");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Link to records" });
  await dialog.getByLabel("Table", { exact: true }).selectOption({ label: "Sections" });
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });

  // The form asks Section (a link is asked only when the builder adds it), as a choice of records.
  await page.getByRole("link", { name: "Forms", exact: true }).click();
  await page.getByLabel("New form", { exact: true }).fill("Join the band");
  await page.locator("#new-form-table").selectOption({ label: "for Players" });
  await page.getByRole("button", { name: "Create form" }).click();
  await page.getByRole("heading", { name: "Join the band", level: 1 }).first().waitFor();
  await page.getByRole("button", { name: "Ask “Section”" }).click();
  await page.getByLabel("Offer for Section", { exact: true }).selectOption("records");
  await page.getByLabel("Answer for Section", { exact: true }).selectOption("required");
  await page.getByRole("button", { name: "Save form" }).click();
  await page.locator(".notice:not([data-leaving])", { hasText: "Form saved." }).waitFor();
  await page.locator(".preview").getByLabel("Brass", { exact: true }).waitFor();
  await shot(page, "form-link-choice-builder");
  const url = `${server.url}/f/${db}/join-the-band`;

  for (const [javaScriptEnabled, name, section] of [[true, "Jo Jazz", "Brass"], [false, "Nat Noscript", "Strings"]]) {
    const visitor = await newPage({ javaScriptEnabled, viewport: { width: 420, height: 860 } });
    await visitor.goto(url);
    const choices = visitor.locator("input[name='section']");
    assert.deepEqual(await choices.evaluateAll((els) => els.map((e) => e.getAttribute("type"))), ["radio", "radio", "radio"]);
    const html = await visitor.content();
    assert.doesNotMatch(html, /secret/, "only the records' names and ids reach the page");
    await visitor.getByLabel("Name").fill(name);
    await visitor.getByLabel(section, { exact: true }).check();
    await shot(visitor, `form-link-choice-${javaScriptEnabled ? "js" : "nojs"}`);
    await visitor.getByRole("button", { name: "Send" }).click();
    await visitor.getByText("Thank you! Your answers were received.").waitFor();
    await visitor.context().close();
  }

  // Checked against the live records when submitted: a section deleted after the form opened.
  const late = await newPage({ javaScriptEnabled: false });
  await late.goto(url);
  await late.getByLabel("Name").fill("Lou Late");
  await late.getByLabel("Percussion", { exact: true }).check();
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(page, "Sections").click();
  await cell(page, "Name", 3).waitFor();
  await page.getByRole("link", { name: "Open record 3" }).click();
  await dialog.getByRole("heading", { name: "Percussion" }).waitFor();
  await dialog.getByRole("button", { name: "Delete record" }).click();
  await page.getByRole("dialog").filter({ hasText: "Delete this record?" }).getByRole("button", { name: "Delete record" }).click();
  await until(() => cell(page, "Name", 3).count(), 0, "Percussion deleted");
  await late.getByRole("button", { name: "Send" }).click();
  await late.getByRole("alert").waitFor();
  assert.match((await late.getByRole("alert").textContent()) ?? "", /Section: There is no such record now; please choose another/);
  assert.equal(await late.getByLabel("Name").inputValue(), "Lou Late", "what was typed is kept");
  assert.equal(await late.getByLabel("Percussion", { exact: true }).count(), 0, "the choices are the live records now");
  await shot(late, "form-link-choice-gone");
  await late.context().close();

  // The builder's grid shows each answer linked to the record chosen.
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(page, "Players").click();
  await until(
    () => Promise.all([1, 2].map(async (n) => [await cell(page, "Name", n).inputValue().catch(() => ""), await cell(page, "Section", n).inputValue().catch(() => "")])),
    [["Jo Jazz", "Brass"], ["Nat Noscript", "Strings"]],
    "both answers linked, with JavaScript and without",
  );
  assert.equal(await page.locator(".invalid-count").count(), 0, "every link understood");
  await shot(page, "form-link-choice-grid");
  await page.context().close();
});
