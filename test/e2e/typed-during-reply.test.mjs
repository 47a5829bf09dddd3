// Nothing typed is lost while a reply is on its way: a person clicks "+ Add option" and types
// into the first option before the new row arrives; the reply answers what the click sent, so
// the text typed since stays. The page's socket is slowed on purpose (routeWebSocket) to make
// the reply late, as on a slow connection.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newTable, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

test("what is typed while a reply is on its way stays when the reply arrives", { timeout: TEST_TIMEOUT }, async () => {
  const page = await newPage();
  let delayMs = 0;
  // Every frame from the server waits `delayMs` (in order); frames to the server go at once.
  await page.routeWebSocket(() => true, (socket) => {
    const server = socket.connectToServer();
    let last = Promise.resolve();
    server.onMessage((message) => {
      const wait = delayMs;
      last = last.then(() => new Promise((resolve) => setTimeout(resolve, wait))).then(() => socket.send(message));
    });
  });
  await signUp(page, uniqueName("ahead"), "Ada Ahead", "ada@example.org");
  await newTable(page, "Crew");
  await connected(page);

  await page.getByRole("link", { name: "Add field", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Field name", { exact: true }).fill("Role");
  await dialog.getByLabel("Type", { exact: true }).selectOption({ label: "Single choice" });
  await dialog.getByLabel("Option 1", { exact: true }).waitFor();

  delayMs = 1500;
  await dialog.getByRole("button", { name: "+ Add option" }).click();
  await dialog.getByLabel("Option 1", { exact: true }).fill("Lead");
  // The reply: a fourth row. The first keeps what was typed after the click.
  await dialog.getByLabel("Option 4", { exact: true }).waitFor();
  assert.equal(await dialog.getByLabel("Option 1", { exact: true }).inputValue(), "Lead");
  await shot(page, "typed-during-reply");

  delayMs = 0;
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await page.locator("th.field-head .field-name", { hasText: "Role" }).waitFor();
  await page.context().close();
});
