// What the bench does to Trove through its real HTTP and WebSocket surface: sign up, sign
// in, open a session page, and find callback ids in rendered HTML.

import { Browser, openSocket } from "./client.mjs";

export const PASSWORD = "correct horse battery";

const ownerEmail = (db) => `owner@${db}.example.org`;

/** Signs up a new database; returns the owner's browser (cookie set). */
export async function signUp(origin, db, name = "Olive Owner") {
  const browser = new Browser(origin);
  const response = await browser.post("/", { database: db, name, email: ownerEmail(db), password: PASSWORD });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign-up of ${db} answered ${response.status}`);
  return browser;
}

/** Signs in as the owner; returns the response (303 to a new session). */
export async function signIn(browser, db) {
  const response = await browser.post(`/t/${db}/signin`, { email: ownerEmail(db), password: PASSWORD, next: "" });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign-in to ${db} answered ${response.status}`);
  return response;
}

/** Opens the database's home: a new session. Returns its id, address and HTML. */
export async function openSession(browser, db) {
  const { response, url, html } = await browser.open(`/t/${db}/`);
  const sid = /\/s\/([A-Za-z0-9_-]+)$/.exec(url)?.[1];
  if (response.status !== 200 || !sid) throw new Error(`opening ${db} landed on ${url} (${response.status})`);
  return { sid, url, html };
}

/** The session's WebSocket, with the sign-in cookie; by default after its greeting frames
 *  (the presence broadcast its arrival causes) have settled. */
export async function sessionSocket(browser, db, sid, { settle = true } = {}) {
  const socket = await openSocket(`${browser.origin.replace(/^http/, "ws")}/t/${db}/ws?s=${sid}`, browser.cookieHeader);
  if (settle) await socket.settle();
  return socket;
}

/** Callback ids of the tables page: the "New table" input, "Create table" and the "Tables" link. */
export function tablesPageCallbacks(html) {
  const input = /<input id="new-table" name="([^"]+)"/.exec(html)?.[1];
  const create = /name="_a" value="([^"]+)"[^>]*>Create table</.exec(html)?.[1];
  const tables = /href="[^"?]*\?cb=([^"]+)"[^>]*>Tables</.exec(html)?.[1];
  if (!input || !create || !tables) throw new Error("could not find the tables page's callbacks in its HTML");
  return { input, create, tables };
}

/** Sends one event frame and waits for its render frame; returns the frame. */
export async function roundTrip(socket, fields, action, seq) {
  socket.send(JSON.stringify({ t: "event", fields, action, seq }));
  const frame = JSON.parse(await socket.next());
  if (frame.t !== "render") throw new Error(`expected a render frame, got ${frame.t}`);
  return frame;
}

/** Fills table `table` of `db` with `count` seeded records (bench/bench-records.ts) through
 *  the engine's real action path, in batches (one transaction each), via the bench-only
 *  RPC in bench/trove-entry.ts. Returns the wall time in ms and the table's record count. */
export async function loadRecords(origin, db, { table, count, seed, batch = 5000, from = 0 }) {
  const start = performance.now();
  let total = 0;
  const batches = [];
  for (let at = from; at < from + count; at += batch) {
    const n = Math.min(batch, from + count - at);
    const t0 = performance.now();
    const res = await fetch(`${origin}/__bench/load?db=${db}&table=${encodeURIComponent(table)}&from=${at}&count=${n}&seed=${seed}`, { method: "POST" });
    const body = await res.json();
    if (!body.ok) throw new Error(`bench load into ${db} failed: ${body.reason}`);
    batches.push({ from: at, count: n, ms: performance.now() - t0 });
    total = body.total;
  }
  return { ms: performance.now() - start, total, batches };
}

/** The same seeded rows into the baseline object `name` (its `records` table). */
export async function loadBaselineRecords(origin, name, { count, seed, batch = 20_000 }) {
  const start = performance.now();
  let total = 0;
  for (let at = 0; at < count; at += batch) {
    const res = await fetch(`${origin}/o/${name}/seed-records?from=${at}&count=${Math.min(batch, count - at)}&seed=${seed}`, { method: "POST" });
    if (!res.ok) throw new Error(`seeding baseline records answered ${res.status}`);
    total = (await res.json()).total;
  }
  return { ms: performance.now() - start, total };
}

const unescapeHtml = (s) => s.replace(/&amp;/g, "&").replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));

/** The callback href of a link found by `pattern` (its first group is the href). */
function linkHref(html, pattern, what) {
  const href = pattern.exec(html)?.[1];
  if (!href?.includes("?cb=")) throw new Error(`could not find ${what} in the page`);
  return unescapeHtml(href);
}

/** The tables page's link that opens `table` (a.table-name, a callback link). */
export const tableLink = (html, table) => linkHref(html, new RegExp(`<a class="table-name" href="([^"]+)"[^>]*>${table}</a>`), `the link to table ${table}`);
/** The grid header's "Sort by <field>" link. */
export const sortLink = (html, field) => linkHref(html, new RegExp(`<a href="([^"]+)" aria-label="Sort by ${field}"`), `“Sort by ${field}”`);
/** The grid header's "N not understood" link (the first), and N. */
export function invalidLink(html) {
  const m = /<a class="invalid-count" href="([^"]+)">([\d,]+) not understood<\/a>/.exec(html);
  if (!m) throw new Error("could not find a “not understood” link in the page");
  return { href: unescapeHtml(m[1]), count: Number(m[2].replace(/,/g, "")) };
}

/** Follows a callback link (GET …?cb= → 303 → the session page); returns the page. */
export async function follow(browser, href) {
  const page = await browser.open(href);
  if (page.response.status !== 200) throw new Error(`following ${href} landed on ${page.url} (${page.response.status})`);
  return page;
}
