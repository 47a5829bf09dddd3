// The account inputs people type at the trust boundary — sign-up, sign-in, invite, accept an
// invitation — one valibot schema each, their TypeScript types inferred from the schemas.
// Every text is bounded here, before anything is hashed, looked up or stored, and every
// refusal has a message a person can act on, keyed by the form field it is about.

import * as v from "valibot";
import { checkDatabaseName } from "./names";
import { ROLES } from "./roles";

/** Limits shown in the forms (maxlength) and enforced here. */
export const LIMITS = {
  /** RFC 5321's longest usable address. */
  email: 254,
  /** PBKDF2 hashes whatever it is given: a password is bounded in bytes (UTF-8). */
  passwordBytes: 1024,
  passwordMin: 8,
  displayName: 100,
  databaseName: 40,
  /** A recovery code as typed, with spaces or dashes (the code itself is 24 characters). */
  recoveryCode: 64,
} as const;

const INVALID_EMAIL = "Enter a valid email address.";

/** A form value: absent (null) reads as empty; a file upload is refused. */
const text = (message: string) => v.nullish(v.string(message), "");

/** Trimmed and lowercased, so " OWNER@X " is the same account as "owner@x". */
const email = v.pipe(
  text(INVALID_EMAIL),
  v.maxLength(LIMITS.email * 4, `An email address is at most ${LIMITS.email} characters.`),
  v.trim(),
  v.toLowerCase(),
  v.nonEmpty("Enter your email address."),
  v.maxLength(LIMITS.email, `An email address is at most ${LIMITS.email} characters.`),
  v.email(INVALID_EMAIL),
);

const newPassword = v.pipe(
  text("Choose a password."),
  v.minLength(LIMITS.passwordMin, `Choose a password of at least ${LIMITS.passwordMin} characters.`),
  v.maxBytes(LIMITS.passwordBytes, `That password is too long (${LIMITS.passwordBytes} bytes at most).`),
);

const displayName = v.pipe(
  text("Enter your name."),
  v.trim(),
  v.maxLength(LIMITS.displayName, `A name is at most ${LIMITS.displayName} characters.`),
);

const databaseName = v.pipe(
  text("Choose a name for the database."),
  v.maxLength(LIMITS.databaseName * 4, "A database name is 3 to 40 characters long."),
  v.check((name) => checkDatabaseName(name).ok, (issue) => {
    const check = checkDatabaseName(String(issue.input));
    return check.ok ? "" : check.reason;
  }),
  v.transform((name) => name.trim().toLowerCase()),
);

export const SignUpInput = v.object({
  database: databaseName,
  name: displayName,
  email,
  password: newPassword,
  sample: v.pipe(v.nullish(v.string(), ""), v.transform((value) => value === "yes")),
});
export type SignUpInput = v.InferOutput<typeof SignUpInput>;

/** A sign-in refuses an over-long password before deriving anything from it. */
export const SignInInput = v.object({
  email,
  password: v.pipe(
    text("Enter your password."),
    v.nonEmpty("Enter your password."),
    v.maxBytes(LIMITS.passwordBytes, `That password is too long (${LIMITS.passwordBytes} bytes at most).`),
  ),
  /** Where to go after signing in: checked against this database's sessions by the route;
   *  never a reason to refuse. */
  next: v.pipe(text(""), v.transform((next) => next.slice(0, 200))),
});
export type SignInInput = v.InferOutput<typeof SignInInput>;

export const InviteInput = v.object({
  email,
  role: v.picklist(ROLES, "Choose a role."),
});
export type InviteInput = v.InferOutput<typeof InviteInput>;

export const AcceptInvitationInput = v.object({
  name: displayName,
  password: newPassword,
});
export type AcceptInvitationInput = v.InferOutput<typeof AcceptInvitationInput>;

/** The password someone types to prove it is them (sign-in, a password change). */
const currentPassword = v.pipe(
  text("Enter your current password."),
  v.nonEmpty("Enter your current password."),
  v.maxBytes(LIMITS.passwordBytes, `That password is too long (${LIMITS.passwordBytes} bytes at most).`),
);

/** My account: a new display name (empty is refused: a member needs a name to be seen by). */
export const RenameInput = v.object({
  name: v.pipe(displayName, v.nonEmpty("Enter your name.")),
});
export type RenameInput = v.InferOutput<typeof RenameInput>;

/** My account: a new password, proven by the current one. */
export const ChangePasswordInput = v.object({
  current: currentPassword,
  password: newPassword,
});
export type ChangePasswordInput = v.InferOutput<typeof ChangePasswordInput>;

/** An owner-issued reset link: the new password. */
export const ResetPasswordInput = v.object({
  password: newPassword,
});
export type ResetPasswordInput = v.InferOutput<typeof ResetPasswordInput>;

/** "Forgot your password?": email, the recovery code shown at sign-up, a new password. The
 *  code's spaces and dashes are ignored and its case folded, so it can be typed as shown. */
export const RecoverInput = v.object({
  email,
  code: v.pipe(
    text("Enter your recovery code."),
    v.maxLength(LIMITS.recoveryCode, "That is not a recovery code."),
    v.transform((code) => code.replace(/[\s-]/g, "").toUpperCase()),
    v.nonEmpty("Enter your recovery code."),
  ),
  password: newPassword,
});
export type RecoverInput = v.InferOutput<typeof RecoverInput>;

export type InputSchema =
  | typeof SignUpInput
  | typeof SignInInput
  | typeof InviteInput
  | typeof AcceptInvitationInput
  | typeof RenameInput
  | typeof ChangePasswordInput
  | typeof ResetPasswordInput
  | typeof RecoverInput;

/** The outcome of reading an input: its typed value, or one message per field it is about. */
export type Parsed<S extends InputSchema> =
  | { ok: true; value: v.InferOutput<S> }
  | { ok: false; errors: Partial<Record<keyof S["entries"], string>>; reason: string };

/** Reads an input; a refusal keeps the first message for each field (in the schema's order)
 *  and the first of all as `reason`. Only the schema's own keys are read from `input`. */
export function parseInput<S extends InputSchema>(schema: S, input: (key: string) => unknown): Parsed<S> {
  const picked = new Map<string, unknown>();
  for (const key of Object.keys(schema.entries)) picked.set(key, input(key));
  const result = v.safeParse(schema, Object.fromEntries(picked));
  if (result.success) return { ok: true, value: result.output as v.InferOutput<S> };
  const errors: Partial<Record<keyof S["entries"], string>> = {};
  let reason = "";
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    if (typeof key !== "string" || !Object.hasOwn(schema.entries, key)) continue;
    const field = key as keyof S["entries"];
    errors[field] ??= issue.message;
    reason ||= issue.message;
  }
  return { ok: false, errors, reason: reason || "Check the form and try again." };
}
