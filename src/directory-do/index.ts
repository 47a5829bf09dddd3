// The directory of databases (issue 16): one small Durable Object, written by the worker at
// sign-up and by a database's object when it is erased, read only by the operator view to
// find a database. It also holds the operator view's rate limits, so they hold across the
// worker's isolates. Names only: nothing a database holds is copied here.

import { DurableObject } from "cloudflare:workers";
import { MinuteLimiter } from "../tenant-do/rate-limit";
import type { DirectoryEntry } from "../ui/pages/operator";

/** The one directory object's name. */
export const DIRECTORY_NAME = "directory";
/** Operator requests a minute from one address, and failed sign-ins (wrong token). */
export const OPERATOR_REQUESTS_PER_MINUTE = 60;
export const OPERATOR_FAILURES_PER_MINUTE = 5;

export class DatabaseDirectory extends DurableObject<Env> {
  private readonly requests = new MinuteLimiter(OPERATOR_REQUESTS_PER_MINUTE);
  private readonly failures = new MinuteLimiter(OPERATOR_FAILURES_PER_MINUTE);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS databases (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL, deleted_at INTEGER)");
  }

  /** A database was signed up for (again, after an erase: it is live once more). */
  async added(name: string, at: number): Promise<void> {
    this.ctx.storage.sql.exec("INSERT INTO databases (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET created_at = excluded.created_at, deleted_at = NULL", name, at);
  }

  /** A database was erased. */
  async removed(name: string, at: number): Promise<void> {
    this.ctx.storage.sql.exec("UPDATE databases SET deleted_at = ? WHERE name = ?", at, name);
  }

  /** Databases whose name starts with `prefix` (LIKE special characters are not in names). */
  async find(prefix: string, limit = 100): Promise<{ entries: DirectoryEntry[]; total: number }> {
    const sql = this.ctx.storage.sql;
    const entries = sql.exec<{ name: string; created_at: number; deleted_at: number | null }>(
      "SELECT name, created_at, deleted_at FROM databases WHERE name >= ? AND name < ? ORDER BY name LIMIT ?", prefix, `${prefix}\u{10ffff}`, Math.min(limit, 500),
    ).toArray().map((row) => ({ name: row.name, createdAt: row.created_at, deletedAt: row.deleted_at }));
    const total = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM databases").one().n;
    return { entries, total };
  }

  /** Counts an operator request from `address`; seconds to wait, or 0 to go on. */
  async operatorRequest(address: string): Promise<number> {
    const now = Date.now();
    const wait = Math.max(this.requests.retryAfter(address, now), this.failures.retryAfter(address, now));
    if (wait === 0) this.requests.hit(address, now);
    return wait;
  }

  /** Counts a wrong token from `address`. */
  async operatorFailure(address: string): Promise<void> {
    this.failures.hit(address, Date.now());
  }
}
