// What the worker hands the tenant object for a public form request (/f/<database>/<form>),
// after its cheap checks, and what the object answers. Plain data, so it crosses RPC.

export interface PublicFormRequest {
  method: "GET" | "POST" | "OPTIONS";
  slug: string;
  /** The page's origin, for links in the answer (http://localhost:8787). */
  origin: string;
  /** The request's query string, for prefill ("?instrument=Cello"). */
  search: string;
  /** The Origin header a browser sent, if any: JSON answers carry CORS headers for it only
   *  when the form allows it. */
  requestOrigin: string | null;
  /** The client's address (CF-Connecting-IP), for the per-address rate limit. */
  address: string;
  /** POST: the answers, already parsed from urlencoded, multipart or JSON. */
  fields?: { [name: string]: string };
  /** POST: the body was JSON, so the answer is JSON too. */
  json?: boolean;
}

export interface PublicFormAnswer {
  status: number;
  headers: { [name: string]: string };
  body: string;
}

/** Submissions one address may make to one form per minute. */
export const RATE_LIMIT_PER_MINUTE = 10;
