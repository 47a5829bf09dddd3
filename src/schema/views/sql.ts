// A resolved view (./query.ts) compiled to SQL over the `records` table, and run through a
// small runner the caller supplies (the object's SQLite; a test's), so this stays pure.
// Field ids reach SQL text only through `cellSql` (checked by `sqlId`); every typed value is
// a bound parameter: a view uses at most 3 per condition plus 2 for the search and 2 for
// paging, within SQLite's 100. Rows come a page at a time (LIMIT/OFFSET, from the end past
// the middle: ../paging.ts); groups,
// counts and summaries are computed by GROUP BY, money per currency.

import { pageFrom } from "../paging";
import type { StoredRecord } from "../records";
import type { StoredCell } from "../values";
import { cellSql, type Fragment, type SqlValue, sqlId } from "./cell-sql";
import { hiddenRanges, shownCount, visibleRuns } from "./group-layout";
import { isEach, isNumeric, optionIds, optionOrderSql, rangePart, rangeWidths, spreadColumnsSql, withOverall } from "./group-kinds";
import { groupKeySql } from "./group-sql";
import type { ResolvedView } from "./query";
import { type Aggregate, type GroupKey, type GroupKind, pathId, samePrefix, type SummaryValue, summarise, type ViewGroup, type ViewPage } from "./result";

export type SqlRow = Record<string, SqlValue>;
/** Runs one statement and returns its rows. */
export type SqlRunner = (fragment: Fragment) => SqlRow[];

/** The group key and kind (0 value, 1 empty, 2 not understood) of each grouping level of a
 *  row, as SQL. A level that puts a record under each of its values (a multiple choice, a
 *  link: ./group-kinds.ts) joins the value's elements (`join`, aliased `<alias><level>`): a
 *  record comes once per element, or once with none. */
export function groupSql(view: Pick<ResolvedView, "groups">, alias = "e"): { key: string; kind: string; join: string; ord: string }[] {
  return view.groups.map((g, i) => {
    const c = cellSql(g.field.id);
    // Choices come in their options' order (`ord`, between kind and key in every ORDER BY).
    const ids = optionIds(g.field.type, g.part, g.field.options);
    if (isEach(g.field.type, g.part)) {
      const key = `${alias}${i}.value`;
      return { key, kind: `CASE WHEN ${key} IS NOT NULL THEN 0 WHEN ${c.invalid} IS NOT NULL THEN 2 ELSE 1 END`, join: ` LEFT JOIN ${c.each} AS ${alias}${i}`, ord: ids ? optionOrderSql(ids.map(sqlId), key) : "0" };
    }
    const key = groupKeySql(c, g.part, g.field.type, g.widths);
    return { key, kind: `CASE WHEN (${key}) IS NOT NULL THEN 0 WHEN ${c.invalid} IS NOT NULL THEN 2 ELSE 1 END`, join: "", ord: ids ? optionOrderSql(ids.map(sqlId), `(${key})`) : "0" };
  });
}

/** The group columns of the first `depth` levels: gkind0, gkey0, gkind1, …, and the joins
 *  they need after FROM records. */
function groupColumns(view: ResolvedView, depth: number): { select: string[]; names: string[]; order: string[]; from: string } {
  const levels = groupSql(view).slice(0, depth);
  return {
    select: levels.flatMap((g, i) => [`${g.kind} AS gkind${i}`, `${g.key} AS gkey${i}`, `${g.ord} AS gord${i}`]),
    names: levels.flatMap((_, i) => [`gkind${i}`, `gkey${i}`]),
    order: levels.flatMap((_, i) => [`gkind${i}`, `gord${i}`, `gkey${i}`]),
    from: `records${levels.map((g) => g.join).join("")}`,
  };
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

/** The view's filters and search as a WHERE clause over `records`. */
export function where(view: ResolvedView): Fragment {
  const parts = ["records.table_id = ?", "records.deleted_at IS NULL"];
  const params: SqlValue[] = [view.tableId];
  for (const any of view.filters) {
    const ors = any.map((c) => c.op.sql(c.prepared, cellSql(c.field.id)));
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
  const g = groupColumns(view, view.groups.length);
  const at = total === undefined ? { fromEnd: false, skip: page.offset, limit: page.limit } : pageFrom(page.offset, page.limit, total);
  const [asc, desc] = at.fromEnd ? ["DESC", "ASC"] : ["ASC", "DESC"];
  const order = [...g.order.map((name) => `${name} ${asc}`), ...view.sorts.flatMap((s) => {
    const k = cellSql(s.field.id).key;
    return [`${k} IS NULL ${asc}`, `${k} ${s.descending ? desc : asc}`];
  }), `records.seq ${asc}`];
  return {
    sql: `SELECT records.id, records.table_id, records.created_at, records.cells${g.select.map((c) => `, ${c}`).join("")} FROM ${g.from} WHERE ${w.sql} ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`,
    params: [...w.params, at.limit, at.skip],
    fromEnd: at.fromEnd,
  };
}

/** Counts and per-field aggregates per group of the first `depth` levels (one row for the
 *  whole view with depth 0), in the view's order of groups. */
export function aggregateQuery(view: ResolvedView, depth: number): Fragment {
  const w = where(view);
  const g = groupColumns(view, depth);
  const columns = ["COUNT(*) AS n", ...g.select];
  const level = view.groups[depth - 1];
  if (level) columns.push(`${cellSql(level.field.id).cell} AS sample`);
  summarised(view).forEach((field, i) => {
    const c = cellSql(field.id);
    const amount = field.type === "money" ? c.at("amount") : c.value;
    const number = `CASE WHEN typeof(${amount}) IN ('integer', 'real') THEN ${amount} END`;
    columns.push(`SUM(${c.value} IS NOT NULL) AS filled${i}`, `SUM(${c.invalid} IS NOT NULL) AS invalid${i}`);
    if (field.type === "date") {
      const start = `CASE WHEN typeof(${c.at("start")}) = 'text' THEN ${c.at("start")} END`;
      columns.push(`MIN(${start}) AS first${i}`, `MAX(CASE WHEN typeof(${c.at("start")}) = 'text' THEN CASE WHEN typeof(${c.at("end")}) = 'text' THEN ${c.at("end")} ELSE ${c.at("start")} END END) AS last${i}`);
    }
    if (field.type !== "money" && isNumeric(field.type)) columns.push(`COUNT(${number}) AS n${i}`, `SUM(${number}) AS sum${i}`, `MIN(${number}) AS min${i}`, `MAX(${number}) AS max${i}`);
  });
  const groupBy = depth > 0 ? ` GROUP BY ${g.names.join(", ")} ORDER BY ${g.order.join(", ")}` : "";
  return { sql: `SELECT ${columns.join(", ")} FROM ${g.from} WHERE ${w.sql}${groupBy}`, params: w.params };
}

/** Money sums per group (of the first `depth` levels) and currency, never across currencies. */
export function moneyQuery(view: ResolvedView, fieldId: string, depth: number): Fragment {
  const w = where(view);
  const g = groupColumns(view, depth);
  const c = cellSql(fieldId);
  const amount = c.at("amount");
  return {
    sql: `SELECT ${[...g.select, `${c.at("currency")} AS currency`].join(", ")}, COUNT(*) AS n, SUM(${amount}) AS sum, MIN(${amount}) AS min, MAX(${amount}) AS max FROM ${g.from} WHERE ${w.sql} AND typeof(${amount}) IN ('integer', 'real') AND typeof(${c.at("currency")}) = 'text' GROUP BY ${[...g.names, "currency"].join(", ")}`,
    params: w.params,
  };
}

const summarised = (view: ResolvedView) => [...new Map(view.summaries.map((s) => [s.field.id, s.field])).values()];

function decodeRecord(row: SqlRow): StoredRecord {
  const stored = JSON.parse(String(row.cells)) as { [fieldId: string]: StoredCell & { k?: unknown } };
  const cells: StoredRecord["cells"] = {};
  for (const [fieldId, { k: _k, ...cell }] of Object.entries(stored)) cells[fieldId] = cell;
  return { id: String(row.id), tableId: String(row.table_id), createdAt: Number(row.created_at), cells };
}

/** The outermost group key of a row read with columns gkind and gkey. */
export const keyOf = (row: SqlRow): GroupKey => ({ kind: Number(row.gkind) as GroupKind, key: row.gkey === null ? null : (row.gkey as string | number) });
const pathOf = (row: SqlRow, depth: number): GroupKey[] => Array.from({ length: depth }, (_, i) => ({ kind: Number(row[`gkind${i}`]) as GroupKind, key: row[`gkey${i}`] === null ? null : (row[`gkey${i}`] as string | number) }));

/** One level's groups (depth 1: the outermost) with their aggregates, by path. */
function levelGroups(view: ResolvedView, depth: number, run: SqlRunner): { rows: { path: GroupKey[]; row: SqlRow }[]; aggregates: Map<string, Map<string, Aggregate>> } {
  const fields = summarised(view);
  const aggregates = new Map<string, Map<string, Aggregate>>(); // path → field → aggregate
  const rows = run(aggregateQuery(view, depth)).map((row) => {
    const byField = new Map<string, Aggregate>();
    fields.forEach((field, i) => {
      const numbers = new Map<string, { n: number; sum: number; min: number; max: number }>();
      if (field.type !== "money" && isNumeric(field.type) && Number(row[`n${i}`]) > 0) numbers.set("", { n: Number(row[`n${i}`]), sum: Number(row[`sum${i}`]), min: Number(row[`min${i}`]), max: Number(row[`max${i}`]) });
      const dates = field.type === "date" && typeof row[`first${i}`] === "string" ? { first: String(row[`first${i}`]), last: String(row[`last${i}`]) } : {};
      byField.set(field.id, { filled: Number(row[`filled${i}`] ?? 0), invalid: Number(row[`invalid${i}`] ?? 0), numbers, ...dates });
    });
    const path = pathOf(row, depth);
    aggregates.set(pathId(path), byField);
    return { path, row };
  });
  for (const field of fields.filter((f) => f.type === "money")) {
    for (const row of run(moneyQuery(view, field.id, depth))) {
      const a = aggregates.get(pathId(pathOf(row, depth)))?.get(field.id);
      a?.numbers.set(String(row.currency), { n: Number(row.n), sum: Number(row.sum), min: Number(row.min), max: Number(row.max) });
    }
  }
  return { rows, aggregates };
}

/** Runs a view in SQL: a page of rows, the groups of every level and the totals. One GROUP BY
 *  per level (a level's groups come in the view's order); the innermost level's order, walked
 *  once, places every group before the groups inside it and gives each its start. */
export function runViewSql(resolved: ResolvedView, page: { offset: number; limit: number }, run: SqlRunner, collapsed: ReadonlySet<string> = new Set()): ViewPage {
  const view = withWidthsSql(resolved, run);
  const depth = view.groups.length;
  const levels = Array.from({ length: Math.max(1, depth) }, (_, i) => levelGroups(view, depth === 0 ? 0 : i + 1, run));
  // The whole view's aggregates, each record once: the outermost groups' merged (SQL did the
  // work), unless a record may lie in several groups (then one more query).
  const wholeRun = depth === 0 ? levels[0]! : view.groups.some((g) => isEach(g.field.type, g.part)) ? levelGroups(view, 0, run) : null;
  const fieldIds = [...new Set(view.summaries.map((s) => s.field.id))];
  const whole: Map<string, Aggregate> = wholeRun ? (wholeRun.aggregates.get(pathId([])) ?? new Map()) : new Map(fieldIds.map((id) => [id, merge([...levels[0]!.aggregates.values()].map((byField) => byField.get(id)))]));
  // "Percent of total": a group's share of the view; the view's share of the whole table.
  const percent = view.summaries.some((s) => s.kind === "percent");
  const table = percent && (view.filters.length > 0 || view.search !== "") ? (levelGroups({ ...view, filters: [], search: "", groups: [] }, 0, run).aggregates.get(pathId([])) ?? new Map<string, Aggregate>()) : whole;
  const summariesOf = (level: number, path: GroupKey[]): SummaryValue[] => view.summaries.map((s) => summarise(s.kind, s.field.id, levels[level]!.aggregates.get(pathId(path))?.get(s.field.id), whole.get(s.field.id)));
  const totals = view.summaries.map((s) => summarise(s.kind, s.field.id, whole.get(s.field.id), table.get(s.field.id)));
  let groups: ViewGroup[] | null = null;
  let total: number;
  let matched: number;
  if (depth === 0) {
    total = Number(levels[0]!.rows[0]?.row.n ?? 0);
    matched = total;
  } else {
    groups = [];
    const counts = levels.map((l) => new Map(l.rows.map(({ path, row }) => [pathId(path), { row, count: Number(row.n) }])));
    let position = 0;
    let prev: GroupKey[] | null = null;
    const open: ViewGroup[] = []; // the groups the previous row lies in, one per level
    for (const { path, row } of levels[depth - 1]!.rows) {
      for (let i = 0; i < depth; i++) {
        if (prev && samePrefix(prev, path, i + 1)) continue;
        const own = path.slice(0, i + 1);
        const at = i === depth - 1 ? { row, count: Number(row.n) } : counts[i]!.get(pathId(own));
        const sampleText = at && own[i]!.kind === 0 && typeof at.row.sample === "string" ? at.row.sample : null;
        const sample = sampleText === null ? null : (JSON.parse(sampleText) as StoredCell);
        // `count`: the group's rows in the view's order (a record under several inner groups
        // counts in each), summed below; `matched`: its records, each once.
        open[i] = { ...own[i]!, level: i, path: own, start: position, count: 0, matched: at?.count ?? 0, sample: sample && { text: sample.text, value: sample.value, ...(sample.invalid !== undefined && { invalid: sample.invalid }) }, summaries: summariesOf(i, own) };
        groups.push(open[i]!);
      }
      for (let i = 0; i < depth; i++) open[i]!.count += Number(row.n);
      position += Number(row.n);
      prev = path;
    }
    total = position;
    matched = wholeRun ? Number(wholeRun.rows[0]?.row.n ?? 0) : total;
  }
  // Folded groups leave runs of the order out: the page is read as the runs that stay.
  const hidden = groups && collapsed.size > 0 ? hiddenRanges(groups, collapsed) : [];
  const records: ViewPage["records"] = [];
  for (const part of hidden.length > 0 ? visibleRuns(hidden, page.offset, page.limit, total) : [page]) {
    const rows = rowsQuery(view, part, total);
    const found = run(rows);
    if (rows.fromEnd) found.reverse();
    found.forEach((row, i) => {
      records.push({ record: decodeRecord(row), path: pathOf(row, depth), position: part.offset + i });
    });
  }
  return { total, matched, shown: shownCount(hidden, total), records, groups, totals };
}
function merge(parts: (Aggregate | undefined)[]): Aggregate {
  const out: Aggregate = { filled: 0, invalid: 0, numbers: new Map() };
  for (const a of parts) {
    if (!a) continue;
    out.filled += a.filled;
    out.invalid += a.invalid;
    if (a.first !== undefined && (out.first === undefined || a.first < out.first)) out.first = a.first;
    if (a.last !== undefined && (out.last === undefined || a.last > out.last)) out.last = a.last;
    for (const [currency, s] of a.numbers) {
      const t = out.numbers.get(currency);
      out.numbers.set(currency, t ? { n: t.n + s.n, sum: t.sum + s.sum, min: Math.min(t.min, s.min), max: Math.max(t.max, s.max) } : { ...s });
    }
  }
  return out;
}
