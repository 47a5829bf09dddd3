// A member's own credentials (issue 18): their name, their password, where they are signed
// in, owner-issued reset links and recovery codes. Every secret is stored only as a hash,
// compared in constant time, used once and expiring; every check of a password or a code
// goes through the sign-in throttle (Accounts.throttledCheck). Changing a password, a reset
// and a recovery end the member's other sign-ins: their `logins` rows go here, and the
// caller hands the returned token hashes to LiveSessions.endSignIns, which closes the pages
// and sockets that used them.

import type { ChangePasswordInput, RecoverInput, RenameInput, ResetPasswordInput } from "../schema/account-inputs";
import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { can } from "../schema/roles";
import { describeUserAgent } from "../schema/user-agents";
import type { PendingReset, SignIn } from "../ui/app";
import { randomId } from "../ui/engine/ids";
import { type Accounts, toMember, type UserRow } from "./accounts";
import { hashPassword, hashToken, sameHash, verifyPassword } from "./passwords";
import { first, run, type Storage } from "./sql";
import { DAY } from "./time";

/** Reset links work for two days (the owner passes them on by hand). */
export const RESET_DAYS = 2;
const RESET_GONE = "This reset link has been used, revoked or has expired. Ask the database's owner for a new one.";
/** Recovery codes: 24 characters of Crockford's base32 (no I, L, O, U), 120 bits. */
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 24;

/** What ended a member's other sign-ins: the hashes of the tokens that no longer work. */
export type Ended = { ended: string[] };

/** A new recovery code, grouped in fours for reading aloud and copying. */
function newRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]!).join("");
  return chars.match(/.{4}/g)!.join("-");
}

export class Credentials {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly accounts: Accounts,
  ) {}

  rename(member: Member, input: RenameInput): Outcome {
    this.accounts.setName(member.id, input.name);
    return { ok: true };
  }

  /** A new password, proven by the current one (throttled like sign-in, from `address`);
   *  every other sign-in of the member ends. */
  async changePassword(member: Member, input: ChangePasswordInput, address: string | null, keepLoginHash: string | undefined): Promise<Outcome<Ended>> {
    const checked = await this.accounts.throttledCheck(member.email, address, "That is not your current password.", async (row) =>
      row !== undefined && row.id === member.id && verifyPassword(input.current, row.password_hash));
    if (!checked.ok) return checked;
    const hash = await hashPassword(input.password);
    return { ok: true, ended: this.setPassword(member.id, hash, keepLoginHash) };
  }

  /** Sets a password hash and ends every sign-in of the member but `keep`; one transaction. */
  private setPassword(memberId: string, hash: string, keep: string | undefined): string[] {
    return this.storage.transactionSync(() => {
      this.accounts.setPasswordHash(memberId, hash);
      return this.endSignIns(memberId, keep);
    });
  }

  /** Ends every sign-in of a member but `keep`; returns the token hashes that ended. */
  endSignIns(memberId: string, keep?: string): string[] {
    return this.accounts.endLogins(memberId, keep);
  }

  /** Ends one sign-in of a member (by its row id: a member cannot end anyone else's). */
  endSignIn(memberId: string, id: number): string[] {
    return this.accounts.endLogins(memberId, undefined, id);
  }

  /** Where a member is signed in, most recently seen first. */
  signIns(memberId: string, currentLoginHash: string | undefined): SignIn[] {
    return this.accounts.loginsOf(memberId).map((r) => ({ id: r.id, device: describeUserAgent(r.user_agent), signedInAt: r.created_at, lastSeen: r.last_seen, current: r.token_hash === currentLoginHash }));
  }

  // ---- reset links issued by owners ----------------------------------------------------

  /** A one-time reset link's token for a member (replacing any open one for them). */
  async issueReset(actor: Member, memberId: string): Promise<Outcome<{ token: string; member: Member }>> {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can issue reset links." };
    const target = this.accounts.member(memberId);
    if (!target) return { ok: false, reason: "That member no longer exists." };
    const token = randomId(24);
    const tokenHash = await hashToken(token);
    const now = this.now();
    this.storage.transactionSync(() => {
      run(this.storage, "DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL", memberId);
      run(this.storage, "INSERT INTO password_resets (token_hash, user_id, issued_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        tokenHash, memberId, actor.id, now, now + RESET_DAYS * DAY);
    });
    return { ok: true, token, member: target };
  }

  /** A member leaves: the reset links for them and those they issued go. */
  forgetResetsOf(memberId: string): void {
    run(this.storage, "DELETE FROM password_resets WHERE user_id = ? OR issued_by = ?", memberId, memberId);
  }

  /** Ownership handed over: the links the former owner issued no longer stand (they are
   *  checked when used, too). */
  revokeResetsIssuedBy(memberId: string): void {
    run(this.storage, "DELETE FROM password_resets WHERE issued_by = ? AND used_at IS NULL", memberId);
  }

  revokeReset(actor: Member, memberId: string): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can revoke reset links." };
    const revoked = run(this.storage, "DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL", memberId);
    return revoked > 0 ? { ok: true } : { ok: false, reason: "That reset link was already used, revoked or expired." };
  }

  /** Open reset links (for owners on the Members page). */
  pendingResets(): PendingReset[] {
    return this.storage.sql.exec<{ user_id: string; expires_at: number }>(
      "SELECT user_id, expires_at FROM password_resets WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at", this.now(),
    ).toArray().map((r) => ({ memberId: r.user_id, expiresAt: r.expires_at }));
  }

  /** The member an open reset link is for; undefined when used, revoked, expired, or its
   *  issuer is no longer an owner. */
  async resetFor(token: string): Promise<Member | undefined> {
    if (token.length > 100) return undefined;
    return this.openReset(await hashToken(token));
  }

  private openReset(tokenHash: string): Member | undefined {
    const row = first(this.storage.sql.exec<UserRow>(
      `SELECT u.* FROM password_resets r JOIN users u ON u.id = r.user_id JOIN users i ON i.id = r.issued_by
       WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND i.role = 'owner'`, tokenHash, this.now()));
    return row && toMember(row);
  }

  /** Sets a new password through a reset link: once, then the link is spent and every
   *  sign-in of the member ends; returns a new sign-in for this browser. */
  async useReset(token: string, input: ResetPasswordInput, userAgent: string): Promise<Outcome<Ended & { token: string; member: Member }>> {
    if (token.length > 100) return { ok: false, reason: RESET_GONE };
    const tokenHash = await hashToken(token);
    if (!this.openReset(tokenHash)) return { ok: false, reason: RESET_GONE };
    const hash = await hashPassword(input.password);
    // Still open after the await: check, spend and set in one synchronous step.
    const done = this.storage.transactionSync(() => {
      const member = this.openReset(tokenHash);
      if (!member) return undefined;
      if (run(this.storage, "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", this.now(), tokenHash) === 0) return undefined;
      return { member, ended: this.setPassword(member.id, hash, undefined) };
    });
    if (!done) return { ok: false, reason: RESET_GONE };
    return { ok: true, ...done, token: await this.accounts.startLogin(done.member.id, userAgent) };
  }

  // ---- recovery codes ------------------------------------------------------------------

  /** A new recovery code for a member, replacing any before it; shown once, kept as a hash. */
  async newRecoveryCode(memberId: string): Promise<string> {
    const code = newRecoveryCode();
    this.accounts.setRecoveryHash(memberId, await hashToken(code.replace(/-/g, "")));
    return code;
  }

  hasRecoveryCode(memberId: string): boolean {
    return this.accounts.hasRecoveryHash(memberId);
  }

  /** "Forgot your password?": email + recovery code (throttled like sign-in) sets a new
   *  password; the code is spent (a new one is shown), every other sign-in ends. */
  async recover(input: RecoverInput, address: string | null, userAgent: string): Promise<Outcome<Ended & { token: string; member: Member; code: string }>> {
    const wrong = "Wrong email or recovery code.";
    const codeHash = await hashToken(input.code);
    const checked = await this.accounts.throttledCheck(input.email, address, wrong, async (row) =>
      row?.recovery_hash != null && sameHash(codeHash, row.recovery_hash));
    if (!checked.ok) return checked;
    const hash = await hashPassword(input.password);
    const code = newRecoveryCode();
    const codeHashNext = await hashToken(code.replace(/-/g, ""));
    const member = toMember(checked.row);
    // Single use: only the code just checked is replaced (a second request with it finds a new hash).
    const ended = this.storage.transactionSync(() => {
      if (!this.accounts.setRecoveryHash(member.id, codeHashNext, codeHash)) return undefined;
      return this.setPassword(member.id, hash, undefined);
    });
    if (!ended) return { ok: false, reason: wrong };
    return { ok: true, ended, member, code, token: await this.accounts.startLogin(member.id, userAgent) };
  }
}
