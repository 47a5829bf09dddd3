import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, ownerApp, tenantOf, withMember } from "./helpers";

describe("invitations", () => {
  it("a member joins through a one-time link", async () => {
    const { member, invitationPath, ownerClient } = await withMember("band", "editor");
    const { client } = await member.app("band");
    expect(client.text).toContain("Editor Person");
    // The link works once.
    const again = await new Browser().open(invitationPath);
    expect(again.response.status).toBe(410);
    expect(again.html).toContain("has been used, revoked or has expired");
    const reuse = await new Browser().post(invitationPath, { name: "Mallory", password: "another password" });
    expect(reuse.status).toBe(410);
    // The owner's members page shows the new member.
    await ownerClient.click("Members");
    expect(ownerClient.text).toContain("editor@band.org");
  });

  it("refuses a bad email and an existing member, saying why", async () => {
    const { client } = await ownerApp("ensemble");
    await client.click("Members");
    client.fill("Email", "not an email");
    await client.click("Create invitation");
    expect(client.text).toContain("Enter a valid email address.");
    client.fill("Email", "owner@ensemble.org");
    await client.click("Create invitation");
    expect(client.text).toContain("owner@ensemble.org is already a member.");
  });

  it("the owner changes roles and removes members; the last owner stays", async () => {
    const { member, ownerClient } = await withMember("septet", "viewer");
    await ownerClient.click("Members");
    ownerClient.fill(`Role of Viewer Person`, "builder");
    await ownerClient.click("Change role of Viewer Person");
    expect(ownerClient.text).toContain("Role changed.");
    const { client } = await member.app("septet");
    expect(client.query("#new-table")).not.toBeNull(); // builders may create tables

    ownerClient.fill("Role of Olive Owner", "editor");
    await ownerClient.click("Change role of Olive Owner");
    expect(ownerClient.text).toContain("A database needs at least one owner.");

    await ownerClient.click("Remove Viewer Person");
    await ownerClient.click("Remove member");
    expect(ownerClient.text).toContain("Member removed.");
    expect(ownerClient.text).not.toContain("viewer@septet.org");
    // The removed member's cookie no longer opens anything.
    expect((await member.open("/t/septet/")).html).toContain("Sign in to septet");
  });
});

describe("roles, authorised inside the object", () => {
  const cases = [
    { role: "owner", build: true, write: true, manage: true },
    { role: "builder", build: true, write: true, manage: false },
    { role: "editor", build: false, write: true, manage: false },
    { role: "viewer", build: false, write: false, manage: false },
  ] as const;

  it.each(cases)("$role", async ({ role, build, manage }) => {
    const database = `roles-${role}`;
    const { member } = role === "owner" ? { member: new Browser() } : await withMember(database, role);
    if (role === "owner") await member.signUp(database);
    const { client } = await member.app(database);
    // What the screens offer…
    expect(client.query("#new-table") !== null).toBe(build);
    await client.click("Members");
    expect(client.query("#invite-email") !== null).toBe(manage);

    // …and what the object allows even when asked directly, whatever the screens showed.
    const stub = env.TENANT.getByName(database);
    const outcome = await runInDurableObject(stub, async (instance) => {
      const tenant = tenantOf(instance);
      const me = tenant.accounts.members().find((m) => m.role === role)!;
      const app = tenant.appFor(me);
      const added = app.addTable(`Made by ${role}`);
      const invited = await app.invite(`someone-${role}@x.org`, "viewer");
      const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
      // Non-owners are refused by the permission check itself, not by the last-owner rule.
      const demoted = role === "owner" ? { ok: true as const } : app.changeRole(owner.id, "viewer");
      const removed = role === "owner" ? { ok: true as const } : app.removeMember(owner.id);
      const reasons = [demoted, removed].map((o) => (o.ok ? "ok" : o.reason));
      return { added: added.ok, invited: invited.ok, reasons, tables: app.tables().length };
    });
    expect(outcome.added).toBe(build);
    expect(outcome.tables).toBe(build ? 1 : 0);
    expect(outcome.invited).toBe(manage);
    if (role !== "owner") expect(outcome.reasons).toEqual(["Only owners can change roles.", "Only owners can remove members."]);
  });

  it("a callback id from another member's session does nothing", async () => {
    const { owner, member } = await withMember("forgery", "viewer");
    const ownerApp = await owner.app("forgery");
    const createId = ownerApp.client.query("button[name=_a]")!.getAttribute("value")!;
    const inputName = ownerApp.client.query("#new-table")!.getAttribute("name")!;
    const { sessionUrl } = await member.app("forgery");
    const forged = await member.post(sessionUrl, { [inputName]: "Forged", _a: createId });
    expect(forged.status).toBe(303);
    const page = await member.open(forged.headers.get("location")!);
    // The text comes back to its sender (kept, not dropped), and nothing ran.
    expect(page.html).toContain("Not saved, because that page had changed meanwhile");
    expect(page.html).toContain("No tables yet.");
    // The owner's address with the viewer's cookie drives the viewer's own session: nothing.
    const hijack = await member.post(ownerApp.sessionUrl, { [inputName]: "Forged", _a: createId });
    expect(hijack.status).toBe(303);
    expect((await owner.open("/t/forgery/tables")).html).toContain("No tables yet.");
  });
});

describe("after an eviction", () => {
  it("accounts, roles and sign-ins survive: the owner's cookie still works, members can sign in", async () => {
    const { owner, member } = await withMember("evict-accounts", "builder");
    await evictDurableObject(env.TENANT.getByName("evict-accounts"));
    const { client } = await owner.app("evict-accounts");
    await client.click("Members");
    expect(client.text).toContain("builder@evict-accounts.org");
    await member.post("/t/evict-accounts/signout", {});
    await evictDurableObject(env.TENANT.getByName("evict-accounts"));
    expect((await member.signIn("evict-accounts", "builder@evict-accounts.org", "member password")).status).toBe(303);
    const again = await member.app("evict-accounts");
    expect(again.client.query("#new-table")).not.toBeNull();
  });
});
