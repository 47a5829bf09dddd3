// Issue 18: leave a database, hand over ownership, delete a database (type its name; 7 days
// scheduled, shown to members, undoable by owners; then the alarm erases all storage and
// the name is free again).

import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, SocketClient, tenantOf, withMember } from "./helpers";

describe("leaving", () => {
  it("a member leaves: their pages close and their cookie opens nothing", async () => {
    const { member, ownerClient } = await withMember("leave-member", "editor");
    const { client } = await member.app("leave-member");
    await client.click("My account (Editor Person)");
    await client.click("Leave database");
    await client.click("Leave database", "[role=dialog]");
    expect((await member.open("/t/leave-member/tables")).html).toContain("Sign in to leave-member");
    expect((await new Browser().signIn("leave-member", "editor@leave-member.org", "member password")).status).toBe(401);
    await ownerClient.click("Members");
    expect(ownerClient.text).not.toContain("editor@leave-member.org");
  });

  it("the last owner cannot leave; the object refuses it too", async () => {
    const { ownerClient } = await withMember("leave-owner", "editor");
    await ownerClient.click("My account (Olive Owner)");
    expect(ownerClient.query("button[disabled]")?.textContent).toBe("Leave database");
    const outcome = await runInDurableObject(env.TENANT.getByName("leave-owner"), (instance) => {
      const tenant = tenantOf(instance);
      return tenant.appFor(tenant.accounts.members().find((m) => m.role === "owner")!).leave();
    });
    expect(outcome.ok).toBe(false);
  });
});

describe("handing over ownership", () => {
  it("an owner makes a member the owner and becomes a builder; then may leave", async () => {
    const { member, ownerClient } = await withMember("transfer", "editor");
    await ownerClient.click("My account (Olive Owner)");
    ownerClient.fill("Make owner", "Editor Person (editor@transfer.org)");
    await ownerClient.click("Hand over ownership");
    await ownerClient.click("Hand over ownership", "[role=dialog]");
    expect(ownerClient.text).toContain("Editor Person is now an owner.");
    expect(ownerClient.query("#heir")).toBeNull();
    const roles = await runInDurableObject(env.TENANT.getByName("transfer"), (instance) =>
      Object.fromEntries(tenantOf(instance).accounts.members().map((m) => [m.email, m.role])));
    expect(roles).toEqual({ "owner@transfer.org": "builder", "editor@transfer.org": "owner" });
    const { client } = await member.app("transfer");
    await client.click("Members");
    expect(client.query("#invite-email")).not.toBeNull();
  });

  it("only owners hand over ownership", async () => {
    await withMember("transfer-refused", "builder");
    const outcome = await runInDurableObject(env.TENANT.getByName("transfer-refused"), (instance) => {
      const tenant = tenantOf(instance);
      const builder = tenant.accounts.members().find((m) => m.role === "builder")!;
      return tenant.appFor(builder).transferOwnership(builder.id);
    });
    expect(outcome).toEqual({ ok: false, reason: "Only owners can hand over ownership." });
  });
});

describe("deleting a database", () => {
  it("asks for the name, shows members it is scheduled, and owners can undo it", async () => {
    const { member, ownerClient } = await withMember("delete-undo", "editor");
    await ownerClient.click("My account (Olive Owner)");
    ownerClient.fill("Type delete-undo to delete it", "delete-und");
    await ownerClient.click("Delete database");
    expect(ownerClient.text).toContain("Type the database's name, delete-undo, to confirm.");
    ownerClient.fill("Type delete-undo to delete it", "delete-undo");
    await ownerClient.click("Delete database");
    expect(ownerClient.text).toContain("scheduled for deletion on");
    const { client } = await member.app("delete-undo");
    expect(client.text).toContain("scheduled for deletion on");
    expect(client.query(".deletion-banner button")).toBeNull(); // only owners undo
    // The name stays taken during the grace period.
    expect((await new Browser().signUp("delete-undo")).status).toBe(409);
    await ownerClient.click("Undo deletion");
    expect(ownerClient.text).toContain("The database will not be deleted.");
    await client.click("Tables");
    expect(client.text).not.toContain("scheduled for deletion");
    // The alarm after an undo erases nothing.
    await runDurableObjectAlarm(env.TENANT.getByName("delete-undo"));
    expect((await member.open("/t/delete-undo/tables")).html).toContain('id="trove-root"');
  });

  it("after the grace period the alarm erases all storage, closes pages, and the name is free again", async () => {
    const { member, ownerClient } = await withMember("delete-erase", "editor");
    const { current } = await member.app("delete-erase");
    const socket = await SocketClient.open(member, "delete-erase", current());
    await ownerClient.click("My account (Olive Owner)");
    ownerClient.fill("Type delete-erase to delete it", "delete-erase");
    await ownerClient.click("Delete database");
    const stub = env.TENANT.getByName("delete-erase");
    // Seven days pass: the scheduled time is moved into the past.
    await runInDurableObject(stub, (instance) => tenantOf(instance).setMeta("delete_at", String(Date.now() - 1)));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await socket.next((f) => f.t === "redirect")).toMatchObject({ location: "/" });
    const left = await runInDurableObject(stub, async (instance, state) => ({
      tables: state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master").toArray().map((r) => r.name),
      alarm: await state.storage.getAlarm(),
      initialised: tenantOf(instance).initialised,
    }));
    expect(left).toEqual({ tables: [], alarm: null, initialised: false });
    expect(await stub.exists()).toBe(false);
    expect((await member.open("/t/delete-erase/tables")).response.status).toBe(404);
    // The name is free: a new sign-up gets a new, empty database.
    const again = await new Browser().signUp("delete-erase", "new@delete-erase.org");
    expect(again.status).toBe(201);
    const members = await runInDurableObject(stub, (instance) => tenantOf(instance).accounts.members().map((m) => m.email));
    expect(members).toEqual(["new@delete-erase.org"]);
  });

  it("only owners delete, and only with the name", async () => {
    await withMember("delete-refused", "builder");
    const outcome = await runInDurableObject(env.TENANT.getByName("delete-refused"), (instance) => {
      const tenant = tenantOf(instance);
      const builder = tenant.accounts.members().find((m) => m.role === "builder")!;
      return tenant.appFor(builder).scheduleDeletion("delete-refused");
    });
    expect(outcome).toEqual({ ok: false, reason: "Only owners can delete the database." });
  });
});
