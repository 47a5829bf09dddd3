// Issue 16: an import into an existing table shows in the history of each record it added or
// updated (and its undo too), and erasing such a record erases its earlier values from the
// import's undo.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Tenant } from "../../src/tenant-do/tenant";
import type { TestClient } from "../../src/ui/engine/test-client";
import { ownerApp, tenantOf } from "./helpers";

function asOwner<T>(database: string, work: (tenant: Tenant, app: ReturnType<Tenant["appFor"]>) => T): Promise<T> {
  return runInDurableObject(env.TENANT.getByName(database), (instance) => {
    const tenant = tenantOf(instance);
    return work(tenant, tenant.appFor(tenant.accounts.members()[0]!));
  });
}

async function importText(client: TestClient, text: string, merge: boolean): Promise<void> {
  await client.click("Import…");
  client.fill("Paste from a spreadsheet", text);
  await client.click("Preview");
  if (merge) {
    client.fill("Rows", "merge");
    await client.click("Update preview");
  }
}

describe("issue 16: imports into a table in a record's history", () => {
  it("says which records an import added or updated, and its undo; erasing one takes its old values out of the import", async () => {
    const db = "hist-import-into";
    const { client } = await ownerApp(db);
    await importText(client, "Name\tFee\nAnn\t$100\nBo\t$50", false);
    client.fill("Table name", "Musicians");
    await client.click("Import 2 records");
    await client.click("Open “Musicians”");
    await importText(client, "Name\tFee\nAnn\t$120\nCy\t$35", true);
    expect(client.text).toContain("Will add 1 record, update 1 record");
    await client.click("Import");
    await client.click("Undo");
    const lines = await asOwner(db, (tenant, app) => {
      const table = app.tables().find((t) => t.name === "Musicians")!;
      const ids = (name: string) => tenant.storage.sql.exec<{ id: string }>("SELECT id FROM records WHERE table_id = ? AND json_extract(cells, ?) = ?", table.id, `$."${table.fields[0]!.id}".text`, name).one().id;
      const ann = ids("Ann");
      return {
        table: table.id,
        ann,
        annLines: app.recordHistory(table.id, ann).map((e) => e.text),
        boLines: app.recordHistory(table.id, ids("Bo")).map((e) => e.text),
      };
    });
    expect(lines.annLines.slice(0, 2)).toEqual([expect.stringMatching(/^took back /), "updated this record by an import into “Musicians”"]);
    expect(lines.boLines.some((t) => t.includes("by an import into"))).toBe(false);

    // Ann deleted and erased: the import's undo no longer holds Ann's fee before the import.
    const before = await asOwner(db, (tenant) => tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE instr(inverse, ?) > 0 OR instr(action, ?) > 0", lines.ann, lines.ann).one().n);
    expect(before).toBeGreaterThan(0);
    await asOwner(db, (_t, app) => {
      expect(app.deleteRecord(lines.table, lines.ann).ok).toBe(true);
      expect(app.emptyTrash().ok).toBe(true);
    });
    const after = await asOwner(db, (tenant) => tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE instr(inverse, ?) > 0 OR instr(action, ?) > 0", lines.ann, lines.ann).one().n);
    expect(after).toBe(0);
  });
});
