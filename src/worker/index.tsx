// The Worker: a Hono app in front of the tenant objects. It serves the sign-up page, does
// the cheap checks (name format, method, Origin, body size) and forwards each database's
// requests to its object, which authorises them again itself.

import { Hono } from "hono";
import type { Child } from "hono/jsx";
import { TroveError } from "../schema/errors";
import { checkDatabaseName, isDatabaseName } from "../schema/names";
import { MessagePage, SignUpPage, type SignUpValues } from "../ui/pages/auth";
import { renderToString } from "../ui/pages/document";
import { errorAnswer } from "../ui/pages/error-page";
import { readLimited } from "./body";
import { forms } from "./forms";
import { type SecurityVariables, securityHeaders } from "./security";

export { TenantDatabase } from "../tenant-do/index";

/** Bodies larger than this are refused before any object wakes. (Not exported: workerd
 *  treats every export of the main module as an entrypoint and refuses a number.) */
const MAX_BODY_BYTES = 1_000_000;

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
    const body = await readLimited(c.req.raw, MAX_BODY_BYTES);
    if (!body) throw new TroveError("payload_too_large", "That request is too large.");
    c.req.raw = new Request(c.req.raw, { body });
  }
  await next();
});

app.route("/", forms);

app.get("/", () => page(<SignUpPage />));

app.post("/", async (c) => {
  const form = await c.req.formData();
  const values: SignUpValues = {
    database: String(form.get("database") ?? ""),
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    sample: form.get("sample") === "yes",
  };
  const name = checkDatabaseName(values.database ?? "");
  if (!name.ok) return page(<SignUpPage values={values} errors={{ database: name.reason }} />, 400);
  const stub = c.env.TENANT.getByName(name.name);
  const result = await stub.signUp({
    name: name.name,
    email: values.email ?? "",
    displayName: values.name ?? "",
    password: String(form.get("password") ?? ""),
    origin: new URL(c.req.url).origin,
    sample: values.sample === true,
  });
  if (!result.ok) {
    return page(<SignUpPage values={values} errors={{ [result.field]: result.reason }} />, result.field === "database" ? 409 : 400);
  }
  return new Response(null, { status: 303, headers: { location: `/t/${name.name}/`, "set-cookie": result.cookie } });
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
  return c.env.TENANT.getByName(name).fetch(c.req.raw);
});

app.notFound(() => page(<MessagePage title="Page not found" message="There is nothing at this address." link={{ href: "/", label: "Go to Trove" }} />, 404));

/** The one place in the worker errors become responses (by shape, not class: see
 *  errorAnswer). JSON for a request that sent or accepts JSON. Its answer still passes
 *  through securityHeaders. */
app.onError(async (error, c) => {
  const json = /application\/json/.test(`${c.req.header("accept") ?? ""} ${c.req.header("content-type") ?? ""}`);
  const a = await errorAnswer(error, json);
  return new Response(a.body, { status: a.status, headers: a.headers });
});

export default app;
