// A session: one signed-in member's pages in one browser — the UI states its renders showed,
// kept under render keys, and the callback table of its recent renders. It is stored as a
// small head (epoch, the keys in use order, notices) and parts: one per UI state and one per
// callback, each written once when it appears and deleted when it goes (`changes`), so a save
// writes what changed since the last, not the whole session (issue 17: a tables page of 300
// tables was 68 KB on every callback). After eviction it is rebuilt from head and parts.
//
// Seaside's split, kept here: every render has a key (`k`), and the *UI state* of the
// component tree is snapshotted under it, so Back, a duplicated tab or a link opened in a new
// tab resumes the state that render showed — an event names its key, runs on a fresh copy of
// that state, and its result is kept under a new key (or the same one when the UI state did
// not change, as for a cell edit). The *data* is never backtracked: it is always the current,
// shared one. So two tabs never fight over one tree, and nothing typed in one tab is thrown
// away because another moved on.
//
// Callback ids are random (96 bits) but stable: a render that registers the same
// (path, handler, argument) as an earlier one gets the same id, so a page re-rendered
// underneath a person keeps working, and a callback is data resolved against whichever state
// the event names. A callback unused for KEEP_RENDERS renders is forgotten; an event naming
// one is stale, and what its inputs carried is reported back, not silently dropped.

import type { Json } from "../../schema/fields/field-type";
import { type Component, type ComponentDescriptor, type ComponentRegistry, resolvePath } from "./component";
import type { HandlerContext } from "./context";
import { BASE_PREFIX, FILE_NAME_PREFIX } from "../protocol";
import { toHtml } from "./html";
import { randomId } from "./ids";
import { type Address, type CallbackKind, KEY_PATTERN, KEY_SEPARATOR, Renderer } from "./renderer";
import { CALLBACK_PART, type Head, type Notice, type SessionChanges, type Snapshot, type SnapshotV1, type SnapshotV2, STATE_PART, type StoredEntry } from "./session-format";

export type { Notice, SessionChanges } from "./session-format";

/** How many renders a callback outlives its last use (several tabs share the table). */
export const KEEP_RENDERS = 32;
/** How many UI states (render keys) a session keeps; the least recently used go first. */
export const MAX_STATES = 12;

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

/** An entry as kept in memory, with its lookup key. */
interface KeptEntry extends Entry {
  key: string;
}

const entryKey = (e: Pick<Entry, "kind" | "path" | "handler" | "arg" | "keyed">) => `${e.kind}${e.keyed ? "k" : ""}\u0000${e.path}\u0000${e.handler}\u0000${JSON.stringify(e.arg)}`;

/** Splits "id.key" into the callback id and its key. */
function splitName(name: string): [string, string | undefined] {
  const at = name.indexOf(KEY_SEPARATOR);
  return at < 0 ? [name, undefined] : [name.slice(0, at), name.slice(at + 1)];
}

/** A key comes from the browser: only what the renderer could have written is taken. */
const validKey = (key: string | undefined) => key === undefined || KEY_PATTERN.test(key);

export type EventOutcome = "ran" | "stale" | "nothing";

export interface EventResult {
  outcome: EventOutcome;
  notice: Notice | undefined;
}

export const STALE_NOTICE = "That page was out of date, so nothing was changed. Here is the current version.";

export class Session<A = unknown> {
  epoch = 0;
  /** True when the snapshot in storage is behind this object. */
  dirty = true;
  /** What each state's last render showed (memory only): live updates skip the others. */
  readonly topics = new Map<string, Set<string>>();
  private readonly entries = new Map<string, KeptEntry>();
  private readonly idsByKey = new Map<string, string>();
  /** UI states by render key (serialized trees), least recently used first. */
  private readonly states = new Map<string, string>();
  private readonly notices = new Map<string, Notice>();
  /** Parts in storage (states by render key, callbacks by id): what `changes` compares with. */
  private readonly storedStates = new Set<string>();
  private readonly storedEntries = new Set<string>();

  constructor(
    private readonly registry: ComponentRegistry,
    readonly id: string,
    readonly userId: string,
  ) {}

  static restore<A>(registry: ComponentRegistry, id: string, text: string): Session<A> {
    const snap = JSON.parse(text) as Snapshot | SnapshotV2 | SnapshotV1;
    const session = new Session<A>(registry, id, snap.user);
    session.epoch = snap.epoch;
    if (snap.v === 3) for (const [key, json] of snap.states) session.states.set(key, json);
    else {
      const states: [string, ComponentDescriptor][] = snap.v === 1 ? [[randomId(6), snap.root]] : snap.states;
      for (const [key, root] of states) session.states.set(key, JSON.stringify(root));
    }
    if (snap.v !== 1) for (const [key, notice] of snap.notices ?? []) session.notices.set(key, notice);
    for (const [cid, path, handler, arg, kind, epoch] of snap.cbs) {
      session.addEntry(cid, { path, handler, arg, kind: kind % 2 === 0 ? "action" : "input", keyed: kind >= 2, epoch });
    }
    session.dirty = false;
    return session;
  }

  /** A session stored as head and parts (see `changes`). Every callback is given the
   *  head's epoch: epochs move on every render and are not stored per callback, so after a
   *  wake a callback outlives its last use by up to KEEP_RENDERS renders from then. */
  static restoreParts<A>(registry: ComponentRegistry, id: string, headText: string, parts: Iterable<[string, string]>): Session<A> {
    const head = JSON.parse(headText) as Head;
    const session = new Session<A>(registry, id, head.user);
    session.epoch = head.epoch;
    const states = new Map<string, string>();
    for (const [name, body] of parts) {
      if (name.startsWith(STATE_PART)) states.set(name.slice(STATE_PART.length), body);
      else if (name.startsWith(CALLBACK_PART)) {
        const cid = name.slice(CALLBACK_PART.length);
        const [path, handler, arg, kind] = JSON.parse(body) as [string, string, Json, StoredEntry[4]];
        session.addEntry(cid, { path, handler, arg, kind: kind % 2 === 0 ? "action" : "input", keyed: kind >= 2, epoch: head.epoch });
        session.storedEntries.add(cid);
      }
    }
    for (const key of head.order) {
      const json = states.get(key);
      if (json === undefined) continue;
      session.states.set(key, json);
      session.storedStates.add(key);
    }
    for (const [key, notice] of head.notices ?? []) session.notices.set(key, notice);
    session.dirty = false;
    return session;
  }

  /** Restores a session from what storage holds: a head with its parts, or a whole snapshot
   *  of an older version (its first save then writes it as parts). */
  static fromStorage<A>(registry: ComponentRegistry, id: string, text: string, parts: () => Iterable<[string, string]>): Session<A> {
    return text.startsWith('{"v":4,') ? Session.restoreParts<A>(registry, id, text, parts()) : Session.restore<A>(registry, id, text);
  }

  /** What to write since the last save (everything, the first time), and marks it written. */
  changes(): SessionChanges {
    const put: [string, string][] = [];
    const drop: string[] = [];
    for (const key of this.storedStates) if (!this.states.has(key)) drop.push(`${STATE_PART}${key}`);
    for (const cid of this.storedEntries) if (!this.entries.has(cid)) drop.push(`${CALLBACK_PART}${cid}`);
    for (const [key, json] of this.states) if (!this.storedStates.has(key)) put.push([`${STATE_PART}${key}`, json]);
    for (const [cid, e] of this.entries) {
      if (!this.storedEntries.has(cid)) put.push([`${CALLBACK_PART}${cid}`, JSON.stringify([e.path, e.handler, e.arg, (e.kind === "action" ? 0 : 1) + (e.keyed ? 2 : 0)])]);
    }
    this.storedStates.clear();
    for (const key of this.states.keys()) this.storedStates.add(key);
    this.storedEntries.clear();
    for (const cid of this.entries.keys()) this.storedEntries.add(cid);
    const head: Head = { v: 4, user: this.userId, epoch: this.epoch, order: [...this.states.keys()], ...(this.notices.size > 0 ? { notices: [...this.notices] } : {}) };
    return { head: JSON.stringify(head), put, drop };
  }

  /** The whole session as one snapshot (v3): its size for tests and the benchmark, and what
   *  `restore` reads. */
  snapshot(): string {
    const cbs: StoredEntry[] = [];
    for (const [cid, e] of this.entries) cbs.push([cid, e.path, e.handler, e.arg, ((e.kind === "action" ? 0 : 1) + (e.keyed ? 2 : 0)) as StoredEntry[4], e.epoch]);
    const snap: Snapshot = { v: 3, user: this.userId, epoch: this.epoch, cbs, states: [...this.states], ...(this.notices.size > 0 ? { notices: [...this.notices] } : {}) };
    return JSON.stringify(snap);
  }

  /** The UI state kept under `key`, as a fresh tree that handlers may change freely; undefined
   *  when that state is no longer kept. */
  resume(key: string | null | undefined): Component | undefined {
    const json = key ? this.states.get(key) : undefined;
    if (json === undefined || !key) return undefined;
    this.states.delete(key);
    this.states.set(key, json);
    return this.registry.restore(JSON.parse(json) as ComponentDescriptor);
  }

  /** Keeps `root`'s UI state and returns its render key: `key` itself when the state is the
   *  one kept under it (an edit that changed only data), an existing key for an identical
   *  state, else a new key. */
  keep(root: Component, key?: string | null): string {
    const json = JSON.stringify(this.registry.serialize(root));
    let found = key && this.states.get(key) === json ? key : undefined;
    if (found === undefined) for (const [k, v] of this.states) if (v === json) found = k;
    if (found !== undefined) {
      this.states.delete(found);
      this.states.set(found, json);
      return found;
    }
    const fresh = randomId(6);
    this.states.set(fresh, json);
    while (this.states.size > MAX_STATES) {
      const oldest = this.states.keys().next().value as string;
      this.states.delete(oldest);
      this.topics.delete(oldest);
      this.notices.delete(oldest);
    }
    this.dirty = true;
    return fresh;
  }

  /** Whether a UI state is kept under `key`. */
  has(key: string): boolean {
    return this.states.has(key);
  }

  /** How many UI states are kept (for tests and the benchmark). */
  get stateCount(): number {
    return this.states.size;
  }

  /** Keeps a notice for the next render of `key` (a plain-HTML POST's 303 → GET). */
  leaveNotice(key: string, notice: Notice): void {
    this.notices.set(key, notice);
    this.dirty = true;
  }

  /** The notice left for `key`, once. */
  takeNotice(key: string): Notice | undefined {
    const notice = this.notices.get(key);
    if (notice) {
      this.notices.delete(key);
      this.dirty = true;
    }
    return notice;
  }

  /** Renders the tree kept under `key`. Changes no component state. `whole` receives the
   *  regions the render wrote in one piece (for ./regions.ts `splitRegions`). */
  async render(app: A, root: Component, key: string, address: Address, whole?: Map<string, string>): Promise<string> {
    const registered = new Set<string>();
    let added = 0;
    const registrar = {
      register: (path: string, handler: string, arg: Json, kind: CallbackKind, keyed: boolean): string => {
        const key = entryKey({ kind, path, handler, arg, keyed });
        let cid = this.idsByKey.get(key);
        if (cid === undefined) {
          cid = randomId();
          this.addEntry(cid, { path, handler, arg, kind, keyed, epoch: -1 }, key);
          added++;
        }
        registered.add(cid);
        return cid;
      },
    };
    const renderer = new Renderer<A>(app, registrar, address, whole);
    const html = await toHtml(renderer.renderAt(root, ""));
    // A render that registered only callbacks already current changes nothing stored.
    if (added > 0 || [...registered].some((c) => this.entries.get(c)!.epoch !== this.epoch)) {
      this.epoch++;
      for (const cid of registered) this.entries.get(cid)!.epoch = this.epoch;
      for (const [cid, e] of this.entries) if (e.epoch <= this.epoch - KEEP_RENDERS) this.removeEntry(cid);
      this.dirty = true;
    }
    this.topics.set(key, renderer.topics);
    return html;
  }

  /** Runs the named input callbacks (in order), then the action, on `root` (a tree from
   *  `resume`). Inputs whose callbacks are known run even when the action is stale: what a
   *  person typed is applied wherever its target still exists, and reported where not. */
  async handle(app: A, root: Component, fields: readonly [string, string][], action: string | null): Promise<EventResult> {
    const inputs: [Entry, string, string | undefined, string | undefined, string | undefined][] = [];
    const lost: string[] = [];
    // A name sent twice keeps its last value (a hidden "no" before a ticked checkbox "yes").
    const last = new Map<string, string>();
    const bases = new Map<string, string>();
    const fileNames = new Map<string, string>();
    for (const [name, value] of fields) {
      if (name.startsWith(BASE_PREFIX)) bases.set(name.slice(BASE_PREFIX.length), value);
      else if (name.startsWith(FILE_NAME_PREFIX)) fileNames.set(name.slice(FILE_NAME_PREFIX.length), value);
      else last.set(name, value);
    }
    for (const [name, value] of last) {
      const [cid, key] = splitName(name);
      const entry = this.entries.get(cid);
      if (entry === undefined || !validKey(key)) {
        // A callback id shape that this session once rendered, now forgotten: keep the text.
        if (/^[\w-]{16}$/.test(cid) && value.trim() !== "" && value !== bases.get(name)) lost.push(value);
        continue;
      }
      if (entry.kind !== "input" || entry.keyed !== (key !== undefined)) continue; // not a callback: ignore the field
      inputs.push([entry, value, key, bases.get(name), fileNames.get(name)]);
    }
    let actionEntry: Entry | undefined;
    let actionKey: string | undefined;
    let stale = false;
    if (action !== null) {
      const [cid, key] = splitName(action);
      actionEntry = this.entries.get(cid);
      actionKey = key;
      if (actionEntry?.kind !== "action" || actionEntry.keyed !== (key !== undefined) || !validKey(key)) {
        actionEntry = undefined;
        stale = true;
      }
    }
    const notice: { value: Notice | undefined } = { value: undefined };
    if (inputs.length === 0 && !actionEntry && !stale && lost.length === 0) return { outcome: "nothing", notice: undefined };
    this.dirty = true;
    for (const [entry, value, key, base, fileName] of inputs) {
      if (!(await this.run(app, root, notice, entry.path, entry.handler, entry.arg, value, key, base, fileName))) lost.push(value);
    }
    if (actionEntry && !(await this.run(app, root, notice, actionEntry.path, actionEntry.handler, actionEntry.arg, undefined, actionKey))) stale = true;
    if (lost.length > 0) {
      notice.value = { kind: "error", text: `Not saved, because that page had changed meanwhile: ${lost.map((t) => `“${t.length > 60 ? `${t.slice(0, 60)}…` : t}”`).join(", ")}. Here is the current version: please enter it again.` };
    } else if (stale) {
      notice.value = { kind: "info", text: STALE_NOTICE };
    }
    return { outcome: stale && inputs.length === 0 ? "stale" : "ran", notice: notice.value };
  }

  /** Runs one handler; false when its component or handler is not in this tree. */
  private async run(app: A, root: Component, notice: { value: Notice | undefined }, path: string, handler: string, arg: Json, value: string | undefined, key?: string, base?: string, fileName?: string): Promise<boolean> {
    const component = resolvePath(root, path);
    const method = component && (component as unknown as Record<string, unknown>)[handler];
    // The tree is not the one this callback was rendered in, or older code named a handler
    // that no longer exists: stale, like any other.
    if (!component || typeof method !== "function") return false;
    await method.call(component, this.context(app, root, notice, component, path, base, fileName), arg, value, key);
    return true;
  }

  private context(app: A, root: Component, notice: { value: Notice | undefined }, component: Component, path: string, base: string | undefined, fileName?: string): HandlerContext<A> {
    return {
      app,
      base,
      ...(fileName === undefined ? {} : { fileName }),
      call: (callee, onAnswer) => {
        component.delegate = onAnswer === undefined ? { component: callee } : { component: callee, onAnswer };
      },
      answer: async (value) => {
        if (!path.endsWith("~")) throw new Error(`${component.type} answered but was not called`);
        const callerPath = path === "~" ? "" : path.slice(0, -2);
        const caller = resolvePath(root, callerPath);
        if (!caller?.delegate || caller.delegate.component !== component) throw new Error("answer from a component that is not the current callee");
        const { onAnswer } = caller.delegate;
        caller.delegate = undefined;
        if (onAnswer !== undefined) await this.run(app, root, notice, callerPath, onAnswer, value, undefined);
      },
      notice: (text, kind = "info") => {
        notice.value = { text, kind };
      },
    };
  }

  private addEntry(cid: string, entry: Entry, key = entryKey(entry)): void {
    this.entries.set(cid, { ...entry, key });
    this.idsByKey.set(key, cid);
  }

  private removeEntry(cid: string): void {
    const e = this.entries.get(cid);
    if (!e) return;
    this.entries.delete(cid);
    this.idsByKey.delete(e.key);
  }
}
