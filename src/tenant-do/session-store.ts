// The `ui_sessions` and `ui_session_parts` tables and nothing else touches them: a UI
// session's head (../ui/engine/session.ts: epoch, render keys in use order, notices; older
// sessions: the whole snapshot), its member and the sign-in (token hash) it belongs to, and
// its parts (each UI state and each callback, a row each, written once and deleted when they
// go; deleting a session deletes its parts by a trigger). LiveSessions (./live-sessions.ts) caches sessions in memory and
// decides when to write; accounts, housekeeping and the operator view ask through these
// functions (test: ./table-owners.test.ts).

import type { SessionChanges } from "../ui/engine/session";
import { first, run, type Storage } from "./sql";

/** A stored session's sign-in: the member and the token hash it was opened under. */
export interface SessionSignIn {
  userId: string;
  loginHash: string;
}

export class SessionStore {
  /** Sign-ins by session id as read: a session's sign-in never changes, so every socket frame
   *  need not read it again; every delete below forgets what it removed. */
  private readonly signIns = new Map<string, SessionSignIn>();

  constructor(private readonly storage: Storage) {}

  /** The latest session of a member's sign-in, if any. */
  latestFor(loginHash: string, userId: string): string | undefined {
    return first(this.storage.sql.exec<{ id: string }>("SELECT id FROM ui_sessions WHERE login_hash = ? AND user_id = ? ORDER BY updated_at DESC LIMIT 1", loginHash, userId))?.id;
  }

  /** Characters of session text written (heads, parts and the names of parts deleted):
   *  what a save costs, for tests and the benchmark. */
  written = 0;

  /** A stored head (or older whole snapshot) and when it was last written. */
  read(id: string): { snapshot: string; updatedAt: number } | undefined {
    const row = first(this.storage.sql.exec<{ snapshot: string; updated_at: number }>("SELECT snapshot, updated_at FROM ui_sessions WHERE id = ?", id));
    return row && { snapshot: row.snapshot, updatedAt: row.updated_at };
  }

  /** A session's parts, as name → text. */
  parts(id: string): [string, string][] {
    return this.storage.sql.exec<{ part: string; body: string }>("SELECT part, body FROM ui_session_parts WHERE session_id = ?", id).toArray().map((r) => [r.part, r.body]);
  }

  /** The sign-in a session was opened under (undefined: no such session). */
  signInOf(id: string): SessionSignIn | undefined {
    const known = this.signIns.get(id);
    if (known) return known;
    const row = first(this.storage.sql.exec<{ user_id: string; login_hash: string }>("SELECT user_id, login_hash FROM ui_sessions WHERE id = ?", id));
    const signIn = row && { userId: row.user_id, loginHash: row.login_hash };
    if (signIn) this.signIns.set(id, signIn);
    return signIn;
  }

  private forget(ids: string[]): string[] {
    for (const id of ids) this.signIns.delete(id);
    return ids;
  }

  insert(id: string, userId: string, loginHash: string, changes: SessionChanges, now: number): void {
    this.storage.sql.exec("INSERT INTO ui_sessions (id, user_id, login_hash, snapshot, updated_at) VALUES (?, ?, ?, ?, ?)", id, userId, loginHash, changes.head, now);
    this.writeParts(id, changes);
  }

  /** Writes what changed in a session since its last save: its head, and the parts that
   *  appeared or went (one statement each way, the parts as one JSON parameter). */
  update(id: string, changes: SessionChanges, now: number): void {
    // A session deleted meanwhile (signed out, trimmed) is not brought back as parts alone.
    if (run(this.storage, "UPDATE ui_sessions SET snapshot = ?, updated_at = ? WHERE id = ?", changes.head, now, id) === 0) return;
    this.writeParts(id, changes);
  }

  private writeParts(id: string, { head, put, drop }: SessionChanges): void {
    this.written += head.length;
    if (drop.length > 0) {
      const names = JSON.stringify(drop);
      this.written += names.length;
      this.storage.sql.exec("DELETE FROM ui_session_parts WHERE session_id = ? AND part IN (SELECT value FROM json_each(?))", id, names);
    }
    if (put.length > 0) {
      const rows = JSON.stringify(put);
      this.written += rows.length;
      this.storage.sql.exec("INSERT OR REPLACE INTO ui_session_parts (session_id, part, body) SELECT ?, value ->> 0, value ->> 1 FROM json_each(?)", id, rows);
    }
  }

  /** Deletes a member's sessions beyond their `keep` latest; returns the ids deleted. */
  trimMember(userId: string, keep: number): string[] {
    const old = this.storage.sql.exec<{ id: string }>("SELECT id FROM ui_sessions WHERE user_id = ? ORDER BY updated_at DESC LIMIT -1 OFFSET ?", userId, keep).toArray().map((r) => r.id);
    for (const id of old) this.storage.sql.exec("DELETE FROM ui_sessions WHERE id = ?", id);
    return this.forget(old);
  }

  /** Deletes sessions idle since before `cutoff`; returns the ids deleted. */
  expire(cutoff: number): string[] {
    return this.forget(this.storage.sql.exec<{ id: string }>("DELETE FROM ui_sessions WHERE updated_at < ? RETURNING id", cutoff).toArray().map((r) => r.id));
  }

  /** Deletes the sessions of a sign-in; returns their ids. */
  deleteForLogin(loginHash: string): string[] {
    return this.forget(this.storage.sql.exec<{ id: string }>("DELETE FROM ui_sessions WHERE login_hash = ? RETURNING id", loginHash).toArray().map((r) => r.id));
  }

  /** Deletes every session of a member (removed, or leaving). */
  deleteForMember(userId: string): number {
    for (const [id, signIn] of this.signIns) if (signIn.userId === userId) this.signIns.delete(id);
    return run(this.storage, "DELETE FROM ui_sessions WHERE user_id = ?", userId);
  }

  count(): number {
    return this.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM ui_sessions").one().n;
  }
}
