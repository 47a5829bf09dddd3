// Accounts of one database: members with roles, sign-in sessions (cookie tokens stored as
// hashes), throttled sign-in (./signin-throttle.ts), and invitations: one open invitation per
// email, expiring after 7 days, revocable, and void once their inviter is removed or may no
// longer invite at that role. Every operation that needs a permission takes the acting member
// and checks it here, inside the tenant object. Inputs arrive parsed by the schemas in
// src/schema/account-inputs.ts.

import type { AcceptInvitationInput, InviteInput, SignInInput } from "../schema/account-inputs";
import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { can, canInvite, isRole, type Role } from "../schema/roles";
import { MAX_USER_AGENT } from "../schema/user-agents";
import { randomId } from "../ui/engine/ids";
import { hashPassword, hashToken, needsRehash, verifyPassword } from "./passwords";
import { DeriveGate } from "./derive-gate";
import type { SessionStore } from "./session-store";
import { SigninThrottle } from "./signin-throttle";
import { first, run, type Storage } from "./sql";
import { DAY } from "./time";

export type { Member, Outcome };

type Invitation = { email: string; role: Role };
export type UserRow = { id: string; email: string; name: string; role: string; password_hash: string; recovery_hash: string | null; created_at: number };
type InvitationRow = { email: string; role: string; expires_at: number; inviter_role: string | null; inviter_name: string | null };

export const INVITATION_DAYS = 7;
const USED_OR_EXPIRED = "This invitation has been used, revoked or has expired. Ask the owner for a new one.";
/** A hash of a random password: unknown emails cost the same time as known ones. */
let decoyHash: Promise<string> | undefined;

/** Writes a member's row (sign-up, an accepted invitation, a restored backup's members). */
export function insertUserRow(storage: Storage, member: Member, passwordHash: string): void {
  storage.sql.exec(
    "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    member.id, member.email, member.name, member.role, passwordHash, member.createdAt,
  );
}

export function toMember(row: UserRow): Member {
  return { id: row.id, email: row.email, name: row.name, role: isRole(row.role) ? row.role : "viewer", createdAt: row.created_at };
}

/** An invitation still stands while its inviter is a member who may invite at its role. */
function stands(row: InvitationRow): boolean {
  return isRole(row.role) && isRole(row.inviter_role) && canInvite(row.inviter_role, row.role);
}

/** Open invitations with their inviter's current role (null once the inviter is gone). */
const OPEN_INVITATIONS = `SELECT i.email, i.role, i.expires_at, u.role AS inviter_role, u.name AS inviter_name
  FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
  WHERE i.used_at IS NULL AND i.expires_at > ?`;

export class Accounts {
  private readonly throttle: SigninThrottle;
  /** Password derivations for sign-in, one at a time (per object: memory, not storage). */
  private readonly gate = new DeriveGate();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    /** UI sessions (./session-store.ts): a session names its sign-in; a removed member's go. */
    private readonly sessions: SessionStore,
    scheduleCleanup?: (at: number) => void,
  ) {
    this.throttle = new SigninThrottle(storage, now, scheduleCleanup);
  }

  /** Hashes an owner's (parsed) details without writing, so sign-up can refuse cleanly. */
  async prepareOwner(email: string, name: string, password: string): Promise<{ member: Member; hash: string }> {
    const member: Member = { id: randomId(), email, name: name || email.split("@")[0]!, role: "owner", createdAt: this.now() };
    return { member, hash: await hashPassword(password) };
  }

  members(): Member[] {
    return this.storage.sql.exec<UserRow>("SELECT * FROM users ORDER BY created_at, email").toArray().map(toMember);
  }

  member(id: string): Member | undefined {
    const row = first(this.storage.sql.exec<UserRow>("SELECT * FROM users WHERE id = ?", id));
    return row && toMember(row);
  }

  /** Signs in with parsed input (the email is normalised) from a client address; the
   *  sign-in remembers the browser it came from (`userAgent`). */
  async signIn(input: SignInInput, address: string | null, userAgent = ""): Promise<Outcome<{ token: string; member: Member }>> {
    const checked = await this.throttledCheck(input.email, address, "Wrong email or password.", async (row) => {
      decoyHash ??= hashPassword(randomId());
      return verifyPassword(input.password, row?.password_hash ?? (await decoyHash));
    });
    if (!checked.ok) return checked;
    const { row } = checked;
    if (needsRehash(row.password_hash)) this.setPasswordHash(row.id, await hashPassword(input.password));
    return { ok: true, token: await this.startLogin(row.id, userAgent), member: toMember(row) };
  }

  /** Checks a secret (a password, a recovery code) for the account of `email`, throttled
   *  like sign-in, whatever the secret: the throttle answers before anything is derived
   *  (./signin-throttle.ts), and checks go one at a time (./derive-gate.ts), so a flood
   *  cannot starve members' pages. `fits` sees the account's row (undefined for an unknown
   *  email: it should cost the same time) and says whether the secret fits it. */
  async throttledCheck(email: string, address: string | null, wrong: string, fits: (row: UserRow | undefined) => Promise<boolean>): Promise<Outcome<{ row: UserRow }>> {
    const keys = await this.throttle.keys(email, address);
    const verdict = this.throttle.check(keys);
    if (!verdict.ok) return verdict;
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    const checked = await this.gate.run(async () => {
      const now = this.throttle.check(keys); // others may have failed meanwhile
      if (!now.ok) return now;
      const counts = this.throttle.begin(keys);
      const row = first(this.storage.sql.exec<UserRow>("SELECT * FROM users WHERE email = ?", email));
      const good = await fits(row);
      return { ok: true as const, row: good ? row : undefined, counts };
    });
    if (!checked) return { ok: false, reason: "Sign-in is busy. Please try again in a moment.", retryAfterSeconds: 1 };
    if (!checked.ok) return checked;
    const { row, counts } = checked;
    if (!row) {
      const wait = this.throttle.failed(keys, counts);
      if (wait > 0) return { ok: false, reason: `${wrong} Too many failed sign-ins: try again in ${wait} seconds.`, retryAfterSeconds: wait };
      return { ok: false, reason: wrong };
    }
    this.throttle.succeeded(keys);
    return { ok: true, row };
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

  /** The member of a UI session whose sign-in is still valid; undefined when the session,
   *  its sign-in or its member is gone. Like a cookie, an open socket keeps its sign-in alive. */
  memberForSession(sessionId: string): Member | undefined {
    const signIn = this.sessions.signInOf(sessionId);
    if (!signIn) return undefined;
    const row = first(this.storage.sql.exec<UserRow & { last_seen: number }>(
      "SELECT u.*, l.last_seen FROM logins l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ? AND u.id = ?", signIn.loginHash, signIn.userId));
    if (!row) return undefined;
    this.seen(signIn.loginHash, row.last_seen);
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

  /** Creates an invitation, replacing any open one for the same email. */
  async invite(actor: Member, input: InviteInput): Promise<Outcome<{ token: string }>> {
    if (!canInvite(actor.role, input.role)) {
      return { ok: false, reason: can(actor.role, "manage") ? "You cannot invite someone with a role above your own." : "Only owners can invite members." };
    }
    if (first(this.storage.sql.exec("SELECT id FROM users WHERE email = ?", input.email))) {
      return { ok: false, reason: `${input.email} is already a member.` };
    }
    const token = randomId(24);
    const tokenHash = await hashToken(token);
    const now = this.now();
    this.storage.transactionSync(() => {
      this.storage.sql.exec("DELETE FROM invitations WHERE email = ? AND used_at IS NULL", input.email);
      this.storage.sql.exec(
        "INSERT INTO invitations (token_hash, email, role, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        tokenHash, input.email, input.role, actor.id, now, now + INVITATION_DAYS * DAY,
      );
    });
    return { ok: true, token };
  }

  /** Withdraws the open invitation for `email`. */
  revokeInvitation(actor: Member, email: string): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can revoke invitations." };
    const revoked = run(this.storage, "DELETE FROM invitations WHERE email = ? AND used_at IS NULL", email);
    return revoked > 0 ? { ok: true } : { ok: false, reason: "That invitation was already accepted, revoked or expired." };
  }

  /** Open invitations that still stand, for the members page. */
  pendingInvitations(): { email: string; role: Role; expiresAt: number; invitedBy: string }[] {
    return this.storage.sql
      .exec<InvitationRow>(`${OPEN_INVITATIONS} ORDER BY i.created_at`, this.now())
      .toArray()
      .filter(stands)
      .map((r) => ({ email: r.email, role: isRole(r.role) ? r.role : "viewer", expiresAt: r.expires_at, invitedBy: r.inviter_name ?? "" }));
  }

  async invitation(token: string): Promise<Invitation | undefined> {
    if (token.length > 100) return undefined;
    return this.openInvitation(await hashToken(token));
  }

  private openInvitation(tokenHash: string): Invitation | undefined {
    const row = first(this.storage.sql.exec<InvitationRow>(`${OPEN_INVITATIONS} AND i.token_hash = ?`, this.now(), tokenHash));
    return row && stands(row) && isRole(row.role) ? { email: row.email, role: row.role } : undefined;
  }

  /** Accepts an invitation with parsed input. A refusal carries the invitation when it still
   *  stands (so the page can be shown again), none when it is used, revoked or expired. */
  async acceptInvitation(token: string, input: AcceptInvitationInput, userAgent = ""): Promise<{ ok: true; token: string; member: Member } | { ok: false; reason: string; invitation?: Invitation }> {
    if (token.length > 100) return { ok: false, reason: USED_OR_EXPIRED };
    const tokenHash = await hashToken(token);
    if (!this.openInvitation(tokenHash)) return { ok: false, reason: USED_OR_EXPIRED };
    const hash = await hashPassword(input.password);
    // One-time, and still standing after the await: check, mark used and create the member
    // in one synchronous step.
    const member = this.storage.transactionSync(() => {
      const invitation = this.openInvitation(tokenHash);
      if (!invitation || first(this.storage.sql.exec("SELECT id FROM users WHERE email = ?", invitation.email))) return undefined;
      if (run(this.storage, "UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", this.now(), tokenHash) === 0) return undefined;
      const created: Member = { id: randomId(), email: invitation.email, name: input.name || invitation.email.split("@")[0]!, role: invitation.role, createdAt: this.now() };
      this.insertUser(created, hash);
      return created;
    });
    if (!member) return { ok: false, reason: USED_OR_EXPIRED };
    return { ok: true, token: await this.startLogin(member.id, userAgent), member };
  }

  changeRole(actor: Member, memberId: string, role: string): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can change roles." };
    if (!isRole(role)) return { ok: false, reason: "Choose a role." };
    const target = this.member(memberId);
    if (!target) return { ok: false, reason: "That member no longer exists." };
    if (target.role === "owner" && role !== "owner" && this.ownerCount() === 1) {
      return { ok: false, reason: "A database needs at least one owner." };
    }
    this.storage.transactionSync(() => {
      this.storage.sql.exec("UPDATE users SET role = ? WHERE id = ?", role, memberId);
      // Invitations this member may no longer make are void for good (a later promotion does
      // not revive them).
      for (const open of this.storage.sql.exec<{ token_hash: string; role: string }>(
        "SELECT token_hash, role FROM invitations WHERE invited_by = ? AND used_at IS NULL", memberId).toArray()) {
        if (!isRole(open.role) || !canInvite(role, open.role)) this.storage.sql.exec("DELETE FROM invitations WHERE token_hash = ?", open.token_hash);
      }
    });
    return { ok: true };
  }

  removeMember(actor: Member, memberId: string): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can remove members." };
    const target = this.member(memberId);
    if (!target) return { ok: false, reason: "That member no longer exists." };
    if (target.role === "owner" && this.ownerCount() === 1) return { ok: false, reason: "A database needs at least one owner." };
    this.storage.transactionSync(() => {
      this.forget(memberId);
    });
    return { ok: true };
  }

  /** Deletes a member with their sign-ins, sessions and open invitations (removed, or
   *  leaving: ./lifecycle.ts); the caller checks who may, inside its transaction. */
  forget(memberId: string): void {
    this.storage.sql.exec("DELETE FROM logins WHERE user_id = ?", memberId);
    this.sessions.deleteForMember(memberId);
    this.storage.sql.exec("DELETE FROM users WHERE id = ?", memberId);
    // Their open invitations no longer stand (checked when used); this drops the rows.
    this.storage.sql.exec("DELETE FROM invitations WHERE invited_by = ? AND used_at IS NULL", memberId);
  }

  /** Forgets sign-ins idle for longer than `ttlMs`; returns how many. */
  expireLogins(ttlMs: number): number {
    return run(this.storage, "DELETE FROM logins WHERE last_seen < ?", this.now() - ttlMs);
  }

  /** Forgets expired throttle rows and invitations nobody accepted; returns when the next
   *  throttle row expires (undefined: none left). */
  expireAnonymous(): number | undefined {
    run(this.storage, "DELETE FROM invitations WHERE used_at IS NULL AND expires_at <= ?", this.now());
    return this.throttle.expire();
  }

  ownerCount(): number {
    return this.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE role = 'owner'").one().n;
  }

  insertUser(member: Member, passwordHash: string): void {
    insertUserRow(this.storage, member, passwordHash);
  }

  // ---- rows other parts change (./credentials.ts, ./lifecycle.ts): this module owns
  // `users`, `logins` and `invitations`; the callers check who may.

  setName(memberId: string, name: string): void {
    run(this.storage, "UPDATE users SET name = ? WHERE id = ?", name, memberId);
  }

  setPasswordHash(memberId: string, hash: string): void {
    run(this.storage, "UPDATE users SET password_hash = ? WHERE id = ?", hash, memberId);
  }

  /** Replaces a member's recovery code hash (only while it is still `expected`, when given);
   *  returns whether it was replaced. */
  setRecoveryHash(memberId: string, hash: string, expected?: string): boolean {
    return expected === undefined
      ? run(this.storage, "UPDATE users SET recovery_hash = ? WHERE id = ?", hash, memberId) > 0
      : run(this.storage, "UPDATE users SET recovery_hash = ? WHERE id = ? AND recovery_hash = ?", hash, memberId, expected) > 0;
  }

  hasRecoveryHash(memberId: string): boolean {
    return first(this.storage.sql.exec<{ h: string | null }>("SELECT recovery_hash AS h FROM users WHERE id = ?", memberId))?.h != null;
  }

  /** Makes `toId` an owner and `fromId` a builder, in one step. */
  handOver(fromId: string, toId: string): void {
    run(this.storage, "UPDATE users SET role = 'owner' WHERE id = ?", toId);
    run(this.storage, "UPDATE users SET role = 'builder' WHERE id = ?", fromId);
  }

  /** Ends every sign-in of a member but `keep` (or only the one with row id `only`);
   *  returns the token hashes that ended. */
  endLogins(memberId: string, keep?: string, only?: number): string[] {
    const rows = only === undefined
      ? this.storage.sql.exec<{ token_hash: string }>("DELETE FROM logins WHERE user_id = ? AND token_hash != ? RETURNING token_hash", memberId, keep ?? "")
      : this.storage.sql.exec<{ token_hash: string }>("DELETE FROM logins WHERE user_id = ? AND rowid = ? RETURNING token_hash", memberId, only);
    return rows.toArray().map((r) => r.token_hash);
  }

  /** A member's sign-ins, most recently seen first. */
  loginsOf(memberId: string): { id: number; token_hash: string; user_agent: string; created_at: number; last_seen: number }[] {
    return this.storage.sql.exec<{ id: number; token_hash: string; user_agent: string; created_at: number; last_seen: number }>(
      "SELECT rowid AS id, token_hash, user_agent, created_at, last_seen FROM logins WHERE user_id = ? ORDER BY last_seen DESC, rowid DESC", memberId,
    ).toArray();
  }

  /** A new sign-in for a member, from the browser `userAgent` names; returns its token. */
  async startLogin(userId: string, userAgent = ""): Promise<string> {
    const token = randomId(32);
    const now = this.now();
    this.storage.sql.exec("INSERT INTO logins (token_hash, user_id, created_at, last_seen, user_agent) VALUES (?, ?, ?, ?, ?)",
      await hashToken(token), userId, now, now, userAgent.slice(0, MAX_USER_AGENT));
    return token;
  }
}
