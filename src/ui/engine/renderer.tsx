// The Renderer is what a component sees while rendering: it registers callbacks (returning
// their ids), renders children at their paths, and records which topics the render read, so
// live updates reach only the sessions that show what changed.

import type { Child, JSX } from "hono/jsx";
import type { Json } from "../../schema/fields/field-type";
import { ACTION_FIELD, CALLBACK_PARAM } from "../protocol";
import type { Component, Handler } from "./component";

export type CallbackKind = "action" | "input";

/** Separates a keyed callback's id from its key in an input name or link. */
export const KEY_SEPARATOR = ".";

/** What a callback key may be: a short id. Checked when rendered and again when it comes back. */
export const KEY_PATTERN = /^[\w-]{1,64}$/;

/** The id of every callback rendered under a dialog: never registered, so never run. */
const INERT_ID = "inert";

/** Where a render lives: `${base}${here}?${query}` is its address (the place it shows and the
 *  session and render key that showed it). Forms post there; links add `&cb=`. */
export interface Address {
  /** The database's root, e.g. "/t/orchestra/". */
  base: string;
  /** The place this render shows, e.g. "tables/abc123" (see components/places.ts). */
  here: string;
  /** The session and render key, e.g. "s=…&k=…". */
  query: string;
}

export interface CallbackRegistrar {
  register(path: string, handler: string, arg: Json, kind: CallbackKind, keyed: boolean): string;
}

export class Renderer<A = unknown> {
  private readonly paths = new Map<Component, string>();
  /** Above zero while rendering a caller under a modal dialog: its links must not work. */
  private inert = 0;
  /** Keyed callbacks already registered in this render, by component, handler, kind and
   *  argument (a string or null). */
  private readonly keyed = new Map<Component, Map<Handler, Map<string, string>>>();
  readonly topics = new Set<string>();

  constructor(
    readonly app: A,
    private readonly callbacks: CallbackRegistrar,
    readonly address: Address,
    /** Regions written in one piece (./markup.ts), by id: ./regions.ts takes them as they are. */
    readonly regions = new Map<string, string>(),
  ) {}

  /** Renders a component (or whoever it has called) at a path. A modal callee (a dialog)
   *  is shown over its caller, which stays visible but inert underneath. */
  renderAt(component: Component, path: string): Child {
    const delegate = component.delegate?.component;
    if (delegate) {
      const callee = this.renderAt(delegate, path === "" ? "~" : `${path}/~`);
      if (!(delegate.constructor as { modal?: boolean }).modal) return callee;
      this.paths.set(component, path);
      this.inert++;
      const under = component.render(this);
      this.inert--;
      return (
        <>
          <div inert aria-hidden="true" class="under-dialog">
            {under}
          </div>
          {callee}
        </>
      );
    }
    this.paths.set(component, path);
    return component.render(this);
  }

  /** Renders the child of `parent` stored under `key`. */
  child(parent: Component, key: string): Child {
    const child = parent.children[key];
    if (!child) return null;
    const base = this.pathOf(parent);
    return this.renderAt(child, base === "" ? key : `${base}/${key}`);
  }

  /** `autofocus={r.autofocus}`: nothing under a dialog, so the first autofocus on the page
   *  is the dialog's own. */
  get autofocus(): true | undefined {
    return this.inert > 0 ? undefined : true;
  }

  /** Registers an action callback; returns its id (with `.key` when keyed). */
  action(component: Component, handler: Handler, arg: Json = null, key?: string): string {
    return this.register(component, handler, arg, "action", key);
  }

  /** Registers an input callback; the returned id is the input's `name`. */
  input(component: Component, handler: Handler, arg: Json = null, key?: string): string {
    return this.register(component, handler, arg, "input", key);
  }

  /** A link that runs a handler: works as a plain GET without JavaScript. */
  href(component: Component, handler: Handler, arg: Json = null, key?: string): string {
    return this.hrefTo(this.address.here, component, handler, arg, key);
  }

  /** A link that runs a handler that goes to the place `to`: its address names where it leads,
   *  so a copied link or one opened by another member lands there. */
  hrefTo(to: string, component: Component, handler: Handler, arg: Json = null, key?: string): string {
    const { base, query } = this.address;
    return `${base}${to}?${query}&${CALLBACK_PARAM}=${this.action(component, handler, arg, key)}`;
  }

  /** The attributes of a submit button that runs a handler. */
  submit(component: Component, handler: Handler, arg: Json = null, key?: string) {
    return { type: "submit" as const, name: ACTION_FIELD, value: this.action(component, handler, arg, key) };
  }

  private register(component: Component, handler: Handler, arg: Json, kind: CallbackKind, key: string | undefined): string {
    if (key !== undefined && !KEY_PATTERN.test(key)) throw new Error(`callback keys are short ids, not ${key}`);
    // Under a dialog nothing is registered: a forged or stale click there is just stale.
    if (this.inert > 0) return key === undefined ? INERT_ID : `${INERT_ID}${KEY_SEPARATOR}${key}`;
    if (key === undefined || (arg !== null && typeof arg !== "string")) return this.registered(component, handler, arg, kind, key !== undefined, key);
    // A keyed callback is rendered once per row (one per column, say): the same id for each
    // row, looked up here after the first (issue 17).
    let byHandler = this.keyed.get(component);
    if (!byHandler) {
      byHandler = new Map();
      this.keyed.set(component, byHandler);
    }
    let byArg = byHandler.get(handler);
    if (!byArg) {
      byArg = new Map();
      byHandler.set(handler, byArg);
    }
    const argKey = arg === null ? kind : `${kind}:${arg}`;
    let id = byArg.get(argKey);
    if (id === undefined) {
      id = this.registered(component, handler, arg, kind, true);
      byArg.set(argKey, id);
    }
    return `${id}${KEY_SEPARATOR}${key}`;
  }

  private registered(component: Component, handler: Handler, arg: Json, kind: CallbackKind, keyed: boolean, key?: string): string {
    const id = this.callbacks.register(this.pathOf(component), nameOf(component, handler), arg, kind, keyed);
    return key === undefined ? id : `${id}${KEY_SEPARATOR}${key}`;
  }

  /** The attributes of a form that posts its inputs and one action to the session. */
  get form(): JSX.IntrinsicElements["form"] {
    const { base, here, query } = this.address;
    return { method: "post", action: `${base}${here}?${query}`, "data-trove": "" };
  }

  /** Notes a region written whole, with no region inside (a grid row); returns it. */
  region<T extends string>(id: string, markup: T): T {
    this.regions.set(id, markup);
    return markup;
  }

  /** Notes that this render shows `topic` (e.g. "tables", "table:t1", "members"). */
  watch(topic: string): void {
    this.topics.add(topic);
  }

  private pathOf(component: Component): string {
    const path = this.paths.get(component);
    if (path === undefined) throw new Error(`${component.type} registered a callback before it was rendered`);
    return path;
  }
}

function nameOf(component: Component, handler: Handler): string {
  const name = handler.name;
  if ((component as unknown as Record<string, unknown>)[name] !== handler) {
    throw new Error(`${name} is not a handler method of ${component.type}`);
  }
  return name;
}
