// A view grouped by a multiple choice (a record under each of its options, from the side
// table: src/tenant-do/each-values.ts) with a money sum: its GROUP BY reads every value of a
// record it needs through the view's index (src/schema/views/sql.ts: `aggregateQuery`),
// so no record's JSON is parsed per element — nor for the totals, through the same index,
// which holds each record's id and deleted_at too, so no record's row is read at all — and
// its groups are what they were without the index. (That such views give what the in-memory evaluation gives, with and without the
// side table and the indexes, is view-differential.test.ts.)

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { cellTypes } from "../../src/schema/records";
import { parseCellText } from "../../src/schema/values";
import { CASE_CONTEXT } from "../../src/schema/views/operator-cases";
import { resolveView, shapeOf } from "../../src/schema/views/query";
import { aggregateQuery, runViewSql, type SqlRow } from "../../src/schema/views/sql";
import { viewIndexes } from "../../src/schema/views/sql-terms";
import { defaultView } from "../../src/schema/views/view";
import { TABLE } from "../../src/schema/views/view-arbitraries";
import { eachFieldsOf, keepEachFields } from "../../src/tenant-do/each-values";
import { migrate } from "../../src/tenant-do/migrations";
import { SqlRecordStore } from "../../src/tenant-do/sql-records";
import { viewIndexNames } from "../../src/tenant-do/view-indexes";

it("a view grouped by a multiple choice sums money through its index, parsing no record's JSON per row", () =>
  runInDurableObject(env.TENANT.getByName("each-values-plan"), (_instance, state) => {
    migrate(state.storage, Date.now());
    const store = new SqlRecordStore(state.storage);
    keepEachFields(state.storage, [{ tableId: "t", fieldId: "also" }]);
    const field = (id: string) => TABLE.fields.find((f) => f.id === id)!;
    const cell = (id: string, text: string) => parseCellText(field(id).type, text, field(id).options as never, CASE_CONTEXT);
    for (let i = 0; i < 60; i++) {
      const cells = { fee: cell("fee", i % 5 === 4 ? "TBD" : `${i}.50 ${i % 3 ? "USD" : "EUR"}`), also: cell("also", ["", "Cello, Viola", "Harp", "Tuba"][i % 4]!) };
      store.insert({ id: `r${i}`, tableId: "t", createdAt: i, cells }, cellTypes(TABLE));
    }
    const view = { ...defaultView(TABLE), group: { fieldId: "also", part: null }, summaries: [{ fieldId: "fee", kind: "sum" as const }] };
    const run = (f: { sql: string; params: (string | number | null)[] }) => state.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
    const resolved = resolveView(view, TABLE, CASE_CONTEXT);
    const before = runViewSql({ ...resolved, kept: eachFieldsOf(state.storage, "t") }, { offset: 0, limit: 10 }, run);
    for (const index of viewIndexes(shapeOf(view, TABLE), [])) state.storage.sql.exec(`CREATE INDEX "${index.name}" ${index.sql}`);
    const indexed = { ...resolved, kept: eachFieldsOf(state.storage, "t"), indexes: viewIndexNames(state.storage) };
    const q = aggregateQuery(indexed);
    const plan = run({ sql: `EXPLAIN QUERY PLAN ${q.sql}`, params: q.params }).map((r) => String(r.detail)).join(" | ");
    const program = run({ sql: `EXPLAIN ${q.sql}`, params: q.params });
    // The per-row loop ends where the sorted rows are read back (SorterSort): a JSON read
    // before it would be one per record and element.
    const sorted = program.findIndex((r) => r.opcode === "SorterSort");
    const perRow = program.slice(0, sorted).filter((r) => r.opcode === "Function" && String(r.p4).includes("json_extract"));
    // Nor after it: the groups' keys are the subquery's columns, not read again from cells.
    const json = program.filter((r) => r.opcode === "Function" && String(r.p4).includes("json_extract"));
    expect(plan).toMatch(/SEARCH records USING COVERING INDEX vx_\w+ \(table_id=\?\)/);
    expect(plan).toContain("each_values");
    expect(sorted).toBeGreaterThan(0);
    expect(perRow).toEqual([]);
    expect(json).toEqual([]);
    // Every GROUP BY of the view (its groups, and its totals: a record once, whatever its
    // options) reads only that index and the side table: covering, no JSON parsed.
    const statements: { sql: string; params: (string | number | null)[] }[] = [];
    const after = runViewSql(indexed, { offset: 0, limit: 10 }, (f) => {
      statements.push(f);
      return run(f);
    });
    const through = statements.filter((f) => f.sql.includes(" INDEXED BY "));
    expect(through).toHaveLength(2);
    for (const f of through) {
      expect(run({ sql: `EXPLAIN QUERY PLAN ${f.sql}`, params: f.params }).map((r) => String(r.detail)).join(" | ")).toMatch(/SEARCH records USING COVERING INDEX vx_\w+ \(table_id=\?\)/);
      expect(run({ sql: `EXPLAIN ${f.sql}`, params: f.params }).filter((r) => r.opcode === "Function" && String(r.p4).includes("json_extract"))).toEqual([]);
    }
    expect(after).toEqual(before);
    expect(after.groups?.map((g) => [g.kind, g.key, g.matched])).toEqual([[0, "c2", 15], [0, "c3", 15], [0, "c1", 15], [1, null, 15], [2, null, 15]]);
  }));
