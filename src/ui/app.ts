// What Trove's screens may ask of the database they run in. The tenant object implements
// it for one signed-in member; every method checks that member's role itself, so a forged
// or stale callback can never do more than the member may.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import type { Table } from "../schema/model";
import type { Permission, Role } from "../schema/roles";

export interface Invitation {
  email: string;
  role: Role;
  expiresAt: number;
}

export interface TroveApp {
  readonly databaseName: string;
  /** The signed-in member looking at this session. */
  readonly me: Member;
  /** The session's own address, e.g. "/t/orchestra/s/abc". */
  readonly basePath: string;
  can(permission: Permission): boolean;

  /** Tables (not deleted), in order. */
  tables(): Table[];
  addTable(name: string): Outcome<{ tableId: string }>;
  renameTable(tableId: string, name: string): Outcome;
  deleteTable(tableId: string): Outcome;
  /** Undoes this member's last change that has not been undone. */
  undo(): Outcome<{ description: string }>;
  /** What `undo` would undo, for the button's label; undefined when there is nothing. */
  lastUndoable(): string | undefined;

  members(): Member[];
  invitations(): Invitation[];
  /** Creates a one-time invitation; returns the link to pass on. */
  invite(email: string, role: string): Promise<Outcome<{ link: string }>>;
  changeRole(memberId: string, role: string): Outcome;
  removeMember(memberId: string): Outcome;

  /** Days an idle sign-in or session lasts before it expires. */
  sessionTtlDays(): number;
  /** Owners only: how long idle sign-ins and sessions last (1–365 days). */
  setSessionTtlDays(days: string): Outcome;

  /** Other members with this database open right now. */
  present(): Member[];
}
