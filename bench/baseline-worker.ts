// Bench-only baseline worker and Durable Object: the cheapest way to do what Trove does, on
// the same platform, in the same run. Never part of the deployed bundle (wrangler.toml's
// main is src/worker/index.tsx); bench/lib/build.mjs bundles it for Miniflare only.
//
//   GET  /o/<name>/page       wake + one query + a small HTML page (wake baseline)
//   POST /o/<name>/seed       JSON rows → a `people` table (for the SELECT baseline)
//   GET  /o/<name>/select     SELECT … LIMIT 100, rendered as an HTML table
//   POST /o/<name>/pbkdf2     one PBKDF2-SHA256 at 100,000 iterations (sign-in baseline)
//   GET  /o/<name>/ws         a hibernatable WebSocket that echoes every message

import { DurableObject } from "cloudflare:workers";

export interface BaselineEnv {
  BASELINE: DurableObjectNamespace<BaselineObject>;
}

type Person = {
  id: number;
  name: string;
  email: string;
  city: string;
  joined: number;
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlPage(title: string, body: string): Response {
  return new Response(`<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`, {
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

export class BaselineObject extends DurableObject<BaselineEnv> {
  constructor(ctx: DurableObjectState, env: BaselineEnv) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, city TEXT, joined INTEGER)");
  }

  override async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const route = pathname.split("/")[3] ?? "";
    const { sql } = this.ctx.storage;
    switch (route) {
      case "page": {
        const n = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM people").one().n;
        return htmlPage("Baseline", `<p>${n} people</p>`);
      }
      case "seed": {
        const rows = (await request.json()) as Person[];
        this.ctx.storage.transactionSync(() => {
          for (const r of rows) sql.exec("INSERT OR REPLACE INTO people (id, name, email, city, joined) VALUES (?, ?, ?, ?, ?)", r.id, r.name, r.email, r.city, r.joined);
        });
        return Response.json({ ok: true, rows: rows.length });
      }
      case "select": {
        const rows = sql.exec<Person>("SELECT id, name, email, city, joined FROM people ORDER BY name LIMIT 100").toArray();
        const body = rows.map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.email)}</td><td>${escapeHtml(r.city)}</td><td>${r.joined}</td></tr>`).join("");
        return htmlPage("People", `<table>${body}</table>`);
      }
      case "pbkdf2": {
        const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("correct horse"), "PBKDF2", false, ["deriveBits"]);
        const salt = crypto.getRandomValues(new Uint8Array(16));
        await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_000 }, key, 256);
        return new Response(null, { status: 303, headers: { location: "/" } });
      }
      case "ws": {
        if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket upgrade.", { status: 400 });
        const pair = new WebSocketPair();
        this.ctx.acceptWebSocket(pair[1]);
        return new Response(null, { status: 101, webSocket: pair[0] });
      }
      default:
        return new Response("not found", { status: 404 });
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    ws.send(message);
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }
}

export default {
  async fetch(request: Request, env: BaselineEnv): Promise<Response> {
    const name = new URL(request.url).pathname.split("/")[2];
    if (!name) return new Response("not found", { status: 404 });
    return env.BASELINE.getByName(name).fetch(request);
  },
} satisfies ExportedHandler<BaselineEnv>;
