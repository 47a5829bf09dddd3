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
import { DAY } from "./time";

const MAX_CACHED_SESSIONS = 300;

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

  /** Runs an event for the browser's runtime (socket or fetch fallback) and renders the
   *  session once: the frame goes to `from` (answering its `re`), as is to the session's
   *  other sockets (its other tabs), and is returned; other sessions that show a changed
   *  topic are re-rendered. */
  async handleEvent(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null, from?: { socket: OpenSocket; re: number }): Promise<RenderFrame> {
    const app = await this.run(session, member, fields, action);
    const frame = await this.frame(session, member, app);
    if (from) from.socket.send(JSON.stringify({ ...frame, re: from.re }));
    const text = JSON.stringify(frame);
    for (const socket of this.env.sockets()) if (socket.sessionId === session.id && socket !== from?.socket) socket.send(text);
    await this.broadcast(app.changed, session.id);
    return frame;
  }

  /** Runs an event and saves the session without rendering it: for plain-HTML requests,
   *  answered with a 303 whose GET renders. (Rendering here would use up the event's notice,
   *  e.g. "That page was out of date", before the page that should show it.) */
  async runEvent(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null): Promise<void> {
    const app = await this.run(session, member, fields, action);
    if (session.dirty) this.saveSession(session);
    await this.broadcast(app.changed, session.id);
  }

  private async run(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null): Promise<TenantApp> {
    const app = this.tenant.appFor(member, session.id);
    await session.handle(app, fields, action);
    return app;
  }

  async render(session: Session<TenantApp>, member: Member, app = this.tenant.appFor(member, session.id)): Promise<Rendered> {
    const { html, notice } = await session.render(app, this.sessionUrl(session.id));
    if (session.dirty) this.saveSession(session);
    return { html, notice, epoch: session.epoch };
  }

  /** Renders a session as the frame the browser's runtime morphs in. */
  async frame(session: Session<TenantApp>, member: Member, app?: TenantApp): Promise<RenderFrame> {
    const rendered = await this.render(session, member, app);
    return { t: "render", epoch: rendered.epoch, html: await appRootHtml(rendered), title: `${this.tenant.name} · Trove` };
  }

  sessionUrl(id: string): string {
    return `/t/${this.tenant.name}/s/${id}`;
  }

  /** Where to sign in again, coming back to this session afterwards. */
  signInUrl(sessionId: string): string {
    return `/t/${this.tenant.name}/?next=${encodeURIComponent(this.sessionUrl(sessionId))}`;
  }

  /** Re-renders every open session that shows one of `topics`, except `exceptSessionId`
   *  (the acting session, which its caller has already answered), and pushes the HTML to
   *  its sockets. */
  async broadcast(topics: Iterable<string>, exceptSessionId?: string): Promise<void> {
    const wanted = new Set(topics);
    if (wanted.size === 0) return;
    const bySession = new Map<string, OpenSocket[]>();
    for (const socket of this.env.sockets()) {
      if (socket.sessionId === exceptSessionId) continue;
      const list = bySession.get(socket.sessionId) ?? [];
      list.push(socket);
      bySession.set(socket.sessionId, list);
    }
    for (const [id, sockets] of bySession) {
      const session = this.session(id);
      if (!session || ![...session.topics].some((t) => wanted.has(t))) continue;
      const member = this.tenant.accounts.memberForSession(id);
      if (!member) {
        for (const s of sockets) s.send(JSON.stringify({ t: "redirect", location: this.signInUrl(id) }));
        continue;
      }
      const frame = JSON.stringify(await this.frame(session, member));
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

  /** A frame from a browser's socket: run the event (or just render, on hello) and reply. */
  async socketMessage(socket: OpenSocket, text: string): Promise<void> {
    const frame = parseClientFrame(text);
    if (!frame) return; // malformed: ignore, the runtime only sends well-formed frames
    const session = this.session(socket.sessionId);
    const member = session && this.tenant.accounts.memberForSession(session.id);
    if (!session || !member) {
      socket.send(JSON.stringify({ t: "redirect", location: this.signInUrl(socket.sessionId) }));
      socket.close(4001, "signed out");
      return;
    }
    if (frame.t === "event") await this.handleEvent(session, member, frame.fields, frame.action, { socket, re: frame.seq });
    else socket.send(JSON.stringify({ ...(await this.frame(session, member)), re: frame.seq }));
  }

  /** Whether this member has a socket open right now. */
  isPresent(userId: string): boolean {
    return this.env.sockets().some((s) => s.userId === userId);
  }

  /** Members with a socket open right now. */
  presentMembers(): Member[] {
    const ids = new Set(this.env.sockets().map((s) => s.userId));
    return ids.size === 0 ? [] : this.tenant.accounts.members().filter((m) => ids.has(m.id));
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
