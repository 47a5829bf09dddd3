// Components: classes registered by name, holding serializable state. A component renders
// HTML with hono/jsx and, while rendering, registers callbacks for its links, buttons and
// inputs through the Renderer. Handlers are ordinary methods that change state; they never
// render, and render never changes state.

import type { Child } from "hono/jsx";
import type { Json } from "../../schema/fields/field-type";
import type { HandlerContext } from "./context";
import type { Renderer } from "./renderer";

export type State = { [key: string]: Json };

/** A handler method: receives the context, the callback's argument and an input's value.
 *  Components name handlers by passing the method itself (`r.href(this, this.open, id)`); the
 *  callback stores its name, so it survives serialization. A keyed callback (one per grid
 *  column, say, instead of one per cell) also receives the key the page sent with it: that key
 *  comes from the browser, so the handler must check it like any untrusted input. */
export type Handler = (ctx: HandlerContext<never>, arg: Json, value: string | undefined, key: string | undefined) => void | Promise<void>;

export abstract class Component<S extends State = State> {
  /** Registry key; each concrete class sets its own. */
  static readonly type: string;
  state: S;
  /** Named child components, restored with the session. */
  children: Record<string, Component> = {};
  /** Set by `call`: the component shown in this one's place until it answers. */
  delegate?: { component: Component; onAnswer?: string };

  constructor(state: S) {
    this.state = state;
  }

  abstract render(r: Renderer): Child;

  /** The part of the page's address this component shows, if it is a place of its own (a
   *  table, a record): "tables", a table's id, "records/<id>". The address is these parts
   *  along the shown path of the tree (see ui/components/places.ts, which builds trees back
   *  from addresses). */
  place(): string | undefined {
    return undefined;
  }

  get type(): string {
    return (this.constructor as typeof Component).type;
  }

  /** An input handler that keeps the text typed in a state key (the callback's argument,
   *  chosen when rendering, never by the browser): `r.input(this, this.setState, "newName")`.
   *  Only a key that holds text (or null, "not edited yet") takes it; capped at MAX_TEXT. */
  setState(_ctx: HandlerContext<never>, key: Json, value: string | undefined): void {
    const state = this.state as State;
    if (typeof key !== "string" || !Object.hasOwn(state, key) || (typeof state[key] !== "string" && state[key] !== null)) return;
    state[key] = (value ?? "").slice(0, MAX_TEXT);
  }
}

/** The longest text an input handler keeps (names and settings are far shorter). */
export const MAX_TEXT = 2000;

export type ComponentClass = (new (state: never) => Component<State>) & { type: string };

/** A component as stored in a session snapshot. */
export interface ComponentDescriptor {
  t: string;
  s: State;
  c?: Record<string, ComponentDescriptor>;
  d?: { c: ComponentDescriptor; h?: string };
}

export class ComponentRegistry {
  private readonly classes = new Map<string, ComponentClass>();

  register(...classes: ComponentClass[]): this {
    for (const cls of classes) {
      if (!cls.type) throw new Error(`component class ${cls.name} has no static type`);
      const existing = this.classes.get(cls.type);
      if (existing && existing !== cls) throw new Error(`two components are registered as ${cls.type}`);
      this.classes.set(cls.type, cls);
    }
    return this;
  }

  serialize(component: Component): ComponentDescriptor {
    const descriptor: ComponentDescriptor = { t: component.type, s: component.state };
    const keys = Object.keys(component.children);
    if (keys.length > 0) {
      descriptor.c = {};
      for (const key of keys) descriptor.c[key] = this.serialize(component.children[key]!);
    }
    if (component.delegate) {
      descriptor.d = { c: this.serialize(component.delegate.component) };
      if (component.delegate.onAnswer !== undefined) descriptor.d.h = component.delegate.onAnswer;
    }
    return descriptor;
  }

  restore(descriptor: ComponentDescriptor): Component {
    const cls = this.classes.get(descriptor.t);
    if (!cls) throw new Error(`unknown component type ${descriptor.t}`);
    const component = new (cls as unknown as new (state: State) => Component)(descriptor.s);
    for (const [key, child] of Object.entries(descriptor.c ?? {})) {
      component.children[key] = this.restore(child);
    }
    if (descriptor.d) component.delegate = descriptor.d.h === undefined ? { component: this.restore(descriptor.d.c) } : { component: this.restore(descriptor.d.c), onAnswer: descriptor.d.h };
    return component;
  }
}

/** The address of what a tree shows: the places of the components along its shown path
 *  (a delegate is shown instead of its caller's children). */
export function placeOf(root: Component): string {
  const parts: string[] = [];
  const visit = (component: Component) => {
    const part = component.place();
    if (part) parts.push(part);
    if (component.delegate) return visit(component.delegate.component);
    for (const child of Object.values(component.children)) visit(child);
  };
  visit(root);
  return parts.join("/");
}

/** Follows a path like "main/~/form" from the root: "~" steps into a delegate. */
export function resolvePath(root: Component, path: string): Component | undefined {
  let at: Component | undefined = root;
  if (path === "") return root;
  for (const step of path.split("/")) {
    if (!at) return undefined;
    at = step === "~" ? at.delegate?.component : at.children[step];
  }
  return at;
}
