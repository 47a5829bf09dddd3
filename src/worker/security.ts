// Security headers, set in one place for every answer of the worker (including what the
// tenant objects answer through it). Pages load scripts and styles from Trove only (no
// inline code anywhere: the pages have none, and the policy keeps it that way). The app and
// sign-in pages may not be framed; a public form page may be framed by the sites its
// builder allowed (or by any site), which its route states with `frameAncestors`.

import type { MiddlewareHandler } from "hono";

export type SecurityVariables = {
  /** Set by a public form's route: the sites that may frame this answer ("*" for any). */
  frameAncestors?: string[];
};

const BASE = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"];

/** Every answer's but a public form page's (built once). */
const APP_POLICY = [...BASE, "form-action 'self'", "frame-ancestors 'none'"].join("; ");

/** The Content-Security-Policy of an answer: framed by nobody unless `frameAncestors` says
 *  who may. A public form page has no form-action rule: after a submission it redirects to
 *  the builder's chosen page, which may be on any site. */
export function contentSecurityPolicy(frameAncestors: readonly string[] | undefined): string {
  if (frameAncestors === undefined) return APP_POLICY;
  const sources = frameAncestors.includes("*") ? "*" : ["'self'", ...frameAncestors].join(" ");
  return [...BASE, `frame-ancestors ${sources}`].join("; ");
}

/** Answers whose headers cannot be changed: a Durable Object's fetch answer, marked by the
 *  route that forwards it (`objectAnswer`). They are copied before the headers are set,
 *  without first trying to set them: a refused set throws, and the exception cost more than
 *  the copy (issue 17: about a quarter of the worker's CPU for a grid page). */
const IMMUTABLE = new WeakSet<Response>();

/** Marks an object's answer as one whose headers must be copied to be set. */
export function objectAnswer(res: Response): Response {
  IMMUTABLE.add(res);
  return res;
}

export const securityHeaders: MiddlewareHandler<{ Variables: SecurityVariables }> = async (c, next) => {
  await next();
  if (c.res.status === 101) return; // a WebSocket: no document, and the answer cannot be copied
  const framed = c.get("frameAncestors");
  // Answers the worker made have headers it may set (a public form's 303, most of all): set
  // in place, one copy less per form submission. An immutable answer no route marked (an
  // object's, forwarded elsewhere) is still copied when the set is refused.
  let res = IMMUTABLE.has(c.res) ? new Response(c.res.body, c.res) : c.res;
  const policy = contentSecurityPolicy(framed);
  try {
    res.headers.set("content-security-policy", policy);
  } catch {
    res = new Response(res.body, res);
    res.headers.set("content-security-policy", policy);
  }
  if (framed === undefined) res.headers.set("x-frame-options", "DENY");
  res.headers.set("x-content-type-options", "nosniff");
  res.headers.set("referrer-policy", "same-origin"); // session addresses stay on Trove
  if (c.req.url.startsWith("https:")) res.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  if (res !== c.res) {
    c.res = undefined;
    c.res = res;
  }
};
