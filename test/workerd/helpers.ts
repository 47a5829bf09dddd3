// Helpers for workerd tests: a browser-like client with a cookie jar that signs up, signs
// in and clicks through a database's pages over the worker's real HTTP surface.

import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { Tenant } from "../../src/tenant-do/tenant";
import { TestClient } from "../../src/ui/engine/test-client";
import { joinRegions } from "../../src/ui/engine/regions";
import { ACTION_FIELD, FETCH_HEADER, KEY_PARAM, type ServerFrame } from "../../src/ui/protocol";

export const ORIGIN = "http://trove.test";

export class Browser {
  cookies = new Map<string, string>();

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if ((init.method ?? "GET") === "POST" && !headers.has("origin")) headers.set("origin", ORIGIN);
    const response = await exports.default.fetch(new Request(new URL(path, ORIGIN), { ...init, headers, redirect: "manual" }));
    for (const line of response.headers.getSetCookie()) {
      const [pair] = String(line).split(";");
      const [name, value] = pair!.split("=");
      if (value === "" || /Max-Age=0/.test(String(line))) this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return response;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, { method: "POST", body: new URLSearchParams(form), headers });
  }

  /** GET, following redirects (as a browser does). */
  async open(path: string): Promise<{ response: Response; url: string; html: string }> {
    let url = path;
    for (let i = 0; i < 5; i++) {
      const response = await this.fetch(url);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        url = location;
        continue;
      }
      return { response, url, html: await response.text() };
    }
    throw new Error(`too many redirects from ${path}`);
  }

  async signUp(database: string, email = `owner@${database}.org`, password = "correct horse"): Promise<Response> {
    return this.post("/", { database, name: "Olive Owner", email, password });
  }

  async signIn(database: string, email: string, password: string, next = ""): Promise<Response> {
    return this.post(`/t/${database}/signin`, { email, password, next });
  }

  /** Opens the database's app and returns a test client that clicks through HTTP (the
   *  runtime's fetch fallback: each event posts to the current place with the render key of
   *  the link or form it came from, and the answer is a frame of every region). */
  async app(database: string, path = `/t/${database}/`): Promise<{ client: TestClient; sessionUrl: string; current: () => string }> {
    const { url, html } = await this.open(path);
    if (!new URL(url, ORIGIN).pathname.startsWith(`/t/${database}/`) || !html.includes('id="trove-root"')) throw new Error(`not signed in to ${database}: landed on ${url}`);
    let current = url;
    const client = new TestClient(async (fields, action, address) => {
      const body = new URLSearchParams(fields);
      if (action) body.append(ACTION_FIELD, action);
      const key = address ? new URL(address, ORIGIN).searchParams.get(KEY_PARAM) : null;
      const response = await this.fetch(`${new URL(current, ORIGIN).pathname}${key ? `?${KEY_PARAM}=${key}` : ""}`, { method: "POST", body, headers: { [FETCH_HEADER]: "1" } });
      const frame = (await response.json()) as ServerFrame;
      if (frame.t !== "render") throw new Error(`expected a render, got ${JSON.stringify(frame)}`);
      current = frame.url;
      return (frame.notice ? `<div class="notice" data-kind="${frame.notice.kind}">${frame.notice.text}</div>` : "") + joinRegions(frame.regions);
    }, rootOf(html));
    return { client, sessionUrl: url, current: () => current };
  }
}

/** The notices and application root of a full page. */
export function rootOf(html: string): string {
  const start = html.indexOf('<div id="trove-notices"');
  return start < 0 ? html : html.slice(start, html.lastIndexOf("</body>"));
}

/** The markup a render frame carries, its regions joined. */
export const frameHtml = (frame: ServerFrame) => (frame.t === "render" ? joinRegions(frame.regions) : "");

/** A frame as a test sees it: with the page it leaves the browser showing (its regions put
 *  together with those sent before) and its size on the wire. */
export type SeenFrame = ServerFrame & { html?: string; bytes: number };

/** A socket client for a page: collects the frames the object pushes, keeping the regions
 *  it was sent as a browser does. */
export class SocketClient {
  frames: SeenFrame[] = [];
  key = "";
  private seq = 100;
  private readonly regions = new Map<string, string>();
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (event) => {
      const text = String(event.data);
      const frame = JSON.parse(text) as SeenFrame;
      frame.bytes = new TextEncoder().encode(text).length;
      if (frame.t === "render") {
        this.key = frame.key;
        for (const [id, html] of frame.regions) this.regions.set(id, html);
        frame.html = joinRegions([...this.regions]);
      }
      this.frames.push(frame);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Opens the live socket of the page at `address`, says which state it shows (hello) and
   *  takes the whole render (a test has no page to start from). */
  static async open(browser: Browser, database: string, address: string): Promise<SocketClient> {
    const response = await browser.fetch(`/t/${database}/ws`, { headers: { upgrade: "websocket" } });
    if (!response.webSocket) throw new Error(`no socket: ${response.status}`);
    const client = new SocketClient(response.webSocket);
    const url = new URL(address, ORIGIN);
    client.send({ t: "hello", seq: 0, k: url.searchParams.get(KEY_PARAM) ?? "", path: url.pathname, full: true });
    await client.next((f) => f.t === "render");
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends an event on the state this socket shows; returns its seq (the reply's `re`). */
  event(fields: [string, string][], action: string | null): number {
    this.send({ t: "event", fields, action, seq: ++this.seq, k: this.key });
    return this.seq;
  }

  /** The page as the browser shows it now. */
  get html(): string {
    return joinRegions([...this.regions]);
  }

  /** Waits for a frame matching `test` (among those not yet consumed), up to `ms`. */
  async next(test: (f: SeenFrame) => boolean = () => true, ms = 10_000): Promise<SeenFrame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.frames.findIndex(test);
      if (index >= 0) return this.frames.splice(0, index + 1)[index]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame; got ${JSON.stringify(this.frames.map((f) => f.t))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  }
}

/** Signs up a database and invites a member with `role`; returns both browsers. */
export async function withMember(database: string, role: string, email = `${role}@${database}.org`) {
  const { browser: owner, client } = await ownerApp(database);
  const { member, invitationPath } = await invite(client, role, email);
  return { owner, member, ownerClient: client, invitationPath };
}

/** Invites `email` with `role` from the owner's client and accepts as a new browser. */
export async function invite(ownerClient: TestClient, role: string, email: string) {
  await ownerClient.click("Members");
  ownerClient.fill("Email", email);
  ownerClient.fill("Role", role);
  await ownerClient.click("Create invitation");
  const link = ownerClient.query("input[aria-label='Invitation link']")?.getAttribute("value");
  if (!link) throw new Error(`no invitation link: ${ownerClient.text}`);
  const member = new Browser();
  const invitationPath = new URL(link).pathname;
  const accepted = await member.post(invitationPath, { name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`, password: "member password" });
  if (accepted.status !== 303) throw new Error(`invitation refused: ${accepted.status} ${await accepted.text()}`);
  return { member, invitationPath };
}

/** Signs up `database` (optionally with the sample data) and opens it as its owner. */
export async function ownerApp(database: string, options: { sample?: boolean } = {}) {
  const browser = options.sample ? await sampleDatabase(database) : new Browser();
  if (!options.sample) await browser.signUp(database);
  const { client, sessionUrl, current } = await browser.app(database);
  return { browser, client, sessionUrl, current };
}

/** Signs up `database` with the sample orchestra data; returns the owner's browser. */
export async function sampleDatabase(database: string): Promise<Browser> {
  const browser = new Browser();
  const response = await browser.post("/", { database, name: "Olive Owner", email: `owner@${database}.org`, password: "correct horse", sample: "yes" });
  if (response.status !== 201) throw new Error(`sample sign-up refused: ${response.status}`);
  return browser;
}

export type FormPost = { body: BodyInit; type?: string; ip?: string; headers?: Record<string, string> };

/** POSTs answers to the public form /f/<database>/<form>, as a page on another site would
 *  (no cookies). */
export function postForm(database: string, form: string, { body, type = "application/x-www-form-urlencoded", ip = "203.0.113.1", headers = {} }: FormPost): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}/f/${database}/${form}`, { method: "POST", body, redirect: "manual", headers: { "content-type": type, "cf-connecting-ip": ip, ...headers } }));
}

/** Creates a table from the Tables page; it opens on its grid, with a "Name" field. */
export async function openNewTable(client: TestClient, name: string): Promise<void> {
  client.fill("New table", name);
  await client.click("Create table");
}

/** Adds a field at the end of the open table's grid through the set-up dialog, as without
 *  JavaScript: pick the type, show its settings, fill them (`setup`: label → value). */
/** Makes a shared view of the open table, named `name`, and stays on it. */
export async function newSharedView(client: TestClient, name: string): Promise<void> {
  await client.click("+ New view");
  client.fill("Name of the new view", name);
  await client.click("Create shared view");
}

export async function addField(client: TestClient, name: string, type = "text", setup: Record<string, string> = {}): Promise<void> {
  await client.click("Add field");
  client.fill("Field name", name);
  client.fill("Type", type);
  await client.click("Show settings for this type");
  for (const [label, value] of Object.entries(setup)) client.fill(label, value);
  await client.click("Add field", "[role=dialog]");
}

/** The Tenant engine inside a TenantDatabase instance (for runInDurableObject). */
export const tenantOf = (instance: unknown) => (instance as { tenant: Tenant }).tenant;

/** The owner of a new `database` with a table "Guests" (a Name field) and a new form for it,
 *  titled `title`, open in its builder. */
export async function ownerWithNewForm(database: string, title = "RSVP") {
  const app = await ownerApp(database);
  await openNewTable(app.client, "Guests");
  await app.client.click("← Tables");
  await app.client.click("Forms");
  app.client.fill("New form", title);
  await app.client.click("Create form");
  return app;
}

/** What a database holds, read in its object: for comparing a restored backup with its
 *  original (schema, records with their typed text, counts, members and settings). */
export function databaseContents(database: string) {
  return runInDurableObject(env.TENANT.getByName(database), (_instance, state) => {
    const sql = state.storage.sql;
    return {
      schema: JSON.parse(sql.exec<{ json: string }>("SELECT json FROM schema_doc").one().json) as unknown,
      records: sql.exec("SELECT id, table_id, seq, created_at, deleted_at, cells FROM records ORDER BY table_id, seq").toArray(),
      stats: sql.exec("SELECT table_id, field_id, n FROM record_stats WHERE n > 0 ORDER BY table_id, field_id").toArray(),
      members: sql.exec("SELECT id, email, name, role FROM users ORDER BY email").toArray(),
      settings: sql.exec("SELECT key, value FROM meta WHERE key IN ('time_zone', 'session_ttl_days') ORDER BY key").toArray(),
    };
  });
}
