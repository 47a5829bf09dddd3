// End-to-end: the habits every web user has. Back/Forward through places, reload, a link sent
// to a colleague, a link opened in a new tab next to the old one, conflicting edits of one
// cell, and a demoted member's open page. Runs under run.mjs (one shared server).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, invite, joinWith, newPage, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

const heading = (page, name) => page.getByRole("heading", { name, exact: true, level: 1 });

test("Back and Forward walk through places; reload and a colleague's link land on the same place", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("places");
  const a = await newPage();
  await signUp(a, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(a);
  await tableNamed(a, "Musicians").click();
  await heading(a, "Musicians").waitFor();
  const musicians = new URL(a.url()).pathname;
  assert.match(musicians, new RegExp(`^/t/${db}/tables/[\\w-]+$`));
  await a.getByRole("link", { name: "Open record 2", exact: true }).click();
  await a.getByRole("dialog").waitFor();
  assert.match(new URL(a.url()).pathname, /\/records\/[\w-]+$/);
  await shot(a, "record-address");
  await a.getByRole("button", { name: "Save and close" }).click();
  await a.getByRole("dialog").waitFor({ state: "detached" });
  await a.getByRole("link", { name: "← Tables" }).click();
  await tableNamed(a, "Donors").click();
  await heading(a, "Donors").waitFor();

  await a.goBack(); // Tables
  await heading(a, "Tables").waitFor();
  await a.goBack(); // Musicians
  await heading(a, "Musicians").waitFor();
  await a.goBack(); // the record
  await a.getByRole("dialog").waitFor();
  await a.goForward(); // Musicians again
  await a.getByRole("dialog").waitFor({ state: "detached" });
  await heading(a, "Musicians").waitFor();
  assert.equal(new URL(a.url()).pathname, musicians);

  await a.reload();
  await heading(a, "Musicians").waitFor();
  await connected(a);

  // A colleague opens the same address: the same place, under their own role.
  const link = await invite(a, db, "vic@example.org", "viewer");
  const b = await newPage();
  await joinWith(b, link, db, "Vic Viewer");
  await b.goto(`${server.url}${musicians}`);
  await heading(b, "Musicians").waitFor();
  assert.equal(await b.getByRole("button", { name: "Add record" }).count(), 0, "a viewer sees no Add record");
  // Someone signed out is asked to sign in, then lands there.
  const c = await newPage();
  await c.goto(`${server.url}${musicians}`);
  await c.getByRole("heading", { name: `Sign in to ${db}` }).waitFor();
  await c.getByLabel("Email", { exact: true }).fill("vic@example.org");
  await c.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await c.getByRole("button", { name: "Sign in" }).click();
  await heading(c, "Musicians").waitFor();
  for (const page of [a, b, c]) await page.context().close();
});

test("a link opened in a new tab does not disturb the old tab, and both tabs' edits persist", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("tabs");
  const one = await newPage();
  await signUp(one, db, "Tia Tabs", "tia@example.org", { sample: true });
  await connected(one);
  await tableNamed(one, "Musicians").click();
  await heading(one, "Musicians").waitFor();
  // Open record 1 in a new tab (as a middle-click would).
  const href = await one.getByRole("link", { name: "Open record 1", exact: true }).getAttribute("href");
  const two = await one.context().newPage();
  await two.goto(`${server.url}${href}`);
  await two.getByRole("dialog").waitFor();
  await connected(two);
  // Back in the first tab: type a phone number into record 3's cell.
  const phone = one.getByLabel("Phone of record 3", { exact: true });
  await phone.fill("+1 518 555 0133");
  await phone.press("Enter");
  await one.locator("input[aria-label='Phone of record 3'][value='+1 518-555-0133']").waitFor();
  assert.equal(await one.getByRole("dialog").count(), 0, "the first tab never jumps to the other tab's dialog");
  // The second tab edits record 1 in its dialog.
  await two.getByLabel("Phone", { exact: true }).fill("+1 518 555 0111");
  await two.getByRole("button", { name: "Save and close" }).click();
  await two.getByRole("dialog").waitFor({ state: "detached" });
  await one.locator("input[aria-label='Phone of record 1'][value='+1 518-555-0111']").waitFor();
  await shot(one, "two-tabs");
  await one.context().close();
});

test("conflicting edits of one cell: the later person sees both values and chooses", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("conflict");
  const a = await newPage();
  await signUp(a, db, "Ada Owner", "ada@example.org", { sample: true });
  const link = await invite(a, db, "eve@example.org", "editor");
  const b = await newPage();
  await joinWith(b, link, db, "Eve Editor");
  for (const page of [a, b]) {
    await page.getByRole("link", { name: "Tables", exact: true }).click();
    await tableNamed(page, "Musicians").click();
    await heading(page, "Musicians").waitFor();
    await connected(page);
  }
  // A starts typing; meanwhile B changes the same cell.
  const cellA = a.getByLabel("Phone of record 5", { exact: true });
  await cellA.fill("+1 518 555 0155");
  const cellB = b.getByLabel("Phone of record 5", { exact: true });
  await cellB.fill("+1 518 555 0144");
  await cellB.press("Enter");
  await b.locator("input[aria-label='Phone of record 5'][value='+1 518-555-0144']").waitFor();
  await cellA.press("Enter");
  const dialog = a.getByRole("dialog");
  await dialog.waitFor();
  assert.match((await dialog.textContent()) ?? "", /\+1 518-555-0144/);
  assert.match((await dialog.textContent()) ?? "", /\+1 518 555 0155/);
  await shot(a, "conflict");
  await a.getByRole("button", { name: "Keep mine" }).click();
  await dialog.waitFor({ state: "detached" });
  await b.locator("input[aria-label='Phone of record 5'][value='+1 518-555-0155']").waitFor();

  // The owner makes Eve a viewer: her open grid turns read-only without a reload.
  await a.getByRole("link", { name: "Members", exact: true }).click();
  await a.getByLabel("Role of Eve Editor", { exact: true }).selectOption("viewer");
  await a.getByRole("button", { name: "Change role of Eve Editor" }).click();
  await b.getByRole("button", { name: "Add record" }).waitFor({ state: "detached", timeout: 3000 });
  assert.equal(await b.getByLabel("Phone of record 1", { exact: true }).getAttribute("readonly"), "");
  await a.context().close();
  await b.context().close();
});
