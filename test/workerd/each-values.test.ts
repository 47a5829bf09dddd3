// The side table of multiple choices' and links' elements (src/tenant-do/each-values.ts):
// wanted while a saved view groups or filters by such a field, filled from the records when
// first wanted, kept exact by its triggers through every kind of write of `records`, and
// dropped when no view needs it. (That views read it and give what they gave without it is
// the differential test's half of the runs: view-differential.test.ts.)

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Schema, Table } from "../../src/schema/model";
import { cellTypes } from "../../src/schema/records";
import { defaultView } from "../../src/schema/views/view";
import { keepEachFields, keptEachFields, wantedEachFields } from "../../src/tenant-do/each-values";
import { migrate } from "../../src/tenant-do/migrations";
import { eraseTableRows, SqlRecordStore } from "../../src/tenant-do/sql-records";

const choices = [{ id: "c1", label: "Cello", color: "blue" }, { id: "c2", label: "Viola", color: "green" }];
const table: Table = {
  id: "music",
  name: "Musicians",
  fields: [
    { id: "name", name: "Name", type: "text", options: {} },
    { id: "plays", name: "Plays", type: "multiChoice", options: { choices } },
    { id: "pals", name: "Friends", type: "link", options: { tableId: "music", multiple: true } },
    { id: "inst", name: "Instrument", type: "choice", options: { choices } },
  ],
};

describe("the side table of elements", () => {
  it("is wanted for multiple choices and links views group or filter by 'has any', 'has none', 'links to'", () => {
    const schema: Schema = {
      tables: [table],
      views: [
        { ...defaultView(table), id: "v1", group: { fieldId: "plays", part: null } },
        { ...defaultView(table), id: "v2", filters: [{ any: [{ fieldId: "pals", op: "linksTo", args: ["Ann"] }] }, { fieldId: "inst", op: "anyOf", args: ["c1"] }] },
      ],
    };
    expect(wantedEachFields(schema)).toEqual([{ tableId: "music", fieldId: "plays" }, { tableId: "music", fieldId: "pals" }]);
    expect(wantedEachFields({ ...schema, views: [{ ...defaultView(table), id: "v3", group: { fieldId: "inst", part: null }, filters: [{ fieldId: "plays", op: "isEmpty", args: [] }] }] })).toEqual([]);
  });

  it("is filled when wanted, follows inserts, edits, type rewrites and erasing, and goes when unwanted", () =>
    runInDurableObject(env.TENANT.getByName("each-values"), (_instance, state) => {
      migrate(state.storage, Date.now());
      const store = new SqlRecordStore(state.storage);
      const types = cellTypes(table);
      const rows = () => state.storage.sql.exec<{ field_id: string; value: string; record_id: string }>("SELECT field_id, value, record_id FROM each_values ORDER BY record_id, field_id, value").toArray().map((r) => [r.record_id, r.field_id, r.value]);
      store.insert({ id: "r1", tableId: "music", createdAt: 1, cells: { plays: { text: "Cello, Viola", value: ["c1", "c2"] }, pals: { text: "r2", value: ["r2"] } } }, types);
      store.insert({ id: "r2", tableId: "music", createdAt: 2, cells: { plays: { text: "Tuba", value: null, invalid: "not an option" }, inst: { text: "Cello", value: "c1" } } }, types);

      keepEachFields(state.storage, [{ tableId: "music", fieldId: "plays" }]);
      expect(rows()).toEqual([["r1", "plays", "c1"], ["r1", "plays", "c2"]]);
      keepEachFields(state.storage, [{ tableId: "music", fieldId: "plays" }, { tableId: "music", fieldId: "pals" }]);
      expect(rows()).toEqual([["r1", "pals", "r2"], ["r1", "plays", "c1"], ["r1", "plays", "c2"]]);

      // Writes of every kind, none of which knows the side table.
      store.insert({ id: "r3", tableId: "music", createdAt: 3, cells: { plays: { text: "Viola", value: ["c2"] } } }, types);
      store.setCells("music", "r1", { plays: { text: "Viola", value: ["c2"] } }, types);
      store.setCells("music", "r2", { pals: { text: "r1, r3", value: ["r1", "r3"] } }, types);
      expect(rows()).toEqual([["r1", "pals", "r2"], ["r1", "plays", "c2"], ["r2", "pals", "r1"], ["r2", "pals", "r3"], ["r3", "plays", "c2"]]);
      store.rewriteField("music", "plays", "multiChoice", (cell) => (Array.isArray(cell.value) ? { ...cell, value: [...cell.value, "c1"] } : cell));
      expect(rows().filter((r) => r[1] === "plays")).toEqual([["r1", "plays", "c1"], ["r1", "plays", "c2"], ["r3", "plays", "c1"], ["r3", "plays", "c2"]]);
      // A deleted record keeps its rows (views check deleted_at); an erased one does not.
      store.setDeleted("music", "r3", 5);
      expect(rows().filter((r) => r[0] === "r3")).toHaveLength(2);
      eraseTableRows(state.storage, "music");
      expect(rows()).toEqual([]);

      store.insert({ id: "r4", tableId: "music", createdAt: 4, cells: { plays: { text: "Cello", value: ["c1"] } } }, types);
      keepEachFields(state.storage, [{ tableId: "music", fieldId: "pals" }]);
      expect([keptEachFields(state.storage), rows()]).toEqual([[{ tableId: "music", fieldId: "pals" }], []]);
      keepEachFields(state.storage, []);
      expect(state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name LIKE 'each%'").toArray()).toEqual([]);
      // Without it, records are written as before.
      store.setCells("music", "r4", { plays: { text: "Viola", value: ["c2"] } }, types);
      expect(store.get("music", "r4")?.cells.plays?.value).toEqual(["c2"]);
    }));
});
