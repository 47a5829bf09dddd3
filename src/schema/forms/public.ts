// What the worker hands the tenant object for a public form request (/f/<database>/<form>),
// after its cheap checks, and what the object answers. Plain data, so it crosses RPC; the
// object checks every request against PublicFormRequestSchema before it looks at it.
// Answers travel as a list of (name, text) pairs, never as an object keyed by names the
// sender chose ("constructor", "__proto__" are fine question names).

import * as v from "valibot";

/** Most answers one submission may carry. */
export const MAX_ANSWERS = 200;
/** A form's body is a few answers: anything larger is refused before any object wakes. */
export const MAX_FORM_BODY = 64 * 1024;

const bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const PublicFormRequestSchema = v.object({
  /** HEAD and GET show the form; only POST submits; OPTIONS is a CORS preflight. */
  method: v.picklist(["GET", "HEAD", "POST", "OPTIONS"]),
  slug: bounded(40),
  /** The page's origin, for links in the answer (http://localhost:8787). */
  origin: bounded(300),
  /** The request's query string, for prefill ("?instrument=Cello"). */
  search: bounded(8192),
  /** The Origin header a browser sent, if any: JSON answers carry CORS headers for it only
   *  when the form allows it. */
  requestOrigin: v.nullable(bounded(300)),
  /** The client's address (CF-Connecting-IP), for the per-address rate limit. */
  address: bounded(64),
  /** POST: the answers, already parsed from urlencoded, multipart or JSON, in order. */
  answers: v.optional(v.pipe(v.array(v.tuple([bounded(200), bounded(MAX_FORM_BODY)])), v.maxLength(MAX_ANSWERS))),
  /** POST: the body was JSON, so the answer is JSON too. */
  json: v.optional(v.boolean()),
});

export type PublicFormRequest = v.InferOutput<typeof PublicFormRequestSchema>;

/** Posted answers by name, in a Map (names are the sender's). A name posted more than once
 *  (the checkboxes of a multiple choice, a JSON array) is one answer, its parts joined with
 *  ", " as a multiple-choice cell reads them; empty parts are dropped. */
export function answersByName(pairs: readonly (readonly [string, string])[]): Map<string, string> {
  const answers = new Map<string, string>();
  for (const [name, text] of pairs) {
    const before = answers.get(name);
    answers.set(name, before === undefined ? text : [before, text].filter((t) => t.trim() !== "").join(", "));
  }
  return answers;
}

/** The request, or the first reason it is not one. */
export function parsePublicFormRequest(value: unknown): { ok: true; request: PublicFormRequest } | { ok: false; reason: string } {
  const result = v.safeParse(PublicFormRequestSchema, value);
  return result.success ? { ok: true, request: result.output } : { ok: false, reason: result.issues[0].message };
}

/** One answer in a JSON body: text, a number, true/false, several texts (ticked boxes) or
 *  null (no answer). */
export const JsonAnswerSchema = v.union([v.string(), v.number(), v.boolean(), v.null(), v.array(v.string())]);

export interface PublicFormAnswer {
  status: number;
  headers: { [name: string]: string };
  body: string;
  /** For a page of a form: the sites that may show it in a frame (origins, or "*" for any).
   *  The worker writes the page's Content-Security-Policy from it; absent: none may. */
  frameAncestors?: string[];
}

/** Submissions one address may make to one form per minute. */
export const RATE_LIMIT_PER_MINUTE = 10;
