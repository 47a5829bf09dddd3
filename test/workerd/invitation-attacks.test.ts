// Issue 9, items 3 and 4: invitations are revocable, expire, are one per email and void once
// their inviter may no longer make them; their links never come from a request's Host.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { Browser, invite, ORIGIN, ownerApp, SocketClient, tenantOf } from "./helpers";

/** Creates an invitation from the owner's Members page; returns the link shown. */
async function createInvitation(client: TestClient, email: string, role = "editor"): Promise<string> {
  await client.click("Members");
  client.fill("Email", email);
  client.fill("Role", role);
  await client.click("Create invitation");
  const link = client.query("input[aria-label='Invitation link']")?.getAttribute("value");
  if (!link) throw new Error(`no invitation link: ${client.text}`);
  return link;
}

/** Tries to join through an invitation link; the status says whether it still stands. */
async function join(link: string, name = "Newcomer"): Promise<number> {
  const path = new URL(link).pathname;
  const shown = await new Browser().fetch(path);
  await shown.arrayBuffer();
  if (shown.status !== 200) return shown.status;
  return (await new Browser().post(path, { name, password: "newcomer password" })).status;
}

describe("invitations", () => {
  it("a revoked invitation no longer works, and the Members page offers revoke and copy", async () => {
    const { client } = await ownerApp("inv-revoke");
    const link = await createInvitation(client, "late@inv-revoke.org");
    expect(client.query("button[data-copy='invite-link']")?.textContent).toBe("Copy link");
    expect(client.query("#invite-link")?.getAttribute("value")).toBe(link);
    expect(client.query(".pending")?.textContent).toContain("late@inv-revoke.org");
    expect(client.query(".pending")?.textContent).toContain("invited by Olive Owner");
    await client.click("Revoke invitation for late@inv-revoke.org");
    expect(client.text).toContain("Invitation for late@inv-revoke.org revoked.");
    expect(client.query(".pending")).toBeNull();
    expect(client.query("#invite-link")).toBeNull();
    expect(await join(link)).toBe(410);
  });

  it("a new invitation for the same email replaces the old one", async () => {
    const { client } = await ownerApp("inv-replace");
    const first = await createInvitation(client, "twice@inv-replace.org", "owner");
    const second = await createInvitation(client, " TWICE@inv-replace.org ", "viewer");
    expect(client.queryAll(".pending li")).toHaveLength(1);
    expect(await join(first)).toBe(410);
    expect(await join(second)).toBe(303);
    const joined = await runInDurableObject(env.TENANT.getByName("inv-replace"), (instance) =>
      tenantOf(instance).accounts.members().find((m) => m.email === "twice@inv-replace.org")?.role);
    expect(joined).toBe("viewer");
  });

  it("an invitation expires after 7 days", async () => {
    const { client } = await ownerApp("inv-expiry");
    const link = await createInvitation(client, "slow@inv-expiry.org");
    const stub = env.TENANT.getByName("inv-expiry");
    const days = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql.exec<{ d: number }>("SELECT (expires_at - created_at) / 86400000.0 AS d FROM invitations").one().d);
    expect(days).toBe(7);
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec("UPDATE invitations SET expires_at = ?", Date.now() - 1);
    });
    expect(await join(link)).toBe(410);
    await client.click("Members");
    expect(client.query(".pending")).toBeNull();
  });

  it("an owner invitation is void once its inviter is removed", async () => {
    const { client: first } = await ownerApp("inv-removed");
    const { member: second } = await invite(first, "owner", "second@inv-removed.org");
    const { client: secondClient } = await second.app("inv-removed");
    const link = await createInvitation(secondClient, "accomplice@inv-removed.org", "owner");
    await first.click("Members");
    await first.click("Remove Owner Person");
    await first.click("Remove member");
    expect(first.text).toContain("Member removed.");
    expect(first.query(".pending")).toBeNull();
    expect(await join(link)).toBe(410);
  });

  it("an invitation is void once its inviter loses the right to invite at that role, even if promoted again", async () => {
    const { client: first } = await ownerApp("inv-demoted");
    const { member: second } = await invite(first, "owner", "second@inv-demoted.org");
    const { client: secondClient } = await second.app("inv-demoted");
    const link = await createInvitation(secondClient, "accomplice@inv-demoted.org", "owner");
    await first.click("Members");
    first.fill("Role of Owner Person", "builder");
    await first.click("Change role of Owner Person");
    expect(first.text).toContain("Role changed.");
    expect(await join(link)).toBe(410);
    first.fill("Role of Owner Person", "owner");
    await first.click("Change role of Owner Person");
    expect(await join(link)).toBe(410);
  });
});

describe("links from an attacker's Host header", () => {
  it("a request with Host: evil.example does not change the invitation link the owner is shown", async () => {
    const { browser, client, current } = await ownerApp("inv-host");
    await client.click("Members");
    // The owner works over the live socket (no HTTP request of theirs in between)…
    const socket = await SocketClient.open(browser, "inv-host", current());
    // …while anonymous requests name another host.
    for (const path of ["/t/inv-host/", "/t/inv-host/invite/nothing", "/t/inv-host/signin"]) {
      await (await exports.default.fetch(new Request(`http://evil.example${path}`))).arrayBuffer();
    }
    const email = client.query("#invite-email")!.getAttribute("name")!;
    const create = [...client.queryAll("button")].find((b) => b.textContent === "Create invitation")!.getAttribute("value");
    socket.event([[email, "guest@inv-host.org"]], create);
    const frame = await socket.next((f) => f.t === "render" && (f.html ?? "").includes("Invitation link"));
    const { document } = parseHTML(`<html><body>${frame.html}</body></html>`);
    const link = document.querySelector("input[aria-label='Invitation link']")?.getAttribute("value") ?? "";
    expect(link).toMatch(new RegExp(`^${ORIGIN}/t/inv-host/invite/`));
    expect(frame.html).not.toContain("evil.example");
    socket.ws.close();
  });
});
