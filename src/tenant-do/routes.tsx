// HTTP inside the tenant object, routed with itty-router. Every route that shows or changes
// data checks the sign-in cookie here, in the object, whatever the worker checked before.

import { type IRequest, Router } from "itty-router";
import type { Child } from "hono/jsx";
import { AcceptInvitationInput, LIMITS, parseInput, SignInInput } from "../schema/account-inputs";
import { CLIENT_ADDRESS_HEADER } from "../schema/addresses";
import { TroveError } from "../schema/errors";
import type { Member } from "../schema/members";
import { InvitationPage, MessagePage, SignInPage } from "../ui/pages/auth";
import { appPage } from "../ui/pages/app-page";
import { renderToString } from "../ui/pages/document";
import { ACTION_FIELD, CALLBACK_PARAM, FETCH_HEADER } from "../ui/protocol";
import { clearCookie, readCookie, signInCookie } from "./cookies";
import type { Tenant } from "./tenant";

export interface RouteContext {
  tenant: Tenant;
  /** Accepts a WebSocket for a session (the platform part lives in the object's shell). */
  acceptSocket(sessionId: string, userId: string): Response;
}

type Handler = (request: IRequest, ctx: RouteContext) => Promise<Response> | Response;

async function html(node: Child, status = 200, headers: Record<string, string> = {}): Promise<Response> {
  return new Response(await renderToString(node), { status, headers: { "content-type": "text/html; charset=utf-8", ...headers } });
}

function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, ...headers } });
}

const secure = (request: IRequest) => new URL(request.url).protocol === "https:";

async function signedIn(request: IRequest, tenant: Tenant): Promise<{ member: Member; token: string } | undefined> {
  const token = readCookie(request.headers.get("cookie"));
  const member = await tenant.accounts.memberForToken(token);
  return member && token ? { member, token } : undefined;
}

/** Only same-database session addresses are acceptable after sign-in (no open redirects). */
function safeNext(tenant: Tenant, next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  return new RegExp(`^/t/${tenant.name}/s/[A-Za-z0-9_-]{10,40}$`).test(next) ? next : undefined;
}

const home: Handler = async (request, { tenant }) => {
  const auth = await signedIn(request, tenant);
  const next = safeNext(tenant, new URL(request.url).searchParams.get("next"));
  if (!auth) return html(<SignInPage database={tenant.name!} next={next} />);
  if (next) return redirect(next);
  return redirect(tenant.live.sessionUrl(await tenant.live.newSession(auth.member, auth.token)));
};

const signIn: Handler = async (request, { tenant }) => {
  const form = await request.formData();
  const input = parseInput(SignInInput, (key) => form.get(key));
  const email = String(form.get("email") ?? "").slice(0, LIMITS.email);
  const next = safeNext(tenant, String(form.get("next") ?? ""));
  if (!input.ok) return html(<SignInPage database={tenant.name!} email={email} error={input.reason} next={next} />, 400);
  // The worker sets this header from CF-Connecting-IP, replacing any the client sent.
  const result = await tenant.accounts.signIn(input.value, request.headers.get(CLIENT_ADDRESS_HEADER));
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds ? { "retry-after": String(result.retryAfterSeconds) } : {};
    return html(<SignInPage database={tenant.name!} email={email} error={result.reason} next={next} />, result.retryAfterSeconds ? 429 : 401, headers);
  }
  const cookie = signInCookie(tenant.name!, result.token, secure(request));
  // Back to where the person was, if that session is theirs.
  const sessionId = next?.split("/").pop();
  const session = sessionId ? tenant.live.session(sessionId) : undefined;
  if (next && session && session.userId === result.member.id) {
    await tenant.live.rebindSession(session.id, result.token);
    return redirect(next, { "set-cookie": cookie });
  }
  return redirect(tenant.live.sessionUrl(await tenant.live.newSession(result.member, result.token)), { "set-cookie": cookie });
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
  const result = await tenant.accounts.acceptInvitation(token, input.value);
  if (!result.ok) return expiredInvitation(tenant);
  await tenant.live.broadcast(["members"]);
  const cookie = signInCookie(tenant.name!, result.token, secure(request));
  return redirect(tenant.live.sessionUrl(await tenant.live.newSession(result.member, result.token)), { "set-cookie": cookie });
};

function expiredInvitation(tenant: Tenant) {
  return html(<MessagePage title="Invitation not valid" message="This invitation has been used, revoked or has expired. Ask the database's owner for a new one." link={{ href: `/t/${tenant.name}/`, label: "Sign in" }} />, 410);
}

/** The session a request names, if the signed-in member owns it; otherwise a response. */
async function sessionFor(request: IRequest, tenant: Tenant) {
  const id = String(request.params.sid);
  const auth = await signedIn(request, tenant);
  const wantsFrame = request.headers.get(FETCH_HEADER) === "1";
  const signInUrl = tenant.live.signInUrl(id);
  if (!auth) {
    return { ok: false as const, response: wantsFrame ? Response.json({ t: "redirect", location: signInUrl }) : redirect(signInUrl) };
  }
  const session = tenant.live.session(id);
  if (!session || session.userId !== auth.member.id) {
    // Unknown, expired or someone else's: start afresh rather than show an error page.
    const location = `/t/${tenant.name}/`;
    return { ok: false as const, response: wantsFrame ? Response.json({ t: "redirect", location }) : redirect(location) };
  }
  return { ok: true as const, session, member: auth.member };
}

const showSession: Handler = async (request, { tenant }) => {
  const found = await sessionFor(request, tenant);
  if (!found.ok) return found.response;
  const cb = new URL(request.url).searchParams.get(CALLBACK_PARAM);
  if (cb) {
    await tenant.live.runEvent(found.session, found.member, [], cb);
    return redirect(tenant.live.sessionUrl(found.session.id));
  }
  const rendered = await tenant.live.render(found.session, found.member);
  return new Response(await appPage(tenant.name!, tenant.live.sessionUrl(found.session.id), rendered), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
};

const postSession: Handler = async (request, { tenant }) => {
  const found = await sessionFor(request, tenant);
  if (!found.ok) return found.response;
  const form = await request.formData();
  const fields: [string, string][] = [];
  let action: string | null = null;
  for (const [name, value] of form) {
    if (typeof value !== "string") continue;
    if (name === ACTION_FIELD) action = value;
    else fields.push([name, value]);
  }
  if (request.headers.get(FETCH_HEADER) === "1") return Response.json(await tenant.live.handleEvent(found.session, found.member, fields, action));
  await tenant.live.runEvent(found.session, found.member, fields, action);
  return redirect(tenant.live.sessionUrl(found.session.id));
};

const socket: Handler = async (request, { tenant, acceptSocket }) => {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new TroveError("bad_request", "Expected a WebSocket upgrade.");
  const id = new URL(request.url).searchParams.get("s") ?? "";
  request.params.sid = id;
  const found = await sessionFor(request, tenant);
  if (!found.ok) return new Response("Sign in again.", { status: 401 });
  return acceptSocket(found.session.id, found.member.id);
};

export const router = Router<IRequest, [RouteContext]>({
  before: [
    (request, { tenant }) => {
      // The worker routes by name; the object checks it is that database.
      if (!tenant.initialised || new URL(request.url).pathname.split("/")[2] !== tenant.name) {
        return html(<MessagePage title="Database not found" message="There is no database at this address." link={{ href: "/", label: "Create a database" }} />, 404);
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
  .get("/t/:name/s/:sid", showSession)
  .post("/t/:name/s/:sid", postSession)
  .get("/t/:name/ws", socket)
  .all("*", () => html(<MessagePage title="Page not found" message="There is nothing at this address." />, 404));
