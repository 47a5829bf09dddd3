// End-to-end: a form's read-only summary line (issue 14). A builder makes Tickets with a
// computed Total (Price × Quantity), adds Total to the form's summary in the form builder,
// and a visitor who sends the form sees "Total $30.00" on the thank-you page — with
// JavaScript and without.

import assert from "node:assert/strict";
import { test } from "node:test";
import { addField, connected, createTable, newPage, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

test("a builder adds a computed field as a summary line; a visitor's confirmation shows its value", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("formsum");
  const builder = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(builder, db, "Sue Summary", "sue@example.org");
  await connected(builder);
  await createTable(builder, "Tickets");
  await tableNamed(builder, "Tickets").click();
  await addField(builder, "Price", "Money");
  await addField(builder, "Quantity", "Number");
  await builder.getByRole("link", { name: "Computed field", exact: true }).click();
  const dialog = builder.getByRole("dialog");
  await builder.getByLabel("Field name", { exact: true }).fill("Total");
  await builder.getByLabel("Start with", { exact: true }).selectOption({ label: "Price (money)" });
  await builder.getByLabel("Add a step", { exact: true }).selectOption({ label: "times" });
  await builder.getByLabel("Second value of step 1", { exact: true }).selectOption({ label: "Quantity (number)" });
  await dialog.getByText("Gives a money").waitFor();
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await builder.getByRole("link", { name: "← Tables" }).click();

  // The form: Total is not offered as a question, only as a summary line.
  await builder.getByRole("link", { name: "Forms", exact: true }).click();
  await builder.getByLabel("New form", { exact: true }).fill("Buy tickets");
  await builder.getByRole("button", { name: "Create form" }).click();
  await builder.getByRole("heading", { name: "Buy tickets", level: 1 }).first().waitFor();
  await builder.getByLabel("Taking answers", { exact: true }).selectOption("open");
  assert.equal(await builder.getByLabel("Asked for Total", { exact: true }).count(), 0, "a computed field is not a question");
  assert.equal(await builder.getByRole("button", { name: "Ask “Total”" }).count(), 0, "nor offered as one");
  await builder.getByRole("button", { name: "Show “Total”" }).click();
  const label = builder.getByLabel("Label for “Total”", { exact: true });
  await label.fill("Total to pay");
  await builder.getByRole("button", { name: "Save form" }).click();
  await builder.locator(".notice:not([data-leaving])", { hasText: "Form saved." }).waitFor();
  await builder.locator(".preview-receipt dt", { hasText: "Total to pay" }).waitFor();
  await shot(builder, "form-summary-builder");
  const url = `${server.url}/f/${db}/buy-tickets`;

  for (const javaScriptEnabled of [true, false]) {
    const visitor = await newPage({ viewport: { width: 420, height: 860 }, javaScriptEnabled });
    await visitor.goto(url);
    assert.equal(await visitor.locator('[name="total"]').count(), 0, "nothing can be typed into the summary line");
    await visitor.getByLabel("Name").fill(javaScriptEnabled ? "Vic Visitor" : "Nia No-Script");
    await visitor.getByLabel("Price").fill("$15");
    await visitor.getByLabel("Quantity").fill("2");
    await visitor.getByRole("button", { name: "Send" }).click();
    await visitor.getByText("Thank you! Your answers were received.").waitFor();
    const line = visitor.locator(".form-summary-line", { hasText: "Total to pay" });
    assert.equal(await line.locator("dd").textContent(), "$30.00");
    // A reload shows the same receipt (its address carries the submission's token).
    await visitor.reload();
    assert.equal(await visitor.locator(".form-summary-line dd").textContent(), "$30.00");
    await shot(visitor, javaScriptEnabled ? "form-summary-sent" : "form-summary-sent-nojs");
    await visitor.context().close();
  }

  // Two records, not three: the reloads re-sent nothing.
  await builder.getByRole("button", { name: "← Forms" }).click();
  await builder.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(builder, "Tickets").click();
  await builder.getByLabel("Total of record 2", { exact: true }).waitFor();
  assert.equal(await builder.getByLabel("Total of record 3", { exact: true }).count(), 0);
  assert.equal(await builder.getByLabel("Total of record 1", { exact: true }).inputValue(), "$30.00");
  await builder.context().close();
});
