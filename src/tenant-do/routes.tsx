// HTTP inside the tenant object, routed with itty-router. Every route that shows or changes
// data checks the sign-in cookie here, in the object, whatever the worker checked before.

import { type IRequest, Router } from "itty-router";
import type { Child } from "hono/jsx";
import { AcceptInvitationInput, LIMITS, parseInput, RecoverInput, ResetPasswordInput, SignInInput } from "../schema/account-inputs";
import { CLIENT_ADDRESS_HEADER } from "../schema/addresses";
import { TroveError } from "../schema/errors";
import { IMPORT_LIMITS } from "../schema/import/csv";
import { uploadedText } from "../schema/import/upload";
import { MAX_FILE_NAME } from "../schema/import/import-action";
import type { Member } from "../schema/members";
import { MAX_USER_AGENT } from "../schema/user-agents";
import { InvitationPage, RecoverPage, RecoveryCodePage, ResetPage, SignInPage } from "../ui/pages/auth";
import { appPage } from "../ui/pages/app-page";
import { renderToString } from "../ui/pages/document";
import { errorAnswer } from "../ui/pages/error-page";
import { ACTION_FIELD, CALLBACK_PARAM, FETCH_HEADER, FILE_NAME_PREFIX, KEY_PARAM } from "../ui/protocol";
import { clearCookie, readCookie, signInCookie } from "./cookies";
import { downloadBackup } from "./backup-download";
import { exportTable } from "./export";
import { placeFromPath } from "./live-sessions";
import { pictureSvg } from "./picture-route";
import { hashToken } from "./passwords";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type RoutesPort = Pick<
  Tenant,
  "accounts" | "appFor" | "credentials" | "document" | "errors" | "feeds" | "getMeta" | "initialised" |
  "live" | "name" | "now" | "records" | "schema" | "storage" | "imports" | "scheduleCleanup"
>;

export interface RouteContext {
  tenant: RoutesPort;
  /** Accepts a WebSocket for a session (the platform part lives in the object's shell); the
   *  tab says which state it shows in its first frame. */
  acceptSocket(sessionId: string, userId: string): Response;
}

type Handler = (request: IRequest, ctx: RouteContext) => Promise<Response> | Response;

async function html(node: Child, status = 200, headers: Record<string, string> = {}): Promise<Response> {
  return new Response(await renderToString(node), { status, headers: { "content-type": "text/html; charset=utf-8", ...headers } });
}

function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, ...headers } });
}

/** The browser a sign-in comes from, for "Where you are signed in" (bounded). */
const userAgent = (request: IRequest) => (request.headers.get("user-agent") ?? "").slice(0, MAX_USER_AGENT);

const secure = (request: IRequest) => new URL(request.url).protocol === "https:";

async function signedIn(request: IRequest, tenant: RoutesPort): Promise<{ member: Member; token: string } | undefined> {
  const token = readCookie(request.headers.get("cookie"));
  const member = await tenant.accounts.memberForToken(token);
  return member && token ? { member, token } : undefined;
}

/** Only this database's own places are acceptable after sign-in (no open redirects). */
function safeNext(tenant: RoutesPort, next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  return new RegExp(`^/t/${tenant.name}/(tables|forms|members|account|activity|trash)(/[\\w-]{1,40}){0,7}(\\?${KEY_PARAM}=[\\w-]{1,32})?$`).test(next) ? next : undefined;
}

const home: Handler = async (request, { tenant }) => {
  const auth = await signedIn(request, tenant);
  const next = safeNext(tenant, new URL(request.url).searchParams.get("next"));
  if (!auth) return html(<SignInPage database={tenant.name!} next={next} />);
  return redirect(next ?? `/t/${tenant.name}/tables`);
};

const signIn: Handler = async (request, { tenant }) => {
  const form = await request.formData();
  const input = parseInput(SignInInput, (key) => form.get(key));
  const email = String(form.get("email") ?? "").slice(0, LIMITS.email);
  const next = safeNext(tenant, String(form.get("next") ?? ""));
  if (!input.ok) return html(<SignInPage database={tenant.name!} email={email} error={input.reason} next={next} />, 400);
  // The worker sets this header from CF-Connecting-IP, replacing any the client sent.
  const result = await tenant.accounts.signIn(input.value, request.headers.get(CLIENT_ADDRESS_HEADER), userAgent(request));
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds ? { "retry-after": String(result.retryAfterSeconds) } : {};
    return html(<SignInPage database={tenant.name!} email={email} error={result.reason} next={next} />, result.retryAfterSeconds ? 429 : 401, headers);
  }
  // Back to where the person was going: a place is an address, whoever signs in.
  return redirect(next ?? `/t/${tenant.name}/tables`, { "set-cookie": signInCookie(tenant.name!, result.token, secure(request)) });
};

const signOut: Handler = async (request, { tenant }) => {
  const token = readCookie(request.headers.get("cookie"));
  await tenant.accounts.signOut(token);
  return redirect(`/t/${tenant.name}/`, { "set-cookie": clearCookie(tenant.name!, secure(request)) });
};

const showInvitation: Handler = async (request, { tenant }) => {
  const token = String(request.params.token);
  const invitation = await tenant.accounts.invitation(token);
  if (!invitation) return expiredInvitation(tenant);
  return html(<InvitationPage database={tenant.name!} token={token} email={invitation.email} role={invitation.role} />);
};

const acceptInvitation: Handler = async (request, { tenant }) => {
  const token = String(request.params.token);
  const form = await request.formData();
  const name = String(form.get("name") ?? "").slice(0, LIMITS.displayName);
  const input = parseInput(AcceptInvitationInput, (key) => form.get(key));
  if (!input.ok) {
    const invitation = await tenant.accounts.invitation(token);
    if (!invitation) return expiredInvitation(tenant);
    return html(<InvitationPage database={tenant.name!} token={token} email={invitation.email} role={invitation.role} name={name} error={input.reason} />, 400);
  }
  const result = await tenant.accounts.acceptInvitation(token, input.value, userAgent(request));
  if (!result.ok) return expiredInvitation(tenant);
  await tenant.live.broadcast(["members"]);
  return redirect(`/t/${tenant.name}/tables`, { "set-cookie": signInCookie(tenant.name!, result.token, secure(request)) });
};

const showReset: Handler = async (request, { tenant }) => {
  const token = String(request.params.token);
  const member = await tenant.credentials.resetFor(token);
  if (!member) return spentReset(tenant);
  return html(<ResetPage database={tenant.name!} token={token} email={member.email} />, 200, { "cache-control": "no-store", "referrer-policy": "no-referrer" });
};

const useReset: Handler = async (request, { tenant }) => {
  const token = String(request.params.token);
  const form = await request.formData();
  const input = parseInput(ResetPasswordInput, (key) => form.get(key));
  if (!input.ok) {
    const member = await tenant.credentials.resetFor(token);
    if (!member) return spentReset(tenant);
    return html(<ResetPage database={tenant.name!} token={token} email={member.email} error={input.reason} />, 400);
  }
  const result = await tenant.credentials.useReset(token, input.value, userAgent(request));
  if (!result.ok) return spentReset(tenant);
  tenant.live.endSignIns(result.ended);
  await tenant.live.broadcast(["members"]);
  return redirect(`/t/${tenant.name}/tables`, { "set-cookie": signInCookie(tenant.name!, result.token, secure(request)) });
};

const showRecover: Handler = (_request, { tenant }) => html(<RecoverPage database={tenant.name!} />);

/** "Forgot your password?": throttled like sign-in (same keys, same counts). */
const recover: Handler = async (request, { tenant }) => {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").slice(0, LIMITS.email);
  const input = parseInput(RecoverInput, (key) => form.get(key));
  if (!input.ok) return html(<RecoverPage database={tenant.name!} email={email} error={input.reason} />, 400);
  const result = await tenant.credentials.recover(input.value, request.headers.get(CLIENT_ADDRESS_HEADER), userAgent(request));
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds ? { "retry-after": String(result.retryAfterSeconds) } : {};
    return html(<RecoverPage database={tenant.name!} email={email} error={result.reason} />, result.retryAfterSeconds ? 429 : 401, headers);
  }
  tenant.live.endSignIns(result.ended);
  return html(<RecoveryCodePage database={tenant.name!} code={result.code} recovered />, 200, {
    "cache-control": "no-store",
    "set-cookie": signInCookie(tenant.name!, result.token, secure(request)),
  });
};

function spentReset(tenant: RoutesPort): never {
  throw new TroveError("gone", "This reset link has been used, revoked or has expired. Ask the database's owner for a new one.", { link: { href: `/t/${tenant.name}/`, label: "Sign in" } });
}

function expiredInvitation(tenant: RoutesPort): never {
  throw new TroveError("gone", "This invitation has been used, revoked or has expired. Ask the database's owner for a new one.", { link: { href: `/t/${tenant.name}/`, label: "Sign in" } });
}

/** The signed-in member's session for a place request, the place and the render key it
 *  names; or the answer for someone signed out (sign in, then come back here). */
async function placeRequest(request: IRequest, tenant: RoutesPort) {
  const url = new URL(request.url);
  const place = placeFromPath(url.pathname, tenant.name!);
  const key = url.searchParams.get(KEY_PARAM);
  const auth = await signedIn(request, tenant);
  if (!auth) {
    const here = `/t/${tenant.name}/${place}${key ? `?${KEY_PARAM}=${key}` : ""}`;
    const location = `/t/${tenant.name}/?next=${encodeURIComponent(here)}`;
    return { ok: false as const, response: request.headers.get(FETCH_HEADER) === "1" ? Response.json({ t: "redirect", location }) : redirect(location) };
  }
  const session = tenant.live.sessionForLogin(auth.member, await hashToken(auth.token));
  return { ok: true as const, session, member: auth.member, place, key };
}

const showPlace: Handler = async (request, { tenant }) => {
  const found = await placeRequest(request, tenant);
  if (!found.ok) return found.response;
  const { session, member, place, key } = found;
  const cb = new URL(request.url).searchParams.get(CALLBACK_PARAM);
  // A link that runs a callback, from one of this browser's own renders (a link opened in a
  // new tab forks that render's state). Someone else's link just names the place.
  if (cb && key && session.has(key)) return redirect(await tenant.live.postEvent(session, member, key, place, [], cb));
  const app = tenant.appFor(member, session.id);
  const opened = tenant.live.open(session, app, key, place);
  if (!opened.ok) throw new TroveError("not_found", opened.reason, { link: { href: `/t/${tenant.name}/tables`, label: "Go to the tables" } });
  const { view } = opened;
  const rendered = await tenant.live.render(session, app, view);
  tenant.live.rememberPage(session, view.key, rendered);
  const notice = session.takeNotice(view.key);
  if (session.dirty) tenant.live.saveSession(session);
  const page = await appPage(tenant.name!, { url: rendered.url, key: view.key, title: rendered.title, html: rendered.html, notice });
  return new Response(page, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
};

const postPlace: Handler = async (request, { tenant }) => {
  const found = await placeRequest(request, tenant);
  if (!found.ok) return found.response;
  const { session, member, place, key } = found;
  const form = await request.formData();
  const fields: [string, string][] = [];
  let action: string | null = null;
  for (const [name, value] of form) {
    if (typeof value !== "string") {
      // An uploaded file (the import page's form, multipart) reaches its input callback as
      // text; the worker bounded the body. An empty file input sends an empty file.
      if (value.size > 0 && value.size <= IMPORT_LIMITS.chars) {
        const read = uploadedText(new Uint8Array(await value.arrayBuffer()));
        if (!read.ok) throw new TroveError("bad_request", read.reason, { link: { href: new URL(request.url).pathname, label: "Back to the import" } });
        fields.push([name, read.text]);
        fields.push([`${FILE_NAME_PREFIX}${name}`, value.name.slice(0, MAX_FILE_NAME)]); // a label, escaped where shown
      } else if (value.size > IMPORT_LIMITS.chars) throw new TroveError("payload_too_large", "That file is too large to import (at most 5 MB).");
      continue;
    }
    if (name === ACTION_FIELD) action = value;
    else fields.push([name, value]);
  }
  if (request.headers.get(FETCH_HEADER) === "1") return Response.json(await tenant.live.fetchEvent(session, member, key, place, fields, action));
  return redirect(await tenant.live.postEvent(session, member, key, place, fields, action));
};

/** One chunk of a file uploaded in chunks (./import-uploads.ts), answered as JSON: how many
 *  chunks have arrived, or why the upload is refused (an outcome the page shows, as a value). */
const importChunk: Handler = async (request, { tenant }) => {
  const auth = await signedIn(request, tenant);
  if (!auth) throw new TroveError("unauthenticated", "Sign in again, then choose the file again.");
  const url = new URL(request.url);
  const result = tenant.imports.uploads.receive(auth.member, url, new Uint8Array(await request.arrayBuffer()));
  // An upload left unfinished goes an hour after its last chunk.
  if (result.ok && url.searchParams.get("index") === "0") tenant.scheduleCleanup(tenant.now() + 3_600_000 + 1000);
  return Response.json(result);
};

/** A table's records as a file (./export.ts): for members who may read it. */
const exportRecords: Handler = async (request, { tenant }) => {
  const auth = await signedIn(request, tenant);
  if (!auth) throw new TroveError("unauthenticated", "Sign in to export this table.", { link: { href: `/t/${tenant.name}/`, label: "Sign in" } });
  return exportTable(tenant, auth.member, String(request.params.table), new URL(request.url));
};

/** A saved view's chart or map as an SVG file (./picture-route.tsx). */
const viewPicture: Handler = async (request, { tenant }) => {
  const auth = await signedIn(request, tenant);
  if (!auth) throw new TroveError("unauthenticated", "Sign in to download this picture.", { link: { href: `/t/${tenant.name}/`, label: "Sign in" } });
  return pictureSvg(tenant, auth.member, String(request.params.table), String(request.params.view));
};

/** The whole database as a backup file (./backup-download.ts): owners only. */
const backup: Handler = async (request, { tenant }) => {
  const auth = await signedIn(request, tenant);
  if (!auth) throw new TroveError("unauthenticated", "Sign in to download a backup.", { link: { href: `/t/${tenant.name}/`, label: "Sign in" } });
  return downloadBackup(tenant, auth.member);
};

const socket: Handler = async (request, { tenant, acceptSocket }) => {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new TroveError("upgrade_required", "This address is for the live connection: it needs a WebSocket upgrade.");
  const auth = await signedIn(request, tenant);
  if (!auth) throw new TroveError("unauthenticated", "Sign in again.");
  const session = tenant.live.sessionForLogin(auth.member, await hashToken(auth.token));
  return acceptSocket(session.id, auth.member.id);
};

/** The object's one place errors become answers (errorAnswer: by shape, not class). */
async function caught(error: unknown, request: IRequest, context?: RouteContext): Promise<Response> {
  const a = await errorAnswer(error, request.headers.get("accept")?.includes("application/json") === true);
  // Unexpected ones are kept for the operator view (by their reference, not the request).
  try {
    if (a.reference && context?.tenant.initialised) context.tenant.errors.record(`${request.method} ${new URL(request.url).pathname.split("/").slice(0, 4).join("/")}`, error, a.reference);
  } catch {
    // the engine itself is what failed: the answer still goes out
  }
  return new Response(a.body, { status: a.status, headers: a.headers });
}

export const router = Router<IRequest, [RouteContext]>({
  catch: caught,
  before: [
    (request, { tenant }) => {
      // The worker routes by name; the object checks it is that database.
      if (!tenant.initialised || new URL(request.url).pathname.split("/")[2] !== tenant.name) {
        throw new TroveError("not_found", "There is no database at this address.", { link: { href: "/", label: "Create a database" } });
      }
      // Links are built from tenant.origin (configured, or fixed at sign-up): a request's
      // Host never changes it.
      return undefined;
    },
  ],
});

router
  .get("/t/:name/", home)
  .post("/t/:name/signin", signIn)
  .post("/t/:name/signout", signOut)
  .get("/t/:name/invite/:token", showInvitation)
  .post("/t/:name/invite/:token", acceptInvitation)
  .get("/t/:name/recover", showRecover)
  .post("/t/:name/recover", recover)
  .get("/t/:name/reset/:token", showReset)
  .post("/t/:name/reset/:token", useReset)
  .get("/t/:name/s/:sid", (_request, { tenant }) => redirect(`/t/${tenant.name}/tables`)) // addresses before places existed
  .post("/t/:name/import-chunks", importChunk)
  .get("/t/:name/tables", showPlace)
  .post("/t/:name/tables", postPlace)
  .get("/t/:name/tables/:table", showPlace)
  .post("/t/:name/tables/:table", postPlace)
  .get("/t/:name/tables/:table/export", exportRecords)
  .get("/t/:name/tables/:table/records/:record", showPlace)
  .post("/t/:name/tables/:table/records/:record", postPlace)
  .get("/t/:name/tables/:table/views/:view", showPlace)
  .post("/t/:name/tables/:table/views/:view", postPlace)
  .get("/t/:name/tables/:table/views/:view/picture.svg", viewPicture)
  .get("/t/:name/tables/:table/views/:view/records/:record", showPlace)
  .get("/t/:name/tables/:table/views/:view/at/:at", showPlace)
  .post("/t/:name/tables/:table/views/:view/at/:at", postPlace)
  .get("/t/:name/tables/:table/views/:view/at/:at/records/:record", showPlace)
  .post("/t/:name/tables/:table/views/:view/at/:at/records/:record", postPlace)
  .post("/t/:name/tables/:table/views/:view/records/:record", postPlace)
  .get("/t/:name/tables/:table/import", showPlace)
  .post("/t/:name/tables/:table/import", postPlace)
  .get("/t/:name/tables/:table/views/:view/import", showPlace)
  .post("/t/:name/tables/:table/views/:view/import", postPlace)
  .get("/t/:name/tables/:table/derived/:field", showPlace)
  .post("/t/:name/tables/:table/derived/:field", postPlace)
  .get("/t/:name/tables/:table/views/:view/derived/:field", showPlace)
  .post("/t/:name/tables/:table/views/:view/derived/:field", postPlace)
  // A page of a grid or view (…/page/<n>[/after|before/<record>], then what is open over
  // it): the place's parser checks the rest (src/ui/components/places.ts).
  .get("/t/:name/tables/:table/page/*", showPlace)
  .post("/t/:name/tables/:table/page/*", postPlace)
  .get("/t/:name/tables/:table/views/:view/page/*", showPlace)
  .post("/t/:name/tables/:table/views/:view/page/*", postPlace)
  .get("/t/:name/constants", showPlace)
  .post("/t/:name/constants", postPlace)
  .get("/t/:name/forms", showPlace)
  .post("/t/:name/forms", postPlace)
  .get("/t/:name/forms/:form", showPlace)
  .post("/t/:name/forms/:form", postPlace)
  .get("/t/:name/members", showPlace)
  .post("/t/:name/members", postPlace)
  .get("/t/:name/account", showPlace)
  .post("/t/:name/account", postPlace)
  .get("/t/:name/activity", showPlace)
  .post("/t/:name/activity", postPlace)
  .get("/t/:name/activity/at/:at", showPlace)
  .post("/t/:name/activity/at/:at", postPlace)
  .get("/t/:name/activity/:table", showPlace)
  .post("/t/:name/activity/:table", postPlace)
  .get("/t/:name/activity/:table/at/:at", showPlace)
  .post("/t/:name/activity/:table/at/:at", postPlace)
  .get("/t/:name/trash", showPlace)
  .post("/t/:name/trash", postPlace)
  .get("/t/:name/backup", backup)
  .get("/t/:name/ws", socket)
  // Private feeds: the token is the credential; no cookie is read or set (./feeds.ts).
  .get("/t/:name/feeds/:file", (request, { tenant }) => tenant.feeds.answer(String(request.params.file), request))
  .head("/t/:name/feeds/:file", (request, { tenant }) => tenant.feeds.answer(String(request.params.file), request))
  .all("*", () => {
    throw new TroveError("not_found", "There is nothing at this address.");
  });
