// A database's membership and life (issue 18): a member leaves (any but the last owner), an
// owner hands ownership to another member, and an owner deletes the database — scheduled
// for DELETION_DAYS, shown to members as "scheduled for deletion", undoable by owners; then
// the alarm erases all of its storage (the object's shell runs `deleteAll`) and its name is
// free again. Every operation checks the acting member's role here, in the object.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { can } from "../schema/roles";
import type { Accounts } from "./accounts";
import type { Credentials } from "./credentials";
import type { Storage } from "./sql";
import { DAY } from "./time";

export const DELETION_DAYS = 7;
const DELETE_AT = "delete_at";

/** What the lifecycle needs of the database: storage, clock, its name and meta, and the
 *  owners of the member tables (./accounts.ts, ./credentials.ts). */
export interface LifecycleHost {
  readonly storage: Storage;
  readonly accounts: Pick<Accounts, "ownerCount" | "forget" | "member" | "handOver">;
  readonly credentials: Pick<Credentials, "forgetResetsOf" | "revokeResetsIssuedBy">;
  readonly name: string | undefined;
  now(): number;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  deleteMeta(key: string): void;
  scheduleCleanup(at: number): void;
}

export class Lifecycle {
  constructor(private readonly host: LifecycleHost) {}

  /** The member leaves: their sign-ins, sessions and open invitations go with them. */
  leave(member: Member): Outcome {
    if (member.role === "owner" && this.host.accounts.ownerCount() === 1) {
      return { ok: false, reason: "You are the only owner: make someone else an owner first, or delete the database." };
    }
    const { storage, accounts, credentials } = this.host;
    storage.transactionSync(() => {
      credentials.forgetResetsOf(member.id);
      accounts.forget(member.id);
    });
    return { ok: true };
  }

  /** An owner makes another member the owner and becomes a builder. */
  transfer(actor: Member, memberId: string): Outcome<{ name: string }> {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can hand over ownership." };
    if (memberId === actor.id) return { ok: false, reason: "Choose another member." };
    const { storage, accounts, credentials } = this.host;
    const target = accounts.member(memberId);
    if (!target) return { ok: false, reason: "That member no longer exists." };
    storage.transactionSync(() => {
      accounts.handOver(actor.id, memberId);
      credentials.revokeResetsIssuedBy(actor.id);
    });
    return { ok: true, name: target.name };
  }

  /** When the database is to be erased (ms), or undefined. */
  deletionAt(): number | undefined {
    const at = Number(this.host.getMeta(DELETE_AT));
    return Number.isFinite(at) && at > 0 ? at : undefined;
  }

  /** An owner schedules deletion, confirming with the database's name typed. */
  scheduleDeletion(actor: Member, typedName: string): Outcome<{ at: number }> {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can delete the database." };
    if (typedName.trim().toLowerCase() !== this.host.name) return { ok: false, reason: `Type the database's name, ${this.host.name}, to confirm.` };
    const at = this.deletionAt() ?? this.host.now() + DELETION_DAYS * DAY;
    this.host.setMeta(DELETE_AT, String(at));
    this.host.scheduleCleanup(at);
    return { ok: true, at };
  }

  /** An owner takes the deletion back during the grace period. */
  cancelDeletion(actor: Member): Outcome {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can cancel the deletion." };
    if (this.deletionAt() === undefined) return { ok: false, reason: "The database is not scheduled for deletion." };
    this.host.deleteMeta(DELETE_AT);
    return { ok: true };
  }

  /** Whether the grace period is over (the alarm then erases everything). */
  deletionDue(): boolean {
    const at = this.deletionAt();
    return at !== undefined && at <= this.host.now();
  }
}
