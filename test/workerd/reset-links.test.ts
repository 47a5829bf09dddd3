// Issue 18, owner-issued password reset links: shown once, hashed, single use, expiring,
// revocable, owners only; using one signs the member out everywhere else.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { Browser, SocketClient, tenantOf, withMember } from "./helpers";

/** Issues a reset link for the editor from the owner's Members page; returns its path. */
async function issue(ownerClient: TestClient): Promise<string> {
  await ownerClient.click("Members");
  await ownerClient.click("Reset link for Editor Person");
  const link = ownerClient.query("input[aria-label='Reset link']")?.getAttribute("value");
  if (!link) throw new Error(`no reset link: ${ownerClient.text}`);
  return new URL(link).pathname;
}

describe("reset links", () => {
  it("sets a new password once, signs the member out everywhere else, and is shown only once", async () => {
    const { member, ownerClient } = await withMember("reset-use", "editor");
    const { current } = await member.app("reset-use");
    const socket = await SocketClient.open(member, "reset-use", current());
    const path = await issue(ownerClient);
    // Shown once: the next render of the Members page no longer carries it, nor does storage.
    await ownerClient.click("Members");
    expect(ownerClient.query("input[aria-label='Reset link']")).toBeNull();
    expect(ownerClient.query("[aria-label='Revoke reset link for Editor Person']")).not.toBeNull();
    const token = path.split("/").pop()!;
    const stored = await runInDurableObject(env.TENANT.getByName("reset-use"), (instance) => {
      const { storage } = tenantOf(instance);
      const dump = (table: string) => JSON.stringify(storage.sql.exec(`SELECT * FROM ${table}`).toArray());
      return dump("password_resets") + dump("ui_sessions") + dump("ui_session_parts");
    });
    expect(stored).not.toContain(token);

    const visitor = new Browser();
    const page = await visitor.open(path);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain("editor@reset-use.org");
    expect((await visitor.post(path, { password: "short" })).status).toBe(400);
    const used = await visitor.post(path, { password: "a brand new password" });
    expect(used.status).toBe(303);
    expect((await visitor.open("/t/reset-use/tables")).html).toContain('id="trove-root"');

    // The member's other sign-in ended at once, its page sent to sign in.
    expect(await socket.next((f) => f.t === "redirect")).toMatchObject({ location: "/t/reset-use/" });
    expect((await member.open("/t/reset-use/tables")).html).toContain("Sign in to reset-use");
    expect((await new Browser().signIn("reset-use", "editor@reset-use.org", "member password")).status).toBe(401);
    expect((await new Browser().signIn("reset-use", "editor@reset-use.org", "a brand new password")).status).toBe(303);

    // Single use.
    expect((await new Browser().open(path)).response.status).toBe(410);
    expect((await new Browser().post(path, { password: "another new password" })).status).toBe(410);
  });

  it("a revoked link and a replaced link no longer work", async () => {
    const { ownerClient } = await withMember("reset-revoke", "editor");
    const first = await issue(ownerClient);
    await ownerClient.click("Revoke reset link for Editor Person");
    expect(ownerClient.text).toContain("Reset link revoked.");
    expect((await new Browser().open(first)).response.status).toBe(410);
    const second = await issue(ownerClient);
    await ownerClient.click("Revoke reset link for Editor Person");
    const third = await issue(ownerClient);
    expect((await new Browser().post(second, { password: "a brand new password" })).status).toBe(410);
    expect((await new Browser().open(third)).response.status).toBe(200);
  });

  it("expires after two days", async () => {
    const { ownerClient } = await withMember("reset-expire", "editor");
    const path = await issue(ownerClient);
    await runInDurableObject(env.TENANT.getByName("reset-expire"), (instance) => {
      tenantOf(instance).storage.sql.exec("UPDATE password_resets SET expires_at = ?", Date.now() - 1);
    });
    expect((await new Browser().open(path)).response.status).toBe(410);
    expect((await new Browser().post(path, { password: "a brand new password" })).status).toBe(410);
  });

  it("only owners issue them, and a link dies with its issuer's ownership", async () => {
    const { ownerClient } = await withMember("reset-owners", "editor");
    const path = await issue(ownerClient);
    const outcome = await runInDurableObject(env.TENANT.getByName("reset-owners"), async (instance) => {
      const tenant = tenantOf(instance);
      const editor = tenant.accounts.members().find((m) => m.role === "editor")!;
      const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
      const issued = await tenant.appFor(editor).issueReset(owner.id);
      // A second owner demotes the issuer: the open link no longer stands.
      const second = { ...owner, id: "second-owner", email: "second@reset-owners.org" };
      tenant.accounts.insertUser(second, "x");
      tenant.accounts.changeRole(second, owner.id, "viewer");
      return issued.ok ? "issued" : issued.reason;
    });
    expect(outcome).toBe("Only owners can issue reset links.");
    expect((await new Browser().open(path)).response.status).toBe(410);
  });
});
