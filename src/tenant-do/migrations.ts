// Versioned storage migrations, recorded in a table of our own (PRAGMA user_version is not
// available). They run on the first wake after an upgrade, under blockConcurrencyWhile.

import type { Storage } from "./sql";

const MIGRATIONS: readonly string[] = [
  // 1: accounts, sign-in sessions, invitations, UI sessions, schema and change log.
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE users (
     id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
     password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE logins (
     token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);
   CREATE INDEX logins_user ON logins(user_id);
   CREATE TABLE throttle (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL);
   CREATE TABLE invitations (
     token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, role TEXT NOT NULL, invited_by TEXT NOT NULL,
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
   CREATE TABLE ui_sessions (
     id TEXT PRIMARY KEY, user_id TEXT NOT NULL, login_hash TEXT NOT NULL, snapshot TEXT NOT NULL,
     updated_at INTEGER NOT NULL);
   CREATE INDEX ui_sessions_user ON ui_sessions(user_id);
   CREATE TABLE schema_doc (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
   CREATE TABLE changes (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT NOT NULL,
     action TEXT NOT NULL, inverse TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0);`,
  // 2: records. One row per record; its cells are JSON keyed by field id, each holding the
  // kept text, the parsed value, why it was not understood, and a sort key ("k"), so views
  // can sort, filter and group in SQL without loading every record.
  `CREATE TABLE records (
     id TEXT PRIMARY KEY, table_id TEXT NOT NULL, seq INTEGER NOT NULL, created_at INTEGER NOT NULL,
     deleted_at INTEGER, cells TEXT NOT NULL);
   CREATE INDEX records_by_table ON records(table_id, deleted_at, seq);`,
  // 3: counts kept beside the records, so a page of a big table needs no full scan: live
  // records per table (field_id '') and not-understood values per field.
  `CREATE TABLE record_stats (
     table_id TEXT NOT NULL, field_id TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (table_id, field_id));
   INSERT INTO record_stats (table_id, field_id, n)
     SELECT table_id, '', COUNT(*) FROM records WHERE deleted_at IS NULL GROUP BY table_id;
   INSERT INTO record_stats (table_id, field_id, n)
     SELECT r.table_id, j.key, COUNT(*) FROM records r, json_each(r.cells) j
     WHERE r.deleted_at IS NULL AND json_extract(j.value, '$.invalid') IS NOT NULL GROUP BY r.table_id, j.key;`,
  // 4: the next record's place in its table is MAX(seq) + 1: an index makes that a lookup,
  // not a scan of the table (inserts into a 100,000-record table were 2.4× slower).
  `CREATE INDEX records_by_seq ON records(table_id, seq);`,
  // 5: public forms. Submission tokens (a retried submission makes no second record),
  // counters for the per-address rate limit and the daily cap (each expires), and how many
  // records forms added to each table since someone last opened it.
  `CREATE TABLE form_submissions (
     token TEXT PRIMARY KEY, form_id TEXT NOT NULL, record_id TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE TABLE form_counters (
     form_id TEXT NOT NULL, bucket TEXT NOT NULL, period INTEGER NOT NULL, n INTEGER NOT NULL,
     expires_at INTEGER NOT NULL, PRIMARY KEY (form_id, bucket));
   CREATE TABLE form_unseen (table_id TEXT PRIMARY KEY, n INTEGER NOT NULL);`,
  // 6: redo (see change-log.ts). An undo row stays `redoable` until it is redone or its
  // member makes a new change; `origin` names the change first made, for labels. Partial
  // indexes keep each member's undo and redo stacks one lookup away however long the log.
  `ALTER TABLE changes ADD COLUMN redoable INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE changes ADD COLUMN origin INTEGER;
   CREATE INDEX changes_undoable ON changes(user_id, seq) WHERE undone = 0;
   CREATE INDEX changes_redoable ON changes(user_id, seq) WHERE redoable = 1;`,
  // 7: tokenless public form submissions seen in the last few minutes, by a salted hash of
  // (salt, form, address, answers) — never the address — so a resubmit lands once
  // (form-repeats.ts). The salt is this database's secret, made here once.
  `CREATE TABLE form_repeats (key TEXT PRIMARY KEY, form_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE INDEX form_repeats_expiry ON form_repeats(expires_at);
   INSERT OR IGNORE INTO meta (key, value) VALUES ('form_repeat_salt', lower(hex(randomblob(16))));`,
  // 8: sign-in throttling an anonymous caller cannot grow: failure counts under fixed-size
  // keys (email + address, address, email) hashed with a per-database salt, each expiring,
  // the table capped (./signin-throttle.ts). The old per-email table (unbounded keys, never deleted) goes.
  // Invitations are looked up by email (one open invitation per email) and by inviter.
  `DROP TABLE IF EXISTS throttle;
   CREATE TABLE signin_failures (
     key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL, expires_at INTEGER NOT NULL);
   CREATE INDEX signin_failures_expiry ON signin_failures(expires_at);
   CREATE TABLE signin_salt (id INTEGER PRIMARY KEY CHECK (id = 1), salt TEXT NOT NULL);
   INSERT INTO signin_salt (id, salt) VALUES (1, lower(hex(randomblob(16))));
   CREATE INDEX invitations_email ON invitations(email, used_at);
   CREATE INDEX invitations_inviter ON invitations(invited_by);`,
  // 9: accounts people can live with (issue 18). Each sign-in keeps the browser it came from
  // (the User-Agent, cut to 300 characters) for "where you are signed in"; a member's
  // recovery code is kept only as a hash; owner-issued password reset links, like
  // invitations: hashed, expiring, single use, revocable.
  `ALTER TABLE logins ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
   ALTER TABLE users ADD COLUMN recovery_hash TEXT;
   CREATE TABLE password_resets (
     token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, issued_by TEXT NOT NULL,
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
   CREATE INDEX password_resets_user ON password_resets(user_id, used_at);`,
  // 10: imports waiting for the person's decision after the preview (./imports.ts): the text
  // in parts under the 2 MB row limit, forgotten by the alarm after a day.
  `CREATE TABLE import_staging (
     id TEXT NOT NULL, part INTEGER NOT NULL, member_id TEXT NOT NULL, created_at INTEGER NOT NULL, text TEXT NOT NULL,
     PRIMARY KEY (id, part));
   CREATE INDEX import_staging_member ON import_staging(member_id, created_at);`,
  // 11: structure changes write what changed (issue 17): each table (with its fields) is a row of
  // `schema_tables` in the schema's order; `schema_doc` keeps the rest (forms, views) with
  // `tables` empty (./schema-store.ts). Existing schemas are split here.
  `CREATE TABLE schema_tables (id TEXT PRIMARY KEY, pos INTEGER NOT NULL, json TEXT NOT NULL);
   INSERT INTO schema_tables (id, pos, json)
     SELECT json_extract(t.value, '$.id'), CAST(t.key AS INTEGER), t.value FROM schema_doc d, json_each(d.json, '$.tables') t;
   UPDATE schema_doc SET json = json_set(json, '$.tables', json('[]'));`,
  // 12: private feeds of views (issue 13): one token per view (128 random bits), looked up by its
  // SHA-256; the member who published it (the feed stops when they may no longer change the view).
  `CREATE TABLE feeds (
     view_id TEXT PRIMARY KEY, table_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, token TEXT NOT NULL,
     created_by TEXT NOT NULL, created_at INTEGER NOT NULL);`,
  // 13: history (issue 16, ./history.ts). Each change says where it came from (grid, record
  // form, public form, import, undo, …) and, for the activity feed, record history and the
  // trash, which table and record it touched and the action's kind, each one index away
  // (deletions, for the trash's who and when — deleted forms and views live only in the log —
  // in a partial index whose WHERE the queries repeat word for word, so SQLite uses it and
  // edits never pay for it). Times need no index: seq follows them.
  `ALTER TABLE changes ADD COLUMN source TEXT NOT NULL DEFAULT '';
   ALTER TABLE changes ADD COLUMN table_id TEXT;
   ALTER TABLE changes ADD COLUMN record_id TEXT;
   ALTER TABLE changes ADD COLUMN kind TEXT NOT NULL DEFAULT '';
   UPDATE changes SET table_id = json_extract(action, '$.tableId'), record_id = json_extract(action, '$.recordId'),
     kind = json_extract(action, '$.kind'),
     source = CASE WHEN user_id LIKE 'form:%' THEN 'form' WHEN user_id = 'sample' THEN 'sample' ELSE '' END;
   CREATE INDEX changes_by_table ON changes(table_id, seq);
   CREATE INDEX changes_by_record ON changes(record_id, seq) WHERE record_id IS NOT NULL;
   CREATE INDEX changes_deletions ON changes(kind, table_id, seq) WHERE kind IN ('deleteTable', 'deleteField', 'deleteRecord', 'deleteForm', 'deleteView');`,
  // 14: operator view (issue 16, ./operator.ts): every access of Trove's operators to this
  // database, shown to its owners; and the last errors the object saw (a ring buffer of
  // RECENT_ERRORS rows, ./recent-errors.ts), shown to operators.
  `CREATE TABLE IF NOT EXISTS operator_accesses (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, what TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS recent_errors (
     id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, place TEXT NOT NULL, reference TEXT NOT NULL, message TEXT NOT NULL);`,
  // import jobs (issue 15, ./import-jobs.ts): a large import fills its new table a chunk at a
  // time, driven by the alarm; each chunk is written with the job's progress (`done`, the
  // not-understood values per field in `flagged`), so it is applied exactly once.
  `CREATE TABLE IF NOT EXISTS import_jobs (
     id TEXT PRIMARY KEY, member_id TEXT NOT NULL, import_id TEXT NOT NULL, table_id TEXT NOT NULL, name TEXT NOT NULL,
     state TEXT NOT NULL, total INTEGER NOT NULL, done INTEGER NOT NULL, plan TEXT NOT NULL, flagged TEXT NOT NULL,
     reason TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE INDEX IF NOT EXISTS import_jobs_running ON import_jobs(state, created_at);`,
  // record history of batches (issue 16, ./change-log.ts): a change made of many parts (a
  // paste, a bulk delete, a restore to a moment) has no single record, so each record it
  // touched gets a row here, one index lookup away from that record's history (filled from
  // the log as it is). And an error that repeats is counted on its row, not written again.
  `CREATE TABLE change_records (record_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (record_id, seq)) WITHOUT ROWID;
   CREATE INDEX change_records_seq ON change_records(seq);
   INSERT OR IGNORE INTO change_records (record_id, seq)
     SELECT t.value, c.seq FROM changes c, json_tree(c.action) t
     WHERE c.kind IN ('batch', 'recordBatch') AND t.key = 'recordId' AND t.type = 'text';
   ALTER TABLE recent_errors ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;`,
  // record creation (issue 16, ./change-log.ts): a record's row keeps the seq of the change
  // that added it (`created_seq`), so the by-record index of the log leaves out `addRecord`
  // rows (a public form's submission writes one index entry fewer). Records added before are
  // filled from the log as it is; the index is made again with its new WHERE.
  `ALTER TABLE records ADD COLUMN created_seq INTEGER;
   UPDATE records SET created_seq = c.seq
     FROM (SELECT record_id, MAX(seq) AS seq FROM changes WHERE record_id IS NOT NULL AND kind = 'addRecord' GROUP BY record_id) AS c
     WHERE records.id = c.record_id;
   DROP INDEX IF EXISTS changes_by_record;
   CREATE INDEX changes_by_record ON changes(record_id, seq) WHERE record_id IS NOT NULL AND kind != 'addRecord';`,
  // files uploaded in chunks (issue 15, ./import-uploads.ts): each chunk (≤ 1 MiB) one BLOB
  // row, the upload's scan so far (rows, width, the state the next chunk is read from) on its
  // row; an import job reading such a file keeps where it is in `import_cursors` (./import-jobs.ts).
  `CREATE TABLE IF NOT EXISTS import_uploads (
     id TEXT PRIMARY KEY, member_id TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, chunks INTEGER NOT NULL,
     bytes INTEGER NOT NULL, done INTEGER NOT NULL, scan TEXT NOT NULL, error TEXT,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE INDEX IF NOT EXISTS import_uploads_member ON import_uploads(member_id, updated_at);
   CREATE TABLE IF NOT EXISTS import_upload_chunks (upload_id TEXT NOT NULL, idx INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (upload_id, idx));
   CREATE TABLE IF NOT EXISTS import_cursors (job_id TEXT PRIMARY KEY, cursor TEXT NOT NULL);`,
  // the import journal (issue 15, ./import-journal.ts): each record a streamed import into an
  // existing table added or updated (with its cells before), so the whole import is one undo step.
  `CREATE TABLE IF NOT EXISTS import_journal (job_id TEXT NOT NULL, pos INTEGER NOT NULL, table_id TEXT NOT NULL, record_id TEXT NOT NULL, cells TEXT, PRIMARY KEY (job_id, pos)) WITHOUT ROWID;
   CREATE UNIQUE INDEX IF NOT EXISTS import_journal_record ON import_journal(job_id, record_id);
   CREATE TABLE IF NOT EXISTS import_journal_jobs (job_id TEXT PRIMARY KEY, present INTEGER NOT NULL, created_at INTEGER NOT NULL);`,
  // A UI session's parts (./session-store.ts): each UI state and each callback a row,
  // written once and deleted when it goes, so a save writes what changed, not the whole
  // session (issue 17); `ui_sessions.snapshot` keeps the head. Sessions stored before stay
  // whole snapshots until their next save. Deleting a session deletes its parts.
  `CREATE TABLE IF NOT EXISTS ui_session_parts (
     session_id TEXT NOT NULL, part TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session_id, part)) WITHOUT ROWID;
   CREATE TRIGGER IF NOT EXISTS ui_session_parts_gone AFTER DELETE ON ui_sessions BEGIN
     DELETE FROM ui_session_parts WHERE session_id = OLD.id;
   END;`,
];

/** The version of the migration whose SQL contains `marker` (tests find theirs this way:
 *  merges may renumber). */
export function migrationVersion(marker: string): number {
  return MIGRATIONS.findIndex((sql) => sql.includes(marker)) + 1;
}

/** The version a database has once every migration ran (a fixture made now records it). */
export const LATEST_MIGRATION = MIGRATIONS.length;

/** Applies the migrations this database has not had yet (up to `upTo`, for tests that
 *  build an older layout). */
export function migrate(storage: Storage, now: number, upTo = MIGRATIONS.length): void {
  const { sql } = storage;
  sql.exec("CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const row = sql.exec<{ v: number | null }>("SELECT MAX(version) AS v FROM _migrations").one();
  let version = row.v ?? 0;
  while (version < Math.min(upTo, MIGRATIONS.length)) {
    const next = version + 1;
    storage.transactionSync(() => {
      sql.exec(MIGRATIONS[version]!);
      sql.exec("INSERT INTO _migrations (version, applied_at) VALUES (?, ?)", next, now);
    });
    version = next;
  }
}

/** True when this object has any tables at all: a never-used object must write nothing. */
export function hasStorage(storage: Storage): boolean {
  const row = storage.sql.exec<{ n: number }>(
    "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_migrations'",
  ).one();
  return row.n > 0;
}
