// What the object's `signUp` RPC takes and answers: the worker parses the form with
// `SignUpInput` (../schema/account-inputs.ts) and sends this on; the engine (tenant.ts)
// parses it again. Kept out of the Durable Object shell so the engine does not import it.

export interface SignUpInput {
  name: string;
  email: string;
  displayName: string;
  password: string;
  origin: string;
  /** Start with the sample orchestra database. */
  sample: boolean;
  /** The browser signing up (its first sign-in remembers it). */
  userAgent?: string;
  /** A backup file to restore into the new database (../schema/backup/); the sample is
   *  then not loaded. */
  backup?: Uint8Array;
}

export type SignUpOutcome<T extends object> = ({ ok: true } & T) | { ok: false; reason: string; field: "database" | "name" | "email" | "password" | "backup" };
