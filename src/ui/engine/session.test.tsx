import { beforeEach, describe, expect, it } from "vitest";
import type { Json } from "../../schema/fields/field-type";
import { Component, ComponentRegistry } from "./component";
import type { HandlerContext } from "./context";
import type { Renderer } from "./renderer";
import { MAX_STATES, Session, STALE_NOTICE } from "./session";
import { TestClient } from "./test-client";

interface Log {
  lines: string[];
}

class Confirm extends Component<{ question: string }> {
  static override readonly type = "Confirm";
  static readonly modal = true;
  render(r: Renderer) {
    return (
      <div role="dialog">
        <p>{this.state.question}</p>
        <a href={r.href(this, this.yes)}>Yes</a> <a href={r.href(this, this.no)}>No</a>
      </div>
    );
  }
  async yes(ctx: HandlerContext) {
    await ctx.answer(true);
  }
  async no(ctx: HandlerContext) {
    await ctx.answer(false);
  }
}

class Counter extends Component<{ count: number; label: string }> {
  static override readonly type = "Counter";
  render(r: Renderer<Log>) {
    r.watch("counter");
    return (
      <section>
        <h1>
          {this.state.label}: {this.state.count}
        </h1>
        <a href={r.href(this, this.add, 1)}>Add one</a>
        <a href={r.href(this, this.add, 10)}>Add ten</a>
        <a href={r.href(this, this.askReset)}>Reset</a>
        <a href={r.href(this, this.pick, null, "row-1")}>Pick</a>
        <a href={r.href(this, this.peek)}>Peek</a>
        <form {...r.form}>
          <label for="label">Label</label>
          <input id="label" name={r.input(this, this.setLabel)} value={this.state.label} autofocus={r.autofocus} />
          <button {...r.submit(this, this.save)}>Save</button>
        </form>
      </section>
    );
  }
  add(ctx: HandlerContext<Log>, arg: Json) {
    this.state.count += Number(arg);
    ctx.app.lines.push(`add ${arg}`);
  }
  setLabel(ctx: HandlerContext<Log>, _arg: Json, value: string | undefined) {
    ctx.app.lines.push(`label ${value}`);
    this.state.label = value ?? "";
  }
  pick(ctx: HandlerContext<Log>, _arg: Json, _value: string | undefined, key: string | undefined) {
    ctx.app.lines.push(`pick ${key}`);
  }
  save(ctx: HandlerContext<Log>) {
    ctx.app.lines.push(`save ${this.state.label}`);
  }
  peek(ctx: HandlerContext) {
    ctx.call(new Confirm({ question: "Just looking?" }));
  }
  askReset(ctx: HandlerContext) {
    ctx.call(new Confirm({ question: `Reset ${this.state.label}?` }), "reset");
  }
  reset(_ctx: HandlerContext, answer: Json) {
    if (answer === true) this.state.count = 0;
  }
}

class Page extends Component<Record<string, never>> {
  static override readonly type = "Page";
  static create() {
    const page = new Page({});
    page.children.counter = new Counter({ count: 0, label: "Clicks" });
    return page;
  }
  render(r: Renderer) {
    return <main>{r.child(this, "counter")}</main>;
  }
}

const registry = new ComponentRegistry().register(Page, Counter, Confirm);

const keyOf = (address: string | null) => (address ? new URL(address, "http://x").searchParams.get("k") : null);

describe("session", () => {
  let app: Log;
  let session: Session<Log>;
  let client: TestClient;

  /** Renders the state kept under `key` as a page at /p?k=<key>. */
  const renderAt = async (key: string) => {
    const root = session.resume(key)!;
    return session.render(app, root, key, { base: "/", here: "p", query: `k=${key}` });
  };

  /** What the tenant object does with an event: resume the state the address names (after
   *  rebuilding the session from its snapshot, as after an eviction), run, keep, render. */
  const evictEveryTime = async (fields: [string, string][], action: string | null, address: string | null) => {
    session = Session.restore<Log>(registry, session.id, session.snapshot());
    const from = keyOf(address);
    const root = session.resume(from) ?? Page.create();
    const { notice } = await session.handle(app, root, fields, action);
    const key = session.keep(root, from);
    const html = await renderAt(key);
    return (notice ? `<p class="notice">${notice.text}</p>` : "") + html;
  };

  const newTab = async () => {
    const key = session.keep(Page.create());
    return new TestClient(evictEveryTime, await renderAt(key));
  };

  beforeEach(async () => {
    app = { lines: [] };
    session = new Session<Log>(registry, "s1", "u1");
    client = await newTab();
  });

  it("runs link callbacks with their argument", async () => {
    await client.click("Add ten");
    await client.click("Add one");
    expect(client.text).toContain("Clicks: 11");
    expect(app.lines).toEqual(["add 10", "add 1"]);
  });

  it("runs input callbacks before the action", async () => {
    client.fill("Label", "Taps");
    await client.click("Save");
    expect(app.lines).toEqual(["label Taps", "save Taps"]);
    expect(client.text).toContain("Taps: 0");
  });

  it("a field sent twice runs once, with its last value (hidden default before a checkbox)", async () => {
    const name = client.query("#label")!.getAttribute("name")!;
    const save = client.query("button")!.getAttribute("value");
    await session.handle(app, Page.create(), [[name, "first"], [name, "second"]], save);
    expect(app.lines).toEqual(["label second", "save second"]);
  });

  it("renders no autofocus under a dialog, so the dialog's is the page's first", async () => {
    expect(client.query("#label")?.hasAttribute("autofocus")).toBe(true);
    await client.click("Reset");
    expect(client.query("[inert] #label")).not.toBeNull();
    expect(client.query("[autofocus]")).toBeNull();
  });

  it("a call with no answer handler just comes back", async () => {
    await client.click("Peek");
    expect(client.text).toContain("Just looking?");
    await client.click("Yes");
    expect(client.text).not.toContain("Just looking?");
    expect(client.text).toContain("Clicks: 0");
  });

  it("takes a key from the page only if the renderer could have written it", async () => {
    const href = client.query("a[href*='.row-1']")!.getAttribute("href")!;
    const cid = new URL(href, "http://x").searchParams.get("cb")!.split(".")[0]!;
    expect((await session.handle(app, Page.create(), [], `${cid}.row-1`)).outcome).toBe("ran");
    expect(app.lines).toEqual(["pick row-1"]);
    for (const bad of ["", "a b", "../x", "x".repeat(65), "row-1.x"]) {
      expect((await session.handle(app, Page.create(), [], `${cid}.${bad}`)).outcome).toBe("stale");
    }
    expect(app.lines).toEqual(["pick row-1"]);
  });

  it("call/answer survives a snapshot in the middle of the dialog", async () => {
    await client.click("Add ten");
    await client.click("Reset");
    expect(client.query("[role=dialog]")?.textContent).toContain("Reset Clicks?");
    // The caller shows under the dialog, inert: its links are not callbacks at all.
    expect(client.query("[inert] a")?.getAttribute("href")).toMatch(/\?k=[\w-]+&cb=inert$/);
    expect((await session.handle(app, Page.create(), [], "inert")).outcome).toBe("stale");
    await client.click("No");
    expect(client.text).toContain("Clicks: 10");
    await client.click("Reset");
    await client.click("Yes");
    expect(client.text).toContain("Clicks: 0");
  });

  it("keeps callback ids stable across renders that register the same callbacks", async () => {
    const before = client.query("a")?.getAttribute("href")?.split("cb=")[1];
    await client.click("Add one");
    expect(client.query("a")?.getAttribute("href")?.split("cb=")[1]).toBe(before);
  });

  it("Back, then a click: the older render's state resumes (Seaside's continuation)", async () => {
    await client.click("Add ten");
    const before = client.html;
    await client.click("Reset"); // a dialog opens over the counter
    client.load(before); // the Back button
    await client.click("Add one");
    expect(client.query("[role=dialog]")).toBeNull();
    expect(client.text).toContain("Clicks: 11");
    expect(client.text).not.toContain(STALE_NOTICE);
  });

  it("two tabs of one session keep their own states", async () => {
    const other = await newTab();
    await client.click("Reset"); // tab one: a dialog
    other.fill("Label", "Second tab");
    await other.click("Save");
    expect(other.text).toContain("Second tab: 0");
    expect(other.query("[role=dialog]")).toBeNull();
    await client.click("No");
    expect(client.text).toContain("Clicks: 0");
    expect(client.query("[role=dialog]")).toBeNull();
  });

  it("an edit that changes only data keeps its render key; a UI change makes a new one", async () => {
    const key = session.keep(Page.create());
    expect(session.keep(Page.create(), key)).toBe(key);
    const changed = Page.create();
    (changed.children.counter as Counter).state.count = 3;
    expect(session.keep(changed, key)).not.toBe(key);
  });

  it("keeps at most MAX_STATES states, the least recently used going first", async () => {
    const first = session.keep(Page.create());
    const keys: string[] = [];
    for (let i = 1; i <= MAX_STATES + 3; i++) {
      const page = Page.create();
      (page.children.counter as Counter).state.count = i;
      keys.push(session.keep(page));
      if (i === 5) session.resume(first); // used again: kept
    }
    expect(session.stateCount).toBe(MAX_STATES);
    expect(session.has(first)).toBe(true);
    expect(session.has(keys[0]!)).toBe(false);
    expect(session.has(keys.at(-1)!)).toBe(true);
  });

  it("text typed for a callback this session has forgotten comes back in the notice, not dropped", async () => {
    const result = await session.handle(app, Page.create(), [["AAAAAAAAAAAAAAAAAAAAAA".slice(0, 16), "+1 518 555 0100"]], null);
    expect(result.notice?.kind).toBe("error");
    expect(result.notice?.text).toContain("“+1 518 555 0100”");
  });

  it("a callback whose component is not in the named state is stale, and says so", async () => {
    await client.click("Reset");
    const no = new URL(client.query("[role=dialog] a:last-child")!.getAttribute("href")!, "http://x").searchParams.get("cb")!;
    const result = await session.handle(app, Page.create(), [], no); // a state without the dialog
    expect(result).toEqual({ outcome: "stale", notice: { kind: "info", text: STALE_NOTICE } });
  });

  it("a callback naming a handler that no longer exists (older code) is stale, not an error", async () => {
    const addOne = new URL(client.query("a")!.getAttribute("href")!, "http://x").searchParams.get("cb")!;
    const older = Session.restore<Log>(registry, "s1", session.snapshot().replace('"add"', '"addAlongTheOldWay"'));
    expect((await older.handle(app, Page.create(), [], addOne)).notice?.text).toBe(STALE_NOTICE);
    expect(app.lines).toEqual([]);
  });

  it("a callback id from another session does nothing", async () => {
    const other = new Session<Log>(registry, "s2", "u1");
    const key = other.keep(Page.create());
    const html = await other.render(app, other.resume(key)!, key, { base: "/", here: "p", query: `k=${key}` });
    const foreign = new URL(new TestClient(async () => "", html).query("a")!.getAttribute("href")!, "http://x").searchParams.get("cb");
    expect((await session.handle(app, Page.create(), [], foreign)).outcome).toBe("stale");
    expect(app.lines).toEqual([]);
  });

  it("does not mark the session dirty when a render changes nothing", async () => {
    const key = session.keep(Page.create());
    await renderAt(key);
    session.dirty = false;
    await renderAt(key);
    expect(session.dirty).toBe(false);
    expect(session.topics.get(key)).toEqual(new Set(["counter"]));
  });

  it("a saved snapshot is the JSON of its parts, each callback with the epoch of its last render", async () => {
    const key = session.keep(Page.create());
    await renderAt(key);
    const first = JSON.parse(session.snapshot()) as { v: number; user: string; epoch: number; cbs: [string, string, string, Json, number, number][]; states: [string, string][] };
    // Another state registers new callbacks (a new epoch); the first state's keep theirs.
    const peek = /cb=([\w-]+)"[^>]*>Peek</.exec(await renderAt(key))?.[1] ?? null;
    const root = session.resume(key)!;
    expect((await session.handle(app, root, [], peek)).outcome).toBe("ran");
    await renderAt(session.keep(root));
    const text = session.snapshot();
    const second = JSON.parse(text) as typeof first;
    expect(text).toBe(JSON.stringify(second));
    expect(second.v).toBe(3);
    expect(second.user).toBe("u1");
    expect(second.epoch).toBeGreaterThan(first.epoch);
    const epochs = new Map(second.cbs.map((cb) => [cb[0], cb[5]]));
    expect(second.cbs.some((cb) => cb[5] === second.epoch)).toBe(true);
    for (const cb of first.cbs) expect(epochs.get(cb[0])).toBeGreaterThanOrEqual(cb[5]);
    // Restored, it saves the same text.
    expect(Session.restore<Log>(registry, "s1", text).snapshot()).toBe(text);
  });

  it("a save writes what changed since the last one: new states and callbacks, the names of those gone, and the head", async () => {
    const key = session.keep(Page.create());
    await renderAt(key);
    const first = session.changes();
    expect(first.put.filter(([name]) => name.startsWith("s:")).map(([name]) => name)).toEqual([`s:${key}`]);
    expect(first.put.filter(([name]) => name.startsWith("c:")).length).toBeGreaterThan(3);
    expect(first.drop).toEqual([]);
    // The same page again, after an event that changed only data: nothing but the head.
    const add = /cb=([\w-]+)"[^>]*>Add one</.exec(await renderAt(key))?.[1] ?? null;
    expect((await session.handle(app, session.resume(key)!, [], add)).outcome).toBe("ran");
    await renderAt(key);
    const second = session.changes();
    expect(second.put).toEqual([]);
    expect(second.drop).toEqual([]);
    expect(JSON.parse(second.head)).toMatchObject({ v: 4, user: "u1", order: [key] });
    // Head and parts restore the same session: its states, its callbacks, its next saves.
    const parts = new Map(first.put);
    const restored = Session.restoreParts<Log>(registry, "s1", second.head, parts);
    expect(restored.has(key)).toBe(true);
    expect(JSON.parse(restored.snapshot()).cbs.map((cb: unknown[]) => cb.slice(0, 5))).toEqual(JSON.parse(session.snapshot()).cbs.map((cb: unknown[]) => cb.slice(0, 5)));
    expect(restored.changes().put).toEqual([]);
    expect(Session.fromStorage<Log>(registry, "s1", second.head, () => parts).has(key)).toBe(true);
    expect(Session.fromStorage<Log>(registry, "s1", session.snapshot(), () => []).has(key)).toBe(true);
    // More states than are kept: the oldest state's part goes by name.
    for (let i = 0; i < MAX_STATES; i++) {
      const page = Page.create();
      (page.children.counter!.state as { count: number }).count = 100 + i;
      await renderAt(session.keep(page));
    }
    const third = session.changes();
    expect(third.drop).toContain(`s:${key}`);
    expect(third.put.filter(([name]) => name.startsWith("s:")).length).toBe(MAX_STATES);
  });

  it("restores a v1 snapshot (one tree per session) as one state", () => {
    const v1 = JSON.stringify({ v: 1, user: "u1", epoch: 3, root: { t: "Page", s: {}, c: { counter: { t: "Counter", s: { count: 2, label: "Old" } } } }, cbs: [], topics: [] });
    const restored = Session.restore<Log>(registry, "old", v1);
    expect(restored.stateCount).toBe(1);
  });

  it("restores a v2 snapshot (states as trees) and saves it as v3 (states as text) with the same states", () => {
    const tree = { t: "Page", s: {}, c: { counter: { t: "Counter", s: { count: 2, label: "Old" } } } };
    const v2 = JSON.stringify({ v: 2, user: "u1", epoch: 3, cbs: [], states: [["kOld01", tree]], notices: [["kOld01", { text: "Saved.", kind: "info" }]] });
    const restored = Session.restore<Log>(registry, "old", v2);
    expect(restored.has("kOld01")).toBe(true);
    expect(restored.takeNotice("kOld01")).toEqual({ text: "Saved.", kind: "info" });
    const saved = JSON.parse(restored.snapshot()) as { v: number; states: [string, string][] };
    expect(saved.v).toBe(3);
    expect(saved.states).toEqual([["kOld01", JSON.stringify(tree)]]);
    const again = Session.restore<Log>(registry, "old", restored.snapshot());
    expect(again.resume("kOld01")).toBeDefined();
  });
});
