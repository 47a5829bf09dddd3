// A member of a database, as the rest of Trove sees one (no password material).

import type { Role } from "./roles";

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
}

/** Up to two initials for an avatar: "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const parts = name.trim().split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}
