// Database names: they become the address `/t/<name>/`, so they are short, lowercase and
// safe in a URL path. A few names are reserved for the product itself.

const RESERVED_NAMES: ReadonlySet<string> = new Set([
  "admin", "api", "app", "assets", "auth", "billing", "blog", "docs", "f", "help", "login",
  "logout", "mail", "new", "p", "root", "settings", "signin", "signout", "signup", "static",
  "status", "support", "system", "t", "trove", "www",
]);

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/** Checks a proposed database name; trims it and folds it to lowercase first. */
export function checkDatabaseName(input: string): NameCheck {
  const name = input.trim().toLowerCase();
  if (name.length < 3 || name.length > 40) {
    return { ok: false, reason: "A database name is 3 to 40 characters long." };
  }
  if (!/^[a-z0-9-]+$/.test(name)) {
    return { ok: false, reason: "Use only lowercase letters, digits and hyphens." };
  }
  if (name.startsWith("-") || name.endsWith("-")) {
    return { ok: false, reason: "A database name cannot start or end with a hyphen." };
  }
  if (RESERVED_NAMES.has(name)) {
    return { ok: false, reason: `“${name}” is reserved. Please choose another name.` };
  }
  return { ok: true, name };
}

/** True when `name` is already in canonical form and valid: the cheap check the worker makes. */
export function isDatabaseName(name: string): boolean {
  const check = checkDatabaseName(name);
  return check.ok && check.name === name;
}

/** Names people give tables, fields, views and constants: at most this many characters once
 *  trimmed (checked when an action applies, and by each action's schema). */
export const NAME_LIMIT = 80;
