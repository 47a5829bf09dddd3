// The live sessions of one database: UI sessions (one per sign-in, holding the UI states of
// its tabs under render keys) cached in memory and stored in SQLite, the events that run on
// them, and the renders pushed to open sockets — only the regions whose markup changed (live
// collaboration and presence). The tenant engine owns one; the object's shell feeds it
// socket messages.

import type { Member } from "../schema/members";
import type { TroveApp } from "../ui/app";
import { registry } from "../ui/components";
import { parsePlace, treeFor } from "../ui/components/places";
import { type Component, placeOf } from "../ui/engine/component";
import { randomId } from "../ui/engine/ids";
import { changedRegions, splitRegions } from "../ui/engine/regions";
import type { Address } from "../ui/engine/renderer";
import { type Notice, Session } from "../ui/engine/session";
import { appRootHtml } from "../ui/pages/app-page";
import { KEY_PARAM, parseClientFrame, type RenderFrame } from "../ui/protocol";
import { FLOOD_CLOSE, MAX_SOCKETS_PER_MEMBER, TOO_MANY_TABS_CLOSE } from "./socket-limits";
import type { OpenSocket, Tenant, TenantEnvironment } from "./tenant";
import type { TenantApp } from "./tenant-app";
import { DAY } from "./time";

/** What this part uses of the engine (./tenant.ts): its port. */
export type LivePort = Pick<Tenant, "accounts" | "appFor" | "errors" | "initialised" | "name" | "sessionStore" | "sessionTtlMs">;

const MAX_CACHED_SESSIONS = 300;
/** Sessions (sign-ins with pages) kept per member; older ones go. */
export const MAX_SESSIONS_PER_MEMBER = 10;
/** Whole pages rendered over HTTP, remembered (region hashes only) so the socket that page
 *  opens next is sent nothing it already shows. */
const MAX_PAGE_HASHES = 500;
/** How long a change waits for others to share its broadcast. */
const COALESCE_MS = 25;
/** A broadcast of only who is here waits longer the more pages are open (each of them is
 *  rendered again): 5 ms a page, at most a second. Arrivals in a busy database then share
 *  one broadcast instead of re-rendering every open page each (issue 17: with 120 people
 *  arriving, that was 255 ms an arrival and 1.2 MB of workerd's memory a person). */
const PRESENCE_MS_PER_PAGE = 5;
const PRESENCE_MAX_MS = 1000;
const PRESENCE = "presence";

/** One tab's view: the tree of the state it shows and that state's render key. */
export interface View {
  root: Component;
  key: string;
}

/** A rendered view: the root's markup and address, split into regions. */
export interface RenderedView {
  url: string;
  title: string;
  /** The application root's markup (#trove-root). */
  html: string;
  regions: ReturnType<typeof splitRegions>;
}

export type Opened = { ok: true; view: View } | { ok: false; reason: string };

export class LiveSessions {
  private readonly sessions = new Map<string, Session<TenantApp>>();
  /** Session id by sign-in (token hash): a browser's tabs share its session. */
  private readonly byLogin = new Map<string, string>();
  private readonly pageHashes = new Map<string, Map<string, number>>();
  private readonly pendingTopics = new Set<string>();
  /** The pending broadcast's timer and when it fires. */
  private flush: { timer: ReturnType<typeof setTimeout>; at: number } | undefined;

  constructor(
    private readonly tenant: LivePort,
    private readonly env: TenantEnvironment,
  ) {}

  /** The session of a sign-in (its token's hash): the latest one, or a new one. */
  sessionForLogin(member: Member, loginHash: string): Session<TenantApp> {
    const cachedId = this.byLogin.get(loginHash);
    const cached = cachedId === undefined ? undefined : this.session(cachedId);
    if (cached) return cached;
    const latest = this.tenant.sessionStore.latestFor(loginHash, member.id);
    const stored = latest === undefined ? undefined : this.session(latest);
    if (stored) {
      this.byLogin.set(loginHash, stored.id);
      return stored;
    }
    const session = new Session<TenantApp>(registry, randomId(16), member.id);
    this.remember(session);
    this.byLogin.set(loginHash, session.id);
    this.saveSession(session, loginHash);
    // Bounded per member: signing in again and again keeps the latest few sessions.
    for (const id of this.tenant.sessionStore.trimMember(member.id, MAX_SESSIONS_PER_MEMBER)) this.forget(id);
    return session;
  }

  /** A session by id, from memory or storage; undefined when unknown or expired. */
  session(id: string): Session<TenantApp> | undefined {
    const cached = this.sessions.get(id);
    if (cached) {
      this.sessions.delete(id);
      this.sessions.set(id, cached);
      return cached;
    }
    const row = this.tenant.sessionStore.read(id);
    if (!row || row.updatedAt < this.env.now() - this.tenant.sessionTtlMs) return undefined;
    const session = Session.fromStorage<TenantApp>(registry, id, row.snapshot, () => this.tenant.sessionStore.parts(id));
    this.remember(session);
    return session;
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
    // Only what changed since the last save: the head and the parts that appeared or went.
    if (loginHash !== undefined) this.tenant.sessionStore.insert(session.id, session.userId, loginHash, session.changes(), now);
    else this.tenant.sessionStore.update(session.id, session.changes(), now);
    session.dirty = false;
    this.env.scheduleAlarm(now + DAY);
  }

  // ---- views ---------------------------------------------------------------------------

  /** The view a request names: the state kept under `key` when it shows `place`, else a
   *  fresh tree for `place` (a link from someone else, an expired state, an edited address). */
  open(session: Session<TenantApp>, app: TroveApp, key: string | null, place: string): Opened {
    const resumed = session.resume(key);
    if (resumed && placeOf(resumed) === place) return { ok: true, view: { root: resumed, key: key! } };
    const parsed = parsePlace(place);
    if (!parsed) return { ok: false, reason: "There is nothing at this address." };
    const built = treeFor(parsed, app);
    if (!built.ok) return built;
    return { ok: true, view: { root: built.root, key: session.keep(built.root) } };
  }

  /** Like `open`, falling back on the tables list (which every member may see). */
  private openOrHome(session: Session<TenantApp>, app: TroveApp, key: string | null, place: string): View {
    const opened = this.open(session, app, key, place);
    if (opened.ok) return opened.view;
    const home = this.open(session, app, null, "tables");
    if (!home.ok) throw new Error("the tables list cannot be shown");
    return home.view;
  }

  /** Runs an event on the state it names (or on its place, when that state is gone) and
   *  keeps the resulting state. */
  async event(session: Session<TenantApp>, member: Member, key: string | null, place: string, fields: [string, string][], action: string | null): Promise<{ view: View; notice: Notice | undefined; app: TenantApp }> {
    const app = this.tenant.appFor(member, session.id);
    // An address that names nothing (deleted meanwhile): the event runs on the tables list.
    const { root, key: from } = this.openOrHome(session, app, key, place);
    const { notice } = await session.handle(app, root, fields, action);
    return { view: { root, key: session.keep(root, from) }, notice, app };
  }

  /** Renders a view; saves the session if the render changed what it stores. */
  async render(session: Session<TenantApp>, app: TenantApp, view: View): Promise<RenderedView> {
    const address: Address = { base: `/t/${this.tenant.name}/`, here: placeOf(view.root), query: `${KEY_PARAM}=${view.key}` };
    const whole = new Map<string, string>();
    const html = await appRootHtml(await session.render(app, view.root, view.key, address, whole));
    if (session.dirty) this.saveSession(session);
    return { url: `${address.base}${address.here}?${address.query}`, title: `${this.tenant.name} · Trove`, html, regions: splitRegions(html, whole) };
  }

  /** A frame for a browser that was last sent `known` (nothing: all regions). */
  static frame(rendered: RenderedView, key: string, known: ReadonlyMap<string, number> | undefined): { frame: RenderFrame; known: Map<string, number> } {
    const diff = changedRegions(rendered.regions, known);
    return { frame: { t: "render", url: rendered.url, key, title: rendered.title, regions: diff.changed }, known: diff.known };
  }

  /** Remembers what a whole page showed, for the socket that page opens. */
  rememberPage(session: Session<TenantApp>, key: string, rendered: RenderedView): void {
    const id = `${session.id}:${key}`;
    this.pageHashes.delete(id);
    this.pageHashes.set(id, changedRegions(rendered.regions, undefined).known);
    if (this.pageHashes.size > MAX_PAGE_HASHES) this.pageHashes.delete(this.pageHashes.keys().next().value!);
  }

  // ---- events from browsers ------------------------------------------------------------

  /** An event from the runtime's fetch fallback (no socket): runs it and answers a frame
   *  with every region. */
  async fetchEvent(session: Session<TenantApp>, member: Member, key: string | null, place: string, fields: [string, string][], action: string | null): Promise<RenderFrame> {
    const { view, notice, app } = await this.event(session, member, key, place, fields, action);
    const { frame } = LiveSessions.frame(await this.render(session, app, view), view.key, undefined);
    if (notice) frame.notice = notice;
    await this.broadcast(app.changed);
    return frame;
  }

  /** A plain-HTML event (answered with a 303 to the returned address): the notice waits
   *  for that GET. */
  async postEvent(session: Session<TenantApp>, member: Member, key: string | null, place: string, fields: [string, string][], action: string | null): Promise<string> {
    const { view, notice, app } = await this.event(session, member, key, place, fields, action);
    if (notice) session.leaveNotice(view.key, notice);
    if (session.dirty) this.saveSession(session);
    await this.broadcast(app.changed);
    return `/t/${this.tenant.name}/${placeOf(view.root)}?${KEY_PARAM}=${view.key}`;
  }

  // ---- sockets opening and closing (presence) --------------------------------------------

  /** A member opens a socket (`accept` makes it): one more tab than they may have open
   *  closes their oldest, and others see who has arrived (a second tab of someone already
   *  here changes nothing; coalesced, so a burst of opens re-renders each page once). */
  admit<T>(userId: string, accept: () => T): T {
    const mine = this.env.sockets().filter((s) => s.userId === userId);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_SOCKETS_PER_MEMBER + 1))) old.close(TOO_MANY_TABS_CLOSE.code, TOO_MANY_TABS_CLOSE.reason);
    const arriving = !this.isPresent(userId);
    const socket = accept();
    if (arriving) this.broadcastSoon([PRESENCE]);
    return socket;
  }

  /** A member's socket closed: others see who has left, unless they are still here in
   *  another tab. */
  closed(userId: string): void {
    if (!this.isPresent(userId)) this.broadcastSoon([PRESENCE]);
  }

  /** A frame from a socket, as the platform hands it over. An error is kept for the
   *  operator and logged, once for a run of alike errors (a flood of them costs a count in
   *  memory, ./recent-errors.ts); the socket stays open. */
  async received(socket: OpenSocket, text: string): Promise<void> {
    try {
      await this.socketMessage(socket, text);
    } catch (error) {
      if (!this.tenant.initialised || this.tenant.errors.record("socket message", error)) console.error("socket message", error);
    }
  }

  /** A frame from a browser's socket: run the event (or show the state it names, on hello)
   *  and answer with the regions that changed. */
  async socketMessage(socket: OpenSocket, text: string): Promise<void> {
    const allowed = socket.budget.take(this.env.now());
    if (allowed === "close") return socket.close(FLOOD_CLOSE.code, FLOOD_CLOSE.reason);
    if (allowed === "drop") return;
    const frame = parseClientFrame(text);
    if (!frame) return; // malformed: ignore, the runtime only sends well-formed frames
    const session = this.session(socket.sessionId);
    const member = session && this.tenant.accounts.memberForSession(session.id);
    if (!session || !member) {
      socket.send(JSON.stringify({ t: "redirect", location: `/t/${this.tenant.name}/` }));
      socket.close(4001, "signed out");
      return;
    }
    const place = frame.t === "hello" ? placeFromPath(frame.path, this.tenant.name!) : socket.place;
    if (frame.t === "event") {
      const { view, notice, app } = await this.event(session, member, frame.k, place, frame.fields, frame.action);
      const rendered = await this.render(session, app, view);
      const { frame: reply, known } = LiveSessions.frame(rendered, view.key, socket.known);
      socket.show(view.key, placeOf(view.root), known);
      if (notice) reply.notice = notice;
      socket.send(JSON.stringify({ ...reply, re: frame.seq }));
      await this.broadcast(app.changed, socket);
      return;
    }
    const app = this.tenant.appFor(member, session.id);
    const view = this.openOrHome(session, app, frame.k, place);
    const rendered = await this.render(session, app, view);
    const known = frame.full ? undefined : (socket.known ?? this.pageHashes.get(`${session.id}:${view.key}`));
    const { frame: reply, known: after } = LiveSessions.frame(rendered, view.key, known);
    socket.show(view.key, placeOf(view.root), after);
    // A page that shows exactly this already needs nothing (no duplicate frame after load).
    if (reply.regions.length > 0 || view.key !== frame.k) socket.send(JSON.stringify({ ...reply, re: frame.seq }));
  }

  // ---- live updates --------------------------------------------------------------------

  /** Re-renders every open view that shows one of `topics`, except the socket that acted
   *  (its caller answered it), and pushes each socket the regions it does not have yet. */
  async broadcast(topics: Iterable<string>, except?: OpenSocket): Promise<void> {
    const wanted = new Set(topics);
    if (wanted.size === 0) return;
    const groups = new Map<string, OpenSocket[]>();
    for (const socket of this.env.sockets()) {
      if (socket === except) continue;
      const id = `${socket.sessionId}:${socket.key}`;
      const list = groups.get(id) ?? [];
      list.push(socket);
      groups.set(id, list);
    }
    const members = new Map<string, Member | undefined>();
    for (const sockets of groups.values()) {
      const { sessionId, key, place } = sockets[0]!;
      const session = this.session(sessionId);
      if (!session) continue;
      const shown = session.topics.get(key);
      if (shown && ![...shown].some((t) => wanted.has(t))) continue;
      if (!members.has(sessionId)) members.set(sessionId, this.tenant.accounts.memberForSession(sessionId));
      const member = members.get(sessionId);
      if (!member) {
        for (const s of sockets) s.send(JSON.stringify({ t: "redirect", location: `/t/${this.tenant.name}/${place}` }));
        continue;
      }
      const app = this.tenant.appFor(member, sessionId);
      const opened = this.open(session, app, key, place);
      if (!opened.ok) continue;
      const rendered = await this.render(session, app, opened.view);
      for (const s of sockets) {
        const { frame, known } = LiveSessions.frame(rendered, opened.view.key, s.known);
        s.show(opened.view.key, placeOf(opened.view.root), known);
        if (frame.regions.length > 0) s.send(JSON.stringify(frame));
      }
    }
  }

  /** Broadcasts `topics` a moment later, together with whatever else changed meanwhile: a
   *  burst of form submissions re-renders each open grid once, not once per record; a
   *  change of who is here alone waits longer when many pages are open (PRESENCE_MS_PER_PAGE),
   *  and any other change brings the broadcast forward again. With no socket open there is
   *  nobody to tell. */
  broadcastSoon(topics: Iterable<string>): void {
    const open = this.env.sockets().length;
    if (open === 0) return;
    for (const topic of topics) this.pendingTopics.add(topic);
    const presenceOnly = [...this.pendingTopics].every((topic) => topic === PRESENCE);
    const delay = presenceOnly ? Math.min(PRESENCE_MAX_MS, COALESCE_MS + open * PRESENCE_MS_PER_PAGE) : COALESCE_MS;
    const at = Date.now() + delay;
    if (this.flush && this.flush.at <= at) return;
    if (this.flush) clearTimeout(this.flush.timer);
    const timer = setTimeout(() => {
      this.flush = undefined;
      const batch = [...this.pendingTopics];
      this.pendingTopics.clear();
      this.broadcast(batch).catch((error: unknown) => console.error("broadcast", error));
    }, delay);
    this.flush = { timer, at };
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
    const expired = this.tenant.sessionStore.expire(cutoff);
    for (const id of expired) this.forget(id);
    return expired.length;
  }

  /** A member was removed: their sessions are forgotten and every page they have open is
   *  sent to sign in, its socket closed. */
  forgetSessionsOf(memberId: string): void {
    for (const [id, s] of this.sessions) if (s.userId === memberId) this.forget(id);
    this.signOutSockets((socket) => socket.userId === memberId);
  }

  /** Sign-ins that ended (a password changed, "sign out" of one of them): their sessions go,
   *  and every page open in them is sent to sign in, its socket closed. */
  endSignIns(loginHashes: readonly string[]): void {
    const ended = new Set<string>();
    for (const hash of loginHashes) {
      for (const id of this.tenant.sessionStore.deleteForLogin(hash)) ended.add(id);
      this.byLogin.delete(hash);
    }
    for (const id of ended) this.forget(id);
    if (ended.size > 0) this.signOutSockets((socket) => ended.has(socket.sessionId));
  }

  private signOutSockets(which: (socket: OpenSocket) => boolean): void {
    for (const socket of this.env.sockets()) {
      if (!which(socket)) continue;
      socket.send(JSON.stringify({ t: "redirect", location: `/t/${this.tenant.name}/` }));
      socket.close(4001, "signed out");
    }
  }

  private forget(id: string): void {
    this.sessions.delete(id);
    for (const [login, sid] of this.byLogin) if (sid === id) this.byLogin.delete(login);
  }
}

/** The place part of a path under /t/<db>/ ("" when it is not under it). */
export function placeFromPath(path: string, database: string): string {
  const prefix = `/t/${database}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length).replace(/\/+$/, "") : "";
}
