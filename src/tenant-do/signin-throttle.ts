// Sign-in throttling that an anonymous caller can neither grow without bound nor turn against
// a member. Failures are counted under three fixed-size keys (hashes, so neither emails nor
// addresses are stored, and known and unknown emails are treated alike):
//   • per (email, address group) — 5 free failures, then that address is locked out of that
//     account for 30 s, doubling up to 15 min; the member signs in from anywhere else;
//   • per address group, across emails — 20 free failures, then that address is locked out
//     of every account the same way (password spraying, credential stuffing);
//   • per email, from every address — never a lock, only a slow-down (up to 2 s before the
//     password is checked) once many addresses fail for it: the right password from a clean
//     address still signs in.
// Every row expires an hour after its last failure (or when its lock ends), expired rows go
// on every failure and on the alarm, and the table is capped at MAX_ROWS: past it the rows
// that lock nothing and expire soonest go first.

import { addressGroup } from "../schema/addresses";
import { hashToken } from "./passwords";
import { first, run, type Storage } from "./sql";

interface Rule {
  free: number;
  firstLockMs: number;
  maxLockMs: number;
}

const PAIR: Rule = { free: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };
const ADDRESS: Rule = { free: 20, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };
const SLOW_DOWN_AFTER = 10;
const SLOW_DOWN_STEP_MS = 100;
const MAX_SLOW_DOWN_MS = 2_000;
const WINDOW_MS = 60 * 60_000;
/** At most this many rows (each well under 100 bytes): a fixed bound on the table. */
export const MAX_ROWS = 3_000;

export interface ThrottleKeys {
  pair: string;
  address: string;
  account: string;
}

export type Verdict = { ok: true; delayMs: number } | { ok: false; reason: string; retryAfterSeconds: number };

/** The keys of an attempt for a (normalised) email from a client address, hashed with the
 *  database's salt (an unsalted hash of an IPv4 address is undone in seconds). */
export async function throttleKeys(salt: string, email: string, address: string | null | undefined): Promise<ThrottleKeys> {
  const group = addressGroup(address);
  const hash = async (text: string) => (await hashToken(`${salt}\n${text}`)).slice(0, 32);
  return { pair: `p${await hash(`${email}\n${group}`)}`, address: `a${await hash(group)}`, account: `e${await hash(email)}` };
}

function lockMs(rule: Rule, failures: number): number {
  return failures >= rule.free ? Math.min(rule.maxLockMs, rule.firstLockMs * 2 ** (failures - rule.free)) : 0;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class SigninThrottle {
  private cachedSalt: string | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    /** Asks for the alarm by `at`, so rows expire even if no one fails again. */
    private readonly scheduleCleanup: (at: number) => void = () => {},
  ) {}

  /** This database's salt for the keys (made by migration 8). */
  salt(): string {
    this.cachedSalt ??= first(this.storage.sql.exec<{ salt: string }>("SELECT salt FROM signin_salt WHERE id = 1"))?.salt ?? "";
    return this.cachedSalt;
  }

  /** The keys of an attempt, salted for this database. */
  keys(email: string, address: string | null | undefined): Promise<ThrottleKeys> {
    return throttleKeys(this.salt(), email, address);
  }

  /** Whether an attempt may go on (and how long to slow it down), before anything is derived. */
  check(keys: ThrottleKeys): Verdict {
    const now = this.now();
    const rows = this.storage.sql.exec<{ key: string; failures: number; locked_until: number }>(
      "SELECT key, failures, locked_until FROM signin_failures WHERE key IN (?, ?, ?) AND expires_at > ?", keys.pair, keys.address, keys.account, now,
    ).toArray();
    const row = (key: string) => rows.find((r) => r.key === key);
    const pair = row(keys.pair);
    if (pair && pair.locked_until > now) {
      const wait = seconds(pair.locked_until - now);
      return { ok: false, reason: `Too many failed sign-ins for this account from your network. Try again in ${wait} seconds.`, retryAfterSeconds: wait };
    }
    const address = row(keys.address);
    if (address && address.locked_until > now) {
      const wait = seconds(address.locked_until - now);
      return { ok: false, reason: `Too many failed sign-ins from your network. Try again in ${wait} seconds.`, retryAfterSeconds: wait };
    }
    const failures = row(keys.account)?.failures ?? 0;
    return { ok: true, delayMs: Math.min(MAX_SLOW_DOWN_MS, Math.max(0, failures - SLOW_DOWN_AFTER) * SLOW_DOWN_STEP_MS) };
  }

  /** Counts an attempt as a failure before the (slow, awaited) password check, so attempts
   *  running side by side each count; `succeeded` takes it back. Returns the counts. */
  begin(keys: ThrottleKeys): { pair: number; address: number } {
    const now = this.now();
    const count = (key: string) =>
      this.storage.sql.exec<{ failures: number }>(
        `INSERT INTO signin_failures (key, failures, locked_until, expires_at) VALUES (?, 1, 0, ?)
         ON CONFLICT(key) DO UPDATE SET
           failures = CASE WHEN expires_at > ? THEN failures + 1 ELSE 1 END,
           locked_until = CASE WHEN expires_at > ? THEN locked_until ELSE 0 END,
           expires_at = MAX(expires_at, excluded.expires_at)
         RETURNING failures`, key, now + WINDOW_MS, now, now,
      ).one().failures;
    const counts = this.storage.transactionSync(() => {
      const result = { pair: count(keys.pair), address: count(keys.address) };
      count(keys.account);
      return result;
    });
    this.prune(now);
    this.scheduleCleanup(now + WINDOW_MS + 1000);
    return counts;
  }

  /** The attempt failed: locks what has failed too often; returns the longest lock, in
   *  seconds (0: none). */
  failed(keys: ThrottleKeys, counts: { pair: number; address: number }): number {
    const now = this.now();
    let longest = 0;
    for (const [key, ms] of [[keys.pair, lockMs(PAIR, counts.pair)], [keys.address, lockMs(ADDRESS, counts.address)]] as const) {
      if (ms <= 0) continue;
      run(this.storage, "UPDATE signin_failures SET locked_until = MAX(locked_until, ?), expires_at = MAX(expires_at, ?) WHERE key = ?", now + ms, now + ms, key);
      longest = Math.max(longest, ms);
    }
    return longest > 0 ? seconds(longest) : 0;
  }

  /** The right password: the pair starts afresh; the address and account counts lose the
   *  attempt `begin` counted. */
  succeeded(keys: ThrottleKeys): void {
    this.storage.transactionSync(() => {
      run(this.storage, "DELETE FROM signin_failures WHERE key = ?", keys.pair);
      run(this.storage, "UPDATE signin_failures SET failures = MAX(0, failures - 1) WHERE key IN (?, ?)", keys.address, keys.account);
    });
  }

  /** Forgets expired rows; returns when the next one expires (undefined: none left). */
  expire(): number | undefined {
    const now = this.now();
    run(this.storage, "DELETE FROM signin_failures WHERE expires_at <= ?", now);
    return first(this.storage.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM signin_failures"))?.at ?? undefined;
  }

  private prune(now: number): void {
    run(this.storage, "DELETE FROM signin_failures WHERE expires_at <= ?", now);
    const n = this.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM signin_failures").one().n;
    if (n <= MAX_ROWS) return;
    run(this.storage,
      "DELETE FROM signin_failures WHERE key IN (SELECT key FROM signin_failures ORDER BY locked_until > ?, expires_at LIMIT ?)", now, n - MAX_ROWS);
  }
}
