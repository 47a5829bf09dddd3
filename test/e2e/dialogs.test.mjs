// End-to-end, issue 10 item 6: dialogs take the focus, keep it inside, close with Escape, the
// backdrop or their Cancel/Close, and give the focus back; notices go by themselves (errors
// stay) and leave room for the controls; Ctrl+Z and Ctrl+Shift+Z undo and redo. Runs under
// run.mjs (one shared server, see harness.mjs); `node test/e2e/dialogs.test.mjs` runs it alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { connected, createTable, newPage, newTable, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const focusInDialog = (page) => page.evaluate(() => Boolean(document.activeElement?.closest("[role=dialog]")));
const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

test("issue 10: a confirm dialog takes the focus, keeps Tab inside, closes with Escape and the backdrop, and gives the focus back", { timeout: TEST_TIMEOUT }, async () => {
  const page = await newPage();
  await signUp(page, uniqueName("dialog"), "Dee Dialog", "dee@example.org");
  await connected(page);
  await createTable(page, "Venues");
  const opener = page.getByRole("link", { name: "Delete Venues" });
  const dialog = page.getByRole("dialog");

  await opener.click();
  await dialog.waitFor();
  await until(() => focusInDialog(page), true, "the dialog took the focus");
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    assert.ok(await focusInDialog(page), `the focus stayed in the dialog after ${key}`);
  }
  await shot(page, "dialog-confirm");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await tableNamed(page, "Venues").waitFor();
  await until(() => isFocused(opener), true, "the focus went back to the link that opened the dialog");

  await opener.click();
  await dialog.waitFor();
  await page.mouse.click(8, 300); // the backdrop, beside the dialog
  await dialog.waitFor({ state: "detached" });
  await tableNamed(page, "Venues").waitFor();
  await page.context().close();
});

test("issue 10: the record dialog closes with Escape (keeping what was typed) and with its ×", { timeout: TEST_TIMEOUT }, async () => {
  const page = await newPage();
  await signUp(page, uniqueName("record"), "Rae Record", "rae@example.org");
  await connected(page);
  await newTable(page, "Venues");
  await page.getByRole("button", { name: "Add record" }).click();
  const opener = page.getByRole("link", { name: "Open record 1" });
  const dialog = page.getByRole("dialog");

  await opener.click();
  await dialog.waitFor();
  await until(() => focusInDialog(page), true, "the record dialog took the focus");
  await dialog.getByLabel("Name", { exact: true }).fill("Carnegie Hall");
  await shot(page, "dialog-record");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await until(() => page.getByLabel("Name of record 1", { exact: true }).inputValue(), "Carnegie Hall", "Escape kept the text typed in the dialog");
  await until(() => isFocused(opener), true, "the focus went back to the record's link");

  await opener.click();
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await page.context().close();
});

test("issue 10: Ctrl+Z undoes, Ctrl+Shift+Z redoes, and an info notice goes by itself", { timeout: TEST_TIMEOUT }, async () => {
  const page = await newPage();
  await signUp(page, uniqueName("keys"), "Kim Keys", "kim@example.org");
  await connected(page);
  await createTable(page, "Gamma");
  await page.getByRole("heading", { name: "Tables" }).click(); // the focus on nothing in particular

  await page.keyboard.press("Control+z");
  await page.getByText("No tables yet.").waitFor();
  const notice = page.locator("#trove-notices .notice", { hasText: "Undone: create table “Gamma”" });
  await notice.waitFor();
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).paddingBottom), "0px", "room is kept for the notice");
  await shot(page, "notice-info");
  await page.keyboard.press("Control+Shift+Z");
  await tableNamed(page, "Gamma").waitFor();

  // In a text field someone changed, Ctrl+Z is the browser's: it undoes the typing only.
  const input = page.getByLabel("New table", { exact: true });
  await input.click();
  await page.keyboard.type("Draft");
  await page.keyboard.press("Control+z");
  await sleep(500);
  assert.equal(await tableNamed(page, "Gamma").count(), 1, "the table was not undone while typing");

  const redone = page.locator("#trove-notices .notice", { hasText: "Redone: create table “Gamma”" });
  await redone.waitFor({ state: "detached", timeout: 8000 });
  await page.context().close();
});

test("issue 10: an error notice stays until closed, and a server-rendered info notice goes", { timeout: TEST_TIMEOUT }, async () => {
  const page = await newPage();
  await signUp(page, uniqueName("notice"), "Nia Notice", "nia@example.org");
  await connected(page);
  // As the server renders them into the stack for a plain page load.
  await page.evaluate(() => {
    const stack = document.getElementById("trove-notices");
    for (const [kind, text] of [["info", "Saved."], ["error", "Your role does not allow this."]]) {
      const notice = document.createElement("div");
      notice.className = "notice";
      notice.dataset.kind = kind;
      notice.textContent = text;
      stack?.appendChild(notice);
    }
  });
  const info = page.locator("#trove-notices .notice", { hasText: "Saved." });
  const error = page.locator("#trove-notices .notice[data-kind=error]");
  await error.getByRole("button", { name: "Dismiss" }).waitFor();
  await shot(page, "notice-error");
  await info.waitFor({ state: "detached", timeout: 8000 });
  assert.equal(await error.count(), 1, "the error is still there");
  await error.getByRole("button", { name: "Dismiss" }).click();
  await error.waitFor({ state: "detached" });
  await page.context().close();
});
