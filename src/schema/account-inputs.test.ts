import { describe, expect, it } from "vitest";
import { AcceptInvitationInput, InviteInput, LIMITS, parseInput, SignInInput, SignUpInput } from "./account-inputs";

const from = (values: Record<string, unknown>) => (key: string) => (Object.hasOwn(values, key) ? values[key] : null);

describe("account inputs", () => {
  it("normalise emails: ' OWNER@X.org ' is owner@x.org", () => {
    const parsed = parseInput(SignInInput, from({ email: " OWNER@X.org ", password: "secret password" }));
    expect(parsed).toEqual({ ok: true, value: { email: "owner@x.org", password: "secret password", next: "" } });
  });

  it("bound emails at 254 characters and passwords at 1,024 bytes, with messages per field", () => {
    const longEmail = `${"a".repeat(250)}@x.org`;
    const heavy = "€".repeat(342); // 1,026 bytes in UTF-8, 342 characters
    const parsed = parseInput(SignUpInput, from({ database: "band", name: "Ada", email: longEmail, password: heavy }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.email).toBe(`An email address is at most ${LIMITS.email} characters.`);
    expect(parsed.errors.password).toBe("That password is too long (1024 bytes at most).");
    expect(parsed.reason).toBe(parsed.errors.email);
    expect(parseInput(SignInInput, from({ email: "a@x.org", password: "€".repeat(341) })).ok).toBe(true);
  });

  it("refuse a ~1 MB email before trimming or matching it", () => {
    const parsed = parseInput(SignInInput, from({ email: `${"x".repeat(1_000_000)}@x.org`, password: "p" }));
    expect(parsed.ok ? "" : parsed.errors.email).toBe(`An email address is at most ${LIMITS.email} characters.`);
  });

  it("check sign-up: database name rules, password length, display name bound, sample flag", () => {
    const bad = parseInput(SignUpInput, from({ database: "t", name: "n".repeat(LIMITS.displayName + 1), email: "x@y.org", password: "short" }));
    expect(bad.ok ? {} : bad.errors).toEqual({
      database: "A database name is 3 to 40 characters long.",
      name: `A name is at most ${LIMITS.displayName} characters.`,
      password: "Choose a password of at least 8 characters.",
    });
    const good = parseInput(SignUpInput, from({ database: " Band ", name: "  Ada  ", email: "ada@x.org", password: "long enough", sample: "yes" }));
    expect(good).toEqual({ ok: true, value: { database: "band", name: "Ada", email: "ada@x.org", password: "long enough", sample: true } });
  });

  it("refuse a file where text is expected, and an unknown role", () => {
    const file = new Blob(["x"]);
    expect(parseInput(AcceptInvitationInput, from({ name: file, password: "long enough" })).ok).toBe(false);
    const role = parseInput(InviteInput, from({ email: "a@x.org", role: "admin" }));
    expect(role.ok ? "" : role.reason).toBe("Choose a role.");
  });

  it("read only the schema's own keys", () => {
    const asked: string[] = [];
    parseInput(InviteInput, (key) => {
      asked.push(key);
      return key === "email" ? "a@x.org" : "viewer";
    });
    expect(asked.sort()).toEqual(["email", "role"]);
  });
});
