// TroveApp for one signed-in member in one session: what the screens may ask of the
// database, each call authorised by the member's role. It records which topics its calls
// changed so the object can re-render the other sessions that show them.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { liveTables, type Table } from "../schema/model";
import { can, type Permission } from "../schema/roles";
import type { Invitation, TroveApp } from "../ui/app";
import { randomId } from "../ui/engine/ids";
import type { Tenant } from "./tenant";

export class TenantApp implements TroveApp {
  /** Topics changed by this app's calls, for live updates. */
  readonly changed = new Set<string>();

  constructor(
    private readonly tenant: Tenant,
    private readonly member: Member,
    private readonly sessionId: string,
  ) {}

  get databaseName(): string {
    return this.tenant.name ?? "";
  }

  get me(): Member {
    return this.member;
  }

  get basePath(): string {
    return this.tenant.sessionUrl(this.sessionId);
  }

  can(permission: Permission): boolean {
    return can(this.member.role, permission);
  }

  tables(): Table[] {
    return liveTables(this.tenant.schema);
  }

  addTable(name: string): Outcome<{ tableId: string }> {
    const tableId = randomId(8);
    const result = this.tenant.applyAction(this.member, { kind: "addTable", tableId, name, at: Date.now() });
    return this.note(result, { tableId });
  }

  renameTable(tableId: string, name: string): Outcome {
    return this.note(this.tenant.applyAction(this.member, { kind: "renameTable", tableId, name }), {});
  }

  deleteTable(tableId: string): Outcome {
    return this.note(this.tenant.applyAction(this.member, { kind: "deleteTable", tableId, at: Date.now() }), {});
  }

  undo(): Outcome<{ description: string }> {
    const result = this.tenant.undo(this.member);
    return this.note(result, result.ok ? { description: result.description } : { description: "" });
  }

  lastUndoable(): string | undefined {
    if (!this.can("write")) return undefined;
    const last = this.tenant.lastUndoable(this.member);
    return last && this.tenant.describe(last.action);
  }

  members(): Member[] {
    return this.tenant.accounts.members();
  }

  invitations(): Invitation[] {
    return this.can("manage") ? this.tenant.accounts.pendingInvitations() : [];
  }

  async invite(email: string, role: string): Promise<Outcome<{ link: string }>> {
    const result = await this.tenant.accounts.invite(this.member, email, role);
    if (!result.ok) return result;
    this.changed.add("members");
    return { ok: true, link: `${this.tenant.origin}/t/${this.databaseName}/invite/${result.token}` };
  }

  changeRole(memberId: string, role: string): Outcome {
    const result = this.tenant.accounts.changeRole(this.member, memberId, role);
    if (result.ok) {
      this.changed.add("members");
      this.changed.add("roles");
    }
    return result;
  }

  removeMember(memberId: string): Outcome {
    const result = this.tenant.accounts.removeMember(this.member, memberId);
    if (result.ok) {
      this.tenant.forgetSessionsOf(memberId);
      this.changed.add("members");
      this.changed.add("roles");
    }
    return result;
  }

  sessionTtlDays(): number {
    return Math.round(this.tenant.sessionTtlMs / 86_400_000);
  }

  setSessionTtlDays(days: string): Outcome {
    if (!this.can("manage")) return { ok: false, reason: "Only owners can change settings." };
    const n = Number(days.trim());
    if (!Number.isInteger(n) || n < 1 || n > 365) return { ok: false, reason: "Enter a whole number of days from 1 to 365." };
    this.tenant.setMeta("session_ttl_days", String(n));
    this.changed.add("settings");
    return { ok: true };
  }

  present(): Member[] {
    return this.tenant.presentMembers().filter((m) => m.id !== this.member.id);
  }

  private note<T extends object>(result: Outcome<{ topics: string[] }>, value: T): Outcome<T> {
    if (!result.ok) return result;
    for (const topic of result.topics) this.changed.add(topic);
    return { ok: true, ...value };
  }
}
