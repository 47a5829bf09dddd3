// The differential test of issue 12: random tables (empty cells, values not understood,
// several currencies, dates and ranges, choices) and random views → the view run as SQL in
// the object's SQLite gives exactly what the plain in-memory evaluation gives: rows, order,
// groups with their counts, and summaries per currency — groups within groups to three
// levels, each level's groups with their own counts, starts and summaries. Every other view
// runs with the indexes a saved view gets (src/tenant-do/view-indexes.ts), so an index can
// only change how fast, never what; each group's sample is a cell of that group.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PageKey, rowElements } from "../../src/schema/paging";
import { cellSortKey, cellTypes, type StoredRecord } from "../../src/schema/records";
import type { SqlValue } from "../../src/schema/views/cell-sql";
import { evaluateView as evaluateIn, groupKeysOf } from "../../src/schema/views/evaluate";
import { widthsOfKey } from "../../src/schema/views/group-sql";
import { CASE_CONTEXT } from "../../src/schema/views/operator-cases";
import { type ResolvedView, resolveView, shapeOf } from "../../src/schema/views/query";
import { pathId, type ViewPage } from "../../src/schema/views/result";
import { runViewSql, type SqlRow } from "../../src/schema/views/sql";
import { viewIndexes } from "../../src/schema/views/sql-terms";
import { isEach } from "../../src/schema/views/group-kinds";
import { recordsArb, recordsOf, TABLE, viewArb } from "../../src/schema/views/view-arbitraries";
import { eachFieldsOf, keepEachFields } from "../../src/tenant-do/each-values";
import { migrate } from "../../src/tenant-do/migrations";
import { SqlRecordStore } from "../../src/tenant-do/sql-records";

/** Link cells naming this run's records (the generators name r001…). */
const withLinksIn = (cells: StoredRecord["cells"], tableId: string): StoredRecord["cells"] => {
  const pals = cells.pals;
  if (!pals || !Array.isArray(pals.value)) return cells;
  return { ...cells, pals: { ...pals, value: pals.value.map((id) => `${tableId}-${String(id)}`) } };
};

/** What a person sees of a page, samples aside (any record of a group may label it). */
const seen = (page: ViewPage) => ({
  total: page.total,
  matched: page.matched,
  shown: page.shown,
  rows: page.records.map((r) => [r.record.id, r.path, r.position]),
  groups: page.groups?.map(({ sample: _sample, ...g }) => g) ?? null,
  totals: page.totals,
});

/** A row's page key: its record and, at levels that put a record under each of its values,
 *  the values it lies under (../../src/schema/paging.ts: rowElements); null when one is
 *  no id an address carries (the turn goes by position). */
function rowKey(each: readonly boolean[], dir: "after" | "before", row: ViewPage["records"][number]): PageKey | null {
  const elements = rowElements(each, row.path);
  if (elements === null) return null;
  return { ...(dir === "after" ? { after: row.record.id } : { before: row.record.id }), ...(elements && { in: elements }) };
}

/** Turns every page of a view (a quarter of its `shown` rows each) by key: forwards from
 *  the first, each page after the last row of the one before, and backwards from the last.
 *  The rows seen each way, as `seen` gives them. */
function walkPages(view: ResolvedView, shown: number, collapsed: ReadonlySet<string>, run: (f: { sql: string; params: SqlValue[] }) => SqlRow[]) {
  const each = view.groups.map((g) => isEach(g.field.type, g.part));
  const size = Math.max(1, Math.ceil(shown / 4));
  const forwards: unknown[] = [];
  let key: PageKey | null = null;
  for (let at = 0; at < shown; ) {
    const page = runViewSql(view, { offset: at, limit: size, key }, run, collapsed);
    forwards.push(...seen(page).rows);
    if (page.records.length === 0) break;
    at += page.records.length;
    key = rowKey(each, "after", page.records.at(-1)!);
  }
  const backwards: unknown[] = [];
  key = null;
  for (let end = shown; end > 0; ) {
    const from = Math.max(0, end - size);
    const page = runViewSql(view, { offset: from, limit: end - from, key }, run, collapsed);
    backwards.unshift(...seen(page).rows);
    if (page.records.length === 0) break;
    end = from;
    key = rowKey(each, "before", page.records[0]!);
  }
  return { forwards, backwards };
}

describe("views: SQL equals the in-memory evaluation", () => {
  // A deadline, not a timing: 16 s alone, twice that with the machine loaded.
  it("for random tables and random views", { timeout: 180_000 }, () =>
    runInDurableObject(env.TENANT.getByName("view-differential"), (_instance, state) => {
      migrate(state.storage, Date.now());
      const store = new SqlRecordStore(state.storage);
      let seeks = 0; // pages read by key (not by position)
      let sideReads = 0;
      let readThrough = 0; // joined GROUP BYs read through a view's index
      const run = (f: { sql: string; params: SqlValue[] }): SqlRow[] => {
        if (f.sql.includes("AS k CROSS JOIN records")) seeks++;
        if (f.sql.includes("each_values")) sideReads++;
        if (f.sql.includes(" INDEXED BY ")) readThrough++;
        return state.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
      };
      let n = 0;
      // The generators must reach what matters, or the test proves little.
      let sidedRuns = 0; // runs that read the side table
      const reached = { filtered: 0, grouped: 0, nested: 0, folded: 0, currencies: 0, inactive: 0, twoMoney: 0, each: 0, ranges: 0, keyed: 0, keyedFolded: 0, byName: 0, walkedEach: 0 };
      fc.assert(
        fc.property(recordsArb, viewArb, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 50 }), fc.array(fc.nat(), { maxLength: 3 }), (records, view, offset, limit, folds) => {
          const tableId = `t${n++}`;
          // Friends link records of the same table, ordered by their names (first field).
          const table = { ...TABLE, id: tableId, fields: TABLE.fields.map((f) => (f.type === "link" ? { ...f, options: { ...(f.options as object), tableId } } : f)) };
          const mine = records.map((r) => ({ ...r, id: `${tableId}-${r.id}`, tableId, cells: withLinksIn(r.cells, tableId) }));
          // Half the runs keep the multiple choice's and the link's elements in the side table
          // (src/tenant-do/each-values.ts): filled from the records, or by its triggers.
          const nameField = (id: string) => (id === tableId ? "name" : undefined);
          const sided = n % 2 === 1 ? [{ tableId, fieldId: "also" }, { tableId, fieldId: "pals" }] : [];
          // Half the runs make the indexes a saved view gets: with the side table or without.
          const indexed = n % 4 < 2 ? viewIndexes(shapeOf({ ...view, tableId }, table, nameField), []) : [];
          if (n % 4 === 1) keepEachFields(state.storage, sided);
          for (const record of mine) store.insert(record, cellTypes(table));
          if (n % 4 !== 1) keepEachFields(state.storage, sided);
          const resolved = { ...resolveView({ ...view, tableId }, table, { ...CASE_CONTEXT, nameField }), kept: eachFieldsOf(state.storage, tableId), indexes: new Set(indexed.map((index) => index.name)) };
          const names = new Map(mine.map((r) => [r.id, cellSortKey(r.cells.name, "text")]));
          const evaluateView = (v: typeof resolved, rs: typeof mine, page: { offset: number; limit: number }, folded?: ReadonlySet<string>) => evaluateIn(v, rs, page, folded, names);
          // Some groups folded, as a person's page may have them.
          const all = evaluateView(resolved, mine, { offset: 0, limit: 0 }).groups ?? [];
          const collapsed = new Set(all.length === 0 ? [] : folds.map((i) => pathId(all[i % all.length]!.path)));
          const memory = evaluateView(resolved, mine, { offset, limit }, collapsed);
          for (const index of indexed) state.storage.sql.exec(`CREATE INDEX IF NOT EXISTS "${index.name}" ${index.sql}`);
          const sql = runViewSql(resolved, { offset, limit }, run, collapsed);
          // A page turn's key: the page after the record before it, and before the record
          // after it, holds the rows of the page by position (../paging.ts: keysetQuery).
          // With groups folded too: the seeks leave their records out.
          const open = memory;
          const before = offset > 0 ? evaluateView(resolved, mine, { offset: offset - 1, limit: 1 }, collapsed).records[0] : undefined;
          const after = evaluateView(resolved, mine, { offset: offset + limit, limit: 1 }, collapsed).records[0];
          const seeksBefore = seeks;
          if (sideReads > 0 && memory.total > 0) sidedRuns++;
          sideReads = 0;
          const each = resolved.groups.map((g) => isEach(g.field.type, g.part));
          const keyOf = (dir: "after" | "before", row: ViewPage["records"][number]) => rowKey(each, dir, row);
          const keyed = [
            ...(before ? [runViewSql(resolved, { offset, limit, key: keyOf("after", before) }, run, collapsed)] : []),
            ...(after ? [runViewSql(resolved, { offset, limit, key: keyOf("before", after) }, run, collapsed)] : []),
          ];
          // And a short page just past the first shown record, as Next from a page of one.
          const short = evaluateView(resolved, mine, { offset: 1, limit: 2 }, collapsed);
          const firstShown = evaluateView(resolved, mine, { offset: 0, limit: 1 }, collapsed).records[0];
          const seeksShort = seeks;
          const shortKeyed = firstShown && collapsed.size > 0 ? runViewSql(resolved, { offset: 1, limit: 2, key: keyOf("after", firstShown) }, run, collapsed) : null;
          if (seeks > seeksShort && short.records.length > 0 && short.shown < short.total) reached.keyedFolded++;
          expect(seen(sql)).toEqual(seen(memory));
          for (const page of keyed) expect(seen(page)).toEqual(seen(open));
          if (shortKeyed) expect(seen(shortKeyed)).toEqual(seen(short));
          // Turning every page by key gives every shown row once, in order, where a record
          // lies under several groups.
          if (memory.shown > 1 && each.some(Boolean)) {
            const seeksWalk = seeks;
            const walked = walkPages(resolved, memory.shown, collapsed, run);
            const whole = seen(evaluateView(resolved, mine, { offset: 0, limit: memory.shown }, collapsed)).rows;
            expect(walked.forwards).toEqual(whole);
            expect(walked.backwards).toEqual(whole);
            // Pages 2 to 4 each way were read by seeks (a key with values not ids: by position).
            if (seeks - seeksWalk >= 4 && memory.total > memory.matched) reached.walkedEach++;
          }
          for (const index of indexed) state.storage.sql.exec(`DROP INDEX "${index.name}"`);
          if (seeks > seeksBefore && open.records.length > 0 && (open.groups?.length ?? 0) > 1) reached.keyed++;
          for (const group of sql.groups ?? []) {
            const level = resolved.groups[group.level]!;
            // A range's width is in its key; a record under each of its values has this one.
            if (group.kind === 0) expect(groupKeysOf(group.sample ?? undefined, { ...level, widths: widthsOfKey(group.key) })).toContainEqual({ kind: group.kind, key: group.key });
            else expect(group.sample).toBeNull();
          }
          if (resolved.filters.length > 0 && memory.total > 0 && memory.total < records.length) reached.filtered++;
          if ((memory.groups?.length ?? 0) > 2) reached.grouped++;
          if ((memory.groups ?? []).some((g) => g.level === 2) && (memory.groups?.length ?? 0) > 4) reached.nested++;
          if (memory.shown < memory.total && memory.records.length > 0) reached.folded++;
          if (memory.totals.some((s) => s.values.length > 1)) reached.currencies++;
          if (resolved.inactive.length > 0) reached.inactive++;
          if (memory.totals.some((s) => s.fieldId === "fee" && s.values.length > 0) && memory.totals.some((s) => s.fieldId === "gift" && s.values.length > 0) && memory.groups !== null) reached.twoMoney++;
          // A record under several groups (multiple choice, link); numbers in ranges.
          if (memory.total > memory.matched && (memory.groups?.length ?? 0) > 2) reached.each++;
          // Links by name: grouped by Friends with two or more linked records, or sorted by it.
          if ((resolved.groups.some((g) => g.names) && (memory.groups ?? []).filter((g) => g.kind === 0 && resolved.groups[g.level]?.names).length > 1) || (resolved.sorts.some((s) => s.names) && memory.records.length > 2)) reached.byName++;
          if (resolved.groups.some((g) => g.part?.startsWith("range")) && (memory.groups?.filter((g) => g.kind === 0).length ?? 0) > 2) reached.ranges++;
        }),
        { numRuns: 400 },
      );
      expect(reached).toEqual({ filtered: expect.any(Number), grouped: expect.any(Number), nested: expect.any(Number), folded: expect.any(Number), currencies: expect.any(Number), inactive: expect.any(Number), twoMoney: expect.any(Number), each: expect.any(Number), ranges: expect.any(Number), keyed: expect.any(Number), keyedFolded: expect.any(Number), byName: expect.any(Number), walkedEach: expect.any(Number) });
      expect(sidedRuns).toBeGreaterThan(20);
      expect(readThrough).toBeGreaterThan(10);
      expect([reached, Math.min(...Object.values(reached)) >= 10]).toEqual([reached, true]);
    }));

  // Many groups folded: a page's seeks once left out at most 12 (two bound values a level
  // each) and read by position past that; now any number, in one bound list.
  it("turns every page by key with more than 12 groups folded: no row skipped or repeated", { timeout: 120_000 }, () =>
    runInDurableObject(env.TENANT.getByName("view-differential-folded"), (_instance, state) => {
      migrate(state.storage, Date.now());
      const store = new SqlRecordStore(state.storage);
      let seeks = 0;
      const run = (f: { sql: string; params: SqlValue[] }): SqlRow[] => {
        if (f.sql.includes("AS k CROSS JOIN records")) seeks++;
        return state.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
      };
      let n = 0;
      let walked = 0;
      let walkedEach = 0;
      fc.assert(
        // Grouped by a field of many values, then (or not) by one that puts a record under
        // each of its values; every outer group folded but one to three.
        fc.property(recordsOf({ minLength: 25, maxLength: 40 }), viewArb, fc.constantFrom("num", "name", "gift"), fc.constantFrom(null, "also", "pals"), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (records, base, outer, inner, open) => {
          const tableId = `f${n++}`;
          const table = { ...TABLE, id: tableId, fields: TABLE.fields.map((f) => (f.type === "link" ? { ...f, options: { ...(f.options as object), tableId } } : f)) };
          const mine = records.map((r) => ({ ...r, id: `${tableId}-${r.id}`, tableId, cells: withLinksIn(r.cells, tableId) }));
          const nameField = (id: string) => (id === tableId ? "name" : undefined);
          keepEachFields(state.storage, n % 2 === 1 ? [{ tableId, fieldId: "also" }, { tableId, fieldId: "pals" }] : []);
          for (const record of mine) store.insert(record, cellTypes(table));
          const view = { ...base, tableId, filters: [], search: "", group: { fieldId: outer, part: null }, subgroups: inner ? [{ fieldId: inner, part: null }] : [] };
          const resolved = { ...resolveView(view, table, { ...CASE_CONTEXT, nameField }), kept: eachFieldsOf(state.storage, tableId) };
          const names = new Map(mine.map((r) => [r.id, cellSortKey(r.cells.name, "text")]));
          const top = (evaluateIn(resolved, mine, { offset: 0, limit: 0 }, new Set(), names).groups ?? []).filter((g) => g.level === 0);
          const keep = new Set(open.map((i) => i % top.length));
          const collapsed = new Set(top.filter((_, i) => !keep.has(i)).map((g) => pathId(g.path)));
          const whole = evaluateIn(resolved, mine, { offset: 0, limit: mine.length * 3 }, collapsed, names);
          if (whole.shown < 2) return;
          const before = seeks;
          const w = walkPages(resolved, whole.shown, collapsed, run);
          expect(w.forwards).toEqual(seen(whole).rows);
          expect(w.backwards).toEqual(seen(whole).rows);
          if (collapsed.size > 12 && seeks - before >= 4) {
            walked++;
            if (inner !== null && whole.total > whole.matched) walkedEach++;
          }
        }),
        { numRuns: 60 },
      );
      // The generators must reach it: many groups folded, pages read by seeks.
      expect([walked > 20, walkedEach > 5]).toEqual([true, true]);
    }));
});
