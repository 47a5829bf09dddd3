// A session: a tree of components, the callback table of its recent renders, and its render
// epoch. It serializes to a compact snapshot that the tenant object writes to SQLite in the
// request that changed it; after eviction it is rebuilt from that snapshot.
//
// Callback ids are random (96 bits) but stable: a render that registers the same
// (path, handler, argument) as the one before gets the same id, so a page that was
// re-rendered underneath a person (a collaborator's edit) keeps working. A callback that was
// rendered within the last few renders but not the latest one is stale: it runs nothing and
// the current state renders again with a notice.

import type { Json } from "../../schema/fields/field-type";
import { type Component, type ComponentDescriptor, type ComponentRegistry, resolvePath } from "./component";
import type { HandlerContext } from "./context";
import { toHtml } from "./html";
import { randomId } from "./ids";
import { type CallbackKind, KEY_PATTERN, KEY_SEPARATOR, Renderer } from "./renderer";

/** How many renders' callbacks are remembered (to tell "stale" from "unknown"). */
export const KEEP_RENDERS = 4;

interface Entry {
  path: string;
  handler: string;
  arg: Json;
  kind: CallbackKind;
  /** Whether the page sends a key with it (see Handler). */
  keyed: boolean;
  /** The last render that registered this callback. */
  epoch: number;
}

/** kind: 0 action, 1 input, 2 keyed action, 3 keyed input. */
type StoredEntry = [id: string, path: string, handler: string, arg: Json, kind: 0 | 1 | 2 | 3, epoch: number];

const entryKey = (e: Pick<Entry, "kind" | "path" | "handler" | "arg" | "keyed">) => `${e.kind}${e.keyed ? "k" : ""}\u0000${e.path}\u0000${e.handler}\u0000${JSON.stringify(e.arg)}`;

/** Splits "id.key" into the callback id and its key. */
function splitName(name: string): [string, string | undefined] {
  const at = name.indexOf(KEY_SEPARATOR);
  return at < 0 ? [name, undefined] : [name.slice(0, at), name.slice(at + 1)];
}

/** A key comes from the browser: only what the renderer could have written is taken. */
const validKey = (key: string | undefined) => key === undefined || KEY_PATTERN.test(key);

interface Snapshot {
  v: 1;
  user: string;
  epoch: number;
  root: ComponentDescriptor;
  cbs: StoredEntry[];
  topics: string[];
  notice?: string;
}

export type EventOutcome = "ran" | "stale" | "nothing";

export const STALE_NOTICE = "That page was out of date, so nothing was changed. Here is the current version.";

export class Session<A = unknown> {
  epoch = 0;
  notice: string | undefined;
  /** True when the snapshot in storage is behind this object. */
  dirty = true;
  topics = new Set<string>();
  private readonly entries = new Map<string, Entry>();
  private readonly idsByKey = new Map<string, string>();

  constructor(
    private readonly registry: ComponentRegistry,
    readonly id: string,
    readonly userId: string,
    public root: Component,
  ) {}

  static restore<A>(registry: ComponentRegistry, id: string, text: string): Session<A> {
    const snap = JSON.parse(text) as Snapshot;
    const session = new Session<A>(registry, id, snap.user, registry.restore(snap.root));
    session.epoch = snap.epoch;
    session.notice = snap.notice;
    session.topics = new Set(snap.topics);
    for (const [cid, path, handler, arg, kind, epoch] of snap.cbs) {
      session.addEntry(cid, { path, handler, arg, kind: kind % 2 === 0 ? "action" : "input", keyed: kind >= 2, epoch });
    }
    session.dirty = false;
    return session;
  }

  snapshot(): string {
    const cbs: StoredEntry[] = [];
    for (const [cid, e] of this.entries) cbs.push([cid, e.path, e.handler, e.arg, ((e.kind === "action" ? 0 : 1) + (e.keyed ? 2 : 0)) as StoredEntry[4], e.epoch]);
    const snap: Snapshot = {
      v: 1,
      user: this.userId,
      epoch: this.epoch,
      root: this.registry.serialize(this.root),
      cbs,
      topics: [...this.topics],
    };
    if (this.notice) snap.notice = this.notice;
    return JSON.stringify(snap);
  }

  /** Renders the tree. Returns the HTML and the notice to show once. Changes no component state. */
  async render(app: A, sessionUrl: string): Promise<{ html: string; notice: string | undefined }> {
    const registered = new Set<string>();
    let added = 0;
    const registrar = {
      register: (path: string, handler: string, arg: Json, kind: CallbackKind, keyed: boolean): string => {
        let cid = this.idsByKey.get(entryKey({ kind, path, handler, arg, keyed }));
        if (cid === undefined) {
          cid = randomId();
          this.addEntry(cid, { path, handler, arg, kind, keyed, epoch: -1 });
          added++;
        }
        registered.add(cid);
        return cid;
      },
    };
    const renderer = new Renderer<A>(app, registrar, sessionUrl);
    const html = await toHtml(renderer.renderAt(this.root, ""));

    let live = 0;
    for (const e of this.entries.values()) if (e.epoch === this.epoch) live++;
    const same = added === 0 && live === registered.size && [...registered].every((c) => this.entries.get(c)?.epoch === this.epoch);
    if (!same) {
      this.epoch++;
      for (const cid of registered) this.entries.get(cid)!.epoch = this.epoch;
      for (const [cid, e] of this.entries) if (e.epoch <= this.epoch - KEEP_RENDERS) this.removeEntry(cid);
      this.dirty = true;
    }
    const topics = renderer.topics;
    if (topics.size !== this.topics.size || [...topics].some((t) => !this.topics.has(t))) {
      this.topics = new Set(topics);
      this.dirty = true;
    }
    const notice = this.notice;
    if (notice !== undefined) {
      this.notice = undefined;
      this.dirty = true;
    }
    return { html, notice };
  }

  /** Runs the named input callbacks (in order), then the action. Nothing runs if any is stale. */
  async handle(app: A, fields: readonly [string, string][], action: string | null): Promise<EventOutcome> {
    const inputs: [Entry, string, string | undefined][] = [];
    let stale = false;
    // A name sent twice keeps its last value (a hidden "no" before a ticked checkbox "yes").
    const last = new Map<string, string>();
    for (const [name, value] of fields) last.set(name, value);
    for (const [name, value] of last) {
      const [cid, key] = splitName(name);
      const entry = this.entries.get(cid);
      if (entry?.kind !== "input" || entry.keyed !== (key !== undefined)) continue; // not a callback: ignore the field
      if (entry.epoch !== this.epoch || !validKey(key)) stale = true;
      inputs.push([entry, value, key]);
    }
    let actionEntry: Entry | undefined;
    let actionKey: string | undefined;
    if (action !== null) {
      const [cid, key] = splitName(action);
      actionEntry = this.entries.get(cid);
      actionKey = key;
      if (actionEntry?.kind !== "action" || actionEntry.keyed !== (key !== undefined) || actionEntry.epoch !== this.epoch || !validKey(key)) stale = true;
    }
    if (stale) {
      this.notice = STALE_NOTICE;
      this.dirty = true;
      return "stale";
    }
    if (inputs.length === 0 && !actionEntry) return "nothing";
    this.dirty = true;
    for (const [entry, value, key] of inputs) await this.run(app, entry.path, entry.handler, entry.arg, value, key);
    if (actionEntry) await this.run(app, actionEntry.path, actionEntry.handler, actionEntry.arg, undefined, actionKey);
    return "ran";
  }

  private async run(app: A, path: string, handler: string, arg: Json, value: string | undefined, key?: string): Promise<void> {
    const component = resolvePath(this.root, path);
    // The tree changed since this callback was rendered (a dialog closed in another tab):
    // treat it as stale rather than guess.
    if (!component) {
      this.notice = STALE_NOTICE;
      return;
    }
    const method = (component as unknown as Record<string, unknown>)[handler];
    // A handler that no longer exists (a session saved by older code): stale, like any other.
    if (typeof method !== "function") {
      this.notice = STALE_NOTICE;
      return;
    }
    await method.call(component, this.context(app, component, path), arg, value, key);
  }

  private context(app: A, component: Component, path: string): HandlerContext<A> {
    return {
      app,
      call: (callee, onAnswer) => {
        component.delegate = onAnswer === undefined ? { component: callee } : { component: callee, onAnswer };
      },
      answer: async (value) => {
        if (!path.endsWith("~")) throw new Error(`${component.type} answered but was not called`);
        const callerPath = path === "~" ? "" : path.slice(0, -2);
        const caller = resolvePath(this.root, callerPath);
        if (!caller?.delegate || caller.delegate.component !== component) throw new Error("answer from a component that is not the current callee");
        const { onAnswer } = caller.delegate;
        caller.delegate = undefined;
        if (onAnswer !== undefined) await this.run(app, callerPath, onAnswer, value, undefined);
      },
      notice: (text) => {
        this.notice = text;
      },
    };
  }

  private addEntry(cid: string, entry: Entry): void {
    this.entries.set(cid, entry);
    this.idsByKey.set(entryKey(entry), cid);
  }

  private removeEntry(cid: string): void {
    const e = this.entries.get(cid);
    if (!e) return;
    this.entries.delete(cid);
    this.idsByKey.delete(entryKey(e));
  }
}
