// The operator view (issue 16): /operator for the people who run Trove. Guarded by one
// secret, OPERATOR_TOKEN (`wrangler secret put`, never in the repository); without it every
// request is refused. Signing in with the token sets a cookie holding an expiry and its
// HMAC under the token — the token itself never sits in the browser — and scripts may send
// `Authorization: Bearer <token>` instead. Comparisons are constant-time, requests and
// failed sign-ins are rate-limited per address (in the directory object, so the limits hold
// across isolates). Each database opened here records the access in that database, where
// its owners see it.

import { Hono } from "hono/quick";
import type { Child } from "hono/jsx";
import { DIRECTORY_NAME } from "../directory-do/index";
import { TroveError } from "../schema/errors";
import { isDatabaseName } from "../schema/names";
import { renderToString } from "../ui/pages/document";
import { OperatorDatabasePage, OperatorDirectoryPage, OperatorSignInPage } from "../ui/pages/operator";

const COOKIE = "trove_operator";
const SESSION_SECONDS = 60 * 60;
/** A token shorter than this is treated as not set: a guessable secret is no secret. */
const MIN_TOKEN_LENGTH = 16;
const WHAT = "Looked at its storage size, table and record counts, live pages, alarm, recent errors and change log (operator view, read-only)";

const encoder = new TextEncoder();

/** workerd's constant-time comparison (the DOM typings in this project do not name it). */
const timingSafeEqual = (a: ArrayBuffer, b: ArrayBuffer): boolean =>
  a.byteLength === b.byteLength && (crypto.subtle as SubtleCrypto & { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean }).timingSafeEqual(a, b);

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

/** Whether `given` is the secret, in time that does not depend on where they differ (both
 *  hashed first, so lengths are equal too). */
async function sameSecret(given: string, secret: string): Promise<boolean> {
  return timingSafeEqual(await digest(given), await digest(secret));
}

async function mac(secret: string, message: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", key, encoder.encode(`trove-operator:${message}`));
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

function fromHex(text: string): ArrayBuffer | undefined {
  if (!/^[0-9a-f]{64}$/.test(text)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out.buffer;
}

function cookieValue(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === COOKIE && value) return value;
  }
  return undefined;
}

async function signedIn(secret: string, request: Request): Promise<boolean> {
  const bearer = /^Bearer (.{1,200})$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer !== undefined) return sameSecret(bearer, secret);
  const [expiry, given] = (cookieValue(request.headers.get("cookie") ?? undefined) ?? "").split(".");
  const until = Number(expiry);
  const givenMac = fromHex(given ?? "");
  if (!givenMac || !Number.isInteger(until) || until < Date.now() / 1000) return false;
  return timingSafeEqual(await mac(secret, String(until)), givenMac);
}

async function page(node: Child, status = 200): Promise<Response> {
  return new Response(await renderToString(node), { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}

type Variables = { secret: string };

export const operator = new Hono<{ Bindings: Env; Variables: Variables }>();

operator.use("/operator/*", async (c, next) => {
  const secret = c.env.OPERATOR_TOKEN ?? "";
  if (secret.length < MIN_TOKEN_LENGTH) throw new TroveError("forbidden", "The operator view is off: this deployment has no OPERATOR_TOKEN secret (set one with wrangler secret put OPERATOR_TOKEN).");
  const address = (c.req.header("cf-connecting-ip") ?? "local").slice(0, 64);
  const wait = await c.env.DIRECTORY.getByName(DIRECTORY_NAME).operatorRequest(address);
  if (wait > 0) throw new TroveError("rate_limited", `Too many requests. Try again in ${wait} seconds.`, { retryAfterSeconds: wait });
  c.set("secret", secret);
  await next();
});

operator.get("/operator", (c) => c.redirect(`/operator/${new URL(c.req.url).search}`, 301));

operator.get("/operator/", async (c) => {
  if (!(await signedIn(c.get("secret"), c.req.raw))) return page(<OperatorSignInPage />);
  const search = (c.req.query("q") ?? "").trim().toLowerCase().slice(0, 40);
  const found = await c.env.DIRECTORY.getByName(DIRECTORY_NAME).find(search);
  return page(<OperatorDirectoryPage search={search} entries={found.entries} total={found.total} />);
});

operator.post("/operator/signin", async (c) => {
  const form = await c.req.formData();
  const token = String(form.get("token") ?? "").slice(0, 200);
  const secret = c.get("secret");
  if (!(await sameSecret(token, secret))) {
    await c.env.DIRECTORY.getByName(DIRECTORY_NAME).operatorFailure((c.req.header("cf-connecting-ip") ?? "local").slice(0, 64));
    return page(<OperatorSignInPage error="That is not the operator token." />, 401);
  }
  const until = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
  const secure = new URL(c.req.url).protocol === "https:" ? "; Secure" : "";
  const cookie = `${COOKIE}=${until}.${hex(await mac(secret, String(until)))}; Path=/operator; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure}`;
  return new Response(null, { status: 303, headers: { location: "/operator/", "set-cookie": cookie } });
});

operator.post("/operator/signout", () => new Response(null, { status: 303, headers: { location: "/operator/", "set-cookie": `${COOKIE}=; Path=/operator; HttpOnly; SameSite=Strict; Max-Age=0` } }));

operator.get("/operator/db/:name", async (c) => {
  if (!(await signedIn(c.get("secret"), c.req.raw))) return c.redirect("/operator/", 303);
  const name = c.req.param("name");
  const report = isDatabaseName(name) ? await c.env.TENANT.getByName(name).operatorReport(WHAT) : null;
  if (!report) throw new TroveError("not_found", `There is no database called “${name.slice(0, 40)}”.`, { link: { href: "/operator/", label: "Back to the directory" } });
  return page(<OperatorDatabasePage report={report} />);
});
