// The rows of a view's page (./sql.ts runs its groups and summaries): the WHERE clause of its
// filters and search, and its rows read a page at a time — after (or before) the record a
// page turn names, by seeks in the view's order (./keyed-rows.ts); without one,
// inside a few groups, each group found by its keys; else LIMIT/OFFSET from the nearer end of
// the view's order. Field ids reach SQL text only through `cellSql` (checked by `sqlId`);
// every typed value is a bound parameter.

import { pageFrom } from "../paging";
import type { StoredRecord } from "../records";
import type { StoredCell } from "../values";
import { cellSql, type Fragment, type SqlValue } from "./cell-sql";
import { groupColumns, groupSql } from "./group-sql";
import type { ResolvedView } from "./query";
import type { GroupKey } from "./result";
import { orderTerms, sortTerms } from "./sql-terms";
import type { Tally } from "./tally";

export type SqlRow = Record<string, SqlValue>;
/** Runs one statement and returns its rows. */
export type SqlRunner = (fragment: Fragment) => SqlRow[];

/** The view's filters and search as a WHERE clause over `records`. */
export function where(view: ResolvedView): Fragment {
  const parts = ["records.table_id = ?", "records.deleted_at IS NULL"];
  const params: SqlValue[] = [view.tableId];
  for (const any of view.filters) {
    const ors = any.map((c) => c.op.sql(c.prepared, cellSql(c.field.id, "records", view.kept?.has(c.field.id))));
    parts.push(`(${ors.map((f) => `(${f.sql})`).join(" OR ")})`);
    for (const f of ors) params.push(...f.params);
  }
  if (view.search !== "") {
    parts.push("EXISTS (SELECT 1 FROM json_each(records.cells) AS s WHERE s.key IN (SELECT value FROM json_each(?)) AND instr(lower(json_extract(s.value, '$.text')), ?) > 0)");
    params.push(JSON.stringify(view.fields.map((f) => f.id)), view.search);
  }
  return { sql: parts.join(" AND "), params };
}

/** A page of rows. With the view's `total`, a page past the middle is read backwards from
 *  the end (../paging.ts): the caller reverses the rows (`fromEnd`). */
export function rowsQuery(view: ResolvedView, page: { offset: number; limit: number }, total?: number): Fragment & { fromEnd: boolean } {
  const w = where(view);
  const at = total === undefined ? { fromEnd: false, skip: page.offset, limit: page.limit } : pageFrom(page.offset, page.limit, total);
  const order = orderTerms(view).map((t) => `${t.sql} ${t.descending !== at.fromEnd ? "DESC" : "ASC"}`);
  const g = groupColumns(view);
  return {
    sql: `SELECT records.id, records.table_id, records.created_at, records.cells${g.select.map((c) => `, ${c}`).join("")} FROM ${g.from} WHERE ${w.sql} ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`,
    params: [...w.params, at.limit, at.skip],
    fromEnd: at.fromEnd,
  };
}

/** Rows of one innermost group (`path`), from its own row `at.skip` in the view's sorts and
 *  creation order (backwards when `at.fromEnd`): the group is found by equality on its keys
 *  in the view's order index, so a page deep inside a big table but inside a group costs
 *  what a first page does — paging by the group's key, not by OFFSET over the groups before. */
export function groupRowsQuery(view: ResolvedView, path: readonly GroupKey[], at: { fromEnd: boolean; skip: number; limit: number }): Fragment {
  const w = where(view);
  const levels = groupSql(view);
  const keys = levels.slice(0, path.length).flatMap((l) => [`${l.kind} = ?`, `ifnull(${l.key}, '') = ?`]);
  const order = sortTerms(view).map((t) => `${t.sql} ${t.descending !== at.fromEnd ? "DESC" : "ASC"}`);
  const g = groupColumns(view);
  return {
    sql: `SELECT records.id, records.table_id, records.created_at, records.cells${g.select.map((c) => `, ${c}`).join("")} FROM ${g.from} WHERE ${w.sql} AND ${keys.join(" AND ")} ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`,
    params: [...w.params, ...path.flatMap((g) => [g.kind, g.key ?? ""]), at.limit, at.skip],
  };
}


export function decodeRecord(row: SqlRow): StoredRecord {
  const stored = JSON.parse(String(row.cells)) as { [fieldId: string]: StoredCell & { k?: unknown } };
  const cells: StoredRecord["cells"] = {};
  for (const [fieldId, { k: _k, ...cell }] of Object.entries(stored)) cells[fieldId] = cell;
  return { id: String(row.id), tableId: String(row.table_id), createdAt: Number(row.created_at), cells };
}


/** The most innermost groups a run is read from group by group, each by its keys. */
const GROUPS_PER_RUN = 3;

/** The rows [offset, offset + limit) of the view's order: within the few innermost groups
 *  they lie in, each found by its keys and read from its nearer end; else in one query from
 *  the nearer end of the whole order (../paging.ts). */
export function readRun(view: ResolvedView, part: { offset: number; limit: number }, total: number, inner: readonly Tally[], run: SqlRunner): SqlRow[] {
  const end = Math.min(total, part.offset + part.limit);
  if (part.limit <= 0 || part.offset >= end) return [];
  if (view.groups.length > 0) {
    const spans: { tally: Tally; start: number }[] = [];
    let start = 0;
    for (const tally of inner) {
      if (start >= end || spans.length > GROUPS_PER_RUN) break;
      if (start + tally.count > part.offset) spans.push({ tally, start });
      start += tally.count;
    }
    if (spans.length <= GROUPS_PER_RUN) {
      return spans.flatMap(({ tally, start }) => {
        const from = Math.max(part.offset, start) - start;
        const at = pageFrom(from, Math.min(end, start + tally.count) - start - from, tally.count);
        const found = run(groupRowsQuery(view, tally.path, at));
        return at.fromEnd ? found.reverse() : found;
      });
    }
  }
  const rows = rowsQuery(view, part, total);
  const found = run(rows);
  return rows.fromEnd ? found.reverse() : found;
}
