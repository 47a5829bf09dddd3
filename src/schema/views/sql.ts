// A resolved view (./query.ts) compiled to SQL over the `records` table, and run through a
// small runner the caller supplies (the object's SQLite; a test's), so this stays pure.
// Field ids reach SQL text only through `cellSql` (checked by `sqlId`); every typed value is
// a bound parameter: a view uses at most 3 per condition plus 2 for the search and 2 for
// paging, plus 2 per grouping level to find a group (a page by key binds the filters once
// and one value per term of the order). Rows come a page at a time (./page-rows.ts). Groups, counts and summaries of every level come from one
// GROUP BY of the innermost groups (split by the first money field's currency), merged
// outwards here; the expressions it orders and groups by come from ./sql-terms.ts, which
// the object's indexes repeat, so a saved view reads them from an index.

import type { PageKey } from "../paging";
import type { StoredCell } from "../values";
import { cellSql, type Fragment } from "./cell-sql";
import { hiddenRanges, positionOf, shownCount, visibleRuns } from "./group-layout";
import { rangePart, rangeWidths, spreadColumnsSql, withOverall } from "./group-kinds";
import { groupColumns, groupSql } from "./group-sql";
import { keyedRows } from "./keyed-rows";
import { decodeRecord, readRun, type SqlRunner, where } from "./page-rows";
import { aggregateTerms, isViewIndex, joinedTotalsIndex, numberSql, summarised } from "./sql-terms";
import type { ResolvedView } from "./query";
import { addDates, addNumbers, addTally, emptyTally, numbersOf, pathOf, type Tally } from "./tally";
import { type GroupKey, pathId, samePrefix, type SummaryValue, summarise, type ViewGroup, type ViewPage } from "./result";

export { groupSql } from "./group-sql";
export { keyOf } from "./tally";
export { groupRowsQuery, rowsQuery, type SqlRow, type SqlRunner, where } from "./page-rows";

/** The index a GROUP BY that joins a level's elements reads the records through, when the
 *  object has it: the planner would take a plain index of the table's records (more
 *  equalities) and parse each record's JSON once per element for its summed values, where
 *  this index holds them all (../../tenant-do/view-indexes.ts). Its name is a hash of its
 *  columns, so a name the object has is an index of exactly these expressions. */
function readThrough(view: ResolvedView): string | null {
  const name = view.indexes && view.indexes.size > 0 ? joinedTotalsIndex(view) : null;
  return name && isViewIndex(name) && view.indexes?.has(name) ? name : null;
}

/** The view with its range levels' widths, from the spread of the numbers it keeps (one
 *  small GROUP BY per automatic range level). */
export function withWidthsSql(view: ResolvedView, run: SqlRunner): ResolvedView {
  if (!view.groups.some((g) => rangePart(g.part))) return view;
  const w = where(view);
  return {
    ...view,
    groups: view.groups.map((g) => {
      const range = rangePart(g.part);
      if (!range) return g;
      if (!range.auto) return { ...g, widths: rangeWidths(g.part, new Map()) };
      const s = spreadColumnsSql(cellSql(g.field.id), g.field.type);
      const rows = run({ sql: `SELECT ${s.select} FROM records WHERE ${w.sql} AND ${s.filter} GROUP BY ${s.groupBy}`, params: w.params });
      const spreads = new Map<string, [number, number]>(rows.map((r) => [String(r.currency), [Number(r.lo), Number(r.hi)]]));
      return { ...g, widths: rangeWidths(g.part, withOverall(spreads)) };
    }),
  };
}

/** Counts and per-field aggregates of the innermost groups (one row for the whole view when
 *  not grouped), split by the currency of the first summarised money field, in the view's
 *  order of groups; each group's first record (`sample_row`) labels it. Read `through` the
 *  totals index of a view that joins a level's elements, when the object has it: by
 *  default this view's; the levels outside the joined one (and the totals) are tallied on
 *  their own through the whole view's, which holds their keys and values too. */
export function aggregateQuery(view: ResolvedView, through: string | null = readThrough(view)): Fragment {
  if (through) return joinedAggregateQuery(view, through);
  const w = where(view);
  const t = aggregateTerms(view);
  const g = groupColumns(view);
  const keys = [...t.groups.flatMap((l) => [l.kind, l.key]), ...(t.currency ? [t.currency] : [])];
  const order = [...t.groups.flatMap((l) => [l.kind, ...(l.ord === "0" ? [] : [l.ord]), l.key]), ...(t.currency ? [t.currency] : [])];
  const columns = [...g.select, ...(t.currency ? [`${t.currency} AS currency`] : []), "COUNT(*) AS n"];
  if (t.groups.length > 0) columns.push("MIN(records.rowid) AS sample_row");
  t.fields.forEach((f, i) => {
    columns.push(`SUM(${f.filled}) AS filled${i}`, `SUM(${f.invalid}) AS invalid${i}`);
    if (f.number) columns.push(`COUNT(${f.number}) AS n${i}`, `SUM(${f.number}) AS sum${i}`);
    if (f.number && f.extremes) columns.push(`MIN(${f.number}) AS min${i}`, `MAX(${f.number}) AS max${i}`);
    if (f.dates) columns.push(`MIN(${f.dates.first}) AS first${i}`, `MAX(${f.dates.last}) AS last${i}`);
  });
  const groupBy = keys.length > 0 ? ` GROUP BY ${keys.join(", ")} ORDER BY ${order.join(", ")}` : "";
  return { sql: `SELECT ${columns.join(", ")} FROM ${g.from} WHERE ${w.sql}${groupBy}`, params: w.params };
}

/** `aggregateQuery` of a view that joins a level's elements, read through the view's totals
 *  `index`: a row per record and element, its values read from the index, in a subquery
 *  (LIMIT -1 keeps SQLite from flattening it, so the GROUP BY outside sorts those values,
 *  not each record's cells, which the group keys' expressions would otherwise carry). */
function joinedAggregateQuery(view: ResolvedView, index: string): Fragment {
  const w = where(view);
  const t = aggregateTerms(view);
  const g = groupColumns(view, index);
  const inner = [...g.select, ...(t.currency ? [`${t.currency} AS currency`] : []), "records.rowid AS r"];
  const keys = [...t.groups.flatMap((_, i) => [`gkind${i}`, `gkey${i}`]), ...(t.currency ? ["currency"] : [])];
  const outer = [...keys, "COUNT(*) AS n", "MIN(r) AS sample_row"];
  t.fields.forEach((f, i) => {
    inner.push(`${f.filled} AS filled${i}`, `${f.invalid} AS invalid${i}`);
    outer.push(`SUM(filled${i}) AS filled${i}`, `SUM(invalid${i}) AS invalid${i}`);
    if (f.number) {
      inner.push(`${f.number} AS v${i}`);
      outer.push(`COUNT(v${i}) AS n${i}`, `SUM(v${i}) AS sum${i}`);
      if (f.extremes) outer.push(`MIN(v${i}) AS min${i}`, `MAX(v${i}) AS max${i}`);
    }
    if (f.dates) {
      inner.push(`${f.dates.first} AS d${i}`, `${f.dates.last} AS e${i}`);
      outer.push(`MIN(d${i}) AS first${i}`, `MAX(e${i}) AS last${i}`);
    }
  });
  const order = [...t.groups.flatMap((l, i) => [`gkind${i}`, ...(l.orderOf(`gkey${i}`) === "0" ? [] : [l.orderOf(`gkey${i}`)]), `gkey${i}`]), ...(t.currency ? ["currency"] : [])];
  const groupBy = keys.length > 0 ? ` GROUP BY ${keys.join(", ")} ORDER BY ${order.join(", ")}` : "";
  return { sql: `SELECT ${outer.join(", ")} FROM (SELECT ${inner.join(", ")} FROM ${g.from} WHERE ${w.sql} LIMIT -1)${groupBy}`, params: w.params };
}

/** Sums of another money field per innermost group and currency, never across currencies. */
export function moneyQuery(view: ResolvedView, fieldId: string): Fragment {
  const w = where(view);
  const g = groupColumns(view);
  const c = cellSql(fieldId);
  const amount = numberSql(c.at("amount"));
  const keys = [...groupSql(view).flatMap((l) => [l.kind, l.key]), c.at("currency")];
  return {
    sql: `SELECT ${[...g.select, `${c.at("currency")} AS currency`].join(", ")}, COUNT(${amount}) AS n, SUM(${amount}) AS sum, MIN(${amount}) AS min, MAX(${amount}) AS max FROM ${g.from} WHERE ${w.sql} AND typeof(${c.at("currency")}) = 'text' GROUP BY ${keys.join(", ")}`,
    params: w.params,
  };
}

/** The innermost groups, in the view's order, with their tallies: one pass of SQL (plus one
 *  per further money field). */
export function innermost(view: ResolvedView, run: SqlRunner, through: string | null = readThrough(view)): Tally[] {
  const depth = view.groups.length;
  const t = aggregateTerms(view);
  const ids = t.fields.map((f) => f.field.id);
  const tallies: Tally[] = [];
  const byPath = new Map<string, Tally>();
  for (const row of run(aggregateQuery(view, through))) {
    const path = pathOf(row, depth);
    const id = pathId(path);
    let tally = byPath.get(id);
    if (!tally) {
      tally = emptyTally(path, ids);
      byPath.set(id, tally);
      tallies.push(tally);
    }
    tally.count += Number(row.n);
    if (row.sample_row !== undefined && row.sample_row !== null) tally.sampleRow = Math.min(tally.sampleRow, Number(row.sample_row));
    t.fields.forEach((f, i) => {
      const a = tally.byField.get(f.field.id)!;
      a.filled += Number(row[`filled${i}`] ?? 0);
      a.invalid += Number(row[`invalid${i}`] ?? 0);
      if (f.dates) addDates(a, row[`first${i}`], row[`last${i}`]);
      if (!f.number) return;
      if (f.field.type !== "money") addNumbers(a, "", numbersOf(row, String(i)));
      else if (typeof row.currency === "string") addNumbers(a, row.currency, numbersOf(row, String(i)));
    });
  }
  const furtherMoney = t.fields.filter((f) => f.field.type === "money" && !f.number && view.summaries.some((s) => s.field.id === f.field.id && s.kind !== "filled"));
  for (const f of furtherMoney) {
    for (const row of run(moneyQuery(view, f.field.id))) {
      const a = byPath.get(pathId(pathOf(row, depth)))?.byField.get(f.field.id);
      if (a) addNumbers(a, String(row.currency), numbersOf(row, ""));
    }
  }
  return tallies;
}

/** One cell of each level's field per group, to label it: by the groups' first records. */
function samples(view: ResolvedView, levels: Map<string, Tally>[], run: SqlRunner): Map<string, StoredCell>[] {
  return levels.map((tallies, i) => {
    const rows = [...tallies.values()].filter((t) => t.path[i]!.kind === 0 && Number.isFinite(t.sampleRow));
    const out = new Map<string, StoredCell>();
    if (rows.length === 0) return out;
    const found = run({ sql: `SELECT records.rowid AS r, ${cellSql(view.groups[i]!.field.id).cell} AS sample FROM records WHERE records.rowid IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(rows.map((t) => t.sampleRow))] });
    const byRow = new Map(found.map((r) => [Number(r.r), r.sample]));
    for (const t of rows) {
      const text = byRow.get(t.sampleRow);
      if (typeof text !== "string") continue;
      const cell = JSON.parse(text) as StoredCell;
      out.set(pathId(t.path), { text: cell.text, value: cell.value, ...(cell.invalid !== undefined && { invalid: cell.invalid }) });
    }
    return out;
  });
}

/** What a view's groups and summaries come from: its innermost groups' tallies in the view's
 *  order, the levels tallied on their own (those above a level that puts a record under each
 *  of its values), the whole view's tally and the base of its "percent of total". Kept with a
 *  page so an edit can adjust them in place (./live-tallies.ts). */
export interface ViewTallies {
  /** The view with its range levels' widths. */
  view: ResolvedView;
  inner: Tally[];
  /** Per level above the deepest "each" level, its own tallies by path (else empty). */
  own: Map<string, Tally>[];
  whole: Tally;
  table: Tally;
}

/** The tallies of a view (`ViewTallies`): one GROUP BY of the innermost groups (plus one per
 *  level above an "each" level, and one of the whole table for a filtered percent). */
export function talliesSql(resolved: ResolvedView, run: SqlRunner): ViewTallies {
  const view = withWidthsSql(resolved, run);
  const depth = view.groups.length;
  const inner = innermost(view, run);
  const ids = summarised(view).map((f) => f.id);
  // Levels above the deepest "each" level (and the totals) are tallied on their own.
  const deepestEach = groupSql(view).reduce((at, g, i) => (g.each ? i : at), -1);
  // Through the view's totals index (when it has one): each record's values, never its JSON.
  const through = readThrough(view);
  const ownOf = (levels: number): Map<string, Tally> => new Map(innermost({ ...view, groups: view.groups.slice(0, levels) }, run, through).map((t) => [pathId(t.path), t]));
  const merged = emptyTally([], ids);
  for (const t of inner) addTally(merged, t);
  const whole = deepestEach >= 0 ? (ownOf(0).get(pathId([])) ?? merged) : merged;
  // "Percent of total": a group's share of the view; the view's share of the whole table.
  const percent = view.summaries.some((s) => s.kind === "percent");
  const table = percent && (view.filters.length > 0 || view.search !== "") ? (innermost({ ...view, filters: [], search: "", groups: [] }, run)[0] ?? whole) : whole;
  return { view, inner, own: Array.from({ length: Math.min(depth, Math.max(0, deepestEach)) }, (_, i) => ownOf(i + 1)), whole, table };
}

/** Runs a view in SQL: a page of rows, the groups of every level and the totals. The
 *  innermost groups come in the view's order; walked once, they give every outer group
 *  (before the groups inside it, with its start) and its tally, merged from theirs. A level
 *  that puts a record under each of its values (./group-kinds.ts) would count a record once
 *  per value in the levels outside it and the totals: those (only those) are tallied by a
 *  GROUP BY of their own, so each counts its records once. */
export function runViewSql(resolved: ResolvedView, page: ViewPageAt, run: SqlRunner, collapsed: ReadonlySet<string> = new Set()): ViewPage {
  return pageOfTallies(talliesSql(resolved, run), page, run, collapsed);
}

/** A page of a view from its tallies: the groups of every level with their counts, starts,
 *  labels and summaries, the totals, and the page's rows (read by keys or seeks). */
export function pageOfTallies(tallies: ViewTallies, page: ViewPageAt, run: SqlRunner, collapsed: ReadonlySet<string> = new Set()): ViewPage {
  const { view, inner, whole, table } = tallies;
  const depth = view.groups.length;
  const ids = summarised(view).map((f) => f.id);
  const deepestEach = groupSql(view).reduce((at, g, i) => (g.each ? i : at), -1);
  const summariesOf = (tally: Tally | undefined, base: Tally): SummaryValue[] => view.summaries.map((s) => summarise(s.kind, s.field.id, tally?.byField.get(s.field.id), base.byField.get(s.field.id)));
  const total = inner.reduce((n, t) => n + t.count, 0);
  let groups: ViewGroup[] | null = null;
  if (depth > 0) {
    // Each level's tallies by path, in the view's order: the innermost as they came.
    const levels = Array.from({ length: depth }, (_, i) => (i < deepestEach ? tallies.own[i]! : new Map<string, Tally>()));
    for (const t of inner) {
      for (let i = Math.max(0, deepestEach); i < depth; i++) {
        const path = t.path.slice(0, i + 1);
        const id = pathId(path);
        let at = levels[i]!.get(id);
        if (!at) {
          at = i === depth - 1 ? t : emptyTally(path, ids);
          levels[i]!.set(id, at);
        }
        if (i < depth - 1) addTally(at, t);
      }
    }
    const labels = samples(view, levels, run);
    groups = [];
    let position = 0;
    let prev: GroupKey[] | null = null;
    const open: ViewGroup[] = []; // the groups the previous innermost group lies in, one per level
    for (const t of inner) {
      for (let i = 0; i < depth; i++) {
        if (prev && samePrefix(prev, t.path, i + 1)) continue;
        const path = t.path.slice(0, i + 1);
        const id = pathId(path);
        const at = levels[i]!.get(id);
        // `count`: the group's rows in the view's order (a record under several inner groups
        // counts in each), summed below; `matched`: its records, each once.
        open[i] = { ...path[i]!, level: i, path, start: position, count: 0, matched: at?.count ?? 0, sample: labels[i]!.get(id) ?? null, summaries: summariesOf(at, whole) };
        groups.push(open[i]!);
      }
      for (let i = 0; i < depth; i++) open[i]!.count += t.count;
      position += t.count;
      prev = t.path;
    }
  }
  const totals = view.summaries.map((s) => summarise(s.kind, s.field.id, whole.byField.get(s.field.id), table.byField.get(s.field.id)));
  // Folded groups leave runs of the order out: the page is read as the runs that stay.
  const hidden = groups && collapsed.size > 0 ? hiddenRanges(groups, collapsed) : [];
  const records: ViewPage["records"] = [];
  // A page turn's key: the rows past that record, by seeks, folded groups left out (none
  // when a record lies under several groups, when many groups are folded, or when the
  // record is gone: then by position). A shown row's place in the whole order follows from
  // the page's number and the folded runs.
  const folded = (groups ?? []).filter((g) => g.count > 0 && collapsed.has(pathId(g.path))).map((g) => g.path);
  const keyed = page.key ? keyedRows(view, where(view), page.key, page.limit, run, folded) : null;
  const runs = keyed ? [{ offset: -1, rows: keyed }] : (hidden.length > 0 ? visibleRuns(hidden, page.offset, page.limit, total) : [page]).map((part) => ({ offset: part.offset, rows: readRun(view, part, total, inner, run) }));
  for (const { offset, rows } of runs) {
    rows.forEach((row, i) => {
      records.push({ record: decodeRecord(row), path: pathOf(row, depth), position: offset >= 0 ? offset + i : positionOf(hidden, page.offset + i, total) });
    });
  }
  return { total, matched: whole.count, shown: shownCount(hidden, total), records, groups, totals };
}

/** Where a page of a view lies: its rows [offset, offset + limit), and when a page turn
 *  led there, the record it starts after or ends before (`key`, ../paging.ts). */
export type ViewPageAt = { offset: number; limit: number; key?: PageKey | null };
