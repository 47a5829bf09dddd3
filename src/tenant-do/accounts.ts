// Accounts of one database: members with roles, sign-in sessions (cookie tokens stored as
// hashes), throttled sign-in, and one-time invitations. Every operation that needs a
// permission takes the acting member and checks it here, inside the tenant object.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { can, isRole, type Role } from "../schema/roles";
import { randomId } from "../ui/engine/ids";
import { checkNewPassword, hashPassword, hashToken, verifyPassword } from "./passwords";
import { first, run, type Storage } from "./sql";
import type { SignUpOutcome } from "./tenant";
import { DAY } from "./time";

export type { Member, Outcome };


type Invitation = { email: string; role: Role };
type UserRow = { id: string; email: string; name: string; role: string; password_hash: string; created_at: number };

const MAX_FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const INVITATION_DAYS = 7;
/** A hash of a random password: unknown emails cost the same time as known ones. */
let decoyHash: Promise<string> | undefined;

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(email: string): string | null {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) || email.length > 254) return "Enter a valid email address.";
  return null;
}

function toMember(row: UserRow): Member {
  return { id: row.id, email: row.email, name: row.name, role: isRole(row.role) ? row.role : "viewer", createdAt: row.created_at };
}

export class Accounts {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** Checks and hashes an owner's details without writing, so sign-up can refuse cleanly. */
  async prepareOwner(email: string, name: string, password: string): Promise<SignUpOutcome<{ prepared: { member: Member; hash: string } }>> {
    const badEmail = checkEmail(email);
    if (badEmail) return { ok: false, reason: badEmail, field: "email" };
    const badPassword = checkNewPassword(password);
    if (badPassword) return { ok: false, reason: badPassword, field: "password" };
    const address = normaliseEmail(email);
    const member: Member = { id: randomId(), email: address, name: name.trim() || address.split("@")[0]!, role: "owner", createdAt: this.now() };
    return { ok: true, prepared: { member, hash: await hashPassword(password) } };
  }

  members(): Member[] {
    return this.storage.sql.exec<UserRow>("SELECT * FROM users ORDER BY created_at, email").toArray().map(toMember);
  }

  member(id: string): Member | undefined {
    const row = first(this.storage.sql.exec<UserRow>("SELECT * FROM users WHERE id = ?", id));
    return row && toMember(row);
  }

  async signIn(email: string, password: string): Promise<Outcome<{ token: string; member: Member }>> {
    const key = `signin:${normaliseEmail(email)}`;
    const now = this.now();
    const throttle = first(this.storage.sql.exec<{ locked_until: number }>("SELECT locked_until FROM throttle WHERE key = ?", key));
    if (throttle && throttle.locked_until > now) {
      const wait = Math.ceil((throttle.locked_until - now) / 1000);
      return { ok: false, reason: `Too many failed sign-ins for this account. Try again in ${wait} seconds.`, retryAfterSeconds: wait };
    }
    // Count the attempt as a failure before the (slow, awaited) check, in one statement, so
    // attempts running side by side each count; a success forgets the count.
    const failures = this.storage.sql.exec<{ failures: number }>(
      "INSERT INTO throttle (key, failures, locked_until) VALUES (?, 1, 0) ON CONFLICT(key) DO UPDATE SET failures = failures + 1 RETURNING failures", key,
    ).one().failures;
    const row = first(this.storage.sql.exec<UserRow>("SELECT * FROM users WHERE email = ?", normaliseEmail(email)));
    decoyHash ??= hashPassword(randomId());
    const good = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
    if (!row || !good) {
      const lockMs = failures >= MAX_FREE_FAILURES ? Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - MAX_FREE_FAILURES)) : 0;
      if (lockMs > 0) {
        this.storage.sql.exec("UPDATE throttle SET locked_until = MAX(locked_until, ?) WHERE key = ?", now + lockMs, key);
        return { ok: false, reason: `Wrong email or password. Too many failed sign-ins: try again in ${Math.ceil(lockMs / 1000)} seconds.`, retryAfterSeconds: Math.ceil(lockMs / 1000) };
      }
      return { ok: false, reason: "Wrong email or password." };
    }
    this.storage.sql.exec("DELETE FROM throttle WHERE key = ?", key);
    return { ok: true, token: await this.startLogin(row.id), member: toMember(row) };
  }

  /** The member a sign-in cookie belongs to, or undefined if it is unknown or expired. */
  async memberForToken(token: string | undefined): Promise<Member | undefined> {
    if (!token || token.length > 100) return undefined;
    const hash = await hashToken(token);
    const row = first(this.storage.sql.exec<UserRow & { last_seen: number }>(
      "SELECT u.*, l.last_seen FROM logins l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?", hash));
    if (!row) return undefined;
    this.seen(hash, row.last_seen);
    return toMember(row);
  }

  /** The member of a UI session whose sign-in is still valid, in one query; undefined when
   *  the session, its sign-in or its member is gone. Like a cookie, an open socket keeps its
   *  sign-in alive. */
  memberForSession(sessionId: string): Member | undefined {
    const row = first(this.storage.sql.exec<UserRow & { last_seen: number; login_hash: string }>(
      `SELECT u.*, l.last_seen, s.login_hash FROM ui_sessions s
         JOIN logins l ON l.token_hash = s.login_hash
         JOIN users u ON u.id = s.user_id AND u.id = l.user_id
       WHERE s.id = ?`, sessionId));
    if (!row) return undefined;
    this.seen(row.login_hash, row.last_seen);
    return toMember(row);
  }

  /** Notes that a sign-in is in use, at most once a minute (a write per request would be
   *  wasteful; expiry counts in days). */
  private seen(tokenHash: string, lastSeen: number): void {
    const now = this.now();
    if (now - lastSeen > 60_000) this.storage.sql.exec("UPDATE logins SET last_seen = ? WHERE token_hash = ?", now, tokenHash);
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) this.storage.sql.exec("DELETE FROM logins WHERE token_hash = ?", await hashToken(token));
  }

  async invite(actor: Member, email: string, role: string): Promise<Outcome<{ token: string }>> {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can invite members." };
    const problem = checkEmail(email);
    if (problem) return { ok: false, reason: problem };
    if (!isRole(role)) return { ok: false, reason: "Choose a role." };
    const address = normaliseEmail(email);
    if (first(this.storage.sql.exec("SELECT id FROM users WHERE email = ?", address))) {
      return { ok: false, reason: `${address} is already a member.` };
    }
    const token = randomId(24);
    const now = this.now();
    this.storage.sql.exec(
      "INSERT INTO invitations (token_hash, email, role, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
      await hashToken(token), address, role, actor.id, now, now + INVITATION_DAYS * DAY,
    );
    return { ok: true, token };
  }

  /** Open invitations, for the members page. */
  pendingInvitations(): { email: string; role: Role; expiresAt: number }[] {
    return this.storage.sql
      .exec<{ email: string; role: string; expires_at: number }>("SELECT email, role, expires_at FROM invitations WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at", this.now())
      .toArray()
      .map((r) => ({ email: r.email, role: isRole(r.role) ? r.role : "viewer", expiresAt: r.expires_at }));
  }

  async invitation(token: string): Promise<Invitation | undefined> {
    return this.openInvitation(await hashToken(token));
  }

  private openInvitation(tokenHash: string): Invitation | undefined {
    const row = first(this.storage.sql.exec<{ email: string; role: string }>(
      "SELECT email, role FROM invitations WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, this.now()));
    return row && { email: row.email, role: isRole(row.role) ? row.role : "viewer" };
  }

  /** Accepts an invitation. A refusal carries the invitation when it is still open (so the
   *  page can be shown again), none when it is used or expired. */
  async acceptInvitation(token: string, name: string, password: string): Promise<{ ok: true; token: string; member: Member } | { ok: false; reason: string; invitation?: Invitation }> {
    const tokenHash = await hashToken(token);
    const invitation = this.openInvitation(tokenHash);
    if (!invitation) return { ok: false, reason: "This invitation has already been used or has expired. Ask the owner for a new one." };
    const problem = checkNewPassword(password);
    if (problem) return { ok: false, reason: problem, invitation };
    const hash = await hashPassword(password);
    const member: Member = { id: randomId(), email: invitation.email, name: name.trim() || invitation.email.split("@")[0]!, role: invitation.role, createdAt: this.now() };
    // One-time: mark used and create the member in one synchronous step.
    const used = this.storage.transactionSync(() => {
      if (run(this.storage, "UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", this.now(), tokenHash) === 0) return false;
      if (first(this.storage.sql.exec("SELECT id FROM users WHERE email = ?", member.email))) return false;
      this.insertUser(member, hash);
      return true;
    });
    if (!used) return { ok: false, reason: "This invitation has already been used or has expired. Ask the owner for a new one." };
    return { ok: true, token: await this.startLogin(member.id), member };
  }

  changeRole(actor: Member, memberId: string, role: string): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can change roles." };
    if (!isRole(role)) return { ok: false, reason: "Choose a role." };
    const target = this.member(memberId);
    if (!target) return { ok: false, reason: "That member no longer exists." };
    if (target.role === "owner" && role !== "owner" && this.ownerCount() === 1) {
      return { ok: false, reason: "A database needs at least one owner." };
    }
    this.storage.sql.exec("UPDATE users SET role = ? WHERE id = ?", role, memberId);
    return { ok: true };
  }

  removeMember(actor: Member, memberId: string): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can remove members." };
    const target = this.member(memberId);
    if (!target) return { ok: false, reason: "That member no longer exists." };
    if (target.role === "owner" && this.ownerCount() === 1) return { ok: false, reason: "A database needs at least one owner." };
    this.storage.transactionSync(() => {
      this.storage.sql.exec("DELETE FROM logins WHERE user_id = ?", memberId);
      this.storage.sql.exec("DELETE FROM ui_sessions WHERE user_id = ?", memberId);
      this.storage.sql.exec("DELETE FROM users WHERE id = ?", memberId);
    });
    return { ok: true };
  }

  /** Forgets sign-ins idle for longer than `ttlMs`; returns how many. */
  expireLogins(ttlMs: number): number {
    return run(this.storage, "DELETE FROM logins WHERE last_seen < ?", this.now() - ttlMs);
  }

  private ownerCount(): number {
    return this.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE role = 'owner'").one().n;
  }

  insertUser(member: Member, passwordHash: string): void {
    this.storage.sql.exec(
      "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      member.id, member.email, member.name, member.role, passwordHash, member.createdAt,
    );
  }

  async startLogin(userId: string): Promise<string> {
    const token = randomId(32);
    const now = this.now();
    this.storage.sql.exec("INSERT INTO logins (token_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)", await hashToken(token), userId, now, now);
    return token;
  }
}
