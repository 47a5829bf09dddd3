// What the bench does to Trove through its real HTTP and WebSocket surface: sign up, sign
// in, open a page (an address with its render key), its live socket, and find callback ids
// in rendered HTML.

import { Browser, openSocket } from "./client.mjs";

export const PASSWORD = "correct horse battery";

export const ownerEmail = (db) => `owner@${db}.example.org`;

/** Signs up a new database (with the sample orchestra when `sample`); returns the owner's
 *  browser (cookie set). */
export async function signUp(origin, db, name = "Olive Owner", { sample = false } = {}) {
  const browser = new Browser(origin);
  const response = await browser.post("/", { database: db, name, email: ownerEmail(db), password: PASSWORD, ...(sample ? { sample: "yes" } : {}) });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`sign-up of ${db} answered ${response.status}`);
  return browser;
}

/** Signs in (as the owner by default); returns the response (303 to the tables list). A new sign-in is a
 *  new session (the session is found from the sign-in cookie). */
export async function signIn(browser, db, email = ownerEmail(db), password = PASSWORD) {
  const response = await browser.post(`/t/${db}/signin`, { email, password, next: "" });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign-in to ${db} answered ${response.status}`);
  return response;
}

/** A page as a browser holds it after loading it: its address with its render key
 *  (`/t/<db>/<place>?k=<key>`), the key (the page's `<body data-key>`) and the HTML. */
export function pageOf(url, html) {
  const key = /<body[^>]* data-key="([\w-]+)"/.exec(html)?.[1];
  if (!key) throw new Error(`the page at ${url} carries no render key`);
  const path = new URL(url, "http://x").pathname;
  return { url: `${path}?k=${key}`, path, key, html };
}

/** Opens a place of the database (by default its home: GET /t/<db>/ → 303 → the tables
 *  list, a fresh render key of this sign-in's session). Returns the page. */
export async function openPage(browser, db, path = `/t/${db}/`) {
  const { response, url, html } = await browser.open(path);
  if (response.status !== 200 || !new URL(url, "http://x").pathname.startsWith(`/t/${db}/`)) throw new Error(`opening ${path} landed on ${url} (${response.status})`);
  return pageOf(url, html);
}

/** Puts a frame's regions back together, as src/ui/engine/regions.ts `joinRegions` does
 *  (the bench runs plain Node and does not compile the product's TypeScript). */
export function joinRegions(regions) {
  const byId = new Map(regions);
  const expand = (html) => html.replace(/<([a-z][\w-]*) id="([^"]+)" data-stub><\/\1>/g, (stub, _tag, id) => {
    const inner = byId.get(id);
    return inner === undefined ? stub : expand(inner);
  });
  return regions.length === 0 ? "" : expand(regions[0][1]);
}

/** The live socket of one page (tab): keeps the render key and the regions it was sent, as
 *  the browser runtime does, and the size on the wire of each frame. */
export class PageSocket {
  constructor(socket, page) {
    this.socket = socket;
    this.key = page.key;
    this.path = page.path;
    this.seq = 0;
    /** Region markup by id: what this tab shows. */
    this.regions = new Map();
    /** Frames that arrived without being waited for (pushes), with `bytes`. */
    this.pushes = [];
  }

  send(frame) {
    this.socket.send(JSON.stringify(frame));
  }

  /** Says which state the page shows (as the runtime does once its socket opens). */
  hello({ full = false } = {}) {
    this.send({ t: "hello", seq: ++this.seq, k: this.key, path: this.path, ...(full ? { full: true } : {}) });
    return this.seq;
  }

  /** Sends an event on the state the page shows; returns its seq (the reply's `re`). */
  event(fields, action) {
    this.send({ t: "event", fields, action, seq: ++this.seq, k: this.key });
    return this.seq;
  }

  /** The next frame (parsed, applied, with `bytes`), or a rejection after `timeoutMs`. */
  async next(timeoutMs = 10_000) {
    const text = await this.socket.next(timeoutMs);
    const frame = JSON.parse(text);
    frame.bytes = Buffer.byteLength(text);
    if (frame.t === "render") {
      this.key = frame.key;
      this.path = new URL(frame.url, "http://x").pathname;
      for (const [id, html] of frame.regions) this.regions.set(id, html);
    }
    return frame;
  }

  /** Waits for the frame that answers `seq`; frames before it are kept in `pushes`. */
  async reply(seq, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const frame = await this.next(Math.max(1, until - Date.now()));
      if (frame.t === "redirect") throw new Error(`the page was redirected to ${frame.location}`);
      if (frame.re === seq) return frame;
      this.pushes.push(frame);
    }
  }

  /** Every frame that arrives within `ms` (pushes included). */
  async collect(ms) {
    const until = Date.now() + ms;
    const frames = [...this.pushes.splice(0)];
    for (;;) {
      const left = until - Date.now();
      if (left <= 0) return frames;
      try {
        frames.push(await this.next(left));
      } catch {
        return frames;
      }
    }
  }

  /** The page as the browser shows it now. */
  get html() {
    return joinRegions([...this.regions]);
  }

  close() {
    this.socket.close();
  }
}

/** Opens the live socket of `page` (/t/<db>/ws, sign-in cookie only) and says hello with the
 *  page's render key and address. A plain hello is answered only when something differs from
 *  what the page showed, so by default nothing is awaited; `full` asks for every region and
 *  waits for them (a bench client that has no page to start from). */
export async function pageSocket(browser, db, page, { full = false } = {}) {
  const socket = new PageSocket(await openSocket(`${browser.origin.replace(/^http/, "ws")}/t/${db}/ws`, browser.cookieHeader), page);
  const seq = socket.hello({ full });
  if (full) await socket.reply(seq);
  return socket;
}

/** Callback ids of the tables page: the "New table" input, "Create table" and the "Tables" link. */
export function tablesPageCallbacks(html) {
  const input = /<input id="new-table" name="([^"]+)"/.exec(html)?.[1];
  const create = /name="_a" value="([^"]+)"[^>]*>Create table</.exec(html)?.[1];
  const tablesHref = /<a href="([^"]+)" class="nav-link[^"]*"[^>]*>\s*Tables\s*</.exec(html)?.[1];
  const tables = tablesHref && new URL(unescapeHtml(tablesHref), "http://x").searchParams.get("cb");
  if (!input || !create || !tables) throw new Error("could not find the tables page's callbacks in its HTML");
  return { input, create, tables };
}

/** Sends one event frame on the socket's page and waits for its reply (a reply always comes,
 *  with `re`, possibly with no regions); returns the frame. */
export async function roundTrip(socket, fields, action) {
  const frame = await socket.reply(socket.event(fields, action));
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
    const res = await benchFetch(`${origin}/__bench/load?db=${db}&table=${encodeURIComponent(table)}&from=${at}&count=${n}&seed=${seed}`, { method: "POST" });
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
    const res = await benchFetch(`${origin}/o/${name}/seed-records?from=${at}&count=${Math.min(batch, count - at)}&seed=${seed}`, { method: "POST" });
    if (!res.ok) throw new Error(`seeding baseline records answered ${res.status}`);
    total = (await res.json()).total;
  }
  return { ms: performance.now() - start, total };
}

export const unescapeHtml = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)))
    .replace(/&amp;/g, "&");

/** The callback href of a link found by `pattern` (its first group is the href). */
function linkHref(html, pattern, what) {
  const href = pattern.exec(html)?.[1];
  if (!href?.includes("cb=")) throw new Error(`could not find ${what} in the page`);
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

/** Follows a callback link (GET <place>?k=…&cb=… → 303 → the new address, with its render
 *  key); returns the page it lands on. */
export async function follow(browser, href) {
  const { response, url, html } = await browser.open(href);
  if (response.status !== 200) throw new Error(`following ${href} landed on ${url} (${response.status})`);
  return pageOf(url, html);
}

/** Connection failures that happen before any answer: the local workerd sometimes closes a
 *  kept-alive connection just as the next request goes out on it ("other side closed",
 *  ECONNRESET; the process stays up and logs nothing), seen a few times per 100,000-record
 *  run. */
const DROPPED = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

/** fetch, sent again (twice at most, logged) when the connection was dropped before any
 *  answer came. For bench requests only: a load that did land and is sent again shows up as
 *  a wrong record count, which the fixture checks. */
export async function benchFetch(url, init, log = (text) => process.stderr.write(`[bench] ${text}\n`)) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = error?.cause?.code;
      if (attempt > 2 || !DROPPED.has(code)) throw error;
      log(`connection dropped (${code}: ${error.cause.message}) on ${new URL(url).pathname}; sending again`);
    }
  }
}
