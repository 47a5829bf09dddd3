// Helpers for workerd tests: a browser-like client with a cookie jar that signs up, signs
// in and clicks through a database's pages over the worker's real HTTP surface.

import { exports } from "cloudflare:workers";
import type { Tenant } from "../../src/tenant-do/tenant";
import { TestClient } from "../../src/ui/engine/test-client";
import { ACTION_FIELD, FETCH_HEADER } from "../../src/ui/protocol";

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

  /** Opens the database's app and returns a test client that clicks through HTTP. */
  async app(database: string): Promise<{ client: TestClient; sessionUrl: string }> {
    const { url, html } = await this.open(`/t/${database}/`);
    if (!url.includes("/s/")) throw new Error(`not signed in to ${database}: landed on ${url}`);
    const sessionUrl = url;
    const client = new TestClient(async (fields, action) => {
      const body = new URLSearchParams(fields);
      if (action) body.append(ACTION_FIELD, action);
      const response = await this.fetch(sessionUrl, { method: "POST", body, headers: { [FETCH_HEADER]: "1" } });
      const frame = (await response.json()) as { t: string; html?: string; location?: string };
      if (frame.t !== "render" || frame.html === undefined) throw new Error(`expected a render, got ${JSON.stringify(frame)}`);
      return frame.html;
    }, rootOf(html));
    return { client, sessionUrl };
  }
}

/** The application root of a full page. */
export function rootOf(html: string): string {
  const start = html.indexOf('<div id="trove-root">');
  return start < 0 ? html : html.slice(start, html.lastIndexOf("</body>"));
}

/** A socket client for a session: collects the frames the object pushes. */
export class SocketClient {
  frames: { t: string; html?: string; location?: string; epoch?: number }[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(String(event.data)));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(browser: Browser, database: string, sessionUrl: string): Promise<SocketClient> {
    const sid = sessionUrl.split("/").pop();
    const response = await browser.fetch(`/t/${database}/ws?s=${sid}`, { headers: { upgrade: "websocket" } });
    if (!response.webSocket) throw new Error(`no socket: ${response.status}`);
    return new SocketClient(response.webSocket);
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Waits for a frame matching `test` (among those not yet consumed), up to `ms`. */
  async next(test: (f: SocketClient["frames"][number]) => boolean = () => true, ms = 3000) {
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
  const { client, sessionUrl } = await browser.app(database);
  return { browser, client, sessionUrl };
}

/** Signs up `database` with the sample orchestra data; returns the owner's browser. */
export async function sampleDatabase(database: string): Promise<Browser> {
  const browser = new Browser();
  const response = await browser.post("/", { database, name: "Olive Owner", email: `owner@${database}.org`, password: "correct horse", sample: "yes" });
  if (response.status !== 303) throw new Error(`sample sign-up refused: ${response.status}`);
  return browser;
}

export type FormPost = { body: BodyInit; type?: string; ip?: string; headers?: Record<string, string> };

/** POSTs answers to the public form /f/<database>/<form>, as a page on another site would
 *  (no cookies). */
export function postForm(database: string, form: string, { body, type = "application/x-www-form-urlencoded", ip = "203.0.113.1", headers = {} }: FormPost): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}/f/${database}/${form}`, { method: "POST", body, redirect: "manual", headers: { "content-type": type, "cf-connecting-ip": ip, ...headers } }));
}

/** Creates a table from the Tables page and opens it. */
export async function openNewTable(client: TestClient, name: string): Promise<void> {
  client.fill("New table", name);
  await client.click("Create table");
  await client.click(name);
}

/** Adds a field at the end of the open table's grid. */
export async function addField(client: TestClient, name: string, type = "text"): Promise<void> {
  await client.click("Add field");
  client.fill("Field name", name);
  client.fill("Type", type);
  await client.click("Add field");
}

/** The Tenant engine inside a TenantDatabase instance (for runInDurableObject). */
export const tenantOf = (instance: unknown) => (instance as { tenant: Tenant }).tenant;
