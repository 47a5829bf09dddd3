// What Trove's operators may see of one database (issue 16), read-only: its storage size,
// its SQLite tables and Trove tables with their counts, live pages and sockets, the alarm,
// the last errors (./recent-errors.ts) and the change log. The worker checks the operator's
// secret (src/worker/operator.tsx); every access is recorded here, in the same database,
// and its owners see the list on the Members page.

import { describeAction, isAction } from "../schema/actions";
import type { OperatorAccess } from "../ui/app";
import type { OperatorReport } from "../ui/pages/operator";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type OperatorPort = Pick<
  Tenant,
  "accounts" | "errors" | "getMeta" | "lifecycle" | "live" | "name" | "now" | "schema" | "sessionStore" |
  "storage"
>;

/** Accesses kept (the oldest go first): a year of daily looks. */
const KEPT_ACCESSES = 400;
const CHANGES_SHOWN = 50;
/** SQLite's own tables and Cloudflare's are not ours to count. */
const OUR_TABLE = /^[a-z][a-z_]{0,40}$/;

/** What only the object's shell knows. */
export interface ShellFacts {
  storageBytes: number;
  alarm: number | null;
  sockets: { userId: string; place: string }[];
}

export class OperatorView {
  constructor(private readonly tenant: OperatorPort) {}

  /** An operator looks (RPC from the worker, its secret checked): the access is recorded
   *  first and owners' open pages show it; then the report. */
  visit(what: string, shell: ShellFacts): OperatorReport {
    this.recordAccess(what);
    this.tenant.live.broadcastSoon(["settings"]);
    return this.report(shell);
  }

  /** Writes that an operator looked, and what at. */
  recordAccess(what: string): void {
    const { sql } = this.tenant.storage;
    sql.exec("INSERT INTO operator_accesses (at, what) VALUES (?, ?)", this.tenant.now(), what.slice(0, 200));
    sql.exec("DELETE FROM operator_accesses WHERE id <= (SELECT MAX(id) FROM operator_accesses) - ?", KEPT_ACCESSES);
  }

  /** Operator accesses, most recent first. */
  accesses(limit = 20): OperatorAccess[] {
    return this.tenant.storage.sql.exec<{ at: number; what: string }>("SELECT at, what FROM operator_accesses ORDER BY id DESC LIMIT ?", limit).toArray().map((row) => ({ at: row.at, what: row.what }));
  }

  report(shell: ShellFacts): OperatorReport {
    const { tenant } = this;
    const { sql } = tenant.storage;
    const members = tenant.accounts.members();
    const names = new Map(members.map((m) => [m.id, m.name]));
    const who = (id: string) => names.get(id) ?? (id.startsWith("form:") ? "a public form" : id === "sample" ? "the sample" : "a former member");
    const sqlTables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").toArray()
      .filter((t) => OUR_TABLE.test(t.name) && !t.name.startsWith("sqlite_"))
      .map((t) => ({ name: t.name, rows: sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t.name}"`).one().n }));
    const counts = new Map(sql.exec<{ table_id: string; n: number }>("SELECT table_id, n FROM record_stats WHERE field_id = ''").toArray().map((r) => [r.table_id, r.n]));
    const changes = sql.exec<{ seq: number; at: number; user_id: string; action: string }>(
      "SELECT seq, at, user_id, action FROM changes ORDER BY seq DESC LIMIT ?", CHANGES_SHOWN,
    ).toArray().map((row) => {
      let what = "(a change this code cannot read)";
      try {
        const action: unknown = JSON.parse(row.action);
        if (isAction(action)) what = describeAction(action, tenant.schema);
      } catch {
        // kept as unreadable
      }
      return { seq: row.seq, at: row.at, who: who(row.user_id), what };
    });
    const createdAt = Number(tenant.getMeta("created_at"));
    return {
      database: tenant.name ?? "",
      createdAt: Number.isFinite(createdAt) ? createdAt : null,
      deletionAt: tenant.lifecycle.deletionAt() ?? null,
      storageBytes: shell.storageBytes,
      sqlTables,
      tables: tenant.schema.tables.map((t) => ({ name: t.name, id: t.id, fields: t.fields.filter((f) => f.deletedAt === undefined).length, records: counts.get(t.id) ?? 0, deleted: t.deletedAt !== undefined })),
      members: members.length,
      sessions: tenant.sessionStore.count(),
      sockets: shell.sockets.map((s) => ({ member: who(s.userId), place: s.place || "(not yet shown)" })),
      alarm: shell.alarm,
      errors: tenant.errors.list(),
      changes,
      accesses: this.accesses(10),
    };
  }
}
