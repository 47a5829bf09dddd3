// The schema's storage layout (src/tenant-do/schema-store.ts): one row per table, the rest in
// schema_doc; a database stored as one document converts on its next wake; structure changes
// write only what changed.

import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../src/schema/model";
import { migrate, migrationVersion } from "../../src/tenant-do/migrations";
import { loadSchema, saveSchema } from "../../src/tenant-do/schema-store";
import { ownerApp } from "./helpers";

const field = (id: string, name: string) => ({ id, name, type: "text" as const, options: {} });
const OLD: Schema = {
  tables: [
    { id: "t1", name: "Musicians", fields: [field("f1", "Name"), field("f2", "Phone")] },
    { id: "t2", name: "Concerts", fields: [field("f3", "Title")], deletedAt: 5 },
    { id: "t3", name: "Venues", fields: [] },
  ],
  forms: [],
  views: [],
} as unknown as Schema;

describe("schema storage", () => {
  it("converts a schema stored as one document (the layout before) into rows, keeping order and everything else", async () => {
    const version = migrationVersion("CREATE TABLE schema_tables");
    expect(version).toBeGreaterThan(1);
    const loaded = await runInDurableObject(env.TENANT.getByName("schema-old-layout"), (_i, state) => {
      migrate(state.storage, 1, version - 1);
      state.storage.sql.exec("INSERT INTO schema_doc (id, json) VALUES (1, ?)", JSON.stringify(OLD));
      migrate(state.storage, 2);
      const doc = state.storage.sql.exec<{ json: string }>("SELECT json FROM schema_doc").one().json;
      const rows = state.storage.sql.exec<{ id: string; pos: number }>("SELECT id, pos FROM schema_tables ORDER BY pos").toArray();
      return { schema: loadSchema(state.storage), doc: JSON.parse(doc), rows: rows.map((r) => [r.id, r.pos]) };
    });
    expect(loaded.rows).toEqual([["t1", 0], ["t2", 1], ["t3", 2]]);
    expect(loaded.doc.tables).toEqual([]);
    expect(loaded.schema).toEqual(OLD);
  });

  it("writes only the tables that changed, and the rest only when it changed", async () => {
    const result = await runInDurableObject(env.TENANT.getByName("schema-writes"), (_i, state) => {
      migrate(state.storage, 1);
      const { sql } = state.storage;
      sql.exec("INSERT INTO schema_doc (id, json) VALUES (1, ?)", JSON.stringify({ ...OLD, tables: [] }));
      saveSchema(state.storage, { tables: [] }, OLD);
      const written = () => sql.exec<{ n: number }>("SELECT total_changes() AS n").one().n;
      // A rename of one table: its row only.
      const before = written();
      const renamed: Schema = { ...OLD, tables: OLD.tables.map((t) => (t.id === "t2" ? { ...t, name: "Gigs" } : t)) };
      saveSchema(state.storage, OLD, renamed);
      const renameWrites = written() - before;
      // A new form: the document only.
      const withForm = { ...renamed, forms: [{ id: "form1" }] } as unknown as Schema;
      const before2 = written();
      saveSchema(state.storage, renamed, withForm);
      const formWrites = written() - before2;
      // Tables reordered and one gone (an undo of a create): positions follow.
      const reordered: Schema = { ...withForm, tables: [withForm.tables[2]!, withForm.tables[0]!] };
      saveSchema(state.storage, withForm, reordered);
      return { renameWrites, formWrites, after: loadSchema(state.storage), expected: reordered };
    });
    expect(result.renameWrites).toBe(1);
    expect(result.formWrites).toBe(1);
    expect(result.after).toEqual(result.expected);
  });

  it("a database keeps its tables, fields and order across a wake", async () => {
    const { client } = await ownerApp("schema-wake");
    for (const name of ["Musicians", "Concerts", "Venues"]) {
      // A new table opens on its grid: back to the list for the next one.
      await client.click("Tables");
      client.fill("New table", name);
      await client.click("Create table");
    }
    await evictDurableObject(env.TENANT.getByName("schema-wake"));
    await client.click("Tables");
    expect(client.text.indexOf("Musicians")).toBeGreaterThan(-1);
    expect(client.text.indexOf("Musicians")).toBeLessThan(client.text.indexOf("Concerts"));
    expect(client.text.indexOf("Concerts")).toBeLessThan(client.text.indexOf("Venues"));
  });
});
