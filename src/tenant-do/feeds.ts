// Private feeds of views: publishing, revoking and regenerating a view's token (those who may
// change the view: builders for a shared view, its maker for a personal one), and answering
// GET /t/<db>/feeds/<token>.<format> without any cookie. A feed shows that view and nothing
// else, run at the time of the request (its filters apply then); it stops as soon as the
// token is revoked or regenerated, the view or table is deleted, or the member who published
// it may no longer change the view. Anything wrong answers the same bare 404.
//
// Answers carry an ETag (SHA-256 of the body) and Last-Modified (the database's last logged
// change, or the token's creation), and answer conditional requests with 304. Each token may
// fetch 60 times a minute (counted in memory, bounded: rate-limit.ts).

import { TroveError } from "../schema/errors";
import { CONTENT_TYPES, type FeedFormat, newFeedToken, parseFeedFile } from "../schema/feeds/feed";
import type { Member } from "../schema/members";
import { findTable, type Table } from "../schema/model";
import { mayChangeView } from "../schema/view-actions";
import { findView, type ViewDefinition } from "../schema/views/view";
import { feedBody } from "./feed-bodies";
import { hashToken } from "./passwords";
import { MinuteLimiter } from "./rate-limit";
import { first } from "./sql";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type FeedsPort = Pick<Tenant, "accounts" | "document" | "name" | "now" | "origin" | "schema" | "storage" | "timeZone">;

export const FEED_FETCHES_PER_MINUTE = 60;

type Row = { view_id: string; table_id: string; token: string; created_by: string; created_at: number };

export class Feeds {
  private readonly limiter = new MinuteLimiter(FEED_FETCHES_PER_MINUTE);

  constructor(private readonly tenant: FeedsPort) {}

  /** The view's token and when it was made, if it is published. */
  of(viewId: string): { token: string; createdAt: number } | undefined {
    const row = first(this.tenant.storage.sql.exec<Row>("SELECT token, created_at FROM feeds WHERE view_id = ?", viewId));
    return row && { token: row.token, createdAt: row.created_at };
  }

  /** Why `member` may not publish or revoke this view's feeds, or null. */
  private refusal(member: Member, view: ViewDefinition): string | null {
    const stored = findView(this.tenant.schema, view.id);
    if (!stored) return "Save the view first: only saved views have feeds.";
    return mayChangeView(this.tenant.schema, { kind: "updateView", tableId: stored.tableId, view: stored }, member);
  }

  /** Publishes the view's feeds, or gives it a new token (the old addresses stop working). */
  async publish(member: Member, view: ViewDefinition): Promise<{ ok: true; token: string } | { ok: false; reason: string }> {
    const refused = this.refusal(member, view);
    if (refused) return { ok: false, reason: refused };
    const token = newFeedToken();
    const hash = await hashToken(token);
    this.tenant.storage.sql.exec(
      "INSERT INTO feeds (view_id, table_id, token_hash, token, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(view_id) DO UPDATE SET token_hash = excluded.token_hash, token = excluded.token, created_by = excluded.created_by, created_at = excluded.created_at",
      view.id, view.tableId, hash, token, member.id, this.tenant.now(),
    );
    return { ok: true, token };
  }

  revoke(member: Member, view: ViewDefinition): { ok: true } | { ok: false; reason: string } {
    const refused = this.refusal(member, view);
    if (refused) return { ok: false, reason: refused };
    this.tenant.storage.sql.exec("DELETE FROM feeds WHERE view_id = ?", view.id);
    return { ok: true };
  }

  /** The view, table and publisher a token opens, if it still stands. */
  private async find(token: string): Promise<{ row: Row; view: ViewDefinition; table: Table; publisher: Member } | undefined> {
    const row = first(this.tenant.storage.sql.exec<Row>("SELECT view_id, table_id, token, created_by, created_at FROM feeds WHERE token_hash = ?", await hashToken(token)));
    if (!row) return undefined;
    const view = findView(this.tenant.schema, row.view_id);
    const table = findTable(this.tenant.schema, row.table_id);
    const publisher = this.tenant.accounts.member(row.created_by);
    if (!view || !table || table.deletedAt !== undefined || !publisher) return undefined;
    if (mayChangeView(this.tenant.schema, { kind: "updateView", tableId: view.tableId, view }, publisher) !== null) return undefined;
    return { row, view, table, publisher };
  }

  /** GET /t/<db>/feeds/<file>: the feed, 304, 429, or 404 for anything else. */
  async answer(file: string, request: Request): Promise<Response> {
    const parsed = parseFeedFile(file);
    const found = parsed && (await this.find(parsed.token));
    if (!parsed || !found) throw new TroveError("not_found", "There is nothing at this address.");
    const now = this.tenant.now();
    const key = found.row.view_id;
    const wait = this.limiter.retryAfter(key, now);
    if (wait > 0) return new Response("Too many requests for this feed: try again in a minute.\n", { status: 429, headers: { "retry-after": String(wait), "content-type": "text/plain; charset=utf-8" } });
    this.limiter.hit(key, now);
    const lastChange = first(this.tenant.storage.sql.exec<{ at: number | null }>("SELECT MAX(at) AS at FROM changes"))?.at ?? 0;
    const modified = Math.max(lastChange, found.row.created_at);
    const body = feedBody(this.tenant, { format: parsed.format as FeedFormat, view: found.view, table: found.table, publisher: found.publisher, stamp: modified });
    if (body === undefined) throw new TroveError("not_found", "There is nothing at this address.");
    const etag = `"${(await hashToken(body)).slice(0, 32)}"`;
    const headers: Record<string, string> = {
      etag,
      "last-modified": new Date(Math.floor(modified / 1000) * 1000).toUTCString(),
      "cache-control": "private, no-cache",
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex",
    };
    if (notModified(request, etag, modified)) return new Response(null, { status: 304, headers });
    return new Response(request.method === "HEAD" ? null : body, { headers: { ...headers, "content-type": CONTENT_TYPES[parsed.format] } });
  }
}

/** RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since. */
function notModified(request: Request, etag: string, modified: number): boolean {
  const match = request.headers.get("if-none-match");
  if (match !== null) return match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  return Number.isFinite(since) && Math.floor(modified / 1000) * 1000 <= since;
}
