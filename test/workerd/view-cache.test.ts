// Live edits without a full re-query when avoidable (src/tenant-do/view-cache.ts): a cell
// edit to a field a grouped view does not depend on answers its next render from the kept
// page with that row read again; an edit to a field it groups or sums by adjusts its kept
// tallies by that record (src/schema/views/live-tallies.ts); a new record or a view change
// runs it afresh. Whatever the path, the page equals the view run afresh.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { findTable, liveFields } from "../../src/schema/model";
import { resolveView } from "../../src/schema/views/query";
import type { ViewPage } from "../../src/schema/views/result";
import { runViewSql, type SqlRow } from "../../src/schema/views/sql";
import { defaultView, type ViewDefinition } from "../../src/schema/views/view";
import { viewCacheOf } from "../../src/tenant-do/view-cache";
import { sampleDatabase, tenantOf } from "./helpers";

const seen = (page: ViewPage) => ({ total: page.total, rows: page.records.map((r) => [r.record.id, r.record.cells, r.position]), groups: page.groups?.map((g) => [g.key, g.count, g.matched, g.summaries, g.sample?.text]), totals: page.totals });

describe("a view's kept page", () => {
  it("holds through an edit elsewhere, follows an edit that moves a record or a sum, and is run afresh for a new record", { timeout: 60_000 }, async () => {
    await sampleDatabase("view-cache");
    await runInDurableObject(env.TENANT.getByName("view-cache"), (instance) => {
      const tenant = tenantOf(instance);
      const owner = tenant.accounts.members()[0]!;
      const table = tenant.schema.tables.find((t) => t.name === "Musicians")!;
      const field = (name: string) => liveFields(table).find((f) => f.name === name)!.id;
      const view: ViewDefinition = { ...defaultView(table), group: { fieldId: field("Instrument"), part: null }, summaries: [{ fieldId: field("Fee"), kind: "sum" }] };
      const cache = viewCacheOf(tenant.storage);
      const fresh = () => {
        const current = findTable(tenant.schema, table.id)!;
        const run = (f: { sql: string; params: (string | number | null)[] }) => tenant.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
        return runViewSql(resolveView(view, current, tenant.document(owner).context), { offset: 0, limit: 50 }, run);
      };
      const render = () => tenant.appFor(owner).runView(view, { offset: 0, limit: 50 });
      const set = (recordId: string, fieldId: string, text: string) => expect(tenant.applyAction(owner, { kind: "setCell", tableId: table.id, recordId, fieldId, text }).ok).toBe(true);

      const first = render();
      const hits = cache.hits;
      const shown = first.records[3]!.record;
      // A name is neither grouped nor summed: the kept page, that row read again.
      set(shown.id, field("Name"), "Zelda Kept");
      const second = render();
      expect(cache.hits).toBe(hits + 1);
      expect(second.records[3]!.record.cells[field("Name")]?.text).toBe("Zelda Kept");
      expect(seen(second)).toEqual(seen(fresh()));

      // The instrument moves the record to another group: the kept tallies adjusted by it
      // (no GROUP BY over the table), counts follow.
      const groupOf = (page: ViewPage, key: unknown) => page.groups!.find((g) => g.key === key)?.matched ?? 0;
      const before = shown.cells[field("Instrument")]?.value ?? null;
      const other = second.groups!.find((g) => g.kind === 0 && g.key !== before)!;
      const adjusted = cache.adjusted;
      set(shown.id, field("Instrument"), other.sample!.text);
      const third = render();
      expect([cache.hits, cache.adjusted]).toEqual([hits + 2, adjusted + 1]);
      expect(groupOf(third, other.key)).toBe(other.matched + 1);
      expect(seen(third)).toEqual(seen(fresh()));

      // A fee is summed: its group's sum and the total adjusted; undone, back as it was.
      set(shown.id, field("Fee"), "$123,456");
      const fourth = render();
      expect([cache.hits, cache.adjusted]).toEqual([hits + 3, adjusted + 2]);
      expect(seen(fourth)).toEqual(seen(fresh()));
      expect(tenant.undo(owner).ok).toBe(true);
      expect(seen(render())).toEqual(seen(third));
      expect(cache.adjusted).toBe(adjusted + 3);
      // A new record: afresh.
      expect(tenant.applyAction(owner, { kind: "addRecord", tableId: table.id, recordId: "newrec01", at: Date.now(), cells: {} }).ok).toBe(true);
      expect(render().total).toBe(third.total + 1);
      expect(cache.hits).toBe(hits + 4);
      // Nothing changed: the kept page.
      render();
      expect(cache.hits).toBe(hits + 5);
    });
  });
});
