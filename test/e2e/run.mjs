// End-to-end tests: the real worker under `wrangler dev` (loopback only, fresh storage),
// driven through Debian's Chromium with playwright-core. `npm run test:e2e`.
// Screenshots of the key screens go to test-results/e2e/.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { DevServer, freePort } from "./server.mjs";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const RESULTS = join(ROOT, "test-results", "e2e");
const PASSWORD = "correct horse battery";
const TEST_TIMEOUT = 60_000;

if (!existsSync(CHROMIUM)) {
  console.error(`The end-to-end tests need Chromium at ${CHROMIUM}. Install it (as root) with:\n  apt-get update && apt-get install -y chromium`);
  process.exit(1);
}

mkdirSync(RESULTS, { recursive: true });
const persistTo = mkdtempSync(join(tmpdir(), "trove-e2e-"));
const server = new DevServer({ root: ROOT, port: await freePort(), persistTo, logFile: join(RESULTS, "wrangler.log") });
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
  const built = spawnSync(process.execPath, [join(ROOT, "scripts/build-client.mjs")], { cwd: ROOT, stdio: "inherit" });
  assert.equal(built.status, 0, "building the client failed");
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
const uniqueName = (tag) => `e2e-${tag}-${Date.now().toString(36)}${serial++}`;
const shot = (page, name) => page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

async function signUp(page, db, name, email) {
  await page.goto(`${server.url}/`);
  await page.locator("#database").fill(db);
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create database" }).click();
  await page.waitForURL(new RegExp(`/t/${db}/s/`));
}

async function createTable(page, name) {
  await page.getByLabel("New table", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create table" }).click();
  await tableNamed(page, name).waitFor();
}

const tableNamed = (page, name) => page.locator(".table-name", { hasText: new RegExp(`^${name}$`) });
const connected = (page, timeout = 10_000) => page.locator("body[data-connected]").waitFor({ state: "attached", timeout });

/** Marks the page's JavaScript realm: the mark survives morphs and is lost on a reload. */
const mark = (page) => page.evaluate(() => Object.assign(window, { e2eMark: true }));
const stillMarked = (page) => page.evaluate(() => "e2eMark" in window);

// ---- tests -----------------------------------------------------------------------------

test("two people see each other's changes live", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("live");
  const a = await newPage();
  await signUp(a, db, "Ada Owner", "ada@example.org");

  await a.getByRole("link", { name: "Members", exact: true }).click();
  await a.getByLabel("Email", { exact: true }).fill("bea@example.org");
  await a.getByLabel("Role", { exact: true }).selectOption("editor");
  await a.getByRole("button", { name: "Create invitation" }).click();
  const link = await a.getByLabel("Invitation link").inputValue();
  assert.match(link, new RegExp(`/t/${db}/invite/`));
  await shot(a, "members-invitation");

  const b = await newPage();
  await b.goto(link);
  await shot(b, "join-database");
  await b.getByLabel("Your name", { exact: true }).fill("Bea Editor");
  await b.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await b.getByRole("button", { name: "Join database" }).click();
  await b.waitForURL(new RegExp(`/t/${db}/s/`));

  await a.getByRole("link", { name: "Tables", exact: true }).click();
  await a.getByRole("heading", { name: "Tables" }).waitFor();
  await Promise.all([connected(a), connected(b)]);
  await mark(b);

  await createTable(a, "Musicians");
  assert.equal(await a.getByLabel("New table", { exact: true }).inputValue(), "", "the submitted form takes the server's (cleared) value");
  await tableNamed(b, "Musicians").waitFor({ timeout: 3000 });
  assert.ok(await stillMarked(b), "B's page updated without reloading");
  await b.locator('.presence [title="Ada Owner is here"]').waitFor({ timeout: 3000 });
  await a.locator('.presence [title="Bea Editor is here"]').waitFor({ timeout: 3000 });
  await shot(a, "tables-owner");
  await shot(b, "tables-live-update");

  // A live update (B leaves) must not disturb what A is typing.
  const draft = a.getByLabel("New table", { exact: true });
  await draft.fill("Draft");
  await b.context().close();
  await a.locator('.presence [title="Bea Editor is here"]').waitFor({ state: "detached", timeout: 5000 });
  assert.equal(await draft.inputValue(), "Draft", "the text being typed survived the morph");
  assert.ok(await draft.evaluate((el) => el === document.activeElement), "focus survived the morph");
  await a.context().close();
});

test("the page carries on across a dev-server restart", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("restart");
  const page = await newPage();
  await signUp(page, db, "Rita Restart", "rita@example.org");
  await createTable(page, "Alpha");
  await connected(page);
  await mark(page);

  await server.stop();
  await page.locator("#trove-status").waitFor({ state: "visible", timeout: 5000 });
  await shot(page, "reconnecting");
  await server.start();

  await page.getByRole("link", { name: "Rename Alpha" }).click();
  const input = page.getByLabel("Table name", { exact: true });
  await input.waitFor();
  assert.ok(await input.evaluate((el) => el === document.activeElement), "autofocus moved focus to the rename input");
  await input.fill("Beta");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await tableNamed(page, "Beta").waitFor();
  assert.ok(await stillMarked(page), "the page was not reloaded");
  await connected(page, 15_000);
  await page.locator("#trove-status").waitFor({ state: "hidden", timeout: 5000 });
  await shot(page, "after-restart");
  await page.context().close();
});

test("without a socket, events go over HTTP and the page still updates in place", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("fetch");
  const page = await newPage();
  await page.routeWebSocket(/\/ws\b/, (ws) => ws.close({ code: 1011, reason: "blocked by the test" }));
  await signUp(page, db, "Fay Fallback", "fay@example.org");
  await mark(page);
  await page.locator("#trove-status").waitFor({ state: "visible", timeout: 5000 });
  await createTable(page, "Zeta");
  assert.ok(await stillMarked(page), "the page was not reloaded");
  assert.equal(await page.locator("body[data-connected]").count(), 0);
  assert.ok(await page.locator("#trove-status").isVisible(), "the indicator stays while disconnected");
  await page.getByRole("link", { name: "Delete Zeta" }).click();
  await page.getByRole("button", { name: "Delete table" }).click();
  await page.getByText("No tables yet.").waitFor();
  assert.ok(await stillMarked(page), "the page was not reloaded");
  await page.context().close();
});

test("everything works without JavaScript", { timeout: TEST_TIMEOUT }, async () => {
  const db = uniqueName("nojs");
  const page = await newPage({ javaScriptEnabled: false });
  await signUp(page, db, "Noah Script", "noah@example.org");
  await shot(page, "nojs-tables-empty");
  await createTable(page, "Gamma");

  await page.getByRole("link", { name: "Rename Gamma" }).click();
  await page.getByLabel("Table name", { exact: true }).fill("Delta");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await tableNamed(page, "Delta").waitFor();

  await page.getByRole("link", { name: "Delete Delta" }).click();
  await page.getByRole("dialog").waitFor();
  await shot(page, "nojs-confirm-delete");
  await page.getByRole("button", { name: "Delete table" }).click();
  await page.getByText("No tables yet.").waitFor();
  assert.equal(await tableNamed(page, "Delta").count(), 0);
  assert.equal(await page.locator("body[data-connected]").count(), 0, "no runtime ran");
  await shot(page, "nojs-after-delete");
  await page.context().close();
});

test("an old page's link shows a notice, not an error", { timeout: TEST_TIMEOUT }, async (t) => {
  const db = uniqueName("stale");
  const page = await newPage({ javaScriptEnabled: false });
  await signUp(page, db, "Sam Stale", "sam@example.org");
  await createTable(page, "Epsilon");
  const rename = page.getByRole("link", { name: "Rename Epsilon" });
  const saved = await page.content(); // the page as it was, to put back if the browser refetches it

  await page.getByRole("link", { name: "Delete Epsilon" }).click(); // the Tables page is no longer current
  await page.getByRole("dialog").waitFor();
  await page.goBack();
  // The browser may show the old page again or fetch the current one; either way, the old link is followed.
  // Pages are no-store, so the browser may fetch the current version: then restore the old HTML
  // (setContent keeps the address, so its links resolve as before) and click its link.
  // (The current page shows the dialog over the table list, so look for the dialog.)
  const oldPageShown = (await page.getByRole("dialog").count()) === 0;
  t.diagnostic(oldPageShown ? "back showed the old page" : "back fetched the current page; restored the saved HTML");
  if (!oldPageShown) await page.setContent(saved);
  await rename.click();

  const notice = page.locator(".notice");
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? "", /That page was out of date/);
  assert.equal(await page.getByLabel("Table name", { exact: true }).count(), 0, "the stale rename did not run");
  await shot(page, "stale-notice");
  await page.context().close();
});
