// Issue 16: the lossless round trip. A random database — every field type, values
// understood and values flagged, links between tables, deleted records and fields, a form,
// shared and personal views, settings — backed up and restored into a new database is
// structurally identical: the same schema, the same records (kept text, understood value,
// why not understood, sort keys, order, creation and deletion times), the same counts, the
// same members and roles.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/schema/actions";
import { samples } from "../../src/schema/fields/conformance-samples";
import type { FieldTypeName } from "../../src/schema/fields/registry";
import { newForm } from "../../src/schema/forms/form";
import { writeBackup } from "../../src/tenant-do/backups";
import { databaseContents, tenantOf } from "./helpers";

const TYPES = Object.keys(samples) as FieldTypeName[];

const arbitraryDatabase = fc.record({
  /** Per record: one pick per field type (an index into its valid, then invalid, texts, or blank). */
  records: fc.array(fc.array(fc.nat(20), { minLength: TYPES.length, maxLength: TYPES.length }), { maxLength: 25 }),
  deleted: fc.array(fc.nat(24), { maxLength: 4 }),
  deleteField: fc.option(fc.constantFrom(...TYPES.filter((t) => t !== "text")), { nil: undefined }),
  sortBy: fc.constantFrom(...TYPES),
  personal: fc.boolean(),
  timeZone: fc.constantFrom("UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"),
});

let runs = 0;

async function signUp(name: string, backup?: Uint8Array) {
  const result = await env.TENANT.getByName(name).signUp({
    name, email: `owner${runs}@example.org`, displayName: "Olive Owner", password: "correct horse", origin: "http://trove.test", sample: false, backup,
  });
  if (!result.ok) throw new Error(result.reason);
}

describe("backup round trip (issue 16)", () => {
  it("restores a random database with nothing lost", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryDatabase, async (db) => {
        const name = `roundtrip-${++runs}`;
        await signUp(name);
        const file = await runInDurableObject(env.TENANT.getByName(name), (instance) => {
          const tenant = tenantOf(instance);
          const owner = tenant.accounts.members()[0]!;
          tenant.setMeta("time_zone", db.timeZone);
          const must = (action: Action) => {
            const result = tenant.applyAction(owner, action);
            if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
          };
          must({ kind: "addTable", tableId: "sections", name: "Sections", at: 1 });
          must({ kind: "addField", tableId: "sections", field: { id: "s-name", name: "Name", type: "text", options: {} }, index: 0 });
          for (const [i, section] of ["Strings", "Brass", "Wood winds"].entries()) must({ kind: "addRecord", tableId: "sections", recordId: `s${i + 1}`, at: i + 1, cells: { "s-name": section } });
          must({ kind: "addTable", tableId: "t", name: "Everything", at: 2 });
          for (const [index, type] of TYPES.entries()) must({ kind: "addField", tableId: "t", field: { id: `f-${type}`, name: type, type, options: samples[type].options }, index });
          db.records.forEach((picks, r) => {
            const cells: { [fieldId: string]: string } = {};
            TYPES.forEach((type, i) => {
              const texts = [...samples[type].valid, ...samples[type].invalid];
              const pick = picks[i]!;
              cells[`f-${type}`] = pick < texts.length ? texts[pick]! : "";
            });
            must({ kind: "addRecord", tableId: "t", recordId: `r${r}`, at: 10 + r, cells });
          });
          for (const r of new Set(db.deleted)) if (r < db.records.length) must({ kind: "deleteRecord", tableId: "t", recordId: `r${r}`, at: 100 + r });
          if (db.deleteField) must({ kind: "deleteField", tableId: "t", fieldId: `f-${db.deleteField}`, at: 200 } as Action);
          const table = tenant.schema.tables.find((t) => t.id === "t")!;
          must({ kind: "addForm", tableId: "t", form: newForm("form1", table, "Sign up", "sign-up") } as Action);
          must({
            kind: "addView", tableId: "t",
            view: { id: "v1", tableId: "t", name: "Sorted", owner: db.personal ? owner.id : null, fields: null, filters: [], sorts: [{ fieldId: `f-${db.sortBy}`, descending: true }], search: "", group: null, summaries: [] },
          } as Action);
          return writeBackup({ storage: tenant.storage, name, now: 1, schema: tenant.schema, setting: (key) => tenant.getMeta(key), members: () => tenant.accounts.members() });
        });
        const bytes = new Uint8Array(file.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const chunk of file) {
          bytes.set(chunk, at);
          at += chunk.length;
        }
        await signUp(`${name}-copy`, bytes);
        const [before, after] = [await databaseContents(name), await databaseContents(`${name}-copy`)];
        expect(after.schema).toEqual(before.schema);
        expect(after.records).toEqual(before.records);
        expect(after.stats).toEqual(before.stats);
        expect(after.settings).toEqual(before.settings);
        // The same person restored (same email): the same member, still the owner.
        expect(after.members).toEqual(before.members);
      }),
      { numRuns: 6 },
    );
  });
});
