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
import { cellSql, type Fragment, type SqlValue } from "./cell-sql";
import { groupKeySql } from "./group-sql";
import type { ResolvedView } from "./query";
import { type Aggregate, type GroupKey, type GroupKind, type SummaryValue, summarise, type ViewGroup, type ViewPage } from "./result";

export type SqlRow = Record<string, SqlValue>;
/** Runs one statement and returns its rows. */
export type SqlRunner = (fragment: Fragment) => SqlRow[];

/** The group key and kind (0 value, 1 empty, 2 not understood) of a row, as SQL. */
export function groupSql(view: Pick<ResolvedView, "group">): { key: string; kind: string } {
  if (!view.group) return { key: "NULL", kind: "NULL" };
  const c = cellSql(view.group.field.id);
  const key = groupKeySql(c, view.group.part);
  return { key, kind: `CASE WHEN (${key}) IS NOT NULL THEN 0 WHEN ${c.invalid} IS NOT NULL THEN 2 ELSE 1 END` };
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
  const g = groupSql(view);
  const at = total === undefined ? { fromEnd: false, skip: page.offset, limit: page.limit } : pageFrom(page.offset, page.limit, total);
  const [asc, desc] = at.fromEnd ? ["DESC", "ASC"] : ["ASC", "DESC"];
  const order = [...(view.group ? [`gkind ${asc}`, `gkey ${asc}`] : []), ...view.sorts.flatMap((s) => {
    const k = cellSql(s.field.id).key;
    return [`${k} IS NULL ${asc}`, `${k} ${s.descending ? desc : asc}`];
  }), `records.seq ${asc}`];
  return {
    sql: `SELECT records.id, records.table_id, records.created_at, records.cells, ${g.kind} AS gkind, ${g.key} AS gkey FROM records WHERE ${w.sql} ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`,
    params: [...w.params, at.limit, at.skip],
    fromEnd: at.fromEnd,
  };
}

/** Counts and per-field aggregates per group (one row when not grouped). */
export function aggregateQuery(view: ResolvedView): Fragment {
  const w = where(view);
  const g = groupSql(view);
  const columns = ["COUNT(*) AS n", `${g.kind} AS gkind`, `${g.key} AS gkey`];
  if (view.group) columns.push(`${cellSql(view.group.field.id).cell} AS sample`);
  summarised(view).forEach((field, i) => {
    const c = cellSql(field.id);
    const amount = field.type === "money" ? c.at("amount") : c.value;
    const number = `CASE WHEN typeof(${amount}) IN ('integer', 'real') THEN ${amount} END`;
    columns.push(`SUM(${c.value} IS NOT NULL) AS filled${i}`, `SUM(${c.invalid} IS NOT NULL) AS invalid${i}`);
    if (field.type !== "money") columns.push(`COUNT(${number}) AS n${i}`, `SUM(${number}) AS sum${i}`, `MIN(${number}) AS min${i}`, `MAX(${number}) AS max${i}`);
  });
  const groupBy = view.group ? " GROUP BY gkind, gkey ORDER BY gkind, gkey" : "";
  return { sql: `SELECT ${columns.join(", ")} FROM records WHERE ${w.sql}${groupBy}`, params: w.params };
}

/** Money sums per group and currency, never across currencies. */
export function moneyQuery(view: ResolvedView, fieldId: string): Fragment {
  const w = where(view);
  const g = groupSql(view);
  const c = cellSql(fieldId);
  const amount = c.at("amount");
  return {
    sql: `SELECT ${g.kind} AS gkind, ${g.key} AS gkey, ${c.at("currency")} AS currency, COUNT(*) AS n, SUM(${amount}) AS sum, MIN(${amount}) AS min, MAX(${amount}) AS max FROM records WHERE ${w.sql} AND typeof(${amount}) IN ('integer', 'real') AND typeof(${c.at("currency")}) = 'text' GROUP BY gkind, gkey, currency`,
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

export const keyOf = (row: SqlRow): GroupKey => ({ kind: Number(row.gkind) as GroupKind, key: row.gkey === null ? null : (row.gkey as string | number) });
const groupId = (g: GroupKey | null) => (g ? `${g.kind}\u0000${typeof g.key}\u0000${String(g.key)}` : "");

/** Runs a view in SQL: a page of rows, the groups and the totals. */
export function runViewSql(view: ResolvedView, page: { offset: number; limit: number }, run: SqlRunner): ViewPage {
  const fields = summarised(view);
  const aggregates = new Map<string, Map<string, Aggregate>>(); // group → field → aggregate
  const groupRows = run(aggregateQuery(view));
  for (const row of groupRows) {
    const byField = new Map<string, Aggregate>();
    fields.forEach((field, i) => {
      const numbers = new Map<string, { n: number; sum: number; min: number; max: number }>();
      if (field.type !== "money" && Number(row[`n${i}`]) > 0) numbers.set("", { n: Number(row[`n${i}`]), sum: Number(row[`sum${i}`]), min: Number(row[`min${i}`]), max: Number(row[`max${i}`]) });
      byField.set(field.id, { filled: Number(row[`filled${i}`] ?? 0), invalid: Number(row[`invalid${i}`] ?? 0), numbers });
    });
    aggregates.set(view.group ? groupId(keyOf(row)) : "", byField);
  }
  for (const field of fields.filter((f) => f.type === "money")) {
    for (const row of run(moneyQuery(view, field.id))) {
      const a = aggregates.get(view.group ? groupId(keyOf(row)) : "")?.get(field.id);
      a?.numbers.set(String(row.currency), { n: Number(row.n), sum: Number(row.sum), min: Number(row.min), max: Number(row.max) });
    }
  }
  const summariesOf = (id: string): SummaryValue[] => view.summaries.map((s) => summarise(s.kind, s.field.id, aggregates.get(id)?.get(s.field.id)));
  const groups: ViewGroup[] | null = view.group
    ? groupRows.map((row) => {
        const key = keyOf(row);
        const sample = key.kind === 0 && typeof row.sample === "string" ? (JSON.parse(row.sample) as StoredCell) : null;
        return { ...key, count: Number(row.n), sample: sample && { text: sample.text, value: sample.value, ...(sample.invalid !== undefined && { invalid: sample.invalid }) }, summaries: summariesOf(groupId(key)) };
      })
    : null;
  const total = groups ? groups.reduce((n, g) => n + g.count, 0) : Number(groupRows[0]?.n ?? 0);
  // Totals of the whole view: the groups' aggregates merged (SQL already did the work).
  const totals = groups ? view.summaries.map((s) => summarise(s.kind, s.field.id, merge(groups.map((g) => aggregates.get(groupId(g))?.get(s.field.id))))) : summariesOf("");
  const rows = rowsQuery(view, page, total);
  const found = run(rows);
  if (rows.fromEnd) found.reverse();
  const records = found.map((row) => ({ record: decodeRecord(row), group: view.group ? keyOf(row) : null }));
  return { total, records, groups, totals };
}

function merge(parts: (Aggregate | undefined)[]): Aggregate {
  const out: Aggregate = { filled: 0, invalid: 0, numbers: new Map() };
  for (const a of parts) {
    if (!a) continue;
    out.filled += a.filled;
    out.invalid += a.invalid;
    for (const [currency, s] of a.numbers) {
      const t = out.numbers.get(currency);
      out.numbers.set(currency, t ? { n: t.n + s.n, sum: t.sum + s.sum, min: Math.min(t.min, s.min), max: Math.max(t.max, s.max) } : { ...s });
    }
  }
  return out;
}
