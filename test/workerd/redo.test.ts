// Redo (issue 10, item 6): Undo takes a change back, Redo puts it back, as in every editor.
// Through the screens over HTTP, and through the engine for what the screens never offer.

import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { addField, invite, openNewTable, ownerApp, tenantOf } from "./helpers";

const cellValue = (client: TestClient, label: string) => client.query(`input[aria-label='${label}']`)?.getAttribute("value");
const button = (client: TestClient, label: string) => client.queryAll("button").find((b) => b.textContent === label);

async function oneRecord(database: string) {
  const { client } = await ownerApp(database);
  await openNewTable(client, "Musicians");
  await addField(client, "Fee", "money");
  await client.click("Add record");
  client.fill("Name of record 1", "Ada Lovelace");
  client.fill("Fee of record 1", "£12.99");
  await client.click("Save changes");
  return client;
}

describe("issue 10: redo", () => {
  it("undo then redo restores a cell edit; undo after redo takes it back again", async () => {
    const client = await oneRecord("redo-cell");
    expect(button(client, "Redo")).toBeUndefined();
    await client.click("Undo"); // the Fee edit
    expect(cellValue(client, "Fee of record 1")).toBe("");
    expect(button(client, "Redo")?.getAttribute("title")).toBe("Redo: edit “Fee”");
    expect(button(client, "Redo")?.getAttribute("data-shortcut")).toBe("redo");
    expect(button(client, "Undo")?.getAttribute("data-shortcut")).toBe("undo");

    await client.click("Redo");
    expect(client.text).toContain("Redone: edit “Fee”");
    expect(cellValue(client, "Fee of record 1")).toBe("£12.99");
    expect(button(client, "Redo")).toBeUndefined();
    expect(button(client, "Undo")?.getAttribute("title")).toBe("Undo: edit “Fee”");

    await client.click("Undo");
    expect(client.text).toContain("Undone: edit “Fee”");
    expect(cellValue(client, "Fee of record 1")).toBe("");
    await client.click("Redo");
    expect(cellValue(client, "Fee of record 1")).toBe("£12.99");
  });

  it("undo then redo deletes a field again, and undo brings it back with its values", async () => {
    const client = await oneRecord("redo-field");
    await client.click("Field menu for Fee");
    await client.click("Delete field");
    await client.click("Delete field");
    expect(client.query("input[aria-label='Fee of record 1']")).toBeNull();
    await client.click("Undo");
    expect(cellValue(client, "Fee of record 1")).toBe("£12.99");
    await evictDurableObject(env.TENANT.getByName("redo-field")); // the stacks live in storage
    await client.click("Redo");
    expect(client.text).toContain("Redone: delete field “Fee”");
    expect(client.query("input[aria-label='Fee of record 1']")).toBeNull();
    await client.click("Undo");
    expect(client.text).toContain("Undone: delete field “Fee”");
    expect(cellValue(client, "Fee of record 1")).toBe("£12.99");
    expect(cellValue(client, "Name of record 1")).toBe("Ada Lovelace");
  });

  it("redoes several undos in the order they were undone", async () => {
    const { client } = await ownerApp("redo-order");
    for (const name of ["Alpha", "Beta"]) {
      client.fill("New table", name);
      await client.click("Create table"); // opens the new table's grid
      await client.click("← Tables");
    }
    await client.click("Undo");
    await client.click("Undo");
    expect(client.text).toContain("No tables yet.");
    await client.click("Redo");
    expect(client.text).toContain("Redone: create table “Alpha”");
    expect(client.text).not.toContain("Beta");
    await client.click("Redo");
    expect(client.text).toContain("Redone: create table “Beta”");
    expect(button(client, "Redo")).toBeUndefined();
  });

  it("a new change after an undo clears redo", async () => {
    const { client } = await ownerApp("redo-cleared");
    for (const name of ["Alpha", "Beta"]) {
      client.fill("New table", name);
      await client.click("Create table"); // opens the new table's grid
      await client.click("← Tables");
    }
    await client.click("Undo");
    expect(button(client, "Redo")?.getAttribute("title")).toBe("Redo: create table “Beta”");
    client.fill("New table", "Gamma");
    await client.click("Create table");
    await client.click("← Tables");
    expect(button(client, "Redo")).toBeUndefined();
    const refused = await runInDurableObject(env.TENANT.getByName("redo-cleared"), (instance) => {
      const tenant = tenantOf(instance);
      return tenant.redo(tenant.accounts.members()[0]!);
    });
    expect(refused).toEqual({ ok: false, reason: "There is nothing to redo." });
    expect(client.text).not.toContain("Beta");
  });

  it("redo is refused for a viewer", async () => {
    const { client: ownerClient } = await ownerApp("redo-viewer");
    await openNewTable(ownerClient, "Musicians");
    await ownerClient.click("Add record");
    const { member } = await invite(ownerClient, "editor", "eddie@redo-viewer.org");
    const { client } = await member.app("redo-viewer");
    await client.click("Musicians");
    client.fill("Name of record 1", "Clara");
    await client.click("Save changes");
    await client.click("Undo");
    expect(button(client, "Redo")).toBeDefined();

    const outcome = await runInDurableObject(env.TENANT.getByName("redo-viewer"), (instance) => {
      const tenant = tenantOf(instance);
      const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
      const editor = tenant.accounts.members().find((m) => m.role === "editor")!;
      expect(tenant.appFor(owner).changeRole(editor.id, "viewer").ok).toBe(true);
      const viewer = { ...editor, role: "viewer" as const };
      return { redo: tenant.redo(viewer), label: tenant.appFor(viewer).lastRedoable() };
    });
    expect(outcome).toEqual({ redo: { ok: false, reason: "Your role does not allow this." }, label: undefined });
    await client.click("Tables");
    expect(button(client, "Redo")).toBeUndefined();
  });

  it("the Undo label, kept between renders (issue 17), follows a rename by someone else and a new step", async () => {
    const client = await oneRecord("redo-label");
    expect(button(client, "Undo")?.getAttribute("title")).toBe("Undo: edit “Fee”");
    await client.click("All records"); // rendered again: the kept label
    expect(button(client, "Undo")?.getAttribute("title")).toBe("Undo: edit “Fee”");
    await invite(client, "builder", "bea@redo-label.org");
    await runInDurableObject(env.TENANT.getByName("redo-label"), (instance) => {
      const tenant = tenantOf(instance);
      const builder = tenant.accounts.members().find((m) => m.role === "builder")!;
      const table = tenant.schema.tables.find((t) => t.name === "Musicians")!;
      const fee = table.fields.find((f) => f.name === "Fee")!;
      expect(tenant.applyAction(builder, { kind: "renameField", tableId: table.id, fieldId: fee.id, name: "Price" }).ok).toBe(true);
    });
    await client.click("Tables");
    expect(button(client, "Undo")?.getAttribute("title")).toBe("Undo: edit “Price”");
    await client.click("Musicians");
    await client.click("Add record");
    expect(button(client, "Undo")?.getAttribute("title")).toBe("Undo: add a record to “Musicians”");
    await client.click("Undo");
    expect(button(client, "Undo")?.getAttribute("title")).toBe("Undo: edit “Price”");
    expect(button(client, "Redo")?.getAttribute("title")).toBe("Redo: add a record to “Musicians”");
  });
});
