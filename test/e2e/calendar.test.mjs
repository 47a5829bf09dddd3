// End-to-end: calendars and feeds (issue 13). An owner shows the sample's Concerts as a
// calendar, moves between months (each at its own address: reload and Back land on the same
// month), opens a record, drags one to another day and undoes it, switches to a week, and
// publishes the view's feeds, fetched with no cookie. Then the same calendar without
// JavaScript: links move between months and open records.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newSharedView, openTableNamed, PASSWORD, shot, signUp, TEST_TIMEOUT, uniqueName, until as untilSoon } from "./harness.mjs";

/** A deadline, not a timing: the machine can be slow. */
const until = (probe, expected, what) => untilSoon(probe, expected, what, 20_000);

const title = (page) => page.locator("#calendar-title").textContent();

/** Steps back month by month until the calendar shows an event (the sample's season is
 *  around the sign-up date). */
async function monthWithEvents(page) {
  for (let i = 0; i < 8 && (await page.locator(".cal-event").count()) === 0; i++) {
    const before = await title(page);
    await page.getByRole("link", { name: "Previous month" }).click();
    await until(() => title(page).then((t) => t !== before), true, "the previous month");
  }
  assert.ok((await page.locator(".cal-event").count()) > 0, "a month with concerts");
}

/** The day cell under an event's first day. */
async function dayOf(event) {
  return event.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cells = [...el.parentElement.querySelectorAll("[data-drop]")];
    return cells.find((c) => {
      const r = c.getBoundingClientRect();
      return box.left + 8 >= r.left && box.left + 8 < r.right;
    })?.getAttribute("data-drop");
  });
}

test("a calendar of a view: months at their addresses, open a record, drag to another day and undo, feeds", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("cal");
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await openTableNamed(page, "Concerts");
  await newSharedView(page, "Season");

  await page.getByRole("navigation", { name: "Show as" }).getByRole("link", { name: "Calendar" }).click();
  await page.locator(".calendar.month").waitFor();
  assert.equal(await page.locator(".cal-day.today").count(), 1, "today is marked");

  // Months have addresses: reload and Back land on the month shown.
  await monthWithEvents(page);
  const month = await title(page);
  assert.match(page.url(), /\/views\/[\w-]+\/at\/\d{4}-\d{2}\?/);
  const monthUrl = page.url();
  await page.getByRole("link", { name: "Next month" }).click();
  await until(() => title(page).then((t) => t !== month), true, "the next month");
  const next = await title(page);
  await page.goBack();
  await until(() => title(page), month, "Back to the month before");
  await page.reload();
  assert.equal(await title(page), month, "a reload shows the same month");
  assert.equal(page.url(), monthUrl);
  await connected(page);
  await shot(page, "calendar-month");

  // Clicking an event opens its record over the calendar; Escape closes it.
  const event = page.locator(".cal-event").first();
  const name = (await event.locator(".cal-title").textContent()).trim();
  await event.click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  assert.match(page.url(), /\/at\/\d{4}-\d{2}\/records\/[\w-]+\?/);
  assert.equal(await dialog.getByLabel("Title", { exact: true }).inputValue(), name);
  await shot(page, "calendar-record");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });

  // Drag the event to another day of its week: its date moves; Undo moves it back.
  const from = await dayOf(event);
  const week = page.locator(".cal-week", { has: page.locator(`[data-drop="${from}"]`) });
  const days = await week.locator("[data-drop]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-drop")));
  const to = days.find((d) => d !== from && d.slice(0, 7) === from.slice(0, 7));
  const target = page.locator(`[data-drop="${to}"]`);
  const box = await target.boundingBox();
  const moved = page.locator(".cal-event", { hasText: name });
  await moved.first().dragTo(target, { targetPosition: { x: box.width - 8, y: 8 } });
  await page.locator(".notice", { hasText: "moved to" }).waitFor();
  await until(() => dayOf(moved.first()), to, "the event on the day it was dropped on");
  await shot(page, "calendar-dragged");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await until(() => dayOf(moved.first()), from, "the event back on its day after Undo");

  // A week: ranges and times in seven taller days, at the week's own address.
  await page.getByRole("navigation", { name: "Calendar span" }).getByRole("link", { name: "Week" }).click();
  await page.locator(".calendar.week").waitFor();
  assert.equal(await page.locator(".cal-week").count(), 1);
  // Concerts are timed: in a week they sit in the hours, at their time.
  const block = page.locator(".cal-hours .cal-block").first();
  if ((await block.count()) > 0) assert.match(await block.locator(".cal-time").textContent(), /^\d{1,2}:\d{2} [AP]M$/);
  await shot(page, "calendar-week");
  await page.getByRole("navigation", { name: "Calendar span" }).getByRole("link", { name: "Month" }).click();
  await page.locator(".calendar.month").waitFor();

  // The calendar's settings: the field that describes each event in the feeds.
  await page.getByRole("link", { name: "Calendar settings" }).click();
  await page.getByLabel("Event description (feeds)").selectOption({ label: "Programme" });
  await shot(page, "calendar-settings");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.getByLabel("Event description (feeds)").waitFor({ state: "detached" });

  // Feeds: published from the view bar, fetched without a cookie.
  await page.getByRole("link", { name: "Feeds…" }).click();
  await page.getByRole("button", { name: "Publish feeds" }).click();
  const ics = await page.locator("#feed-ics").inputValue();
  assert.match(ics, new RegExp(`/t/${db}/feeds/[\\w-]{22}\\.ics$`));
  await shot(page, "calendar-feeds");
  const response = await fetch(ics);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("set-cookie"), null);
  const text = await response.text();
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.ok(text.includes(`SUMMARY:${name.replace(/[\\;,]/g, (c) => `\\${c}`)}`), "the event is in the feed");
  assert.match(text, /\r\nDESCRIPTION:[^\r]+/, "events are described by the field chosen");
  const again = await fetch(ics, { headers: { "if-none-match": response.headers.get("etag") } });
  assert.equal(again.status, 304);
  await page.getByRole("button", { name: "Stop feeds" }).click();
  await page.getByRole("button", { name: "Publish feeds" }).waitFor();
  assert.equal((await fetch(ics)).status, 404);
  await page.context().close();

  // Without JavaScript: the same month by its address, links to move and to open a record.
  const plain = await newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  await plain.goto(monthUrl.replace(/\?.*$/, ""));
  await plain.getByLabel("Email", { exact: true }).fill("ada@example.org");
  await plain.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await plain.getByRole("button", { name: "Sign in" }).click();
  await plain.locator(".calendar.month").waitFor();
  assert.equal(await title(plain), month);
  await plain.getByRole("link", { name: "Next month" }).click();
  await until(() => title(plain), next, "the next month without JavaScript");
  assert.match(plain.url(), /\/at\/\d{4}-\d{2}\?/);
  await plain.getByRole("link", { name: "Previous month" }).click();
  await until(() => title(plain), month, "back a month without JavaScript");
  await plain.locator(".cal-event").first().click();
  await plain.getByRole("dialog").waitFor();
  await shot(plain, "calendar-nojs-record");
  // A week without JavaScript: each weekday's label stands over its own day column.
  await plain.goto(monthUrl.replace(/\?.*$/, ""));
  await plain.getByRole("link", { name: "Week", exact: true }).click();
  await plain.locator(".calendar.week .cal-hours-day").first().waitFor();
  const heads = await plain.locator(".calendar.week .cal-head span:not(.cal-gutter-head)").evaluateAll((spans) => spans.map((s) => Math.round(s.getBoundingClientRect().left)));
  const columns = await plain.locator(".calendar.week .cal-hours-day").evaluateAll((days) => days.map((d) => Math.round(d.getBoundingClientRect().left)));
  assert.equal(heads.length, 7);
  assert.deepEqual(heads, columns, "weekday labels over their columns");
  await shot(plain, "calendar-nojs-week");
  await plain.context().close();
});
