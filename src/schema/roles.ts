// Roles and what each may do (DabbleDB's four levels). Every request is authorised inside
// the tenant object with `can`, never only in the worker.

export const ROLES = ["owner", "builder", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | "read" // see tables, records and views
  | "write" // add, edit and delete records
  | "build" // change structure: tables, fields, views, forms
  | "manage"; // members, roles and database settings

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(["read", "write", "build", "manage"]),
  builder: new Set(["read", "write", "build"]),
  editor: new Set(["read", "write"]),
  viewer: new Set(["read"]),
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members and settings",
  builder: "Read, write and change structure",
  editor: "Read and write records",
  viewer: "Read only",
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether a member with `inviter`'s role may invite someone at `role`: members who manage
 *  may invite at their own role or below (ROLES is ordered from most to least). An open
 *  invitation stands only while this holds for its inviter's current role. */
export function canInvite(inviter: Role, role: Role): boolean {
  return can(inviter, "manage") && ROLES.indexOf(role) >= ROLES.indexOf(inviter);
}
