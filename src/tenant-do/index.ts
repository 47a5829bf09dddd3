// The TenantDatabase Durable Object: one per customer database. A thin shell that builds the
// engine (./tenant.ts) with the platform's storage, sockets and alarm, and maps each
// platform hook to one engine call: fetch → the router, webSocket* → LiveSessions (frames,
// presence, the tab cap), alarm → Housekeeping. What stays here is the platform's own:
// socket attachments, and erasing all storage when a deletion is due.

import { DurableObject } from "cloudflare:workers";
import type { PublicFormAnswer, PublicFormRequest } from "../schema/forms/public";
import { DIRECTORY_NAME } from "../directory-do/index";
import type { OperatorReport } from "../ui/pages/operator";
import { signInCookie } from "./cookies";
import { type RouteContext, router } from "./routes";
import { FrameBudget, FRAMES_PER_SECOND } from "./socket-limits";
import type { SignUpInput, SignUpOutcome } from "./sign-up";
import { type OpenSocket, Tenant } from "./tenant";

interface Attachment {
  sid: string;
  userId: string;
  /** The render key and place its tab shows ("" until its first frame). */
  key: string;
  place: string;
}

export class TenantDatabase extends DurableObject<Env> {
  private tenant: Tenant;
  private readonly openSockets = new WeakMap<WebSocket, OpenSocket>();

  private readonly framesPerSecond: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const perSecond = Number(env.SOCKET_FRAMES_PER_SECOND);
    this.framesPerSecond = Number.isFinite(perSecond) && perSecond > 0 ? perSecond : FRAMES_PER_SECOND;
    this.tenant = this.makeTenant();
    ctx.blockConcurrencyWhile(async () => this.tenant.start());
  }

  private makeTenant(): Tenant {
    const { ctx, env } = this;
    return new Tenant({
      storage: ctx.storage,
      now: () => Date.now(),
      // Only open ones: during webSocketClose the closing socket is still listed, and
      // presence would go on showing whoever just left.
      sockets: () => ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).map((ws) => this.socket(ws)),
      alarm: {
        getAlarm: () => ctx.storage.getAlarm(),
        setAlarm: (at) => ctx.storage.setAlarm(at),
        waitUntil: (work) => ctx.waitUntil(work),
      },
      defaultSessionTtlDays: Number(env.SESSION_TTL_DAYS ?? "14"),
      publicOrigin: env.PUBLIC_ORIGIN || undefined,
    });
  }

  /** RPC from the worker's sign-up page. Returns the cookie to set and the owner's recovery
   *  code (to show once), or why not. */
  async signUp(input: SignUpInput): Promise<SignUpOutcome<{ cookie: string; recoveryCode: string }>> {
    const result = await this.tenant.create(input);
    if (!result.ok) return result;
    return { ok: true, cookie: signInCookie(input.name, result.token, input.origin.startsWith("https:")), recoveryCode: result.recoveryCode };
  }

  /** RPC: whether anyone signed up for this name (used by tests and the benchmark). */
  async exists(): Promise<boolean> {
    return this.tenant.initialised;
  }

  /** RPC from the worker for /f/<database>/<form>, after its cheap checks. An object nobody
   *  signed up for answers 404 and writes nothing. */
  async publicForm(request: PublicFormRequest): Promise<PublicFormAnswer> {
    return this.tenant.forms.handle(request);
  }

  /** RPC from the worker's operator view, after it checked the operator's secret: this
   *  database's report, read-only; the access is recorded first and its owners' open pages
   *  show it. An object nobody signed up for answers null and writes nothing. */
  async operatorReport(what: string): Promise<OperatorReport | null> {
    if (!this.tenant.initialised) return null;
    const alarm = await this.ctx.storage.getAlarm();
    const sockets = this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).map((ws) => ws.deserializeAttachment() as Attachment);
    return this.tenant.operator.visit(what, { storageBytes: this.ctx.storage.sql.databaseSize, alarm, sockets });
  }

  override async fetch(request: Request): Promise<Response> {
    const context: RouteContext = { tenant: this.tenant, acceptSocket: (sid, userId) => this.acceptSocket(sid, userId) };
    return router.fetch(request, context);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.tenant.live.received(this.socket(ws), typeof message === "string" ? message : new TextDecoder().decode(message));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
    this.tenant.live.closed((ws.deserializeAttachment() as Attachment).userId);
  }

  override async alarm(): Promise<void> {
    if (this.tenant.housekeeping.alarm().erase) await this.erase();
  }

  /** The deletion's grace period is over: every page is sent away and closed, all storage
   *  (SQLite and the alarm) erased, and the engine starts afresh, uninitialised — so the
   *  name can be signed up for again. */
  private async erase(): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(JSON.stringify({ t: "redirect", location: "/" }));
        ws.close(4001, "database deleted");
      } catch {
        // already closed
      }
    }
    const name = this.tenant.name;
    await this.tenant.alarms.settled();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // The operators' directory (src/directory-do) no longer lists it as live.
    if (name) await this.env.DIRECTORY.getByName(DIRECTORY_NAME).removed(name, Date.now());
    this.tenant = this.makeTenant();
  }

  private acceptSocket(sid: string, userId: string): Response {
    return this.tenant.live.admit(userId, () => {
      const pair = new WebSocketPair();
      const server = pair[1];
      this.ctx.acceptWebSocket(server);
      server.serializeAttachment({ sid, userId, key: "", place: "" } satisfies Attachment);
      return new Response(null, { status: 101, webSocket: pair[0] });
    });
  }

  private socket(ws: WebSocket): OpenSocket {
    let socket = this.openSockets.get(ws);
    if (!socket) {
      const attachment = ws.deserializeAttachment() as Attachment;
      let known: Map<string, number> | undefined;
      const budget = new FrameBudget(this.framesPerSecond);
      socket = {
        budget,
        sessionId: attachment.sid,
        userId: attachment.userId,
        get key() {
          return attachment.key;
        },
        get place() {
          return attachment.place;
        },
        get known() {
          return known;
        },
        show: (key, place, regions) => {
          known = regions;
          if (key === attachment.key && place === attachment.place) return;
          attachment.key = key;
          attachment.place = place;
          ws.serializeAttachment(attachment);
        },
        send: (text) => {
          try {
            ws.send(text);
          } catch {
            // the socket closed meanwhile; its close handler tidies up
          }
        },
        close: (code, reason) => ws.close(code, reason),
      };
      this.openSockets.set(ws, socket);
    }
    return socket;
  }
}
