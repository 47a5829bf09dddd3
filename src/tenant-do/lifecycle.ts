// A database's membership and life (issue 18): a member leaves (any but the last owner), an
// owner hands ownership to another member, and an owner deletes the database — scheduled
// for DELETION_DAYS, shown to members as "scheduled for deletion", undoable by owners; then
// the alarm erases all of its storage (the object's shell runs `deleteAll`) and its name is
// free again. Every operation checks the acting member's role here, in the object.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { can } from "../schema/roles";
import { run, type Storage } from "./sql";
import { DAY } from "./time";

export const DELETION_DAYS = 7;
const DELETE_AT = "delete_at";

/** What the lifecycle needs of the database: storage, clock, its name and meta. */
export interface LifecycleHost {
  readonly storage: Storage;
  readonly name: string | undefined;
  now(): number;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  deleteMeta(key: string): void;
  scheduleCleanup(at: number): void;
}

export class Lifecycle {
  constructor(private readonly host: LifecycleHost) {}

  private ownerCount(): number {
    return this.host.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE role = 'owner'").one().n;
  }

  /** The member leaves: their sign-ins, sessions and open invitations go with them. */
  leave(member: Member): Outcome {
    if (member.role === "owner" && this.ownerCount() === 1) {
      return { ok: false, reason: "You are the only owner: make someone else an owner first, or delete the database." };
    }
    const { storage } = this.host;
    storage.transactionSync(() => {
      run(storage, "DELETE FROM logins WHERE user_id = ?", member.id);
      run(storage, "DELETE FROM ui_sessions WHERE user_id = ?", member.id);
      run(storage, "DELETE FROM invitations WHERE invited_by = ? AND used_at IS NULL", member.id);
      run(storage, "DELETE FROM password_resets WHERE user_id = ? OR issued_by = ?", member.id, member.id);
      run(storage, "DELETE FROM users WHERE id = ?", member.id);
    });
    return { ok: true };
  }

  /** An owner makes another member the owner and becomes a builder. */
  transfer(actor: Member, memberId: string): Outcome<{ name: string }> {
    if (!can(actor.role, "manage")) return { ok: false, reason: "Only owners can hand over ownership." };
    if (memberId === actor.id) return { ok: false, reason: "Choose another member." };
    const { storage } = this.host;
    const target = storage.sql.exec<{ name: string }>("SELECT name FROM users WHERE id = ?", memberId).toArray()[0];
    if (!target) return { ok: false, reason: "That member no longer exists." };
    storage.transactionSync(() => {
      run(storage, "UPDATE users SET role = 'owner' WHERE id = ?", memberId);
      run(storage, "UPDATE users SET role = 'builder' WHERE id = ?", actor.id);
      // Links the former owner issued no longer stand (they are checked when used, too).
      run(storage, "DELETE FROM password_resets WHERE issued_by = ? AND used_at IS NULL", actor.id);
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
