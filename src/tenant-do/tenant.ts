// The engine of one customer database. The Durable Object class is a shell around it: this
// creates and loads the database, holds its schema, accounts, records and public forms,
// applies actions (with the change log, undo and redo: ./change-log.ts), and owns the live sessions
// (./live-sessions.ts). It needs storage, a clock, the open sockets and the alarm, passed in by
// shape (./platform.ts). It is the composition root: each part it builds owns its SQL tables
// (table-owners.test.ts) and sees only its port of this class (`Pick<Tenant, …>`, ports.test.ts).

import { parseInput, SignUpInput as SignUpFields } from "../schema/account-inputs";
import { type Action, apply, type Document, describeAction, topicsOf, whyRefused } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import type { ParseContext } from "../schema/fields/field-type";
import type { ChangeSource } from "../schema/history/describe";
import { recordLookup } from "../schema/lookup";
import type { Member } from "../schema/members";
import { emptySchema, findTable, liveFields, type Schema } from "../schema/model";
import { orchestraSample } from "../schema/sample/orchestra";
import type { DateOrder, DecimalMark } from "../schema/time-zones";
import { randomId } from "../ui/engine/ids";
import { Accounts } from "./accounts";
import { AlarmSchedule } from "./alarm-schedule";
import { restoreBackup } from "./backups";
import { keepPlaceTexts, PLACE_TEXTS, PLACE_TEXTS_VERSION, refreshSortKeys } from "./cell-upgrades";
import { ChangeLog, type Entry } from "./change-log";
import { Credentials } from "./credentials";
import { Feeds } from "./feeds";
import { ACTIVITY_TOPIC, History } from "./history";
import { DerivedJobs } from "./derived-jobs";
import { Housekeeping } from "./housekeeping";
import { ImportJobs } from "./import-jobs";
import { ImportStaging } from "./imports";
import type { SignUpInput, SignUpOutcome } from "./sign-up";
import { Lifecycle } from "./lifecycle";
import { LiveSessions } from "./live-sessions";
import { deleteMetaRow, loadMeta, writeMeta } from "./meta-store";
import { hasStorage, migrate } from "./migrations";
import type { TenantEnvironment, TenantPlatform } from "./platform";
import { OperatorView } from "./operator";
import { PublicForms } from "./public-forms";
import { RecentErrors } from "./recent-errors";
import { insertSchema, loadSchema, saveSchema } from "./schema-store";
import { SessionStore } from "./session-store";
import type { Storage } from "./sql";
import { SqlRecordStore } from "./sql-records";
import { SORT_KEYS_VERSION } from "./stored-cells";
import { TenantApp } from "./tenant-app";
import { DAY } from "./time";
import { Trash } from "./trash";
import { syncViewIndexes } from "./view-indexes";
import { syncEachValues } from "./each-values";

export type { OpenSocket, TenantEnvironment, TenantPlatform } from "./platform";

/** The topic of one member's change log (their undo button). */
function changesTopic(memberId: string): string {
  return `changes:${memberId}`;
}

/** Thrown inside a transaction to roll back an action that was refused part-way. */
class Refused extends Error {}

export class Tenant {
  /** The `ui_sessions` rows (./session-store.ts); LiveSessions caches them. */
  readonly sessionStore: SessionStore;
  readonly accounts: Accounts;
  readonly credentials: Credentials;
  readonly lifecycle: Lifecycle;
  readonly records: SqlRecordStore;
  readonly changes: ChangeLog;
  /** The change log read back: activity, record history, point-in-time, compaction. */
  readonly history: History;
  readonly trash: Trash;
  name: string | undefined;
  schema: Schema = emptySchema();
  /** The view indexes and side-table fields of the last sync (./view-indexes.ts,
   *  ./each-values.ts): unchanged, storage is not read. */
  private viewIndexes: Set<string> | undefined;
  private eachFields: string | undefined;
  /** The meta table, read once on load and kept in step by setMeta. */
  private meta = new Map<string, string>();
  readonly forms: PublicForms;
  /** Imports between their preview and the import. */
  readonly imports: ImportStaging;
  /** Imports being applied a chunk at a time (./import-jobs.ts). */
  readonly importJobs: ImportJobs;
  /** Sessions, sockets and live updates. */
  readonly live: LiveSessions;
  /** Private feeds of views (./feeds.ts). */
  readonly feeds: Feeds;
  /** The last errors this object saw, and what operators may see (issue 16). */
  readonly errors: RecentErrors;
  readonly operator: OperatorView;
  /** What the alarm does: expiry, the trash, compaction, "today" (./housekeeping.ts). */
  readonly housekeeping: Housekeeping;
  /** Recomputations of many records, run by the alarm (./derived-jobs.ts). */
  readonly derivedJobs: DerivedJobs;

  /** The object's one alarm, asked for by time (./alarm-schedule.ts). */
  readonly alarms: AlarmSchedule;
  private readonly env: TenantEnvironment;

  constructor(platform: TenantPlatform) {
    const { alarm, ...rest } = platform;
    const alarms = new AlarmSchedule(alarm);
    const env: TenantEnvironment = { ...rest, scheduleAlarm: (at) => alarms.schedule(at) };
    this.alarms = alarms;
    this.env = env;
    this.sessionStore = new SessionStore(env.storage);
    this.accounts = new Accounts(env.storage, env.now, this.sessionStore, (at) => env.scheduleAlarm(at));
    this.credentials = new Credentials(env.storage, env.now, this.accounts);
    this.lifecycle = new Lifecycle(this);
    this.records = new SqlRecordStore(env.storage);
    this.changes = new ChangeLog(env.storage, env.now);
    this.history = new History(env.storage, env.now);
    this.trash = new Trash(env.storage, this.history, env.now);
    this.imports = new ImportStaging(env.storage, env.now);
    this.importJobs = new ImportJobs(this, env);
    this.live = new LiveSessions(this, env);
    this.feeds = new Feeds(this);
    this.forms = new PublicForms(this, env.now, (topics) => this.live.broadcastSoon(topics));
    this.errors = new RecentErrors(env.storage, env.now);
    this.operator = new OperatorView(this);
    this.housekeeping = new Housekeeping(this, env);
    this.derivedJobs = new DerivedJobs(this, env.storage, (at) => env.scheduleAlarm(at), env.now);
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
    refreshSortKeys(this);
    keepPlaceTexts(this);
    this.derivedJobs.upgradeStored();
    this.viewIndexes = syncViewIndexes(this.env.storage, this.schema);
    this.eachFields = syncEachValues(this.env.storage, this.schema);
  }

  /** Takes a schema an action made; views (or the fields they use) that changed may need
   *  other indexes. */
  adopt(schema: Schema): void {
    const viewsChanged = schema.views !== this.schema.views || schema.tables !== this.schema.tables;
    this.schema = schema;
    if (viewsChanged) {
      this.viewIndexes = syncViewIndexes(this.env.storage, schema, this.viewIndexes);
      this.eachFields = syncEachValues(this.env.storage, schema, this.eachFields);
    }
  }

  get initialised(): boolean {
    return this.name !== undefined;
  }

  /** The time now, by the injected clock. */
  now(): number {
    return this.env.now();
  }

  async create(input: SignUpInput): Promise<SignUpOutcome<{ token: string; recoveryCode: string }>> {
    const taken = { ok: false as const, reason: `The name “${input.name}” is taken. Please choose another.`, field: "database" as const };
    if (this.initialised) return taken;
    // Check everything before the first write, so a refused sign-up leaves no trace.
    const { storage } = this.env;
    const fields = new Map<string, unknown>([["database", input.name], ["name", input.displayName], ["email", input.email], ["password", input.password]]);
    const parsed = parseInput(SignUpFields, (key) => fields.get(key));
    if (!parsed.ok) {
      const field = (["database", "name", "email", "password"] as const).find((key) => parsed.errors[key]) ?? "email";
      return { ok: false, reason: parsed.errors[field] ?? parsed.reason, field };
    }
    const owner = await this.accounts.prepareOwner(parsed.value.email, parsed.value.name, parsed.value.password);
    if (this.initialised) return taken;
    if (input.backup && input.backup.byteLength > 0) {
      // A new database from a backup file (./backups.ts): all of it, or nothing.
      const restored = restoreBackup({ storage, now: this.env.now(), name: input.name, origin: this.env.publicOrigin || input.origin, owner }, input.backup);
      if (!restored.ok) return { ok: false, reason: restored.reason, field: "backup" };
      owner.member = restored.owner;
      this.load();
      this.derivedJobs.upgradeStored();
      this.viewIndexes = syncViewIndexes(storage, this.schema);
      this.eachFields = syncEachValues(storage, this.schema);
    } else {
      migrate(storage, this.env.now());
      storage.transactionSync(() => {
        this.setMeta("name", input.name);
        this.setMeta("origin", this.env.publicOrigin || input.origin);
        this.setMeta("created_at", String(this.env.now()));
        this.setMeta("sort_keys", SORT_KEYS_VERSION);
        this.setMeta(PLACE_TEXTS, PLACE_TEXTS_VERSION);
        insertSchema(storage, emptySchema());
        this.accounts.insertUser(owner.member, owner.hash);
      });
      this.load();
      if (input.sample) this.loadSample(owner.member);
    }
    const signIn = await this.accounts.startLogin(owner.member.id, input.userAgent ?? "");
    // Shown once on the page after sign-up; kept only as a hash.
    const recoveryCode = await this.credentials.newRecoveryCode(owner.member.id);
    return { ok: true, token: signIn, recoveryCode };
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
        this.log("sample", action, applied, { kind: "history" }, "sample");
        doc.schema = this.schema = applied.schema;
      }
    });
  }

  private load(): void {
    this.meta = loadMeta(this.env.storage);
    this.name = this.getMeta("name");
    this.schema = loadSchema(this.env.storage) ?? emptySchema();
  }

  /** Where links to this database point (invitations, forms): the configured origin, else
   *  the one fixed at sign-up. Requests never change it. */
  get origin(): string {
    return this.env.publicOrigin || this.getMeta("origin") || "";
  }

  getMeta(key: string): string | undefined {
    return this.meta.get(key);
  }

  setMeta(key: string, value: string): void {
    writeMeta(this.env.storage, key, value);
    this.meta.set(key, value);
  }

  deleteMeta(key: string): void {
    deleteMetaRow(this.env.storage, key);
    this.meta.delete(key);
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

  /** How numeric dates ("3/4/2026") and decimals ("1,234") are read, and decimals shown. */
  get dateOrder(): DateOrder {
    return this.getMeta("date_order") === "dmy" ? "dmy" : "mdy";
  }

  get decimalMark(): DecimalMark {
    return this.getMeta("decimal_mark") === "," ? "," : ".";
  }

  /** What applying an action needs, for the member doing it. */
  document(member?: Member): Document {
    const accounts = this.accounts;
    let members: { id: string; name: string; email: string }[] | undefined;
    const context: ParseContext = {
      now: new Date(this.env.now()),
      timeZone: this.timeZone,
      dateOrder: this.dateOrder,
      decimalMark: this.decimalMark,
      // Read only when a user field parses: most actions (and form submissions) never do.
      get members() {
        members ??= accounts.members().map((m) => ({ id: m.id, name: m.name, email: m.email }));
        return members;
      },
    };
    if (member) context.currentUserId = member.id;
    context.constants = this.schema.constants ?? [];
    const doc: Document = { schema: this.schema, records: this.records, context, background: this.derivedJobs.background(), journal: this.importJobs.journal };
    doc.context.lookup = recordLookup(() => doc.schema, this.records);
    doc.context.nameField = (tableId) => {
      const table = findTable(doc.schema, tableId);
      return table && liveFields(table)[0]?.id;
    };
    return doc;
  }

  /** Applies an action for a member whose role allows it; logs it and its inverse, all in
   *  one transaction (with `alsoWrite`, when given). */
  applyAction(member: Member, action: Action, source: ChangeSource = "", alsoWrite?: () => void): Outcome<{ topics: string[] }> {
    const refused = whyRefused(this.schema, member, action);
    if (refused) return { ok: false, reason: refused };
    return this.applyLogged(member.id, this.document(member), action, alsoWrite, source);
  }

  /** Applies an action and logs it as `userId` (a member's id, or `form:<id>` for a public
   *  form's submission), with `alsoWrite` in the same transaction: all or nothing. */
  applyLogged(userId: string, doc: Document, action: Action, alsoWrite?: () => void, source: ChangeSource = ""): Outcome<{ topics: string[] }> {
    const result = this.atomically(() => {
      const applied = apply(doc, action);
      if (!applied.ok) return applied;
      this.log(userId, action, applied, { kind: "change" }, source);
      alsoWrite?.();
      return applied;
    });
    if (!result.ok) return result;
    this.adopt(result.schema);
    // Only the acting member's undo button changes; a form submission has no undo button.
    return { ok: true, topics: userId.startsWith("form:") ? [...topicsOf(action), ACTIVITY_TOPIC] : [...topicsOf(action), changesTopic(userId), ACTIVITY_TOPIC] };
  }

  /** Writes an applied action: the schema if it changed, and the change log's row. */
  private log(userId: string, action: Action, applied: { schema: Schema; inverse: Action }, entry: Entry, source: ChangeSource = ""): void {
    saveSchema(this.env.storage, this.schema, applied.schema);
    this.changes.write(userId, action, applied.inverse, entry, source);
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

  describe(action: Action): string {
    return describeAction(action, this.schema);
  }

  /** Takes back the member's last change that is still done. */
  undo(member: Member): Outcome<{ description: string; topics: string[] }> {
    return this.reverse(member, "undo");
  }

  /** Re-applies what the member last undid, unless they changed something since. */
  redo(member: Member): Outcome<{ description: string; topics: string[] }> {
    return this.reverse(member, "redo");
  }

  /** Undo and redo: apply a logged change's inverse, move it to the other stack, and log
   *  what was applied, all in one transaction. */
  private reverse(member: Member, kind: "undo" | "redo"): Outcome<{ description: string; topics: string[] }> {
    const last = kind === "undo" ? this.changes.lastUndoable(member.id) : this.changes.lastRedoable(member.id);
    if (!last) return { ok: false, reason: `There is nothing to ${kind}.` };
    const refused = whyRefused(this.schema, member, last.apply);
    if (refused) return { ok: false, reason: refused };
    const description = this.describe(last.about);
    const result = this.atomically(() => {
      const applied = apply(this.document(member), last.apply);
      if (!applied.ok) return applied;
      if (kind === "undo") this.changes.markUndone(last.seq);
      else this.changes.markRedone(last.seq);
      this.log(member.id, last.apply, applied, { kind, origin: last.origin });
      return applied;
    });
    if (!result.ok) return { ok: false, reason: `Cannot ${kind} “${description}”: ${result.reason}` };
    this.adopt(result.schema);
    const topics = new Set([...topicsOf(last.about), ...topicsOf(last.apply), changesTopic(member.id), ACTIVITY_TOPIC]);
    return { ok: true, description, topics: [...topics] };
  }

  // ---- sessions ------------------------------------------------------------------------

  /** What the screens of a member's session may ask (`sessionId`: the UI session the
   *  request came through, which names its sign-in for My account). */
  appFor(member: Member, sessionId?: string): TenantApp {
    return new TenantApp(this, member, sessionId);
  }
}
