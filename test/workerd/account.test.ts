// Issue 18, My account: name, password (other sign-ins end, their sockets are sent to sign
// in), where you are signed in (browser from the User-Agent, last seen), sign out one or all
// others; a removed member's open pages are closed at once.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, ownerApp, SocketClient, tenantOf, withMember } from "./helpers";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** A second browser signed in as the owner of `database`, from a browser named by `ua`. */
async function secondSignIn(database: string, ua: string): Promise<Browser> {
  const other = new Browser();
  const response = await other.post(`/t/${database}/signin`, { email: `owner@${database}.org`, password: "correct horse", next: "" }, { "user-agent": ua });
  expect(response.status).toBe(303);
  return other;
}

/** Resolves with the close code once the socket closes. */
const closed = (socket: SocketClient) => new Promise<number>((resolve) => socket.ws.addEventListener("close", (e) => resolve(e.code)));

describe("My account", () => {
  it("has its own address, reached from the member's name in the top bar", async () => {
    const { client, current } = await ownerApp("acct-place");
    await client.click("My account (Olive Owner)");
    expect(new URL(current(), "http://x").pathname).toBe("/t/acct-place/account");
    expect(client.query("h1")?.textContent).toBe("My account");
    const direct = await new Browser().open("/t/acct-place/account");
    expect(direct.url).toContain("next=%2Ft%2Facct-place%2Faccount");
  });

  it("changes the display name, bounded and not empty", async () => {
    const { client } = await ownerApp("acct-name");
    await client.click("My account (Olive Owner)");
    client.fill("Display name", "   ");
    await client.click("Save name");
    expect(client.text).toContain("Enter your name.");
    client.fill("Display name", "x".repeat(101));
    await client.click("Save name");
    expect(client.text).toContain("A name is at most 100 characters.");
    client.fill("Display name", "Olive <b>Oyl</b>");
    await client.click("Save name");
    expect(client.text).toContain("Name saved.");
    expect(client.html).toContain("Olive &lt;b&gt;Oyl&lt;/b&gt;");
    await client.click("Members");
    expect(client.text).toContain("Olive <b>Oyl</b>");
  });

  it("lists where the member is signed in, and signs out one of them", async () => {
    const { client } = await ownerApp("acct-list");
    const phone = await secondSignIn("acct-list", IPHONE);
    await client.click("My account (Olive Owner)");
    const rows = client.queryAll(".signins-table tbody tr").map((tr) => tr.textContent ?? "");
    expect(rows).toHaveLength(2);
    expect(rows.some((r) => r.includes("Safari on iPhone"))).toBe(true);
    expect(rows.some((r) => r.includes("This browser"))).toBe(true);
    const link = client.queryAll("a").find((a) => a.getAttribute("aria-label")?.startsWith("Sign out Safari on iPhone"));
    await client.click(link!.getAttribute("aria-label")!);
    expect(client.text).toContain("Signed out there.");
    expect(client.queryAll(".signins-table tbody tr")).toHaveLength(1);
    expect((await phone.open("/t/acct-list/tables")).html).toContain("Sign in to acct-list");
    // The owner's own sign-in goes on.
    await client.click("Tables");
    expect(client.query("h1")?.textContent).toBe("Tables");
  });

  it("changing the password needs the current one and signs out every other sign-in, closing its pages", async () => {
    const { client, browser } = await ownerApp("acct-password");
    const laptop = await secondSignIn("acct-password", FIREFOX);
    const { current: laptopPage } = await laptop.app("acct-password");
    const socket = await SocketClient.open(laptop, "acct-password", laptopPage());
    const socketClosed = closed(socket);
    await client.click("My account (Olive Owner)");

    client.fill("Current password", "wrong password");
    client.fill("New password", "a new password");
    await client.click("Change password");
    expect(client.text).toContain("That is not your current password.");
    client.fill("Current password", "correct horse");
    client.fill("New password", "short");
    await client.click("Change password");
    expect(client.text).toContain("at least 8 characters");
    // Passwords never reach the page or the stored session.
    expect(client.html).not.toContain("correct horse");

    client.fill("Current password", "correct horse");
    client.fill("New password", "a new password");
    await client.click("Change password");
    expect(client.text).toContain("Password changed. You are signed out everywhere else.");

    const redirect = await socket.next((f) => f.t === "redirect");
    expect(redirect).toMatchObject({ location: "/t/acct-password/" });
    expect(await socketClosed).toBe(4001);
    expect((await laptop.open("/t/acct-password/tables")).html).toContain("Sign in to acct-password");
    // This browser stays signed in; the old password no longer works, the new one does.
    expect((await browser.open("/t/acct-password/tables")).html).toContain('id="trove-root"');
    expect((await new Browser().signIn("acct-password", "owner@acct-password.org", "correct horse")).status).toBe(401);
    expect((await new Browser().signIn("acct-password", "owner@acct-password.org", "a new password")).status).toBe(303);
    const stored = await runInDurableObject(env.TENANT.getByName("acct-password"), (instance) =>
      tenantOf(instance).storage.sql.exec<{ snapshot: string }>("SELECT snapshot FROM ui_sessions UNION ALL SELECT body FROM ui_session_parts").toArray().map((r) => r.snapshot).join());
    expect(stored).not.toContain("a new password");
    expect(stored).not.toContain("correct horse");
  });

  it("wrong current passwords are throttled like sign-in", async () => {
    const { client } = await ownerApp("acct-throttle");
    await client.click("My account (Olive Owner)");
    let last = "";
    for (let i = 0; i < 6; i++) {
      client.fill("Current password", `guess ${i}`);
      client.fill("New password", "a new password");
      await client.click("Change password");
      last = client.text;
    }
    expect(last).toContain("Too many failed sign-ins");
  });

  it("signs out everywhere else at once", async () => {
    const { client } = await ownerApp("acct-others");
    const a = await secondSignIn("acct-others", FIREFOX);
    const b = await secondSignIn("acct-others", IPHONE);
    await client.click("My account (Olive Owner)");
    await client.click("Sign out everywhere else");
    expect(client.text).toContain("Signed out of 2 other sign-ins.");
    for (const other of [a, b]) expect((await other.open("/t/acct-others/tables")).html).toContain("Sign in to acct-others");
    expect(client.queryAll(".signins-table tbody tr")).toHaveLength(1);
  });

  it("one member cannot end another's sign-in by its id", async () => {
    const { owner, member } = await withMember("acct-forge", "editor");
    const outcome = await runInDurableObject(env.TENANT.getByName("acct-forge"), (instance) => {
      const tenant = tenantOf(instance);
      const members = tenant.accounts.members();
      const editor = members.find((m) => m.role === "editor")!;
      const ownerId = members.find((m) => m.role === "owner")!.id;
      const ownerLogin = tenant.storage.sql.exec<{ id: number }>("SELECT rowid AS id FROM logins WHERE user_id = ?", ownerId).one().id;
      return tenant.appFor(editor).endSignIn(ownerLogin);
    });
    expect(outcome).toEqual({ ok: false, reason: "That sign-in has already ended." });
    expect((await owner.open("/t/acct-forge/tables")).html).toContain('id="trove-root"');
    expect((await member.open("/t/acct-forge/tables")).html).toContain('id="trove-root"');
  });
});

describe("a removed member", () => {
  it("is signed out at once: their open page's socket is sent to sign in and closed", async () => {
    const { member, ownerClient } = await withMember("acct-removed", "editor");
    const { current } = await member.app("acct-removed");
    const socket = await SocketClient.open(member, "acct-removed", current());
    const socketClosed = closed(socket);
    await ownerClient.click("Members");
    await ownerClient.click("Remove Editor Person");
    await ownerClient.click("Remove member");
    expect(ownerClient.text).toContain("Member removed.");
    expect(await socket.next((f) => f.t === "redirect")).toMatchObject({ location: "/t/acct-removed/" });
    expect(await socketClosed).toBe(4001);
  });
});
