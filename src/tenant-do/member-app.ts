// The member side of TroveApp for one signed-in member: who they are and what their role
// allows, members and invitations, their own account (name, password, sign-ins, recovery,
// leaving), the database's settings and its deletion, and who else is here. TenantApp adds
// the data (tables, records, views, forms, imports) on top. Each call is authorised here,
// in the object, and records the topics it changed for live updates.

import { ChangePasswordInput, InviteInput, parseInput, RenameInput } from "../schema/account-inputs";
import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import * as v from "valibot";
import { DateOrderSchema, type DateOrder, type DecimalMark, DecimalMarkSchema, resolveTimeZone } from "../schema/time-zones";
import { can, type Permission } from "../schema/roles";
import type { Invitation, OperatorAccess, PendingReset, SignIn, } from "../ui/app";
import type { Tenant } from "./tenant";
import { DAY } from "./time";

/** What the screens' app uses of the engine (./tenant.ts): its port, shared by the layers
 *  MemberApp → DataApp (./data-app.ts) → TenantApp (./tenant-app.ts). */
export type AppPort = Pick<
  Tenant,
  "accounts" | "applyAction" | "changes" | "credentials" | "dateOrder" | "decimalMark" | "derivedJobs" |
  "describe" | "document" | "feeds" | "forms" | "getMeta" | "history" | "housekeeping" | "importJobs" |
  "imports" | "lifecycle" | "live" | "name" | "now" | "operator" | "origin" | "records" | "redo" | "schema" |
  "sessionStore" | "sessionTtlMs" | "setMeta" | "storage" | "timeZone" | "trash" | "undo"
>;

export class MemberApp {
  /** Topics changed by this app's calls, for live updates. */
  readonly changed = new Set<string>();
  /** Read once per instance (it lives for one event and its render): a grid shows the
   *  members in every user cell. */
  protected memberList: Member[] | undefined;

  constructor(
    protected readonly tenant: AppPort,
    protected member: Member,
    /** The UI session this app serves (its sign-in is "this browser" on My account). */
    protected readonly sessionId?: string,
  ) {}

  get databaseName(): string {
    return this.tenant.name ?? "";
  }

  get me(): Member {
    return this.member;
  }

  can(permission: Permission): boolean {
    return can(this.member.role, permission);
  }

  members(): Member[] {
    this.memberList ??= this.tenant.accounts.members();
    return this.memberList;
  }

  invitations(): Invitation[] {
    return this.can("manage") ? this.tenant.accounts.pendingInvitations() : [];
  }

  async invite(email: string, role: string): Promise<Outcome<{ link: string; email: string }>> {
    const input = parseInput(InviteInput, (key) => (key === "email" ? email : key === "role" ? role : undefined));
    if (!input.ok) return { ok: false, reason: input.reason };
    const result = await this.tenant.accounts.invite(this.member, input.value);
    if (!result.ok) return result;
    this.changed.add("members");
    return { ok: true, email: input.value.email, link: `${this.tenant.origin}/t/${this.databaseName}/invite/${result.token}` };
  }

  revokeInvitation(email: string): Outcome {
    const result = this.tenant.accounts.revokeInvitation(this.member, email);
    if (result.ok) this.changed.add("members");
    return result;
  }

  changeRole(memberId: string, role: string): Outcome {
    const result = this.tenant.accounts.changeRole(this.member, memberId, role);
    if (result.ok) {
      this.memberList = undefined;
      this.changed.add("members");
      this.changed.add("roles");
    }
    return result;
  }

  removeMember(memberId: string): Outcome {
    const result = this.tenant.accounts.removeMember(this.member, memberId);
    if (result.ok) {
      this.tenant.live.forgetSessionsOf(memberId);
      this.memberList = undefined;
      this.changed.add("members");
      this.changed.add("roles");
    }
    return result;
  }

  // ---- my account ----------------------------------------------------------------------

  /** The sign-in (token hash) of the session this app serves. */
  private loginHash(): string | undefined {
    if (this.sessionId === undefined) return undefined;
    return this.tenant.sessionStore.signInOf(this.sessionId)?.loginHash;
  }

  /** Ends sign-ins (their pages and sockets go to sign in) and notes it for open My account pages. */
  private ended(hashes: string[]): void {
    this.tenant.live.endSignIns(hashes);
    this.changed.add(`signins:${this.member.id}`);
  }

  rename(name: string): Outcome {
    const input = parseInput(RenameInput, (key) => (key === "name" ? name : undefined));
    if (!input.ok) return { ok: false, reason: input.reason };
    const result = this.tenant.credentials.rename(this.member, input.value);
    if (!result.ok) return result;
    this.member = { ...this.member, name: input.value.name };
    this.memberList = undefined;
    for (const topic of ["members", "presence"]) this.changed.add(topic);
    return result;
  }

  async changePassword(current: string, password: string): Promise<Outcome> {
    const input = parseInput(ChangePasswordInput, (key) => (key === "current" ? current : key === "password" ? password : undefined));
    if (!input.ok) return { ok: false, reason: input.reason };
    // A page event carries no client address: the throttle counts these per account.
    const result = await this.tenant.credentials.changePassword(this.member, input.value, null, this.loginHash());
    if (!result.ok) return result;
    this.ended(result.ended);
    return { ok: true };
  }

  signIns(): SignIn[] {
    return this.tenant.credentials.signIns(this.member.id, this.loginHash());
  }

  endSignIn(id: number): Outcome {
    const ended = this.tenant.credentials.endSignIn(this.member.id, id);
    if (ended.length === 0) return { ok: false, reason: "That sign-in has already ended." };
    this.ended(ended);
    return { ok: true };
  }

  endOtherSignIns(): Outcome<{ count: number }> {
    const ended = this.tenant.credentials.endSignIns(this.member.id, this.loginHash() ?? "");
    this.ended(ended);
    return { ok: true, count: ended.length };
  }

  hasRecoveryCode(): boolean {
    return this.tenant.credentials.hasRecoveryCode(this.member.id);
  }

  newRecoveryCode(): Promise<string> {
    return this.tenant.credentials.newRecoveryCode(this.member.id);
  }

  leave(): Outcome {
    const result = this.tenant.lifecycle.leave(this.member);
    if (!result.ok) return result;
    this.tenant.live.forgetSessionsOf(this.member.id);
    this.memberList = undefined;
    for (const topic of ["members", "roles", "presence"]) this.changed.add(topic);
    return result;
  }

  transferOwnership(memberId: string): Outcome<{ name: string }> {
    const result = this.tenant.lifecycle.transfer(this.member, memberId);
    if (!result.ok) return result;
    this.member = { ...this.member, role: "builder" };
    this.memberList = undefined;
    for (const topic of ["members", "roles"]) this.changed.add(topic);
    return result;
  }

  scheduleDeletion(typedName: string): Outcome<{ at: number }> {
    const result = this.tenant.lifecycle.scheduleDeletion(this.member, typedName.slice(0, 200));
    if (result.ok) this.changed.add("roles"); // every open page shows the notice
    return result;
  }

  cancelDeletion(): Outcome {
    const result = this.tenant.lifecycle.cancelDeletion(this.member);
    if (result.ok) this.changed.add("roles");
    return result;
  }

  deletionAt(): number | undefined {
    return this.tenant.lifecycle.deletionAt();
  }

  async issueReset(memberId: string): Promise<Outcome<{ link: string; name: string }>> {
    const result = await this.tenant.credentials.issueReset(this.member, memberId);
    if (!result.ok) return result;
    this.changed.add("members");
    return { ok: true, name: result.member.name, link: `${this.tenant.origin}/t/${this.databaseName}/reset/${result.token}` };
  }

  revokeReset(memberId: string): Outcome {
    const result = this.tenant.credentials.revokeReset(this.member, memberId);
    if (result.ok) this.changed.add("members");
    return result;
  }

  resets(): PendingReset[] {
    return this.can("manage") ? this.tenant.credentials.pendingResets() : [];
  }

  sessionTtlDays(): number {
    return Math.round(this.tenant.sessionTtlMs / DAY);
  }

  setSessionTtlDays(days: string): Outcome {
    if (!this.can("manage")) return { ok: false, reason: "Only owners can change settings." };
    const n = Number(days.trim());
    if (!Number.isInteger(n) || n < 1 || n > 365) return { ok: false, reason: "Enter a whole number of days from 1 to 365." };
    this.tenant.setMeta("session_ttl_days", String(n));
    this.changed.add("settings");
    return { ok: true };
  }

  timeZone(): string {
    return this.tenant.timeZone;
  }

  setTimeZone(timeZone: string): Outcome {
    if (!this.can("manage")) return { ok: false, reason: "Only owners can change settings." };
    const resolved = resolveTimeZone(timeZone.slice(0, 200));
    if (!resolved.ok) return resolved;
    this.tenant.setMeta("time_zone", resolved.zone);
    this.changed.add("settings");
    return { ok: true };
  }

  locale(): { dateOrder: DateOrder; decimalMark: DecimalMark } {
    return { dateOrder: this.tenant.dateOrder, decimalMark: this.tenant.decimalMark };
  }

  setLocale(dateOrder: string, decimalMark: string): Outcome {
    if (!this.can("manage")) return { ok: false, reason: "Only owners can change settings." };
    const order = v.safeParse(DateOrderSchema, dateOrder);
    const mark = v.safeParse(DecimalMarkSchema, decimalMark);
    if (!order.success) return { ok: false, reason: order.issues[0].message };
    if (!mark.success) return { ok: false, reason: mark.issues[0].message };
    this.tenant.setMeta("date_order", order.output);
    this.tenant.setMeta("decimal_mark", mark.output);
    this.changed.add("settings");
    return { ok: true };
  }

  operatorAccesses(): OperatorAccess[] {
    return this.can("manage") ? this.tenant.operator.accesses() : [];
  }

  restoredFrom(): { database: string; madeAt: number } | undefined {
    const from = this.tenant.getMeta("restored_from");
    if (!from || !this.can("manage")) return undefined;
    const parsed = JSON.parse(from) as { database: string; madeAt: number };
    return { database: parsed.database, madeAt: parsed.madeAt };
  }

  present(): Member[] {
    return this.tenant.live.presentMembers().filter((m) => m.id !== this.member.id);
  }
}
