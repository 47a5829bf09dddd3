// The one mapping from a thrown error to an answer, used by each process's single error
// handler (the worker's `onError`, the tenant object's router `catch`). Known errors — by
// shape, see `knownError` — answer their 4xx with their message; anything else answers 500
// with a short reference that is also logged, so a person's report can be found in the logs.

import { knownError } from "../../schema/errors";
import { MessagePage } from "./auth";
import { renderToString } from "./document";

export interface ErrorAnswer {
  status: number;
  headers: { [name: string]: string };
  body: string;
  /** For an unexpected error (500): the reference the person is shown, also logged. */
  reference?: string;
}

const HOME = { href: "/", label: "Go to Trove" };

/** A short reference for an unexpected error: 8 hex digits. */
function reference(): string {
  return [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function errorAnswer(error: unknown, wantsJson: boolean): Promise<ErrorAnswer> {
  const known = knownError(error);
  if (known) {
    const headers: { [name: string]: string } = known.retryAfterSeconds ? { "retry-after": String(known.retryAfterSeconds) } : {};
    if (known.code === "upgrade_required") headers.upgrade = "websocket"; // what 426 asks for
    if (wantsJson) return json(known.status, { ok: false, error: known.code, message: known.message }, headers);
    const title = known.status === 404 ? "Not found" : known.status === 410 ? "No longer valid" : "Request refused";
    return html(known.status, await renderToString(<MessagePage title={title} message={known.message} link={known.link ?? HOME} />), headers);
  }
  const ref = reference();
  console.error(`error ${ref}:`, error);
  const message = `Trove could not finish this request. Nothing was lost; please try again. If it happens again, quote reference ${ref}.`;
  if (wantsJson) return { ...json(500, { ok: false, error: "internal", message, reference: ref }, {}), reference: ref };
  return { ...html(500, await renderToString(<MessagePage title="Something went wrong" message={message} link={HOME} />), {}), reference: ref };
}

function json(status: number, body: unknown, headers: { [name: string]: string }): ErrorAnswer {
  return { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }, body: JSON.stringify(body) };
}

function html(status: number, body: string, headers: { [name: string]: string }): ErrorAnswer {
  return { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers }, body };
}
