// The engine of one customer database. The Durable Object class is a shell around it: this
// holds the schema, accounts and live sessions, applies actions, persists sessions, and
// re-renders the sessions that show what changed. It needs storage, a clock and the open
// sockets, all passed in by shape.

import { type Action, apply, type Document, describeAction, isAction, topicsOf } from "../schema/actions";
import { isRecordAction } from "../schema/record-actions";
import type { Outcome } from "../schema/errors";
import type { ParseContext } from "../schema/fields/field-type";
import type { Member } from "../schema/members";
import { recordLookup } from "../schema/lookup";
import { emptySchema, type Schema } from "../schema/model";
import { orchestraSample } from "../schema/sample/orchestra";
import { can, type Permission } from "../schema/roles";
import { registry } from "../ui/components";
import { appRootHtml } from "../ui/pages/app-page";
import { parseClientFrame, type RenderFrame } from "../ui/protocol";
import { AppShell } from "../ui/components/app-shell";
import { randomId } from "../ui/engine/ids";
import { Session } from "../ui/engine/session";
import { Accounts } from "./accounts";
import { hasStorage, migrate } from "./migrations";
import { hashToken } from "./passwords";
import { first, run, type Storage } from "./sql";
import { SqlRecordStore } from "./sql-records";
import { PublicForms } from "./public-forms";
import { TenantApp } from "./tenant-app";

/** An open socket as the engine sees it. */
export interface OpenSocket {
  readonly sessionId: string;
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface TenantEnvironment {
  storage: Storage;
  now: () => number;
  /** The sockets open on this object right now. */
  sockets: () => OpenSocket[];
  /** Asks for the alarm to run at `at` (ms) unless one is already set earlier. */
  scheduleAlarm: (at: number) => void;
  defaultSessionTtlDays: number;
}

export interface Rendered {
  html: string;
  notice: string | undefined;
  epoch: number;
}

const MAX_CACHED_SESSIONS = 300;

/** Thrown inside a transaction to roll back an action that was refused part-way. */
class Refused extends Error {}
const DAY = 86_400_000;

export class Tenant {
  readonly accounts: Accounts;
  readonly records: SqlRecordStore;
  name: string | undefined;
  origin = "";
  schema: Schema = emptySchema();
  readonly forms: PublicForms;
  private readonly sessions = new Map<string, Session<TenantApp>>();
  private readonly pendingTopics = new Set<string>();

  constructor(private readonly env: TenantEnvironment) {
    this.accounts = new Accounts(env.storage, env.now);
    this.records = new SqlRecordStore(env.storage);
    this.forms = new PublicForms(this, env.now, (topics) => this.broadcastSoon(topics));
  }

  get storage(): Storage {
    return this.env.storage;
  }

  /** Asks the alarm to run by `at` (to forget expired form counters, say). */
  scheduleCleanup(at: number): void {
    this.env.scheduleAlarm(at);
  }

  /** Runs on wake, under blockConcurrencyWhile: migrates and loads what lives in memory. */
  start(): void {
    if (!hasStorage(this.env.storage)) return; // nobody signed up for this name: write nothing
    migrate(this.env.storage, this.env.now());
    this.load();
  }

  get initialised(): boolean {
    return this.name !== undefined;
  }

  async create(input: { name: string; email: string; displayName: string; password: string; origin: string; sample?: boolean }): Promise<Outcome<{ token: string }>> {
    if (this.initialised) return { ok: false, reason: `The name “${input.name}” is taken. Please choose another.` };
    // Check everything before the first write, so a refused sign-up leaves no trace.
    const { storage } = this.env;
    const owner = await this.accounts.prepareOwner(input.email, input.displayName, input.password);
    if (!owner.ok) return owner;
    if (this.initialised) return { ok: false, reason: `The name “${input.name}” is taken. Please choose another.` };
    migrate(storage, this.env.now());
    storage.transactionSync(() => {
      this.setMeta("name", input.name);
      this.setMeta("origin", input.origin);
      this.setMeta("created_at", String(this.env.now()));
      storage.sql.exec("INSERT INTO schema_doc (id, json) VALUES (1, ?)", JSON.stringify(emptySchema()));
      this.accounts.insertPrepared(owner.prepared);
    });
    this.load();
    if (input.sample) this.loadSample(owner.prepared.member);
    const signIn = await this.accounts.startLogin(owner.prepared.member.id);
    return { ok: true, token: signIn };
  }

  /** Fills a new database with the sample orchestra. Its changes are logged as the
   *  sample's, so they are history, not the owner's undo stack. */
  private loadSample(owner: Member): void {
    const actions = orchestraSample({ seed: 2026, now: new Date(this.env.now()), timeZone: this.timeZone, newId: () => randomId(8) });
    const { storage } = this.env;
    storage.transactionSync(() => {
      const doc = this.document(owner);
      for (const action of actions) {
        const applied = apply(doc, action);
        if (!applied.ok) throw new Error(`sample: ${action.kind}: ${applied.reason}`);
        doc.schema = applied.schema;
        storage.sql.exec("INSERT INTO changes (at, user_id, action, inverse, undone) VALUES (?, 'sample', ?, ?, 1)", this.env.now(), JSON.stringify(action), JSON.stringify(applied.inverse));
      }
      storage.sql.exec("UPDATE schema_doc SET json = ? WHERE id = 1", JSON.stringify(doc.schema));
      this.schema = doc.schema;
    });
  }

  private load(): void {
    const { sql } = this.env.storage;
    this.name = first(sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'name'"))?.value;
    this.origin = this.getMeta("origin") ?? "";
    const doc = first(sql.exec<{ json: string }>("SELECT json FROM schema_doc WHERE id = 1"));
    this.schema = doc ? (JSON.parse(doc.json) as Schema) : emptySchema();
  }

  getMeta(key: string): string | undefined {
    return first(this.env.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key))?.value;
  }

  setMeta(key: string, value: string): void {
    this.env.storage.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }

  get sessionTtlMs(): number {
    const days = Number(this.getMeta("session_ttl_days") ?? this.env.defaultSessionTtlDays);
    return (Number.isFinite(days) && days > 0 ? days : 14) * DAY;
  }

  // ---- actions -------------------------------------------------------------------------

  /** The database's time zone: dates typed without a zone are read in it. */
  get timeZone(): string {
    return this.getMeta("time_zone") ?? "UTC";
  }

  /** What applying an action needs, for the member doing it. */
  document(member?: Member): Document {
    const accounts = this.accounts;
    let members: { id: string; name: string; email: string }[] | undefined;
    const context: ParseContext = {
      now: new Date(this.env.now()),
      timeZone: this.timeZone,
      // Read only when a user field parses: most actions (and form submissions) never do.
      get members() {
        members ??= accounts.members().map((m) => ({ id: m.id, name: m.name, email: m.email }));
        return members;
      },
    };
    if (member) context.currentUserId = member.id;
    const doc: Document = { schema: this.schema, records: this.records, context };
    doc.context.lookup = recordLookup(() => doc.schema, this.records);
    return doc;
  }

  /** Applies an action for a member whose role allows it; logs it and its inverse, all in
   *  one transaction. Record edits need "write"; structure needs "build". */
  applyAction(member: Member, action: Action): Outcome<{ topics: string[] }> {
    const permission: Permission = isRecordAction(action) ? "write" : "build";
    if (!can(member.role, permission)) return { ok: false, reason: "Your role does not allow this." };
    return this.applyLogged(member.id, this.document(member), action);
  }

  /** Applies an action and logs it as `userId` (a member's id, or `form:<id>` for a public
   *  form's submission), with `alsoWrite` in the same transaction: all or nothing. */
  applyLogged(userId: string, doc: Document, action: Action, alsoWrite?: () => void): Outcome<{ topics: string[] }> {
    const { storage } = this.env;
    const result = this.atomically(() => {
      const applied = apply(doc, action);
      if (!applied.ok) return applied;
      if (applied.schema !== this.schema) storage.sql.exec("UPDATE schema_doc SET json = ? WHERE id = 1", JSON.stringify(applied.schema));
      storage.sql.exec("INSERT INTO changes (at, user_id, action, inverse) VALUES (?, ?, ?, ?)", this.env.now(), userId, JSON.stringify(action), JSON.stringify(applied.inverse));
      alsoWrite?.();
      return applied;
    });
    if (!result.ok) return result;
    this.schema = result.schema;
    return { ok: true, topics: [...topicsOf(action), "changes"] };
  }

  /** Runs `work` in one storage transaction; a refusal rolls back whatever it wrote (a batch
   *  whose third step fails leaves nothing of the first two). */
  private atomically<T extends { ok: boolean }>(work: () => T): T {
    let refused: T | undefined;
    try {
      return this.env.storage.transactionSync(() => {
        const result = work();
        if (!result.ok) {
          refused = result;
          throw new Refused();
        }
        return result;
      });
    } catch (error) {
      if (error instanceof Refused && refused) return refused;
      throw error;
    }
  }

  /** The member's last change that can still be undone. */
  lastUndoable(member: Member): { seq: number; action: Action; inverse: Action } | undefined {
    const row = first(this.env.storage.sql.exec<{ seq: number; action: string; inverse: string }>(
      "SELECT seq, action, inverse FROM changes WHERE user_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1", member.id));
    if (!row) return undefined;
    const action: unknown = JSON.parse(row.action);
    const inverse: unknown = JSON.parse(row.inverse);
    return isAction(action) && isAction(inverse) ? { seq: row.seq, action, inverse } : undefined;
  }

  describe(action: Action): string {
    return describeAction(action, this.schema);
  }

  undo(member: Member): Outcome<{ description: string; topics: string[] }> {
    const last = this.lastUndoable(member);
    if (!last) return { ok: false, reason: "There is nothing to undo." };
    const permission: Permission = isRecordAction(last.inverse) ? "write" : "build";
    if (!can(member.role, permission)) return { ok: false, reason: "Your role does not allow this." };
    const description = this.describe(last.action);
    const { storage } = this.env;
    const result = this.atomically(() => {
      const applied = apply(this.document(member), last.inverse);
      if (!applied.ok) return applied;
      storage.sql.exec("UPDATE schema_doc SET json = ? WHERE id = 1", JSON.stringify(applied.schema));
      storage.sql.exec("UPDATE changes SET undone = 1 WHERE seq = ?", last.seq);
      storage.sql.exec("INSERT INTO changes (at, user_id, action, inverse, undone) VALUES (?, ?, ?, ?, 1)", this.env.now(), member.id, JSON.stringify(last.inverse), JSON.stringify(applied.inverse));
      return applied;
    });
    if (!result.ok) return { ok: false, reason: `Cannot undo “${description}”: ${result.reason}` };
    this.schema = result.schema;
    return { ok: true, description, topics: [...topicsOf(last.action), "changes"] };
  }

  // ---- sessions ------------------------------------------------------------------------

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
    if (!row || row.updated_at < this.env.now() - this.sessionTtlMs) return undefined;
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

  appFor(member: Member, sessionId: string): TenantApp {
    return new TenantApp(this, member, sessionId);
  }

  /** Runs an event on a session and renders it (for the socket and the fetch fallback). */
  async handleEvent(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null): Promise<{ rendered: Rendered; changed: Set<string> }> {
    const app = this.appFor(member, session.id);
    await session.handle(app, fields, action);
    return { rendered: await this.render(session, member, app), changed: app.changed };
  }

  /** Runs an event and saves the session without rendering it: for plain-HTML requests,
   *  answered with a 303 whose GET renders. (Rendering here would use up the event's notice,
   *  e.g. "That page was out of date", before the page that should show it.) */
  async runEvent(session: Session<TenantApp>, member: Member, fields: [string, string][], action: string | null): Promise<{ changed: Set<string> }> {
    const app = this.appFor(member, session.id);
    await session.handle(app, fields, action);
    if (session.dirty) this.saveSession(session);
    return { changed: app.changed };
  }

  async render(session: Session<TenantApp>, member: Member, app = this.appFor(member, session.id)): Promise<Rendered> {
    const { html, notice } = await session.render(app, this.sessionUrl(session.id));
    if (session.dirty) this.saveSession(session);
    return { html, notice, epoch: session.epoch };
  }

  sessionUrl(id: string): string {
    return `/t/${this.name}/s/${id}`;
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
      const member = this.accounts.member(session.userId);
      if (!member || !this.sessionSignedIn(id)) {
        for (const s of sockets) s.send(JSON.stringify({ t: "redirect", location: `/t/${this.name}/?next=${encodeURIComponent(this.sessionUrl(id))}` }));
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

  private async renderFrame(session: Session<TenantApp>, member: Member, app?: TenantApp): Promise<string> {
    const rendered = await this.render(session, member, app);
    const frame: RenderFrame = { t: "render", epoch: rendered.epoch, html: await appRootHtml(rendered), title: `${this.name} · Trove` };
    return JSON.stringify(frame);
  }

  /** A frame from a browser's socket: run the event (or just render, on hello) and reply. */
  async socketMessage(socket: OpenSocket, text: string): Promise<void> {
    const frame = parseClientFrame(text);
    if (!frame) return; // malformed: ignore, the runtime only sends well-formed frames
    const session = this.session(socket.sessionId);
    const member = session && this.accounts.member(session.userId);
    if (!session || !member || !this.sessionSignedIn(session.id)) {
      const location = `/t/${this.name}/?next=${encodeURIComponent(this.sessionUrl(socket.sessionId))}`;
      socket.send(JSON.stringify({ t: "redirect", location }));
      socket.close(4001, "signed out");
      return;
    }
    const app = this.appFor(member, session.id);
    if (frame.t === "event") await session.handle(app, frame.fields, frame.action);
    socket.send(await this.renderFrame(session, member, app));
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
    return [...ids].map((id) => this.accounts.member(id)).filter((m): m is Member => m !== undefined);
  }

  // ---- expiry --------------------------------------------------------------------------

  /** The alarm: forgets sessions and sign-ins idle for longer than the database allows. */
  expire(): { sessions: number; logins: number } {
    if (!this.initialised) return { sessions: 0, logins: 0 };
    const cutoff = this.env.now() - this.sessionTtlMs;
    const expired = this.env.storage.sql.exec<{ id: string }>("SELECT id FROM ui_sessions WHERE updated_at < ?", cutoff).toArray();
    for (const { id } of expired) this.sessions.delete(id);
    const sessions = run(this.env.storage, "DELETE FROM ui_sessions WHERE updated_at < ?", cutoff);
    const logins = this.accounts.expireLogins(this.sessionTtlMs);
    this.forms.expire();
    const counter = first(this.env.storage.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM form_counters"));
    if (counter?.at != null) this.env.scheduleAlarm(counter.at + 1000);
    const remaining = this.env.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM ui_sessions").one().n;
    if (remaining > 0) this.env.scheduleAlarm(this.env.now() + DAY);
    return { sessions, logins };
  }

  forgetSessionsOf(memberId: string): void {
    for (const [id, s] of this.sessions) if (s.userId === memberId) this.sessions.delete(id);
  }
}
