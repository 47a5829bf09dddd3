// Passwords: PBKDF2-SHA256 with a per-user salt, compared in constant time. Each stored hash
// names its scheme and iteration count — "pbkdf2-sha256$<iterations>$<salt>$<hash>" (base64)
// — so the count can be raised later: a hash made with fewer iterations still verifies and
// is re-hashed at the next successful sign-in (`needsRehash`). Workers cap PBKDF2 at
// 100,000 iterations (workerd issue 1346; `wrangler dev` does not enforce it), so that is
// both today's count and the most a stored hash may ask for: a larger count is refused
// before anything is derived. Lengths are checked by the input schemas
// (src/schema/account-inputs.ts) before a password reaches this module.

export const SCHEME = "pbkdf2-sha256";
export const ITERATIONS = 100_000;
/** The platform's limit: a stored count above it would fail (or burn CPU) when deriving. */
export const MAX_ITERATIONS = 100_000;
const encoder = new TextEncoder();

export interface StoredHash {
  scheme: typeof SCHEME;
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Reads a stored hash; undefined when it is not one this code can (or may) verify: an
 *  unknown scheme, a malformed field, or an iteration count outside 1…MAX_ITERATIONS. */
export function parseStoredHash(stored: string): StoredHash | undefined {
  const parts = stored.split("$");
  if (parts.length !== 4) return undefined;
  const [scheme, count, saltText, hashText] = parts as [string, string, string, string];
  if (scheme !== SCHEME || !/^[1-9][0-9]{0,8}$/.test(count)) return undefined;
  const iterations = Number(count);
  if (iterations > MAX_ITERATIONS) return undefined;
  const salt = fromBase64(saltText);
  const hash = fromBase64(hashText);
  if (!salt || !hash || salt.length < 8 || hash.length !== 32) return undefined;
  return { scheme, iterations, salt, hash };
}

export async function hashPassword(password: string, iterations = ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** A well-formed hash of no password anyone knows (random bytes, nothing derived): a
 *  member restored from a backup signs in only after an owner's reset link, and a sign-in
 *  attempt costs the same derivation as for anyone else. */
export function randomUnusableHash(): string {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = crypto.getRandomValues(new Uint8Array(32));
  return `${SCHEME}$${ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.iterations);
  return constantTimeEqual(actual, parsed.hash);
}

/** True when a (verified) hash was made with fewer iterations than today's. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStoredHash(stored);
  return parsed !== undefined && parsed.iterations < ITERATIONS;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Whether two stored hashes (hex) are the same, in time that does not depend on where they
 *  differ. */
export function sameHash(a: string, b: string): boolean {
  return constantTimeEqual(encoder.encode(a), encoder.encode(b));
}

/** SHA-256 of a token, hex: tokens are stored only as hashes. */
export async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(token)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
