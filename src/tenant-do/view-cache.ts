// The last pages of views rendered, kept in memory so that a change that cannot alter them
// does not re-run their SQL (issue 12, 'live … without a full re-query when avoidable'). A
// cell edit to a field the view neither filters, searches, sorts, groups nor summarises
// leaves every group, count, sum and position as it was: the kept page holds, with the
// edited records read again (one row each). Anything else — a field the view depends on,
// records added or deleted, a field rewritten, another table when the view depends on links
// or computed fields, a schema change, a minute gone by (filters relative to today) — runs
// the view afresh. Kept per storage (objects of one isolate never share it), a few pages.
// The records themselves are never held beyond the one page shown.

import { liveFields, type Schema, type Table } from "../schema/model";
import type { StoredRecord } from "../schema/records";
import type { ViewPage } from "../schema/views/result";
import { conditionsOf, groupingsOf, type ViewDefinition, visibleFields } from "../schema/views/view";
import { journalOf } from "./record-journal";
import type { Storage } from "./sql";

/** Pages kept per object; the oldest goes first. */
const KEEP = 24;
/** A kept page is run afresh after this long, whatever changed (relative dates move). */
const FRESH_MS = 60_000;

type Entry<P extends ViewPage> = { schema: Schema; version: number; at: number; page: P };

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

  constructor(private readonly storage: Storage) {}

  /** The page `id` names: kept, if nothing since could have changed it (its edited records
   *  read again by `reread`), else `fresh()`'s, kept for next time. */
  page<P extends ViewPage>(o: { id: string; schema: Schema; view: ViewDefinition; table: Table; now: number }, fresh: () => P, reread: (recordId: string) => StoredRecord | undefined): P {
    const journal = journalOf(this.storage);
    const kept = this.pages.get(o.id) as Entry<P> | undefined;
    const reused = kept && this.still(kept, o, reread);
    if (reused) {
      this.hits++;
      this.keep(o.id, { ...kept, version: journal.version, page: reused });
      return reused;
    }
    const version = journal.version;
    const page = fresh();
    this.keep(o.id, { schema: o.schema, version, at: o.now, page });
    return page;
  }

  /** The kept page with its edited records read again, or null when it may not hold. */
  private still<P extends ViewPage>(kept: Entry<P>, o: { schema: Schema; view: ViewDefinition; table: Table; now: number }, reread: (recordId: string) => StoredRecord | undefined): P | null {
    if (kept.schema !== o.schema || o.now - kept.at > FRESH_MS || o.now < kept.at) return null;
    const changes = journalOf(this.storage).since(kept.version);
    if (changes === "all") return null;
    if (changes.length === 0) return kept.page;
    const depends = viewDependsOn(o.view, o.table);
    const viaLinks = o.table.fields.some((f) => depends.has(f.id) && (f.type === "link" || f.derived !== undefined));
    const edited = new Set<string>();
    for (const c of changes) {
      if (c.tableId !== o.table.id) {
        if (viaLinks || c.tableId === null) return null;
        continue;
      }
      if (c.recordId === null || c.fields === null || c.fields.some((f) => depends.has(f))) return null;
      edited.add(c.recordId);
    }
    const records: P["records"] = [];
    for (const row of kept.page.records) {
      if (!edited.has(row.record.id)) {
        records.push(row);
        continue;
      }
      const record = reread(row.record.id);
      if (!record || record.deletedAt !== undefined) return null;
      records.push({ ...row, record });
    }
    return { ...kept.page, records };
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
