// Bench-only baseline worker and Durable Object: the cheapest way to do what Trove does, on
// the same platform, in the same run. Never part of the deployed bundle (wrangler.toml's
// main is src/worker/index.tsx); bench/lib/build.mjs bundles it for Miniflare only.
//
//   GET  /o/<name>/page       wake + one query + a small HTML page (wake baseline)
//   POST /o/<name>/seed       JSON rows → a `people` table (for the SELECT baseline)
//   GET  /o/<name>/select     SELECT … LIMIT 100, rendered as an HTML table
//   POST /o/<name>/pbkdf2     one PBKDF2-SHA256 at 100,000 iterations (sign-in baseline)
//   GET  /o/<name>/ws         a hibernatable WebSocket that echoes every message
//   POST /o/<name>/seed-records?from=&count=&seed=   seeded rows (bench-records.ts) → `records`
//        (id, seq, JSON cells shaped like Trove's: text, parsed value, sort key "k", invalid)
//   GET  /o/<name>/records?limit=50[&sort=famount][&invalid=famount]   one page of `records`
//        (ORDER BY seq, or by json_extract of the sort key; WHERE …invalid IS NOT NULL), as HTML
//        inputs like a grid; no COUNT(*)
//   POST /o/<name>/insert     urlencoded answers, parsed in the worker and passed to the object
//        over RPC (`insert`), which does one INSERT of their JSON into `submissions`; 303
//        (the public-form baseline: bare worker → object → one INSERT)
//   GET  /o/<name>/submissions   { total } rows in `submissions`
//   POST /o/<name>/set-cell?id=&text=   one UPDATE of one cell in a row's JSON
//   POST /o/<name>/evict      the object resets itself (ctx.abort); the isolate stays warm
//   GET  /o/<name>/dump       every row of `records` as JSON lines [id, seq, cells] (the raw
//        read a backup is measured against, scenario 11)
//   POST /o/<name>/load       such JSON lines → INSERTs into `records`, one transaction (the raw
//        write a restore is measured against)

import { DurableObject } from "cloudflare:workers";
import { benchRow, IMPORT_MIX, type JunkMix } from "./bench-records";

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

/** A bench row's cells as JSON shaped like Trove's stored cells (text, value, sort key "k",
 *  or invalid), so both sides parse and sort JSON of about the same size. */
function baselineCells(seed: number, index: number, mix?: JunkMix): string {
  const row = benchRow(seed, index, mix);
  return JSON.stringify({
    fname: { text: row.name, value: row.name, k: row.name.toLowerCase() },
    famount: row.cents === null ? { text: row.amount, invalid: "not understood as money" } : { text: row.amount, value: { amount: row.cents / 100, currency: "USD" }, k: row.cents / 100 },
    fsection: { text: row.section, value: row.section, k: row.section },
    fjoined: row.joinedMs === null ? { text: row.joined, invalid: "not understood as a date" } : { text: row.joined, value: { date: row.joined }, k: row.joinedMs },
  });
}

export class BaselineObject extends DurableObject<BaselineEnv> {
  constructor(ctx: DurableObjectState, env: BaselineEnv) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, city TEXT, joined INTEGER)");
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, cells TEXT NOT NULL)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS records_seq ON records(seq)");
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, answers TEXT NOT NULL)");
  }

  /** RPC from the worker's /insert route: one INSERT of the answers as JSON. */
  async insert(answers: { [name: string]: string }): Promise<void> {
    this.ctx.storage.sql.exec("INSERT INTO submissions (at, answers) VALUES (?, ?)", Date.now(), JSON.stringify(answers));
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
      case "seed-records": {
        const q = new URL(request.url).searchParams;
        const from = Number(q.get("from"));
        const count = Number(q.get("count"));
        const seed = Number(q.get("seed"));
        const mix = q.get("mix") === "import" ? IMPORT_MIX : undefined;
        this.ctx.storage.transactionSync(() => {
          for (let i = from; i < from + count; i++) sql.exec("INSERT OR REPLACE INTO records (id, seq, cells) VALUES (?, ?, ?)", `r${String(i).padStart(7, "0")}`, i + 1, baselineCells(seed, i, mix));
        });
        return Response.json({ ok: true, total: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records").one().n });
      }
      case "records": {
        const q = new URL(request.url).searchParams;
        const limit = Number(q.get("limit") ?? "50");
        const sort = q.get("sort");
        const invalid = q.get("invalid");
        const where = invalid ? "WHERE json_extract(cells, ?) IS NOT NULL" : "";
        const order = sort ? "ORDER BY json_extract(cells, ?)" : "ORDER BY seq";
        const params = [...(invalid ? [`$.${invalid}.invalid`] : []), ...(sort ? [`$.${sort}.k`] : []), limit];
        const rows = sql.exec<{ id: string; cells: string }>(`SELECT id, cells FROM records ${where} ${order} LIMIT ?`, ...params).toArray();
        const body = rows
          .map((r) => {
            const cells = JSON.parse(r.cells) as { [field: string]: { text: string } };
            return `<tr><th><a href="?open=${r.id}">${r.id}</a></th>${Object.values(cells)
              .map((c) => `<td><input name="${r.id}" value="${escapeHtml(c.text)}"></td>`)
              .join("")}</tr>`;
          })
          .join("");
        return htmlPage("Records", `<table>${body}</table>`);
      }
      case "set-cell": {
        // One UPDATE of one cell inside the row's JSON (the cell-edit baseline).
        const q = new URL(request.url).searchParams;
        const cell = JSON.stringify({ text: q.get("text") ?? "", value: q.get("text") ?? "", k: (q.get("text") ?? "").toLowerCase() });
        sql.exec("UPDATE records SET cells = json_set(cells, '$.fname', json(?)) WHERE id = ?", cell, q.get("id") ?? "");
        return new Response(null, { status: 204 });
      }
      case "evict":
        // Resets this object; the isolate stays warm (the evicted-object wake baseline).
        this.ctx.abort("bench: evicted");
        return new Response(null, { status: 204 });
      case "dump": {
        const lines: string[] = [];
        for (const r of sql.exec<{ id: string; seq: number; cells: string }>("SELECT id, seq, cells FROM records ORDER BY seq")) lines.push(`["${r.id}",${r.seq},${r.cells}]`);
        return new Response(`${lines.join("\n")}\n`, { headers: { "content-type": "application/x-ndjson" } });
      }
      case "load": {
        const text = await request.text();
        this.ctx.storage.transactionSync(() => {
          for (const line of text.split("\n")) {
            if (!line) continue;
            const [id, seq, cells] = JSON.parse(line) as [string, number, unknown];
            sql.exec("INSERT OR REPLACE INTO records (id, seq, cells) VALUES (?, ?, ?)", id, seq, JSON.stringify(cells));
          }
        });
        return Response.json({ ok: true, total: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records").one().n });
      }
      case "submissions":
        return Response.json({ total: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM submissions").one().n });
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
    const stub = env.BASELINE.getByName(name);
    if (request.method === "POST" && new URL(request.url).pathname === `/o/${name}/insert`) {
      const answers: { [name: string]: string } = {};
      for (const [key, value] of new URLSearchParams(await request.text())) answers[key] = value;
      await stub.insert(answers);
      return new Response(null, { status: 303, headers: { location: `/o/${name}/insert?sent=1` } });
    }
    if (new URL(request.url).pathname === `/o/${name}/evict`) {
      // The object's reset rejects the request that asked for it.
      await stub.fetch(request).catch(() => undefined);
      return new Response(null, { status: 204 });
    }
    return stub.fetch(request);
  },
} satisfies ExportedHandler<BaselineEnv>;
