// End-to-end: big pages turn by key (issue 12, 'big pages page by key, not OFFSET'). A grid
// and a grouped view page forward and back; each page's address names the record it was
// turned past, so reload and Back land on the same rows; a page opened by its address in
// another tab follows a live edit that moves a record between groups (the group counts).

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newSharedView, server, shot, signUp, TEST_TIMEOUT, uniqueName, until } from "./harness.mjs";

const RECORDS = 130;
const pad = (n) => String(n).padStart(3, "0");
const rows = [["Name", "Section"]];
for (let i = 1; i <= RECORDS; i++) rows.push([`Player ${pad(i)}`, i <= 60 ? "Strings" : "Winds"]);

const name = (page, n) => page.getByLabel(`Name of record ${n}`, { exact: true });
const pager = (page) => page.locator("nav.pager .muted");
/** The count shown in the header of the group called `label`. */
const groupCount = (page, label) => page.locator("tr.group-head", { has: page.locator(".group-name", { hasText: new RegExp(`^${label}$`) }) }).locator(".group-count").textContent();

test("page a grid and a grouped view by key: reload and Back keep the page; a live edit moves a group count on another page", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("pages");
  const a = await newPage({ viewport: { width: 1280, height: 1000 } });
  await signUp(a, db, "Pia Pager", "pia@example.org");
  await connected(a);
  await a.getByRole("link", { name: "Import…", exact: true }).click();
  await a.getByLabel("Paste from a spreadsheet", { exact: true }).fill(rows.map((r) => r.join("\t")).join("\n"));
  await a.getByRole("button", { name: "Preview", exact: true }).click();
  await a.getByLabel("Table name", { exact: true }).fill("Players");
  await a.getByRole("button", { name: `Import ${RECORDS} records`, exact: true }).click();
  await a.getByRole("link", { name: "Open “Players”", exact: true }).click();
  await a.getByRole("heading", { name: "Players", level: 1 }).waitFor();
  await connected(a);

  // The grid: Next names the last record of the page in the address.
  await a.getByRole("link", { name: "Next", exact: true }).click();
  await a.waitForURL(/\/page\/2\/after\/[\w-]+\?k=/);
  assert.equal(await name(a, 51).inputValue(), "Player 051");
  assert.equal(await pager(a).textContent(), "51–100 of 130");
  await a.getByRole("link", { name: "Next", exact: true }).click();
  await a.waitForURL(/\/page\/3\/after\/[\w-]+\?k=/);
  assert.equal(await name(a, 101).inputValue(), "Player 101");
  const third = new URL(a.url()).pathname;
  await shot(a, "view-pages-grid-3");
  // Reload lands on the same page; so does the address alone (a colleague's link).
  await a.reload();
  await shot(a, "view-pages-reloaded");
  console.log("after reload", a.url());
  await name(a, 101).waitFor();
  assert.equal(await name(a, 101).inputValue(), "Player 101");
  assert.equal(new URL(a.url()).pathname, third);
  await a.goto(`${server.url}${third}`);
  assert.equal(await name(a, 130).inputValue(), "Player 130");
  // Back returns to page 2; Previous from it to page 1 (no page in its address).
  await a.goBack();
  await a.goBack();
  await a.waitForURL(/\/page\/2\/after\//);
  await until(() => name(a, 51).inputValue(), "Player 051", "Back shows page 2 again");
  await connected(a);
  await a.getByRole("link", { name: "Previous", exact: true }).click();
  await until(() => name(a, 1).inputValue(), "Player 001", "Previous shows page 1");
  assert.doesNotMatch(new URL(a.url()).pathname, /\/page\//);

  // A bad key is a clear answer, not an error page.
  const bad = await a.context().newPage();
  const answer = await bad.goto(`${server.url}/t/${db}/tables/${third.split("/")[4]}/page/2/after/no%20such`);
  assert.ok(answer && answer.status() < 500, `status ${answer?.status()}`);
  assert.match(await bad.locator("body").textContent(), /nothing at this address/i);
  await bad.close();

  // A saved view grouped by section: its pages turn by key across the groups.
  await newSharedView(a, "By section");
  await a.getByRole("link", { name: "Group", exact: true }).click();
  await a.getByLabel("Group", { exact: true }).selectOption({ label: "Section" });
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await a.locator("tr.group-head").first().waitFor();
  // Winds (70, the more common option) comes first: page 2 holds its last 20 and Strings' first 30.
  assert.equal(await groupCount(a, "Winds"), "70 records");
  await a.getByRole("link", { name: "Next", exact: true }).click();
  await a.waitForURL(/\/views\/[\w-]+\/page\/2\/after\/[\w-]+\?k=/);
  await until(() => name(a, 51).inputValue(), "Player 111", "page 2 of the grouped view");
  assert.equal(await name(a, 71).inputValue(), "Player 001");
  assert.equal(await groupCount(a, "Strings"), "60 records");
  const second = new URL(a.url()).pathname;

  // Another tab keeps page 2 open (by its address); this one goes Back to page 1 and moves
  // a record from Strings to Winds: the other page's group counts follow, live.
  const b = await a.context().newPage();
  await b.setViewportSize({ width: 1280, height: 1000 });
  await b.goto(`${server.url}${second}`);
  await connected(b);
  assert.equal(await name(b, 51).inputValue(), "Player 111");
  await a.goBack();
  await until(() => name(a, 1).inputValue(), "Player 061", "Back to page 1 of the grouped view");
  await connected(a);
  const section = a.getByLabel("Section of record 1", { exact: true });
  await section.fill("Strings");
  await section.press("Enter");
  await until(() => groupCount(b, "Strings"), "61 records", "the other page's group count follows", 10_000);
  assert.equal(await groupCount(b, "Winds"), "69 records");
  assert.equal(await name(b, 51).inputValue(), "Player 111");
  assert.equal(new URL(b.url()).pathname, second);
  await shot(b, "view-pages-grouped-live");
  await shot(a, "view-pages-grouped-edited");
  await a.context().close();
});

// A view grouped by a multiple choice: a record is a row under each of its options, so Next
// names the row (record~option) in the address; Back and reload land on the same rows.
test("page a view grouped by a multiple choice by key: Back and reload keep the page's rows", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("each-pages");
  const a = await newPage({ viewport: { width: 1280, height: 1000 } });
  await signUp(a, db, "Eli Each", "eli@example.org");
  await connected(a);
  const parts = ["Cello, Viola", "Viola", "Cello, Harp, Viola"];
  const table = [["Name", "Parts"], ...Array.from({ length: 60 }, (_, i) => [`Player ${pad(i + 1)}`, parts[i % 3]])];
  await a.getByRole("link", { name: "Import…", exact: true }).click();
  await a.getByLabel("Paste from a spreadsheet", { exact: true }).fill(table.map((r) => r.join("\t")).join("\n"));
  await a.getByRole("button", { name: "Preview", exact: true }).click();
  await a.getByLabel("Table name", { exact: true }).fill("Players");
  await a.getByLabel("Import “Parts” as", { exact: true }).selectOption("multiChoice");
  await a.getByRole("button", { name: "Import 60 records", exact: true }).click();
  await a.getByRole("link", { name: "Open “Players”", exact: true }).click();
  await a.getByRole("heading", { name: "Players", level: 1 }).waitFor();
  await connected(a);
  await newSharedView(a, "By part");
  await a.getByRole("link", { name: "Group", exact: true }).click();
  await a.getByLabel("Group", { exact: true }).selectOption({ label: "Parts (each option)" });
  await a.getByRole("button", { name: "Group records", exact: true }).click();
  await a.getByText("60 records in 120 rows").waitFor();
  const shownNames = () => a.locator("input[aria-label^='Name of record']").evaluateAll((inputs) => inputs.map((i) => i.value));
  const first = await shownNames();
  assert.equal(first.length, 50);

  await a.getByRole("link", { name: "Next", exact: true }).click();
  await a.waitForURL(/\/views\/[\w-]+\/page\/2\/after\/[\w-]+~[\w-]+\?k=/);
  await until(() => pager(a).textContent(), "51–100 of 120", "page 2 of the grouped rows");
  const second = await shownNames();
  const secondPath = new URL(a.url()).pathname;
  await a.getByRole("link", { name: "Next", exact: true }).click();
  await a.waitForURL(/\/page\/3\/after\/[\w-]+~[\w-]+\?k=/);
  await until(() => pager(a).textContent(), "101–120 of 120", "page 3");
  const third = await shownNames();
  // Every row once: each player under each of its parts (1, 2 or 3 of them).
  const seen = [...first, ...second, ...third];
  assert.equal(seen.length, 120);
  for (let i = 1; i <= 60; i++) assert.equal(seen.filter((n) => n === `Player ${pad(i)}`).length, [2, 1, 3][(i - 1) % 3], `Player ${pad(i)}'s rows`);
  await shot(a, "view-pages-multiple-choice-3");

  // Back to page 2: its address, its rows; a reload keeps them.
  await a.goBack();
  await a.waitForURL((url) => url.pathname === secondPath);
  await until(shownNames, second, "Back shows page 2's rows again");
  await a.reload();
  await until(shownNames, second, "reload shows page 2's rows");
  assert.equal(new URL(a.url()).pathname, secondPath);
  await shot(a, "view-pages-multiple-choice-2");
  await a.context().close();
});
