// End-to-end: a builder makes a public form for a table, someone opens it in a fresh
// browser context (no session, no cookies), submits with an error, fixes it and submits;
// the record appears live in the builder's open grid. Also: the same form with JavaScript
// off. Runs under run.mjs (one shared server, see harness.mjs).

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { addField, connected, newPage, newTable, server, shot, signUp, tableNamed, TEST_TIMEOUT, uniqueName } from "./harness.mjs";
import { freePort } from "./server.mjs";

/** Signs up, makes Volunteers (Name, Email, Role) and an open form for it; returns its URL. */
async function buildForm(page, db) {
  const violations = cspViolations(page);
  await signUp(page, db, "Bo Builder", "bo@example.org");
  await connected(page);
  await newTable(page, "Volunteers");
  await addField(page, "Email", "Email");
  await addField(page, "Role", "Text");
  await page.getByRole("link", { name: "← Tables" }).click();

  await page.getByRole("link", { name: "Forms", exact: true }).click();
  await page.getByLabel("New form", { exact: true }).fill("Volunteer sign-up");
  await page.getByRole("button", { name: "Create form" }).click();
  await page.getByRole("heading", { name: "Volunteer sign-up", level: 1 }).first().waitFor();
  await page.getByLabel("Taking answers", { exact: true }).selectOption("open");
  await page.getByLabel("Answer for Name", { exact: true }).selectOption("required");
  await page.getByLabel("Answer for Email", { exact: true }).selectOption("required");
  await page.getByLabel("Help text for Email", { exact: true }).fill("We only write about shifts.");
  await page.getByLabel("Asked for Role", { exact: true }).selectOption("hidden");
  await page.getByLabel("Fixed value for Role", { exact: true }).fill("volunteer");
  await page.getByRole("button", { name: "Save form" }).click();
  await page.locator(".notice:not([data-leaving])", { hasText: "Form saved." }).waitFor();
  await page.locator(".preview #preview-q-email-help", { hasText: "We only write about shifts." }).waitFor();
  await shot(page, "form-builder");
  assert.deepEqual(violations, [], "the app's pages break no rule of their Content-Security-Policy");
  return `${server.url}/f/${db}/volunteer-sign-up`;
}

/** Collects what Chromium reports as blocked by the page's Content-Security-Policy. */
function cspViolations(page) {
  const seen = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

/** Reloads the page as a person would (not awaited: a prompt may stop it) and answers the
 *  prompt, if one comes, by staying; returns whether one came. */
async function reloadAsksFirst(page) {
  const prompt = page.waitForEvent("dialog", { timeout: 3000 }).catch(() => null);
  const load = page.waitForEvent("load", { timeout: 3000 }).catch(() => null);
  await page.evaluate(() => setTimeout(() => location.reload(), 0));
  const dialog = await Promise.race([prompt, load.then(() => null)]);
  if (!dialog) return false;
  assert.equal(dialog.type(), "beforeunload");
  await dialog.dismiss();
  return true;
}

/** Issue 11: the builder's unsaved edits are never lost silently when the tab reloads or closes. */
async function leavingAsksFirst(page) {
  const title = page.getByLabel("Title", { exact: true });
  // Saved: nothing to lose, no prompt.
  assert.equal(await reloadAsksFirst(page), false, "a saved form reloads without asking");
  await title.waitFor();
  await connected(page);
  // Typed, not yet sent.
  await title.fill("Volunteer sign-up 2027");
  assert.equal(await reloadAsksFirst(page), true, "typed text not yet sent: the browser asks first");
  assert.equal(await title.inputValue(), "Volunteer sign-up 2027", "staying keeps what was typed");
  // Sent to the draft (the field left), not saved.
  await title.press("Tab");
  await page.getByText("Unsaved changes: “← Forms” saves them.").waitFor();
  assert.equal(await reloadAsksFirst(page), true, "a draft not saved: the browser asks first");
  await page.getByRole("button", { name: "Save form" }).click();
  await page.locator(".notice:not([data-leaving])", { hasText: "Form saved." }).waitFor();
  await page.locator("form[data-unsaved]").waitFor({ state: "detached" });
  assert.equal(await reloadAsksFirst(page), false, "saved again: reloads without asking");
  await page.getByRole("heading", { name: "Volunteer sign-up 2027", level: 1 }).first().waitFor();
  await connected(page);
}

test("a builder publishes a form; a visitor's submission appears live in the builder's grid", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("forms");
  const builder = await newPage();
  const url = await buildForm(builder, db);
  await leavingAsksFirst(builder);

  // The builder watches the table's grid.
  await builder.getByRole("link", { name: "Tables", exact: true }).click();
  await tableNamed(builder, "Volunteers").click();
  await builder.getByText("No records yet.").waitFor();
  await connected(builder);

  // A visitor, in a fresh context: no session, no cookie.
  const visitor = await newPage({ viewport: { width: 420, height: 860 } });
  const violations = cspViolations(visitor);
  await visitor.goto(url);
  await shot(visitor, "public-form");
  assert.deepEqual(await visitor.context().cookies(), [], "the public form sets no cookie");
  await visitor.getByLabel("Name").fill("Vera Visitor");
  await visitor.getByLabel("Email").fill("vera at example");
  await visitor.getByRole("button", { name: "Send" }).click();
  const error = visitor.locator("#q-email-error");
  await error.waitFor();
  assert.equal(await error.textContent(), "This is not an email address.");
  assert.equal(await visitor.getByLabel("Name").inputValue(), "Vera Visitor", "what was typed is kept");
  assert.equal(await visitor.getByLabel("Email").getAttribute("aria-invalid"), "true");
  await visitor.getByRole("link", { name: /Email: This is not an email address/ }).waitFor();
  await shot(visitor, "public-form-error");
  await visitor.getByLabel("Email").fill("vera@example.org");
  await visitor.getByRole("button", { name: "Send" }).click();
  await visitor.getByText("Thank you! Your answers were received.").waitFor();
  await shot(visitor, "public-form-sent");
  assert.deepEqual(violations, [], "the public form breaks no rule of its Content-Security-Policy");

  // Live in the builder's open grid, without a reload.
  const name = builder.getByLabel("Name of record 1", { exact: true });
  await name.waitFor({ timeout: 5000 });
  assert.equal(await name.inputValue(), "Vera Visitor");
  assert.equal(await builder.getByLabel("Email of record 1", { exact: true }).inputValue(), "vera@example.org");
  assert.equal(await builder.getByLabel("Role of record 1", { exact: true }).inputValue(), "volunteer");
  await shot(builder, "form-record-live");
  await visitor.context().close();
  await builder.context().close();
});

test("the public form works with JavaScript off", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("formsnojs");
  const builder = await newPage();
  const url = await buildForm(builder, db);
  const visitor = await newPage({ javaScriptEnabled: false });
  await visitor.goto(url);
  await visitor.getByRole("button", { name: "Send" }).click();
  await visitor.getByRole("alert").waitFor();
  assert.match((await visitor.getByRole("alert").textContent()) ?? "", /2 answers need a look/);
  await visitor.getByLabel("Name").fill("Nora No-Script");
  await visitor.getByLabel("Email").fill("nora@example.org");
  await visitor.getByRole("button", { name: "Send" }).click();
  await visitor.getByText("Thank you! Your answers were received.").waitFor();
  await builder.getByRole("link", { name: "Tables", exact: true }).click();
  await builder.locator(".table-item .badge", { hasText: "1 new from a form" }).waitFor();
  await shot(builder, "tables-form-badge");
  await visitor.context().close();
  await builder.context().close();
});

test("the app refuses to render in a frame on another site; a public form renders in one when its builder allows it", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("frames");
  const builder = await newPage();
  const url = await buildForm(builder, db);

  // A page on another site: a second loopback server (another origin) frames the app and
  // the form.
  const port = await freePort();
  const embedder = `http://127.0.0.1:${port}`;
  const page = `<!doctype html><title>Embedder</title><h1>Someone's site</h1><iframe id="app" src="${server.url}/t/${db}/" width="500" height="300"></iframe><iframe id="form" src="${url}" width="600" height="900"></iframe>`;
  const site = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(page));
  await new Promise((resolve) => site.listen(port, "127.0.0.1", resolve));
  const visitor = await newPage();
  const framed = async () => {
    await visitor.goto(`${embedder}/page`);
    await visitor.waitForTimeout(500);
    const text = async (id) => {
      const frame = await (await visitor.locator(`#${id}`).elementHandle())?.contentFrame();
      // biome-ignore lint/performance/useDomNodeTextContent: what shows, not the error page's script data
      return frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
    };
    return { app: await text("app"), form: await text("form") };
  };
  // A new form is framed only by the builder's own sites: none yet.
  const before = await framed();
  assert.doesNotMatch(before.app, /Sign in|Password/, "the app (sign-in page) must not render in a frame");
  assert.doesNotMatch(before.form, /Send/, "a new form is not framed by unlisted sites");

  // The builder lists the site: the form renders in its frame; the app still refuses.
  await builder.getByLabel(/Your sites/).fill(embedder);
  await builder.getByRole("button", { name: "Save form" }).click();
  await builder.locator(".notice:not([data-leaving])", { hasText: "Form saved." }).waitFor();
  const after = await framed();
  assert.match(after.form, /Volunteer sign-up[\s\S]*Send/, "the form renders in the listed site's frame");
  assert.doesNotMatch(after.app, /Sign in|Password/, "the app still refuses");
  await shot(visitor, "public-form-in-iframe");
  await visitor.context().close();
  await builder.context().close();
  site.close();
});
