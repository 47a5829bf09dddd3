// The Worker: a Hono app in front of the tenant objects. It serves the sign-up page, does
// the cheap checks (name format, method, Origin, body size) and forwards each database's
// requests to its object, which authorises them again itself.

import type { Context } from "hono";
import { Hono } from "hono/quick";
import type { Child } from "hono/jsx";
import { LIMITS, parseInput, SignUpInput } from "../schema/account-inputs";
import { CLIENT_ADDRESS_HEADER } from "../schema/addresses";
import { DIRECTORY_NAME } from "../directory-do/index";
import { BACKUP_LIMITS } from "../schema/backup/format";
import { TroveError } from "../schema/errors";
import { STREAM_LIMITS } from "../schema/import/stream";
import { checkDatabaseName, isDatabaseName } from "../schema/names";
import { MAX_USER_AGENT } from "../schema/user-agents";
import { RecoveryCodePage, SignUpPage, type SignUpValues } from "../ui/pages/auth";
import { renderToString } from "../ui/pages/document";
import { errorAnswer } from "../ui/pages/error-page";
import { readLimited } from "./body";
import { forms } from "./forms";
import { operator } from "./operator";
import { objectAnswer, type SecurityVariables, securityHeaders } from "./security";

export { DatabaseDirectory } from "../directory-do/index";
export { TenantDatabase } from "../tenant-do/index";

/** Bodies larger than this are refused before any object wakes. (Not exported: workerd
 *  treats every export of the main module as an entrypoint and refuses a number.) */
const MAX_BODY_BYTES = 1_000_000;
/** The import page takes pasted text or a file of up to 5 MB (IMPORT_LIMITS.chars), with
 *  room for the multipart framing; still counted and bounded like every body. */
const MAX_IMPORT_BODY_BYTES = 5_300_000;
const IMPORT_PATH = /^\/t\/[^/]+\/tables\/(?:[\w-]{1,40}\/(?:views\/[\w-]{1,40}\/)?)?import$/;
/** Sign-up may carry a backup file to restore (BACKUP_LIMITS.fileBytes), with room for the
 *  multipart framing and the other fields. */
const MAX_SIGNUP_BODY_BYTES = BACKUP_LIMITS.fileBytes + 100_000;

/** A chunk of a file uploaded in chunks: its bytes only (the object checks the rest). */
const CHUNK_PATH = /^\/t\/[^/]+\/import-chunks$/;

function bodyLimit(path: string): number {
  if (path === "/") return MAX_SIGNUP_BODY_BYTES;
  if (CHUNK_PATH.test(path)) return STREAM_LIMITS.chunkBytes;
  return IMPORT_PATH.test(path) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

// hono/quick (a linear router, nothing compiled up front) rather than the default RegExpRouter,
// whose matcher is built on an isolate's first request: a cold wake pays for it (issue 17).
const app = new Hono<{ Bindings: Env; Variables: SecurityVariables }>();

app.use("*", securityHeaders);

async function page(node: Child, status = 200): Promise<Response> {
  return new Response(await renderToString(node), { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** POSTs and socket upgrades must come from our own pages (Origin), and be of a sensible
 *  size: cross-site form posts and cross-site WebSocket hijacking stop here. Public forms
 *  (/f/…) take posts from any site and check their own, smaller size limit. */
app.use("*", async (c, next) => {
  const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
  const publicForm = c.req.path.startsWith("/f/");
  if ((c.req.method === "POST" && !publicForm) || upgrade) {
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) throw new TroveError("forbidden", "This request came from another site.");
  }
  if (c.req.method === "POST" && !publicForm) {
    // Counted, not trusted from Content-Length (a chunked body has none); what goes on is
    // the buffered body.
    const body = await readLimited(c.req.raw, bodyLimit(c.req.path));
    if (!body) {
      if (c.req.path === "/") return page(<SignUpPage errors={{ backup: `That backup is too large (at most ${BACKUP_LIMITS.fileBytes / 1_000_000} MB).` }} />, 413);
      if (IMPORT_PATH.test(c.req.path)) {
        throw new TroveError("payload_too_large", `That file is too large to import (at most 5 MB) in one piece. With JavaScript on, a CSV, TSV or JSON file of up to ${STREAM_LIMITS.fileBytes / 1_048_576} MB is sent in parts; or split it into parts of up to 5 MB and import the rest into the new table afterwards. Nothing was imported.`, { link: { href: c.req.path, label: "Back to the import" } });
      }
      throw new TroveError("payload_too_large", "That request is too large.");
    }
    c.req.raw = new Request(c.req.raw, { body });
  }
  await next();
});

app.route("/", forms);
app.route("/", operator);

app.get("/", () => page(<SignUpPage />));

app.post("/", async (c) => {
  const form = await c.req.formData();
  // What is shown again on a refusal: bounded, never the password.
  const shown = (key: string, max: number) => String(form.get(key) ?? "").slice(0, max);
  const values: SignUpValues = {
    database: shown("database", LIMITS.databaseName * 2),
    name: shown("name", LIMITS.displayName),
    email: shown("email", LIMITS.email),
    sample: form.get("sample") === "yes",
  };
  const input = parseInput(SignUpInput, (key) => form.get(key));
  if (!input.ok) return page(<SignUpPage values={values} errors={input.errors} />, 400);
  // An optional backup file to restore (an empty file input sends an empty file).
  const file = form.get("backup");
  const backup = typeof file === "object" && file !== null && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const stub = c.env.TENANT.getByName(input.value.database);
  const result = await stub.signUp({
    name: input.value.database,
    email: input.value.email,
    displayName: input.value.name,
    password: input.value.password,
    origin: c.env.PUBLIC_ORIGIN || new URL(c.req.url).origin,
    sample: input.value.sample,
    backup,
    userAgent: (c.req.header("user-agent") ?? "").slice(0, MAX_USER_AGENT),
  });
  if (!result.ok) {
    return page(<SignUpPage values={values} errors={{ [result.field]: result.reason }} />, result.field === "database" ? 409 : 400);
  }
  // The operators' directory lists it (src/directory-do).
  await c.env.DIRECTORY.getByName(DIRECTORY_NAME).added(input.value.database, Date.now());
  // Signed in; the recovery code is shown once, here, before entering the database.
  const welcome = await renderToString(<RecoveryCodePage database={input.value.database} code={result.recoveryCode} />);
  return new Response(welcome, { status: 201, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "set-cookie": result.cookie } });
});

/** "Sign in to an existing database" from the front page. */
app.get("/go", (c) => {
  const name = checkDatabaseName(c.req.query("name") ?? "");
  if (!name.ok) return page(<SignUpPage errors={{ form: name.reason }} />, 400);
  return c.redirect(`/t/${name.name}/`, 303);
});

app.get("/t/:name", (c) => c.redirect(`/t/${c.req.param("name")}/`, 301));

app.all("/t/:name/*", async (c) => {
  const name = c.req.param("name");
  if (!isDatabaseName(name)) throw new TroveError("not_found", "There is no database at this address.");
  // The object trusts this header for sign-in throttling: set it from Cloudflare's own,
  // dropping any copy the client sent.
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = c.req.header("cf-connecting-ip");
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address.slice(0, 64));
  return objectAnswer(await c.env.TENANT.getByName(name).fetch(new Request(c.req.raw, { headers })));
});


/** The one place in the worker errors become responses (by shape, not class: see
 *  errorAnswer). JSON for a request that sent or accepts JSON. Its answer still passes
 *  through securityHeaders. */
async function answerError(error: unknown, c: Context): Promise<Response> {
  const json = /application\/json/.test(`${c.req.header("accept") ?? ""} ${c.req.header("content-type") ?? ""}`);
  const a = await errorAnswer(error, json);
  return new Response(a.body, { status: a.status, headers: a.headers });
}

app.onError(answerError);
app.notFound((c) => answerError(new TroveError("not_found", "There is nothing at this address."), c));

export default app;
