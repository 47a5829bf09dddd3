// End-to-end: the owner invites people from the Members page with JavaScript on, copies a
// link with the Copy button, revokes an invitation (whose link then stops working), and a
// new invitation for the same email replaces the old one. Runs under run.mjs (one shared
// server, see harness.mjs).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, invite, newPage, server, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

/** Creates a further invitation; waits for its link to replace the one shown before. */
async function inviteAgain(page, email, role) {
  const shown = page.getByLabel("Invitation link");
  const before = await shown.inputValue();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await page.waitForFunction((old) => {
    const input = document.querySelector("input[aria-label='Invitation link']");
    return input instanceof HTMLInputElement && input.value !== old;
  }, before);
  return shown.inputValue();
}

test("the owner copies, replaces and revokes invitations on the Members page", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("members");
  const page = await newPage({ permissions: ["clipboard-read", "clipboard-write"] });
  await signUp(page, db, "Ada Owner", "ada@example.org");
  await connected(page);

  const first = await invite(page, db, "bea@example.org", "editor");
  assert.ok(first.startsWith(`${server.url}/t/${db}/invite/`), `the link points at this server: ${first}`);
  const copy = page.getByRole("button", { name: "Copy link" });
  await copy.click();
  await page.getByRole("button", { name: "Copied" }).waitFor({ timeout: 3000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), first, "the Copy button put the link on the clipboard");

  await inviteAgain(page, "cai@example.org", "viewer");
  const replacement = await inviteAgain(page, "BEA@example.org", "builder");
  const pending = page.locator(".pending li");
  await pending.first().waitFor();
  assert.equal(await pending.count(), 2, "one open invitation per email");
  assert.match((await pending.filter({ hasText: "bea@example.org" }).textContent()) ?? "", /Builder/);
  await shot(page, "members-invitations");

  await page.getByRole("link", { name: "Revoke invitation for cai@example.org" }).click();
  await page.getByText("Invitation for cai@example.org revoked.").waitFor();
  assert.equal(await pending.count(), 1);

  const visitor = await newPage();
  const replaced = await visitor.goto(first);
  assert.equal(replaced?.status(), 410, "the replaced link no longer works");
  await visitor.getByText("has been used, revoked or has expired").waitFor();
  const current = await visitor.goto(replacement);
  assert.equal(current?.status(), 200);
  await visitor.context().close();
  await page.context().close();
});
