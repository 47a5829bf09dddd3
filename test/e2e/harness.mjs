// Shared set-up of the end-to-end tests: one `wrangler dev` (loopback only, fresh storage)
// and one Chromium for every test file of the run, started in a root `before` and stopped in
// a root `after`, plus the helpers the tests share. Imported by the *.test.mjs files, which
// the halves run.mjs starts import (ES modules load once: one server per process).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { DevServer, freePort } from "./server.mjs";

const CHROMIUM = "/usr/bin/chromium";
export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
export const RESULTS = join(ROOT, "test-results", "e2e");
export const PASSWORD = "correct horse battery";
export const TEST_TIMEOUT = 60_000;

if (!existsSync(CHROMIUM)) {
  console.error(`The end-to-end tests need Chromium at ${CHROMIUM}. Install it (as root) with:\n  apt-get update && apt-get install -y chromium`);
  process.exit(1);
}

mkdirSync(RESULTS, { recursive: true });
const persistTo = mkdtempSync(join(tmpdir(), "trove-e2e-"));
// One log per process, so the two halves run.mjs starts at once do not write into one file.
const logName = `wrangler-${basename(process.argv[1] ?? "e2e", ".mjs")}.log`;
export const server = new DevServer({ root: ROOT, port: await freePort(), persistTo, logFile: join(RESULTS, logName) });
/** @type {import("playwright-core").Browser | undefined} */
let browser;

// Whatever happens, wrangler dev (and workerd under it) must not outlive the run.
process.on("exit", () => server.killNow());
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.killNow();
    process.exit(130);
  });
}

before(async () => {
  // run.mjs builds the client once for both halves; a file run on its own builds it here.
  if (process.env.TROVE_CLIENT_BUILT !== "1") {
    const built = spawnSync(process.execPath, [join(ROOT, "scripts/build-client.mjs")], { cwd: ROOT, stdio: "inherit" });
    assert.equal(built.status, 0, "building the client failed");
  }
  await server.start();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  await server.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

// ---- helpers ---------------------------------------------------------------------------

let serial = 0;
export const uniqueName = (tag) => `e2e-${tag}-${Date.now().toString(36)}${serial++}`;
export const shot = (page, name) => page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });

export async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...options });
  const page = await context.newPage();
  // A deadline, not a timing: CI shares two cores between workerd, wrangler and Chromium.
  page.setDefaultTimeout(20_000);
  return page;
}

export async function signUp(page, db, name, email, { sample = false } = {}) {
  await page.goto(`${server.url}/`);
  await page.locator("#database").fill(db);
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  if (sample) await page.getByLabel("Start with the sample orchestra database").check();
  await page.getByRole("button", { name: "Create database" }).click();
  // The recovery code is shown once, then on into the database.
  await page.getByRole("link", { name: `Continue to ${db}` }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables`));
}

/** Creates a table (it opens on its grid, with a "Name" field) and goes back to the list. */
export async function createTable(page, name) {
  await page.getByLabel("New table", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  await page.getByRole("link", { name: "← Tables" }).click();
  await tableNamed(page, name).waitFor();
}

/** Creates a table and stays on its grid (a new table opens there, with a "Name" field). */
export async function newTable(page, name) {
  await page.getByLabel("New table", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

/** Adds a field at the end of the open table's grid ("Add field"), of the type labelled `type`
 *  (left as Text when not given) with `options` for a choice, and waits for the dialog to close. */
export async function addField(page, name, type, options = []) {
  await page.getByRole("link", { name: "Add field", exact: true }).click();
  const dialog = page.getByRole("dialog");
  const nameInput = dialog.getByLabel("Field name", { exact: true });
  await nameInput.fill(name);
  if (type) await dialog.getByLabel("Type", { exact: true }).selectOption({ label: type });
  // A choice's options come with the server's answer to the type change (three empty rows):
  // wait for them, so that a busy machine cannot make this add rows or type into a morph.
  if (options.length > 0) await dialog.getByLabel("Option 1", { exact: true }).waitFor();
  for (const [i, option] of options.entries()) {
    const input = dialog.getByLabel(`Option ${i + 1}`, { exact: true });
    if ((await input.count()) === 0) {
      await dialog.getByRole("button", { name: "+ Add option" }).click();
      await input.waitFor();
    }
    await input.fill(option);
  }
  await dialog.getByRole("button", { name: "Add field", exact: true }).click();
  await nameInput.waitFor({ state: "detached" });
}

/** From the tables list, opens the table called `name` on its grid. */
export async function openTableNamed(page, name) {
  await tableNamed(page, name).click();
  await page.getByRole("heading", { name, exact: true, level: 1 }).waitFor();
}

/** On an open table, makes a shared view called `name` and waits for its address; returns
 *  that address's path. */
export async function newSharedView(page, name) {
  await page.getByRole("link", { name: "+ New view", exact: true }).click();
  await page.getByLabel("Name of the new view", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create shared view", exact: true }).click();
  await page.waitForURL(/\/views\/[\w-]+(\?|$)/);
  return new URL(page.url()).pathname;
}

/** Dispatches a paste of `text` (tab-separated, as a spreadsheet's clipboard) at the focused
 *  element. */
export const paste = (page, text) =>
  page.evaluate((clip) => {
    const data = new DataTransfer();
    data.setData("text/plain", clip);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

export const tableNamed = (page, name) => page.locator(".table-name", { hasText: new RegExp(`^${name}$`) });
export const connected = (page, timeout = 10_000) => page.locator("body[data-connected]").waitFor({ state: "attached", timeout });

/** Marks the page's JavaScript realm: the mark survives morphs and is lost on a reload. */
export const mark = (page) => page.evaluate(() => Object.assign(window, { e2eMark: true }));
export const stillMarked = (page) => page.evaluate(() => "e2eMark" in window);

/** The owner creates an invitation on the Members page; returns its link. */
export async function invite(page, db, email, role) {
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  assert.match(link, new RegExp(`/t/${db}/invite/`));
  return link;
}

/** Someone new follows an invitation link and joins (`screenshot`: of the join page). */
export async function joinWith(page, link, db, name, screenshot) {
  await page.goto(link);
  if (screenshot) await shot(page, screenshot);
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Join database" }).click();
  await page.waitForURL(new RegExp(`/t/${db}/tables`));
}

/** Polls `probe` until it returns `expected` (deep-equal); fails with what it last saw. */
export async function until(probe, expected, what, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let seen;
  for (;;) {
    seen = await probe();
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) break;
    await sleep(50);
  }
  assert.deepEqual(seen, expected, `${what} (after ${timeout} ms)`);
}
