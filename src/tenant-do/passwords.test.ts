import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword, ITERATIONS, MAX_ITERATIONS, needsRehash, parseStoredHash, verifyPassword } from "./passwords";

/** Hashes stored by earlier versions of Trove (PBKDF2-SHA256, made with Node's crypto). */
const STORED_100K = "pbkdf2-sha256$100000$dHJvdmUtZml4dHVyZS1zYWx0$q2Uam+YjeudH8sdE+3UNzyT9u4c9JlQEP3A0SZM/kEc=";
const STORED_1K = "pbkdf2-sha256$1000$dHJvdmUtZml4dHVyZS1zYWx0$x1VtOO2XLw8z2rwHbBNu6yFeFu9++xGFV3LzvwGTxJs=";

afterEach(() => vi.restoreAllMocks());

describe("password hashes", () => {
  it("name their scheme and iteration count, at the platform's maximum", async () => {
    expect(ITERATIONS).toBe(100_000);
    const stored = await hashPassword("correct horse");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsf", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("hashes stored by earlier versions keep verifying", async () => {
    expect(await verifyPassword("correct horse", STORED_100K)).toBe(true);
    expect(await verifyPassword("wrong horse", STORED_100K)).toBe(false);
  });

  it("a hash made with fewer iterations verifies and asks to be re-hashed", async () => {
    expect(await verifyPassword("correct horse", STORED_1K)).toBe(true);
    expect(needsRehash(STORED_1K)).toBe(true);
  });

  it("stored iteration count above the platform cap is refused before deriving", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    const [scheme, , salt, hash] = STORED_100K.split("$");
    const inflated = [scheme, String(MAX_ITERATIONS * 2), salt, hash].join("$");
    expect(parseStoredHash(inflated)).toBeUndefined();
    expect(await verifyPassword("correct horse", inflated)).toBe(false);
    expect(derive).not.toHaveBeenCalled();
  });

  it("malformed stored hashes are refused before deriving", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    const [, , salt, hash] = STORED_100K.split("$");
    for (const stored of [
      "", "$$$", "bcrypt$100000$x$y", `pbkdf2-sha256$0$${salt}$${hash}`, `pbkdf2-sha256$-5$${salt}$${hash}`,
      `pbkdf2-sha256$1e5$${salt}$${hash}`, `pbkdf2-sha256$100000$!!$${hash}`, `pbkdf2-sha256$100000$${salt}$AAAA`,
      `pbkdf2-sha256$100000$${salt}$${hash}$extra`,
    ]) {
      expect(await verifyPassword("correct horse", stored), stored).toBe(false);
    }
    expect(derive).not.toHaveBeenCalled();
  });
});
