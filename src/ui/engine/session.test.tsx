import { beforeEach, describe, expect, it } from "vitest";
import type { Json } from "../../schema/fields/field-type";
import { Component, ComponentRegistry } from "./component";
import type { HandlerContext } from "./context";
import type { Renderer } from "./renderer";
import { Session, STALE_NOTICE } from "./session";
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

describe("session", () => {
  let app: Log;
  let session: Session<Log>;
  let client: TestClient;

  /** Rebuilds the session from its snapshot before every event, as after an eviction. */
  const evictEveryTime = async (fields: [string, string][], action: string | null) => {
    session = Session.restore<Log>(registry, session.id, session.snapshot());
    await session.handle(app, fields, action);
    const { html, notice } = await session.render(app, "/s/1");
    return (notice ? `<p class="notice">${notice}</p>` : "") + html;
  };

  beforeEach(async () => {
    app = { lines: [] };
    session = new Session<Log>(registry, "s1", "u1", Page.create());
    client = new TestClient(evictEveryTime, (await session.render(app, "/s/1")).html);
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
    await session.handle(app, [[name, "first"], [name, "second"]], save);
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
    expect(await session.handle(app, [], `${cid}.row-1`)).toBe("ran");
    expect(app.lines).toEqual(["pick row-1"]);
    for (const bad of ["", "a b", "../x", "x".repeat(65), "row-1.x"]) {
      expect(await session.handle(app, [], `${cid}.${bad}`)).toBe("stale");
    }
    expect(app.lines).toEqual(["pick row-1"]);
  });

  it("call/answer survives a snapshot in the middle of the dialog", async () => {
    await client.click("Add ten");
    await client.click("Reset");
    expect(client.query("[role=dialog]")?.textContent).toContain("Reset Clicks?");
    // The caller shows under the dialog, inert: its links are not callbacks at all.
    expect(client.query("[inert] a")?.getAttribute("href")).toBe("/s/1?cb=inert");
    expect(await session.handle(app, [], "inert")).toBe("stale");
    await client.click("No");
    expect(client.text).toContain("Clicks: 10");
    await client.click("Reset");
    await client.click("Yes");
    expect(client.text).toContain("Clicks: 0");
  });

  it("keeps callback ids stable across renders that register the same callbacks", async () => {
    const before = client.query("a")?.getAttribute("href");
    await client.click("Add one");
    expect(client.query("a")?.getAttribute("href")).toBe(before);
  });

  it("a callback from an older render runs nothing and shows a notice", async () => {
    const stalePage = client.html;
    await client.click("Reset"); // the counter's links are no longer rendered
    client.load(stalePage);
    await client.click("Add ten");
    expect(client.text).toContain(STALE_NOTICE);
    expect(app.lines).toEqual([]);
    expect(client.query("[role=dialog]")).not.toBeNull();
  });

  it("a callback naming a handler that no longer exists (older code) is stale, not an error", async () => {
    const addOne = new URL(client.query("a")!.getAttribute("href")!, "http://x").searchParams.get("cb")!;
    const older = Session.restore<Log>(registry, "s1", session.snapshot().replace('"add"', '"addAlongTheOldWay"'));
    expect(await older.handle(app, [], addOne)).toBe("ran");
    expect(older.notice).toBe(STALE_NOTICE);
    expect(app.lines).toEqual([]);
  });

  it("a callback id from another session does nothing", async () => {
    const other = new Session<Log>(registry, "s2", "u1", Page.create());
    const otherClient = new TestClient(async (f, a) => {
      await other.handle(app, f, a);
      return (await other.render(app, "/s/2")).html;
    }, (await other.render(app, "/s/2")).html);
    const foreign = new URL(otherClient.query("a")!.getAttribute("href")!, "http://x").searchParams.get("cb");
    expect(await session.handle(app, [], foreign)).toBe("stale");
    expect(app.lines).toEqual([]);
  });

  it("does not mark the session dirty when a render changes nothing", async () => {
    await session.render(app, "/s/1");
    session.dirty = false;
    await session.render(app, "/s/1");
    expect(session.dirty).toBe(false);
    expect(session.topics).toEqual(new Set(["counter"]));
  });
});
