// A view's tallies (./sql.ts: `ViewTallies`) adjusted in place by cell edits, so an open
// grouped view follows an edit without its GROUP BY over the whole table (issue 12, 'live …
// without a full re-query when avoidable'). For each edited record the view's own aggregate
// SQL runs over that one record as it was before the edits and as it is now (a CTE named
// `records` holding the one stored row shadows the table: the same filters, search, group
// keys and summed expressions, so the record lands in exactly the groups a re-query puts it
// in), and the difference is applied to the kept tallies: counts, filled and not-understood
// cells, each currency's count and sum; min, max, earliest and latest only while they stay
// exact (a value added; a value removed that was not the extreme), and a group's first
// record (its label; when it leaves, found again by a seek in the group's keys). Otherwise — and for whatever a delta cannot
// give exactly — `adjustTallies` answers null and the caller runs the view afresh:
//  - an extreme (min, max, earliest, latest) removed from a group that keeps records (a
//    record that lands in a group the view did not have is placed among the groups by
//    SQLite, in the GROUP BY's order);
//  - automatic range widths (found from the spread of the data), levels that put a record
//    under each of its values (their outer levels are tallied apart), links (their names are
//    other records), a "percent of total" of a filtered view (its base is the whole table);
//  - sums and averages of plain numbers: SQLite's SUM adds in its own order, and a kept float
//    sum less one value and plus another need not be the same double (money is: ./result.ts
//    `sumOf` reads money in whole minor units, and a sum adjusted here is accepted only while
//    it lies within a thousandth of a minor unit of a whole one, so the re-query's sum, which
//    lies within rounding error of the same exact total, reads the same).
// Pure: the caller runs the SQL and reads the stored rows.

import { currencyByCode } from "../fields/currencies";
import { isNumeric, rangePart } from "./group-kinds";
import { groupSql } from "./group-sql";
import type { ResolvedView } from "./query";
import { type GroupKey, pathId } from "./result";
import { innermost, type SqlRunner, type ViewTallies, where } from "./sql";
import { summarised } from "./sql-terms";
import { addTally, emptyTally, type Tally } from "./tally";

/** A row of `records` as stored: all a view's SQL reads of a record. */
export type StoredRow = { rowid: number; id: string; table_id: string; seq: number; created_at: number; deleted_at: number | null; cells: string };

/** One edited record: its stored row before the edits since the tallies were kept, and now
 *  (null: there was none, or there is none). */
export type RowEdit = { before: StoredRow | null; after: StoredRow | null };

/** Why a view's tallies cannot be adjusted in place; null when they can. */
export function whyNotAdjustable(view: ResolvedView): string | null {
  if (view.groups.some((g) => rangePart(g.part)?.auto)) return "automatic range widths follow the data";
  if (groupSql(view).some((g) => g.each)) return "a level puts a record under each of its values";
  const fields = [...view.filters.flat().map((c) => c.field), ...view.groups.map((g) => g.field), ...view.summaries.map((s) => s.field)];
  if (fields.some((f) => f.type === "link" || f.derived !== undefined)) return "links and computed fields read other records";
  if (view.summaries.some((s) => s.kind === "percent") && (view.filters.length > 0 || view.search !== "")) return "a filtered view's percent is of the whole table";
  const inexact = view.summaries.find((s) => (s.kind === "sum" || s.kind === "average" || s.kind === "percent") && isNumeric(s.field.type) && s.field.type !== "money");
  if (inexact) return "sums of plain numbers are not kept exact";
  return null;
}

/** What decides which records a view keeps and where (the conditions' values as read now:
 *  "in the next 14 days" reads other dates tomorrow). */
const fingerprint = (v: ResolvedView): string =>
  JSON.stringify([v.tableId, v.filters.map((any) => any.map((c) => [c.field.id, c.op.name, c.prepared])), v.search, v.groups.map((g) => [g.field.id, g.part]), v.summaries.map((s) => [s.field.id, s.kind])]);

/** The view's SQL over one stored row instead of the table (no side table, no index). */
const overRow = (row: StoredRow, run: SqlRunner): SqlRunner => (f) =>
  run({ sql: `WITH records(rowid, id, table_id, seq, created_at, deleted_at, cells) AS (VALUES (?, ?, ?, ?, ?, ?, ?)) ${f.sql}`, params: [row.rowid, row.id, row.table_id, row.seq, row.created_at, row.deleted_at, row.cells, ...f.params] });

const copy = (t: Tally): Tally => ({
  path: t.path,
  count: t.count,
  sampleRow: t.sampleRow,
  byField: new Map([...t.byField].map(([id, a]) => [id, { ...a, numbers: new Map([...a.numbers].map(([c, s]) => [c, { ...s }])) }])),
});

/** Takes one record's contribution `c` out of `t`; false when what is left is not known.
 *  Its first record taken out, the group joins `relabel`. */
function subtract(t: Tally, c: Tally, relabel: Set<Tally>): boolean {
  t.count -= c.count;
  if (t.count < 0) return false;
  if (t.count === 0) {
    // An emptied group: nothing left to know (it goes, unless a record comes back to it).
    const fresh = emptyTally(t.path, [...t.byField.keys()]);
    t.sampleRow = fresh.sampleRow;
    t.byField = fresh.byField;
    return true;
  }
  if (Number.isFinite(c.sampleRow) && c.sampleRow <= t.sampleRow) relabel.add(t);
  for (const [id, a] of c.byField) {
    const at = t.byField.get(id)!;
    at.filled -= a.filled;
    at.invalid -= a.invalid;
    if ((a.first !== undefined && at.first !== undefined && a.first <= at.first) || (a.last !== undefined && at.last !== undefined && a.last >= at.last)) return false;
    for (const [currency, s] of a.numbers) {
      const own = at.numbers.get(currency);
      if (!own) return false;
      own.n -= s.n;
      if (own.n === 0) {
        at.numbers.delete(currency);
        continue;
      }
      if (own.n < 0 || s.min <= own.min || s.max >= own.max) return false;
      own.sum -= s.sum;
    }
  }
  return true;
}

/** The first record (by rowid) of the group at `path`, which labels it (./sql.ts: samples). */
function firstRow(view: ResolvedView, path: readonly GroupKey[], run: SqlRunner): number {
  const w = where(view);
  const keys = groupSql(view).slice(0, path.length).flatMap((l) => [`${l.kind} = ?`, `ifnull(${l.key}, '') = ?`]);
  const found = run({ sql: `SELECT MIN(records.rowid) AS r FROM records WHERE ${w.sql} AND ${keys.join(" AND ")}`, params: [...w.params, ...path.flatMap((g) => [g.kind, g.key ?? ""])] })[0];
  return typeof found?.r === "number" ? found.r : Number.POSITIVE_INFINITY;
}

/** The innermost groups in the view's order of groups, as its GROUP BY orders them: each
 *  level's kind, its options' order, its key (SQLite compares them, BINARY, as it did). */
function ordered(view: ResolvedView, inner: readonly Tally[], run: SqlRunner): Tally[] {
  const levels = groupSql(view);
  const columns = levels.flatMap((_, i) => [`j.value ->> ${2 * i} AS k${i}`, `j.value ->> ${2 * i + 1} AS v${i}`]);
  const order = levels.flatMap((l, i) => [`k${i}`, ...(l.ord === "0" ? [] : [l.orderOf(`v${i}`)]), `v${i}`]);
  const paths = JSON.stringify(inner.map((t) => t.path.flatMap((g) => [g.kind, g.key])));
  const rows = run({ sql: `SELECT i FROM (SELECT j.key AS i, ${columns.join(", ")} FROM json_each(?) AS j) ORDER BY ${order.join(", ")}`, params: [paths] });
  return rows.map((r) => inner[Number(r.i)]!);
}

/** Whether a money sum lies within a thousandth of a minor unit of a whole one. */
const whole = (currency: string, sum: number): boolean => {
  const x = sum * 10 ** (currencyByCode(currency)?.minorUnits ?? 2);
  return Math.abs(x - Math.round(x)) < 1e-3;
};

/** The kept tallies with `edits` applied, or null when that cannot be done exactly (the
 *  caller runs the view afresh). `now`: the view resolved now (its conditions read against
 *  today: when they read otherwise than when the tallies were kept, null). `run` runs SQL
 *  in the object. */
export function adjustTallies(kept: ViewTallies, now: ResolvedView, edits: readonly RowEdit[], run: SqlRunner): ViewTallies | null {
  const view: ResolvedView = { ...kept.view, kept: undefined, indexes: undefined };
  if (whyNotAdjustable(view) !== null || fingerprint(now) !== fingerprint(kept.view)) return null;
  const inner = kept.inner.map(copy);
  const byPath = new Map(inner.map((t) => [pathId(t.path), t]));
  const touched = new Set<Tally>();
  const relabel = new Set<Tally>();
  const ids = summarised(view).map((f) => f.id);
  let added = false;
  for (const { before, after } of edits) {
    for (const c of before ? innermost(view, overRow(before, run)) : []) {
      const t = byPath.get(pathId(c.path));
      if (!t || !subtract(t, c, relabel)) return null;
      touched.add(t);
    }
    for (const c of after ? innermost(view, overRow(after, run)) : []) {
      let t = byPath.get(pathId(c.path));
      if (!t) {
        // A group the view did not have: placed among the others by SQLite (`ordered`).
        t = emptyTally(c.path, ids);
        inner.push(t);
        byPath.set(pathId(c.path), t);
        added = true;
      }
      addTally(t, c);
      touched.add(t);
    }
  }
  const money = summarised(view).filter((f) => f.type === "money").map((f) => f.id);
  for (const t of touched) {
    for (const id of money) for (const [currency, s] of t.byField.get(id)?.numbers ?? []) if (!whole(currency, s.sum)) return null;
  }
  // A group whose first record left: its first record now (a seek in the group's keys).
  for (const t of relabel) if (t.count > 0) t.sampleRow = firstRow(kept.view, t.path, run);
  // An emptied group goes (not the one tally of a view without groups).
  const left = view.groups.length === 0 ? inner : (added ? ordered(view, inner, run) : inner).filter((t) => t.count > 0);
  const all = emptyTally([], ids);
  for (const t of left) addTally(all, t);
  return { view: kept.view, inner: left, own: [], whole: all, table: all };
}
