// The operator conformance cases (src/schema/views/operator-cases.ts) as SQL in the object's
// SQLite: every operator's SQL picks exactly the cells its in-memory test picks.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { cellSql } from "../../src/schema/views/cell-sql";
import { CASE_CONTEXT, caseCell, caseField, operatorCases } from "../../src/schema/views/operator-cases";
import { operators } from "../../src/schema/views/operators";
import { migrate } from "../../src/tenant-do/migrations";
import { SqlRecordStore } from "../../src/tenant-do/sql-records";

describe("filter operators in SQLite (the same cases as in memory)", () => {
  it("every operator's SQL matches its cases", () =>
    runInDurableObject(env.TENANT.getByName("view-operators"), (_instance, state) => {
      migrate(state.storage, Date.now());
      const store = new SqlRecordStore(state.storage);
      let n = 0;
      for (const op of operators.values()) {
        for (const c of operatorCases.get(op.name) ?? []) {
          const tableId = `t${n++}`;
          const texts = [...c.yes, ...c.no];
          texts.forEach((text, i) => {
            const cell = caseCell(c.type, text);
            store.insert({ id: `${tableId}-${i}`, tableId, createdAt: i, cells: cell ? { f1: cell } : {} }, { f1: c.type });
          });
          const prepared = op.prepare(c.args, caseField(c.type), CASE_CONTEXT);
          if (!prepared.ok) throw new Error(prepared.reason);
          const where = op.sql(prepared.value, cellSql("f1"));
          const rows = state.storage.sql.exec<{ id: string }>(`SELECT id FROM records WHERE table_id = ? AND (${where.sql}) ORDER BY seq`, tableId, ...where.params).toArray();
          const picked = rows.map((row) => texts[Number(row.id.split("-")[1])]);
          expect([op.name, c.args, picked]).toEqual([op.name, c.args, c.yes]);
        }
      }
    }));
});
