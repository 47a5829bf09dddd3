// Public forms at the edge: /f/<database>/<form>. The worker does every check that needs no
// database before it wakes the object — name formats, method, content type (415), body size
// (413), a well-formed body (400), the honeypot (a filled one gets a pretend success) — then
// hands the parsed answers to the object over RPC. Refusals are thrown as TroveErrors: the
// worker's onError answers them (JSON when the body was JSON). No session, no cookies on these routes.
// Hono routes HEAD as GET (and drops the body); it is sent on as GET: only POST submits.

import { Hono } from "hono/quick";
import * as v from "valibot";
import { TroveError } from "../schema/errors";
import { HONEYPOT_FIELD, isFormSlug } from "../schema/forms/form";
import { JsonAnswerSchema, MAX_ANSWERS, MAX_FORM_BODY, type PublicFormAnswer, type PublicFormRequest } from "../schema/forms/public";
import { isDatabaseName } from "../schema/names";
import { renderToString } from "../ui/pages/document";
import { PublicFormMessage, PublicFormPage } from "../ui/pages/public-form";
import { readLimited } from "./body";
import type { SecurityVariables } from "./security";

type Body = { answers: Map<string, string>; json: boolean };

export const forms = new Hono<{ Bindings: Env; Variables: SecurityVariables }>();

forms.on(["GET", "POST", "OPTIONS"], "/f/:db/:form", async (c) => {
  const { db, form } = c.req.param();
  const method = c.req.method === "POST" || c.req.method === "OPTIONS" ? c.req.method : "GET";
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!isDatabaseName(db) || !isFormSlug(form)) throw new TroveError("not_found", "There is no form at this address.");
  const url = new URL(c.req.url);
  const request: PublicFormRequest = {
    method, slug: form, origin: url.origin, search: url.search, requestOrigin: c.req.header("origin") ?? null,
    address: c.req.header("cf-connecting-ip") ?? "local",
  };
  if (method === "POST") {
    const body = await readBody(c.req.raw, type);
    if ((body.answers.get(HONEYPOT_FIELD) ?? "") !== "") return answer(await pretendSuccess(body.json));
    request.answers = [...body.answers];
    request.json = body.json;
  }
  const answered = await c.env.TENANT.getByName(db).publicForm(request);
  // A form's page may be framed by the sites its builder allowed (securityHeaders).
  if (answered.frameAncestors) c.set("frameAncestors", answered.frameAncestors);
  return answer(answered);
});

function answer(a: PublicFormAnswer): Response {
  return new Response(a.status === 204 || a.status === 303 ? null : a.body, { status: a.status, headers: a.headers });
}

async function pretendSuccess(json: boolean): Promise<PublicFormAnswer> {
  if (json) return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ ok: true, message: "Thank you!" }) };
  const body = await renderToString(<PublicFormPage title="Thank you"><PublicFormMessage title="Thank you" message="Your answers were received." /></PublicFormPage>);
  return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

async function readBody(request: Request, type: string): Promise<Body> {
  const json = type === "application/json";
  if (!json && type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw new TroveError("unsupported_media_type", "Send the answers as a form (urlencoded or multipart) or as JSON.");
  }
  const bytes = await readLimited(request, MAX_FORM_BODY);
  if (!bytes) throw new TroveError("payload_too_large", `That submission is too large (at most ${MAX_FORM_BODY / 1024} KB).`);
  // By name, in a Map: names are the sender's ("constructor", "__proto__").
  const answers = new Map<string, string>();
  const add = (name: string, value: string) => {
    const before = answers.get(name);
    answers.set(name, before === undefined ? value : `${before}, ${value}`); // several boxes ticked
  };
  try {
    if (json) {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new TroveError("bad_request", "The JSON body must be an object of answers.");
      for (const [name, value] of Object.entries(parsed)) {
        if (!v.is(JsonAnswerSchema, value)) throw new TroveError("bad_request", `The answer “${name}” must be text, a number or true/false.`);
        if (Array.isArray(value)) for (const text of value) add(name, text);
        else if (value !== null) add(name, String(value));
      }
    } else {
      const form = type === "multipart/form-data"
        ? await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData()
        : new URLSearchParams(new TextDecoder().decode(bytes));
      for (const [name, value] of form) {
        if (typeof value !== "string") throw new TroveError("bad_request", "Forms take text answers, not files.");
        add(name, value);
      }
    }
  } catch (error) {
    if (error instanceof TroveError) throw error; // thrown here, in this process
    throw new TroveError("bad_request", json ? "The body is not valid JSON." : "The form's body could not be read.");
  }
  if (answers.size > MAX_ANSWERS) throw new TroveError("bad_request", "Too many answers.");
  return { answers, json };
}
