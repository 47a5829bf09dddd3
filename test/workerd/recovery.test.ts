// Issue 18, recovery codes: shown once at sign-up (kept only as a hash), regenerable from My
// account, and "Forgot your password?" (email + code + new password) throttled like sign-in,
// the code single use, every other sign-in ended.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, ownerApp, tenantOf } from "./helpers";

/** Signs up `database`; returns the owner's browser and the recovery code shown. */
async function signUpWithCode(database: string): Promise<{ owner: Browser; code: string }> {
  const owner = new Browser();
  const response = await owner.signUp(database);
  expect(response.status).toBe(201);
  const code = /id="recovery-code"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="recovery-code"/.exec(await response.text());
  const shown = code?.[1] ?? code?.[2];
  if (!shown) throw new Error("no recovery code shown");
  return { owner, code: shown };
}

const recover = (browser: Browser, database: string, form: Record<string, string>, ip = "198.51.100.7") =>
  browser.post(`/t/${database}/recover`, form, { "cf-connecting-ip": ip });

describe("recovery codes", () => {
  it("the code shown at sign-up sets a new password once and signs out everywhere else", async () => {
    const { owner, code } = await signUpWithCode("recover-use");
    const stored = await runInDurableObject(env.TENANT.getByName("recover-use"), (instance) =>
      JSON.stringify(tenantOf(instance).storage.sql.exec("SELECT * FROM users").toArray()));
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace(/-/g, ""));

    const signIn = await new Browser().open("/t/recover-use/");
    expect(signIn.html).toContain('href="/t/recover-use/recover"');
    const form = await new Browser().open("/t/recover-use/recover");
    expect(form.html).toContain("Recovery code");

    const visitor = new Browser();
    // Typed as shown, in lower case with spaces: still the code.
    const typed = code.toLowerCase().replace(/-/g, " ");
    const done = await recover(visitor, "recover-use", { email: "OWNER@recover-use.org", code: typed, password: "a recovered password" });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain("Your password is changed");
    expect(page).not.toContain(code);
    expect((await visitor.open("/t/recover-use/tables")).html).toContain('id="trove-root"');
    expect((await owner.open("/t/recover-use/tables")).html).toContain("Sign in to recover-use");
    expect((await new Browser().signIn("recover-use", "owner@recover-use.org", "a recovered password")).status).toBe(303);

    // Single use.
    const again = await recover(new Browser(), "recover-use", { email: "owner@recover-use.org", code, password: "yet another password" });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("Wrong email or recovery code.");
  });

  it("refuses bad input and wrong codes, and is throttled like sign-in", async () => {
    await signUpWithCode("recover-throttle");
    const attacker = new Browser();
    const short = await recover(attacker, "recover-throttle", { email: "owner@recover-throttle.org", code: "x", password: "short" });
    expect(short.status).toBe(400);
    const long = await recover(attacker, "recover-throttle", { email: "owner@recover-throttle.org", code: "x".repeat(65), password: "long enough" });
    expect(long.status).toBe(400);
    for (let i = 0; i < 4; i++) {
      expect((await recover(attacker, "recover-throttle", { email: "owner@recover-throttle.org", code: `WRONG-${i}`, password: "a new password" })).status).toBe(401);
    }
    const locked = await recover(attacker, "recover-throttle", { email: "owner@recover-throttle.org", code: "WRONG-5", password: "a new password" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The owner's password still works from elsewhere.
    expect((await new Browser().signIn("recover-throttle", "owner@recover-throttle.org", "correct horse")).status).toBe(303);
  });

  it("a new code from My account replaces the old one, and is shown only once", async () => {
    const { owner, code: old } = await signUpWithCode("recover-new");
    const { client } = await owner.app("recover-new");
    await client.click("My account (Olive Owner)");
    await client.click("Make a new recovery code");
    await client.click("Make a new code"); // confirm
    const fresh = client.query("input[aria-label='Recovery code']")?.getAttribute("value");
    expect(fresh).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    await client.click("My account (Olive Owner)");
    expect(client.query("input[aria-label='Recovery code']")).toBeNull();
    expect((await recover(new Browser(), "recover-new", { email: "owner@recover-new.org", code: old, password: "a new password" })).status).toBe(401);
    expect((await recover(new Browser(), "recover-new", { email: "owner@recover-new.org", code: fresh!, password: "a new password" })).status).toBe(200);
  });

  it("a member without a code makes one from My account", async () => {
    const { client } = await ownerApp("recover-none");
    await client.click("My account (Olive Owner)");
    expect(client.text).toContain("a new code replaces the one you have");
    await runInDurableObject(env.TENANT.getByName("recover-none"), (instance) => {
      tenantOf(instance).storage.sql.exec("UPDATE users SET recovery_hash = NULL");
    });
    await client.click("My account (Olive Owner)");
    expect(client.text).toContain("you have none yet");
    await client.click("Make a recovery code");
    expect(client.query("input[aria-label='Recovery code']")).not.toBeNull();
  });
});
