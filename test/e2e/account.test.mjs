// End-to-end, issue 18: a member changes their password on My account and their other
// browser is sent to sign in at once; an owner issues a reset link from the Members page and
// the member sets a new password with it (their open page elsewhere is signed out too), then
// leaves the database.
// Runs under run.mjs (one shared server, see harness.mjs).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, invite, joinWith, newPage, PASSWORD, server, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

/** Signs `page` in to `db` as `email`. */
async function signIn(page, db, email, password = PASSWORD) {
  await page.goto(`${server.url}/t/${db}/`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables`));
}

test("changing the password on My account signs the other browser out at once", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("account");
  const page = await newPage();
  await signUp(page, db, "Ada Owner", "ada@example.org");
  const other = await newPage();
  await signIn(other, db, "ada@example.org");
  await Promise.all([connected(page), connected(other)]);

  await page.getByRole("link", { name: "My account (Ada Owner)" }).click();
  await page.getByRole("heading", { name: "My account" }).waitFor();
  await page.locator(".signins-table tbody tr").nth(1).waitFor();
  await shot(page, "my-account");

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("a much newer password");
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByText("Password changed. You are signed out everywhere else.").waitFor();
  assert.equal(await page.getByLabel("Current password").inputValue(), "", "the typed password is not kept in the page");

  // The other browser is sent to sign in without touching it.
  await other.getByRole("heading", { name: `Sign in to ${db}` }).waitFor({ timeout: 5000 });
  await page.locator(".signins-table tbody tr").first().waitFor();
  assert.equal(await page.locator(".signins-table tbody tr").count(), 1, "only this browser is still signed in");
  await signIn(other, db, "ada@example.org", "a much newer password");
  await other.context().close();
  await page.context().close();
});

test("an owner's reset link lets a member set a new password, once; then the member leaves", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("reset");
  const owner = await newPage({ permissions: ["clipboard-read", "clipboard-write"] });
  await signUp(owner, db, "Ada Owner", "ada@example.org");
  await connected(owner);
  const link = await invite(owner, db, "bea@example.org", "editor");
  const bea = await newPage();
  await joinWith(bea, link, db, "Bea Editor");
  await connected(bea);

  await owner.getByRole("link", { name: "Members", exact: true }).click();
  await owner.getByRole("link", { name: "Reset link for Bea Editor" }).click();
  const reset = await owner.getByLabel("Reset link", { exact: true }).inputValue();
  assert.ok(reset.startsWith(`${server.url}/t/${db}/reset/`), reset);
  await owner.getByRole("button", { name: "Copy link" }).click();
  assert.equal(await owner.evaluate(() => navigator.clipboard.readText()), reset, "the Copy button copies the reset link");
  await shot(owner, "members-reset-link");

  const visitor = await newPage();
  await visitor.goto(reset);
  await visitor.getByLabel("New password").fill("bea's fresh password");
  await shot(visitor, "reset-password");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await visitor.waitForURL(new RegExp(`/t/${db}/tables`));
  // Bea's other page is signed out at once; the link is spent.
  await bea.getByRole("heading", { name: `Sign in to ${db}` }).waitFor({ timeout: 5000 });
  const again = await (await newPage()).goto(reset);
  assert.equal(again?.status(), 410);
  await signIn(bea, db, "bea@example.org", "bea's fresh password");

  // Bea leaves: her page goes to sign in, and the owner's Members page loses her live.
  await connected(bea);
  await bea.getByRole("link", { name: "My account (Bea Editor)" }).click();
  await bea.getByRole("button", { name: "Leave database" }).click();
  await bea.getByRole("dialog").getByRole("button", { name: "Leave database" }).click();
  await bea.getByRole("heading", { name: `Sign in to ${db}` }).waitFor({ timeout: 5000 });
  await owner.getByRole("link", { name: "Members", exact: true }).click();
  await owner.getByText("1 member", { exact: true }).waitFor();
  for (const p of [owner, bea, visitor]) await p.context().close();
});

test("the recovery code shown at sign-up sets a new password; deleting the database can be undone", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("recover");
  const page = await newPage();
  await page.goto(`${server.url}/`);
  await page.locator("#database").fill(db);
  await page.getByLabel("Your name", { exact: true }).fill("Ada Owner");
  await page.getByLabel("Email", { exact: true }).fill("ada@example.org");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create database" }).click();
  const code = await page.getByLabel("Recovery code").inputValue();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
  await shot(page, "recovery-code");
  await page.getByRole("link", { name: `Continue to ${db}` }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables`));
  await connected(page);

  // Another browser has forgotten the password.
  const other = await newPage();
  await other.goto(`${server.url}/t/${db}/`);
  await other.getByRole("link", { name: "Forgot your password?" }).click();
  await other.getByLabel("Email", { exact: true }).fill("ada@example.org");
  await other.getByLabel("Recovery code").fill(code);
  await other.getByLabel("New password").fill("a recovered password");
  await other.getByRole("button", { name: "Set new password" }).click();
  await other.getByRole("heading", { name: "Your password is changed" }).waitFor();
  assert.notEqual(await other.getByLabel("Recovery code").inputValue(), code, "a new code replaces the spent one");
  await other.getByRole("link", { name: `Continue to ${db}` }).click();
  await other.waitForURL(new RegExp(`/t/${db}/tables`));
  // The first browser was signed out at once.
  await page.getByRole("heading", { name: `Sign in to ${db}` }).waitFor({ timeout: 5000 });

  // Delete, see the notice, undo.
  await other.getByRole("link", { name: "My account (Ada Owner)" }).click();
  await other.getByLabel(`Type ${db} to delete it`).fill(db);
  await other.getByRole("button", { name: "Delete database" }).click();
  await other.locator(".deletion-banner").waitFor();
  await shot(other, "scheduled-for-deletion");
  await other.getByRole("button", { name: "Undo deletion" }).click();
  await other.getByText("The database will not be deleted.").waitFor();
  assert.equal(await other.locator(".deletion-banner").count(), 0);
  await page.context().close();
  await other.context().close();
});
