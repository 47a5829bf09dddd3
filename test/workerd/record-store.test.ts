import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, it } from "vitest";
import { recordStoreCases } from "../../src/schema/record-store-cases";
import { migrate } from "../../src/tenant-do/migrations";
import { SqlRecordStore } from "../../src/tenant-do/sql-records";

describe("SqlRecordStore (the same cases as the memory store)", () => {
  recordStoreCases.forEach((c, i) => {
    it(c.name, () =>
      runInDurableObject(env.TENANT.getByName(`record-store-${i}`), (_instance, state) => {
        migrate(state.storage, Date.now());
        c.run(new SqlRecordStore(state.storage));
      }));
  });
});
