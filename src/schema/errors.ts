// Trove's error type: a code a program can switch on, a message a person can read, and the
// HTTP status it maps to. Expected outcomes (a wrong password, a taken name) are returned as
// values; these are for requests that cannot go on.

export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "upgrade_required"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upgrade_required: 426,
  internal: 500,
};

/** Where a person may go from an error page (a path on this site). */
export interface ErrorLink {
  href: string;
  label: string;
}

export class TroveError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterSeconds?: number;
  readonly link?: ErrorLink;
  constructor(code: ErrorCode, message: string, options?: { retryAfterSeconds?: number; link?: ErrorLink }) {
    super(message);
    this.name = "TroveError";
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.link = options?.link;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

/** What a known error says, read by its shape (a `code` Trove knows and a message), not its
 *  class: a TroveError thrown on the far side of an RPC call arrives as a plain Error with
 *  its properties copied, or as an object. Anything else (and `internal`) is unknown. */
export function knownError(error: unknown): { code: ErrorCode; status: number; message: string; retryAfterSeconds?: number; link?: ErrorLink } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, retryAfterSeconds, link } = error as { code?: unknown; message?: unknown; retryAfterSeconds?: unknown; link?: { href?: unknown; label?: unknown } };
  if (typeof code !== "string" || !Object.hasOwn(STATUS, code) || code === "internal" || typeof message !== "string") return undefined;
  const known = code as ErrorCode;
  // Only a path on this site: an error never links elsewhere.
  const safeLink = typeof link?.href === "string" && typeof link.label === "string" && /^\/(?!\/)/.test(link.href) ? { link: { href: link.href, label: link.label } } : {};
  return { code: known, status: STATUS[known], message, ...(typeof retryAfterSeconds === "number" && retryAfterSeconds > 0 ? { retryAfterSeconds } : {}), ...safeLink };
}

/** An expected outcome: success with some fields, or a reason a person can read. */
export type Outcome<T extends object = Record<never, never>> =
  | ({ ok: true } & T)
  | { ok: false; reason: string; retryAfterSeconds?: number };
