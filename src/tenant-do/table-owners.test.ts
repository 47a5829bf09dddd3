// Every SQLite table has one owning module (issue 9: "tenant.ts as a composition root with
// narrow ports"): only its owner writes it (INSERT, UPDATE, DELETE, REPLACE), and only its
// owner and the readers listed here with their reason read it. Other parts call the owner's
// functions. A new table needs an entry here, so the build says who owns it.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

interface Ownership {
  owner: string;
  /** Modules that may read it (never write), each for a reason. */
  readers?: string[];
}

const TD = "src/tenant-do/";
const TABLES: Record<string, Ownership> = {
  meta: { owner: `${TD}meta-store.ts` },
  users: { owner: `${TD}accounts.ts`, readers: [`${TD}credentials.ts`] }, // a reset link joins its member and issuer
  logins: { owner: `${TD}accounts.ts` },
  invitations: { owner: `${TD}accounts.ts` },
  signin_failures: { owner: `${TD}signin-throttle.ts` },
  signin_salt: { owner: `${TD}signin-throttle.ts` },
  password_resets: { owner: `${TD}credentials.ts` },
  ui_sessions: { owner: `${TD}session-store.ts` },
  ui_session_parts: { owner: `${TD}session-store.ts` },
  schema_doc: { owner: `${TD}schema-store.ts` },
  schema_tables: { owner: `${TD}schema-store.ts` },
  records: {
    owner: `${TD}sql-records.ts`,
    readers: [
      // Views, charts, maps and exports compiled to SQL over `records` (run by the record store).
      "src/schema/views/sql.ts", "src/schema/views/map-sql.ts", "src/schema/views/stack-sql.ts", "src/schema/export/view-sql.ts",
      "src/schema/views/page-rows.ts", // a view's page of rows (split from sql.ts)
      "src/schema/views/live-tallies.ts", // a group's first record, and the view's SQL over one row (a CTE named records)
      "src/schema/paging.ts", // a page by key: the rows past one record, for the grid and views
      "src/schema/views/group-sql.ts", // a linked record's name, to order links by name
      `${TD}each-values.ts`, // fills its side table from the records when a view first needs it
      `${TD}backups.ts`, // a backup reads every record in one snapshot
      `${TD}trash.ts`, // lists deleted records
      `${TD}derived-jobs.ts`, // which cells of a page are still pending
      `${TD}change-log.ts`, // a record's creation, by its row's created_seq (record history)
    ],
  },
  record_stats: { owner: `${TD}sql-records.ts`, readers: [`${TD}operator.ts`] },
  changes: { owner: `${TD}change-log.ts`, readers: [`${TD}history.ts`, `${TD}feeds.ts`, `${TD}operator.ts`] },
  change_records: { owner: `${TD}change-log.ts`, readers: [`${TD}history.ts`] },
  form_submissions: { owner: `${TD}public-forms.tsx` },
  form_counters: { owner: `${TD}public-forms.tsx` },
  form_unseen: { owner: `${TD}public-forms.tsx` },
  form_repeats: { owner: `${TD}form-repeats.ts` },
  import_staging: { owner: `${TD}imports.ts` },
  import_jobs: { owner: `${TD}import-jobs.ts`, readers: [`${TD}imports.ts`, `${TD}import-uploads.ts`] }, // staged files of running jobs stay
  import_uploads: { owner: `${TD}import-uploads.ts` },
  import_cursors: { owner: `${TD}import-jobs.ts` },
  import_journal: { owner: `${TD}import-journal.ts` },
  import_journal_jobs: { owner: `${TD}import-journal.ts` },
  import_upload_chunks: { owner: `${TD}import-uploads.ts` },
  feeds: { owner: `${TD}feeds.ts` },
  operator_accesses: { owner: `${TD}operator.ts` },
  recent_errors: { owner: `${TD}recent-errors.ts` },
  databases: { owner: "src/directory-do/index.ts" },
  // Made while a saved view groups or filters by a multiple choice or link; written by its
  // triggers on `records`; read by a view's SQL.
  each_fields: { owner: `${TD}each-values.ts` },
  each_values: { owner: `${TD}each-values.ts`, readers: ["src/schema/views/cell-sql.ts", "src/schema/views/group-sql.ts"] },
};

/** Where tables are created and migrated: they may name every table. */
const SCHEMA_FILES = new Set([`${TD}migrations.ts`]);

const WRITE = /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)/g;
const READ = /\b(?:FROM|JOIN)\s+"?(\w+)/g;

/** The tables a source writes and reads (a write is not also counted as a read). */
function tablesIn(source: string): { writes: Set<string>; reads: Set<string> } {
  const writes = new Set<string>();
  const reads = new Set<string>();
  for (const m of source.matchAll(WRITE)) if (m[1]! in TABLES) writes.add(m[1]!);
  const withoutWrites = source.replace(WRITE, "");
  for (const m of withoutWrites.matchAll(READ)) if (m[1]! in TABLES) reads.add(m[1]!);
  return { writes, reads };
}

/** Where a file breaks the ownership rules, one line per table. */
function violations(file: string, source: string): string[] {
  const { writes, reads } = tablesIn(source);
  const out: string[] = [];
  for (const table of writes) if (TABLES[table]!.owner !== file) out.push(`${file} writes ${table} (owner: ${TABLES[table]!.owner})`);
  for (const table of reads) {
    const { owner, readers = [] } = TABLES[table]!;
    if (owner !== file && !readers.includes(file)) out.push(`${file} reads ${table} (owner: ${owner}; not a listed reader)`);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

describe("every SQL table has one owning module", () => {
  const files = sources(join(ROOT, "src")).filter((f) => !SCHEMA_FILES.has(f));

  it("only a table's owner writes it, and only its owner and listed readers read it", () => {
    const found = files.flatMap((file) => violations(file, readFileSync(join(ROOT, file), "utf8")));
    expect(found).toEqual([]);
  });

  it("every table a migration creates has an owner that exists and uses it", () => {
    const created = new Set<string>();
    for (const file of [...SCHEMA_FILES, "src/directory-do/index.ts", `${TD}each-values.ts`]) {
      for (const m of readFileSync(join(ROOT, file), "utf8").matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)) created.add(m[1]!);
    }
    const dropped = [...readFileSync(join(ROOT, `${TD}migrations.ts`), "utf8").matchAll(/DROP TABLE (?:IF EXISTS )?(\w+)/g)].map((m) => m[1]!);
    const live = [...created].filter((t) => !dropped.includes(t) && t !== "_migrations");
    expect(live.sort()).toEqual(Object.keys(TABLES).sort());
    for (const [table, { owner }] of Object.entries(TABLES)) {
      const { writes, reads } = tablesIn(readFileSync(join(ROOT, owner), "utf8"));
      expect(writes.has(table) || reads.has(table), `${owner} should use ${table}`).toBe(true);
    }
  });

  it("catches a write or a read from outside the owner", () => {
    expect(violations(`${TD}accounts.ts`, `sql.exec("DELETE FROM ui_sessions WHERE user_id = ?", id)`)).toEqual([
      `${TD}accounts.ts writes ui_sessions (owner: ${TD}session-store.ts)`,
    ]);
    expect(violations(`${TD}member-app.ts`, "SELECT login_hash FROM ui_sessions WHERE id = ?")).toHaveLength(1);
    expect(violations(`${TD}history.ts`, "INSERT OR IGNORE INTO change_records (record_id, seq) VALUES (?, ?)")).toHaveLength(1);
    expect(violations(`${TD}history.ts`, "SELECT seq FROM change_records WHERE record_id = ?")).toEqual([]);
    expect(violations(`${TD}session-store.ts`, "UPDATE ui_sessions SET snapshot = ? WHERE id = ?")).toEqual([]);
  });
});
