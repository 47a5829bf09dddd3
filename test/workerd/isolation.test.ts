import { describe, expect, it } from "vitest";
import { Browser, ownerApp } from "./helpers";

describe("tenant isolation", () => {
  it("two databases never see each other's data or accept each other's cookies", async () => {
    const { browser: alice, client } = await ownerApp("alpha-db");
    client.fill("New table", "Secret donors");
    await client.click("Create table");
    expect(client.text).toContain("Secret donors");

    const bob = new Browser();
    await bob.signUp("beta-db");
    const bobPage = await bob.open("/t/beta-db/");
    expect(bobPage.html).not.toContain("Secret donors");

    // Alice's cookie, replayed against Bob's database, is not a sign-in there.
    const replay = new Browser();
    replay.cookies = new Map(alice.cookies);
    const page = await replay.open("/t/beta-db/");
    expect(page.html).toContain("Sign in to beta-db");
    // Nor does Alice's session address work under Bob's database.
    const { sessionUrl } = await alice.app("alpha-db");
    const crossed = await replay.fetch(sessionUrl.replace("alpha-db", "beta-db"));
    expect(crossed.headers.get("location")).toMatch(/^\/t\/beta-db\/\?next=/);
  });
});

describe("requests from other sites", () => {
  it("refuses a cross-site form post and a cross-site socket, even with the cookie", async () => {
    const { browser, sessionUrl } = await ownerApp("cross-site");
    const post = await browser.post(sessionUrl, { _a: "x" }, { origin: "https://evil.example" });
    expect(post.status).toBe(403);
    const socket = await browser.fetch(`/t/cross-site/ws?s=${sessionUrl.split("/").pop()}`, { headers: { upgrade: "websocket", origin: "https://evil.example" } });
    expect(socket.status).toBe(403);
    expect(socket.webSocket).toBeNull();
  });
});
