// Deep pages (src/schema/paging.ts): a page past the middle is read from the end in the
// reverse order. Property: every page, sorted or not, filtered to "not understood" or not,
// holds exactly the rows the plain OFFSET query (what the store ran before) returns.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageFrom } from "../../src/schema/paging";
import type { CellTypes, RecordQuery } from "../../src/schema/records";
import { migrate } from "../../src/tenant-do/migrations";
import { SqlRecordStore } from "../../src/tenant-do/sql-records";

const TYPES: CellTypes = { name: "text", fee: "number" };
const path = (fieldId: string, part: string) => `$."${fieldId}".${part}`;

/** The query as the store ran it before: ORDER BY … LIMIT … OFFSET from the start. */
function offsetQuery(sql: SqlStorage, tableId: string, q: RecordQuery): string[] {
  const where = ["table_id = ?", "deleted_at IS NULL"];
  const params: (string | number)[] = [tableId];
  if (q.invalidIn) {
    where.push("json_extract(cells, ?) IS NOT NULL");
    params.push(path(q.invalidIn, "invalid"));
  }
  let order = "seq";
  if (q.sort) {
    order = `json_extract(cells, ?) IS NULL, json_extract(cells, ?) ${q.sort.descending ? "DESC" : "ASC"}, seq`;
    params.push(path(q.sort.fieldId, "k"), path(q.sort.fieldId, "k"));
  }
  return sql
    .exec<{ id: string }>(`SELECT id FROM records WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ? OFFSET ?`, ...params, q.limit, q.offset)
    .toArray()
    .map((r) => r.id);
}

const rowArb = fc.record({
  name: fc.option(fc.constantFrom("Ada", "ada", "Ben", "Cy", "Émile", "", "42"), { nil: undefined }),
  fee: fc.option(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant("TBD")), { nil: undefined }),
  deleted: fc.boolean(),
});

describe("deep pages", () => {
  it("reads a page from the end only past the middle, and never more rows than the page", () => {
    expect(pageFrom(0, 50, 100_000)).toEqual({ fromEnd: false, skip: 0, limit: 50 });
    expect(pageFrom(99_950, 50, 100_000)).toEqual({ fromEnd: true, skip: 0, limit: 50 });
    expect(pageFrom(99_990, 50, 100_000)).toEqual({ fromEnd: true, skip: 0, limit: 10 });
    expect(pageFrom(60_000, 50, 100_000)).toEqual({ fromEnd: true, skip: 39_950, limit: 50 });
    expect(pageFrom(200, 50, 100)).toEqual({ fromEnd: true, skip: 0, limit: 0 });
    expect(pageFrom(0, 50, 0)).toEqual({ fromEnd: false, skip: 0, limit: 50 });
  });

  it("every page holds exactly the rows of the OFFSET query (property)", () =>
    runInDurableObject(env.TENANT.getByName("deep-pages"), (_i, state) => {
      migrate(state.storage, Date.now());
      const store = new SqlRecordStore(state.storage);
      let table = 0;
      fc.assert(
        fc.property(
          fc.array(rowArb, { minLength: 0, maxLength: 40 }),
          fc.option(fc.record({ fieldId: fc.constantFrom("name", "fee"), descending: fc.boolean() }), { nil: undefined }),
          fc.boolean(),
          fc.integer({ min: 0, max: 45 }),
          fc.integer({ min: 1, max: 12 }),
          (rows, sort, invalidOnly, offset, limit) => {
            const tableId = `t${table++}`;
            rows.forEach((row, i) => {
              const cells: Record<string, { text: string; value: string | number | null; invalid?: string }> = {};
              if (row.name !== undefined) cells.name = { text: row.name, value: row.name };
              if (row.fee === "TBD") cells.fee = { text: "TBD", value: null, invalid: "not a number" };
              else if (row.fee !== undefined) cells.fee = { text: String(row.fee), value: row.fee };
              store.insert({ id: `${tableId}-r${i}`, tableId, cells, createdAt: i }, TYPES);
              if (row.deleted) store.setDeleted(tableId, `${tableId}-r${i}`, 1);
            });
            const query: RecordQuery = { offset, limit, ...(sort ? { sort } : {}), ...(invalidOnly ? { invalidIn: "fee" } : {}) };
            const page = store.query(tableId, query);
            expect(page.records.map((r) => r.id)).toEqual(offsetQuery(state.storage.sql, tableId, query));
          },
        ),
        { numRuns: 150 },
      );
    }));
});
