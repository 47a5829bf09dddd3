import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Browser } from "./helpers";

describe("sign-up", () => {
  it("creates the database and lands in it, signed in as its owner", async () => {
    const browser = new Browser();
    const response = await browser.signUp("orchestra");
    // The recovery code is shown once, before entering the database.
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const welcome = await response.clone().text();
    expect(welcome).toMatch(/value="[0-9A-Z]{4}(-[0-9A-Z]{4}){5}"/);
    expect(welcome).toContain('href="/t/orchestra/"');
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toContain("Path=/t/orchestra/");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const { url, html } = await browser.open("/t/orchestra/");
    expect(url).toBe("/t/orchestra/tables");
    expect(html).toContain("Tables");
    expect(html).toContain("Olive Owner");
  });

  it("refuses a name already taken and leaves that database untouched", async () => {
    const first = new Browser();
    await first.signUp("choir");
    const second = new Browser();
    const response = await second.signUp("choir", "intruder@evil.org", "another password");
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("is taken");
    expect(second.cookies.size).toBe(0);
    // The intruder cannot sign in; the owner still can.
    expect((await second.signIn("choir", "intruder@evil.org", "another password")).status).toBe(401);
    expect((await new Browser().signIn("choir", "owner@choir.org", "correct horse")).status).toBe(303);
  });

  it.each([
    ["ab", "3 to 40"],
    ["Bad Name", "lowercase"],
    ["api", "reserved"],
    ["admin", "reserved"],
  ])("refuses the name %j with a clear message", async (name, message) => {
    const response = await new Browser().signUp(name);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
  });

  it("an unknown database is a 404 that writes nothing", async () => {
    const response = await new Browser().open("/t/nobody-here/");
    expect(response.response.status).toBe(404);
    const stub = env.TENANT.getByName("nobody-here");
    expect(await stub.exists()).toBe(false);
    const { runInDurableObject } = await import("cloudflare:test");
    const tables = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec("SELECT COUNT(*) AS n FROM sqlite_master").one().n);
    expect(tables).toBe(0);
  });
});
