// The live sessions of one database: UI sessions cached in memory and stored in SQLite,
// the events that run on them, and the renders pushed to open sockets (live collaboration
// and presence). The tenant engine owns one; the object's shell feeds it socket messages.

import type { Member } from "../schema/members";
import { registry } from "../ui/components";
import { AppShell } from "../ui/components/app-shell";
import { randomId } from "../ui/engine/ids";
import { Session } from "../ui/engine/session";
import { appRootHtml } from "../ui/pages/app-page";
import { parseClientFrame, type RenderFrame } from "../ui/protocol";
import { hashToken } from "./passwords";
import { first, run } from "./sql";
import type { OpenSocket, Rendered, Tenant, TenantEnvironment } from "./tenant";
import type { TenantApp } from "./tenant-app";

const MAX_CACHED_SESSIONS = 300;
const DAY = 86_400_000;

export class LiveSessions {
  private readonly sessions = new Map<string, Session<TenantApp>>();
  private readonly pendingTopics = new Set<string>();

  constructor(
    private readonly tenant: Tenant,
    private readonly env: TenantEnvironment,
  ) {}

  /** Starts a UI session for a signed-in member. */
  async newSession(member: Member, loginToken: string): Promise<string> {
    const session = new Session<TenantApp>(registry, randomId(16), member.id, AppShell.create());
    this.remember(session);
    this.saveSession(session, await hashToken(loginToken));
    return session.id;
  }

  /** A session by id, from memory or storage; undefined when unknown or expired. */
  session(id: string): Session<TenantApp> | undefined {
    const cached = this.sessions.get(id);
    if (cached) {
      this.sessions.delete(id);
      this.sessions.set(id, cached);
      return cached;
    }
    const row = first(this.env.storage.sql.exec<{ snapshot: string; updated_at: number }>("SELECT snapshot, updated_at FROM ui_sessions WHERE id = ?", id));
    if (!row || row.updated_at < this.env.now() - this.tenant.sessionTtlMs) return undefined;
    const session = Session.restore<TenantApp>(registry, id, row.snapshot);
    this.remember(session);
    return session;
  }

  /** True when the sign-in that opened this session (or a later one) is still valid. */
  sessionSignedIn(id: string): boolean {
    const row = first(this.env.storage.sql.exec<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ui_sessions s JOIN logins l ON l.token_hash = s.login_hash WHERE s.id = ?", id));
    return (row?.n ?? 0) > 0;
  }

  /** Ties a session to a new sign-in (after the old one expired or signed out). */
  async rebindSession(id: string, loginToken: string): Promise<void> {
    this.env.storage.sql.exec("UPDATE ui_sessions SET login_hash = ? WHERE id = ?", await hashToken(loginToken), id);
  }

  private remember(session: Session<TenantApp>): void {
    this.sessions.set(session.id, session);
    if (this.sessions.size > MAX_CACHED_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
  }

  saveSession(session: Session<TenantApp>, loginHash?: string): void {
    const now = this.env.now();
    if (loginHash !== undefined) {
      this.env.storage.sql.exec(
        "INSERT INTO ui_sessions (id, user_id, login_hash, snapshot, updated_at) VALUES (?, ?, ?, ?, ?)",
        session.id, session.userId, loginHash, session.snapshot(), now,
      );
    } else {
      this.env.storage.sql.exec("UPDATE ui_sessions SET snapshot = ?, updated_at = ? WHERE id = ?", session.snapshot(), now, session.id);
    }
    session.dirty = false;
    this.env.scheduleAlarm(now + DAY);
  }

  /** Runs an event on a session and renders it (for the socket and the fetch fallback). */
  async handleEvent(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null): Promise<{ rendered: Rendered; changed: Set<string> }> {
    const app = this.tenant.appFor(member, session.id);
    await session.handle(app, fields, action);
    return { rendered: await this.render(session, member, app), changed: app.changed };
  }

  /** Runs an event and saves the session without rendering it: for plain-HTML requests,
   *  answered with a 303 whose GET renders. (Rendering here would use up the event's notice,
   *  e.g. "That page was out of date", before the page that should show it.) */
  async runEvent(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null): Promise<{ changed: Set<string> }> {
    const app = this.tenant.appFor(member, session.id);
    await session.handle(app, fields, action);
    if (session.dirty) this.saveSession(session);
    return { changed: app.changed };
  }

  async render(session: Session<TenantApp>, member: Member, app = this.tenant.appFor(member, session.id)): Promise<Rendered> {
    const { html, notice } = await session.render(app, this.sessionUrl(session.id));
    if (session.dirty) this.saveSession(session);
    return { html, notice, epoch: session.epoch };
  }

  sessionUrl(id: string): string {
    return `/t/${this.tenant.name}/s/${id}`;
  }

  /** Re-renders every open session that shows one of `topics` (and `alsoSessionId`, whose
   *  other tabs must follow), and pushes the HTML to its sockets except `exceptSocket`. */
  async broadcast(topics: Iterable<string>, alsoSessionId?: string, exceptSocket?: OpenSocket): Promise<void> {
    const wanted = new Set(topics);
    if (wanted.size === 0 && alsoSessionId === undefined) return;
    const bySession = new Map<string, OpenSocket[]>();
    for (const socket of this.env.sockets()) {
      if (socket === exceptSocket) continue;
      const list = bySession.get(socket.sessionId) ?? [];
      list.push(socket);
      bySession.set(socket.sessionId, list);
    }
    for (const [id, sockets] of bySession) {
      const session = this.session(id);
      if (!session) continue;
      const shows = [...session.topics].some((t) => wanted.has(t));
      if (!shows && id !== alsoSessionId) continue;
      const member = this.tenant.accounts.member(session.userId);
      if (!member || !this.sessionSignedIn(id)) {
        for (const s of sockets) s.send(JSON.stringify({ t: "redirect", location: `/t/${this.tenant.name}/?next=${encodeURIComponent(this.sessionUrl(id))}` }));
        continue;
      }
      const frame = await this.renderFrame(session, member);
      for (const s of sockets) s.send(frame);
    }
  }

  /** Broadcasts `topics` a moment later, together with whatever else changed meanwhile: a
   *  burst of form submissions re-renders each open grid once, not once per record. With no
   *  socket open there is nobody to tell. */
  broadcastSoon(topics: Iterable<string>): void {
    if (this.env.sockets().length === 0) return;
    const idle = this.pendingTopics.size === 0;
    for (const topic of topics) this.pendingTopics.add(topic);
    if (!idle) return;
    setTimeout(() => {
      const batch = [...this.pendingTopics];
      this.pendingTopics.clear();
      this.broadcast(batch).catch((error: unknown) => console.error("broadcast", error));
    }, 25);
  }

  private async renderFrame(session: Session<TenantApp>, member: Member, app?: TenantApp, re?: number): Promise<string> {
    const rendered = await this.render(session, member, app);
    const frame: RenderFrame = { t: "render", epoch: rendered.epoch, html: await appRootHtml(rendered), title: `${this.tenant.name} · Trove` };
    if (re !== undefined) frame.re = re;
    return JSON.stringify(frame);
  }

  /** A frame from a browser's socket: run the event (or just render, on hello) and reply. */
  async socketMessage(socket: OpenSocket, text: string): Promise<void> {
    const frame = parseClientFrame(text);
    if (!frame) return; // malformed: ignore, the runtime only sends well-formed frames
    const session = this.session(socket.sessionId);
    const member = session && this.tenant.accounts.member(session.userId);
    if (!session || !member || !this.sessionSignedIn(session.id)) {
      const location = `/t/${this.tenant.name}/?next=${encodeURIComponent(this.sessionUrl(socket.sessionId))}`;
      socket.send(JSON.stringify({ t: "redirect", location }));
      socket.close(4001, "signed out");
      return;
    }
    const app = this.tenant.appFor(member, session.id);
    if (frame.t === "event") await session.handle(app, frame.fields, frame.action);
    socket.send(await this.renderFrame(session, member, app, frame.seq));
    if (frame.t === "event") await this.broadcast(app.changed, session.id, socket);
  }

  /** Whether the member of this session has a socket open right now. */
  isPresent(sessionId: string): boolean {
    const userId = this.session(sessionId)?.userId;
    return userId !== undefined && this.presentMembers().some((m) => m.id === userId);
  }

  /** Members with a socket open right now. */
  presentMembers(): Member[] {
    const ids = new Set<string>();
    for (const socket of this.env.sockets()) {
      const session = this.session(socket.sessionId);
      if (session) ids.add(session.userId);
    }
    return [...ids].map((id) => this.tenant.accounts.member(id)).filter((m): m is Member => m !== undefined);
  }

  /** Forgets sessions idle since before `cutoff`; returns how many. */
  expire(cutoff: number): number {
    const expired = this.env.storage.sql.exec<{ id: string }>("SELECT id FROM ui_sessions WHERE updated_at < ?", cutoff).toArray();
    for (const { id } of expired) this.sessions.delete(id);
    return run(this.env.storage, "DELETE FROM ui_sessions WHERE updated_at < ?", cutoff);
  }

  forgetSessionsOf(memberId: string): void {
    for (const [id, s] of this.sessions) if (s.userId === memberId) this.sessions.delete(id);
  }
}
