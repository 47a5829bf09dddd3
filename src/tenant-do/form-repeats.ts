// Tokenless resubmissions of a public form. The plain-HTML embed snippet carries no
// submission token, so pressing Send twice (or Back, then Send) would make two records. A
// tokenless submission is remembered for REPEAT_WINDOW_MS by a SHA-256 of (this database's
// secret salt, form, address, answers) — never the address itself — and the same answers
// from the same address within that window land once. A row is written only with a record,
// so the table is bounded by the forms' daily caps; the alarm forgets expired rows.

import type { Storage } from "./sql";

/** How long a tokenless submission is remembered. */
export const REPEAT_WINDOW_MS = 5 * 60_000;

/** The answers in a fixed order, without the fields that do not describe the person's
 *  answers (the token and the honeypot). */
function canonical(answers: ReadonlyMap<string, string>, ignore: readonly string[]): string {
  return JSON.stringify([...answers].filter(([name]) => !ignore.includes(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The key a submission is remembered under: hex SHA-256, salted per database. */
export async function repeatKey(salt: string, formId: string, address: string, answers: ReadonlyMap<string, string>, ignore: readonly string[]): Promise<string> {
  const text = JSON.stringify([salt, formId, address, canonical(answers, ignore)]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The `form_repeats` table (migration 8). Synchronous, so a check and the write after it
 *  run with no other request in between. */
export class FormRepeats {
  constructor(private readonly storage: Storage) {}

  /** Whether a submission with this key landed within the window. */
  seen(key: string, now: number): boolean {
    return this.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM form_repeats WHERE key = ? AND expires_at > ?", key, now).one().n > 0;
  }

  remember(key: string, formId: string, now: number): void {
    this.storage.sql.exec(
      "INSERT INTO form_repeats (key, form_id, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at",
      key, formId, now + REPEAT_WINDOW_MS,
    );
  }

  expire(now: number): void {
    this.storage.sql.exec("DELETE FROM form_repeats WHERE expires_at <= ?", now);
  }
}
