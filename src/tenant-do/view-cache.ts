// The last pages of views rendered, kept in memory so that a change that cannot alter them
// does not re-run their SQL (issue 12, 'live … without a full re-query when avoidable'). A
// cell edit to a field the view neither filters, searches, sorts, groups nor summarises
// leaves every group, count, sum and position as it was: the kept page holds, with the
// edited records read again (one row each). A cell edit to a field it does depend on adjusts
// the kept tallies by the records' rows before and after (../schema/views/live-tallies.ts,
// which says when that cannot be exact), and the page's rows and labels are read again by
// their keys. Anything else — records added or deleted, a field rewritten, another table when the view depends on links
// or computed fields, a schema change, a minute gone by (filters relative to today) — runs
// the view afresh. Kept per storage (objects of one isolate never share it), a few pages.
// The records themselves are never held beyond the one page shown.

import { liveFields, type Schema, type Table } from "../schema/model";
import type { StoredRecord } from "../schema/records";
import type { RowEdit, StoredRow } from "../schema/views/live-tallies";
import type { ViewPage } from "../schema/views/result";
import type { ViewTallies } from "../schema/views/sql";
import { conditionsOf, groupingsOf, type ViewDefinition, visibleFields } from "../schema/views/view";
import { journalOf } from "./record-journal";
import { storedRow } from "./sql-records";
import type { Storage } from "./sql";

/** Pages kept per object; the oldest goes first. */
const KEEP = 24;
/** A kept page is run afresh after this long, whatever changed (relative dates move). */
const FRESH_MS = 60_000;

/** Most records edited since a page was kept that it adjusts its tallies by (two one-row
 *  queries each); past it, the view runs afresh. */
const MAX_ADJUSTED = 32;

type Entry<P extends ViewPage> = { schema: Schema; version: number; at: number; page: P; tallies: ViewTallies | null };

/** How the caller runs a view: afresh (its page and, when they can be adjusted, its tallies),
 *  a record read again, and a page from kept tallies adjusted by edited records (null when
 *  that cannot be done exactly: ../schema/views/live-tallies.ts). */
export interface ViewSource<P extends ViewPage> {
  fresh(): { page: P; tallies: ViewTallies | null };
  reread(recordId: string): StoredRecord | undefined;
  adjust(tallies: ViewTallies, edits: RowEdit[]): { page: P; tallies: ViewTallies } | null;
}

/** The fields whose values decide what a view shows where (all but the cells shown). */
export function viewDependsOn(view: ViewDefinition, table: Table): Set<string> {
  const ids = new Set<string>([...conditionsOf(view.filters).map((c) => c.fieldId), ...view.sorts.map((s) => s.fieldId), ...groupingsOf(view).map((g) => g.fieldId), ...view.summaries.map((s) => s.fieldId)]);
  if (view.search.trim() !== "") for (const f of visibleFields(table, view)) ids.add(f.id);
  // Links are ordered by the linked records' names: a link to this table's own records
  // depends on its name field (links to other tables: any change there runs it afresh).
  const name = liveFields(table)[0]?.id;
  if (name && table.fields.some((f) => ids.has(f.id) && f.type === "link" && (f.options as { tableId?: unknown }).tableId === table.id)) ids.add(name);
  return ids;
}

export class ViewCache {
  private readonly pages = new Map<string, Entry<ViewPage>>();
  /** How many renders were answered from a kept page (tests read it). */
  hits = 0;
  /** How many of those adjusted the kept tallies by edited records (tests read it). */
  adjusted = 0;

  constructor(private readonly storage: Storage) {}

  /** The page `id` names: kept, if nothing since could have changed it (its edited records
   *  read again), or adjusted by the records edited since; else `fresh()`'s, kept for next time. */
  page<P extends ViewPage>(o: { id: string; schema: Schema; view: ViewDefinition; table: Table; now: number }, source: ViewSource<P>): P {
    const journal = journalOf(this.storage);
    const kept = this.pages.get(o.id) as Entry<P> | undefined;
    const reused = kept && this.still(kept, o, source);
    if (reused) {
      this.hits++;
      this.keep(o.id, { ...kept, version: journal.version, ...reused });
      return reused.page;
    }
    const version = journal.version;
    const { page, tallies } = source.fresh();
    if (tallies) journal.keepsRows.add(o.table.id);
    this.keep(o.id, { schema: o.schema, version, at: o.now, page, tallies });
    return page;
  }

  /** The kept page with its edited records read again (or its tallies adjusted by them), or
   *  null when it may not hold. */
  private still<P extends ViewPage>(kept: Entry<P>, o: { schema: Schema; view: ViewDefinition; table: Table; now: number }, source: ViewSource<P>): { page: P; tallies: ViewTallies | null } | null {
    if (kept.schema !== o.schema || o.now - kept.at > FRESH_MS || o.now < kept.at) return null;
    const changes = journalOf(this.storage).since(kept.version);
    if (changes === "all") return null;
    if (changes.length === 0) return kept;
    const depends = viewDependsOn(o.view, o.table);
    const viaLinks = o.table.fields.some((f) => depends.has(f.id) && (f.type === "link" || f.derived !== undefined));
    const edited = new Set<string>();
    // Records edited in a field the view depends on: each with its row before the first edit.
    const moved = new Map<string, StoredRow | undefined>();
    for (const c of changes) {
      if (c.tableId !== o.table.id) {
        if (viaLinks || c.tableId === null) return null;
        continue;
      }
      if (c.recordId === null || c.fields === null) return null;
      if (c.fields.some((f) => depends.has(f)) && !moved.has(c.recordId)) moved.set(c.recordId, changes.find((e) => e.recordId === c.recordId && e.tableId === c.tableId)?.before);
      edited.add(c.recordId);
    }
    if (moved.size > 0) {
      if (!kept.tallies || moved.size > MAX_ADJUSTED || [...moved.values()].some((row) => row === undefined)) return null;
      const edits = [...moved].map(([id, before]) => ({ before: before ?? null, after: storedRow(this.storage, o.table.id, id) ?? null }));
      const adjusted = source.adjust(kept.tallies, edits);
      if (adjusted) this.adjusted++;
      return adjusted;
    }
    const records: P["records"] = [];
    for (const row of kept.page.records) {
      if (!edited.has(row.record.id)) {
        records.push(row);
        continue;
      }
      const record = source.reread(row.record.id);
      if (!record || record.deletedAt !== undefined) return null;
      records.push({ ...row, record });
    }
    return { page: { ...kept.page, records }, tallies: kept.tallies };
  }

  /** Forgets every kept page (the bench measures the views' SQL itself). */
  clear(): void {
    this.pages.clear();
  }

  private keep(id: string, entry: Entry<ViewPage>): void {
    this.pages.delete(id);
    this.pages.set(id, entry);
    if (this.pages.size > KEEP) this.pages.delete(this.pages.keys().next().value!);
  }
}

const caches = new WeakMap<Storage, ViewCache>();

/** The kept view pages of one object. */
export function viewCacheOf(storage: Storage): ViewCache {
  let cache = caches.get(storage);
  if (!cache) {
    cache = new ViewCache(storage);
    caches.set(storage, cache);
  }
  return cache;
}
