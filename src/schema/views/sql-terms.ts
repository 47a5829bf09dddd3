// The expressions a view's SQL orders and aggregates by, built in one place so that the
// object's indexes for a saved view (src/tenant-do/view-indexes.ts) repeat them exactly:
// SQLite uses an expression index only for the same expression text, and then reads the
// value from the index instead of parsing each record's JSON. Field ids reach SQL text only
// through `cellSql` (checked by `sqlId`); nothing here takes a value.

import type { Field } from "../model";
import type { OrderTerm } from "../paging";
import { cellSql } from "./cell-sql";
import { isNumeric } from "./group-kinds";
import { type GroupLevelSql, groupSql, linkNamesSql } from "./group-sql";
import type { ResolvedView } from "./query";

/** What decides a view's indexes: its grouping, sorts and summaries, and the expressions its
 *  conditions look values up by. */
export type ViewShape = Pick<ResolvedView, "groups" | "sorts" | "summaries">;

/** The rows' order: each level's group kind, its options' order (choices) and key, then
 *  each sort (empty keys last), then creation order, which makes it total. A group's key is
 *  '' for the empty and not-understood groups (the kind tells them apart), so a group is
 *  found by equality in the index. */
export function orderTerms(view: Pick<ResolvedView, "groups" | "sorts">, alias = "records"): OrderTerm[] {
  return [
    ...groupSql(view, alias).flatMap((g) => [{ sql: g.kind, descending: false }, ...(g.ord === "0" ? [] : [{ sql: g.ord, descending: false, ...(g.ordNullable && { nullable: true }) }]), { sql: `ifnull(${g.key}, '')`, descending: false }]),
    ...sortTerms(view, alias),
  ];
}

/** What a sort needs to be SQL: its field's id (and a link's options), its direction, and
 *  for a link ordered by its records' names their table's name field (`names`). */
export type SortSql = { field: Pick<Field, "id" | "options">; descending: boolean; names?: string | undefined };

/** The order inside the innermost groups: each sort (empty keys last), then creation order.
 *  The grid's sort is one such (src/tenant-do/sql-records.ts). */
export function sortTerms(view: { sorts: readonly SortSql[] }, alias = "records"): { sql: string; descending: boolean }[] {
  return [
    ...view.sorts.flatMap((s) => {
      const k = s.names ? linkNamesSql(s.field, s.names, alias) : cellSql(s.field.id, alias).key;
      return [{ sql: `${k} IS NULL`, descending: false }, { sql: k, descending: s.descending }];
    }),
    { sql: alias === "" ? "seq" : `${alias}.seq`, descending: false },
  ];
}

/** The fields the view summarises, once each. */
export const summarised = (view: Pick<ResolvedView, "summaries">): Field[] => [...new Map(view.summaries.map((s) => [s.field.id, s.field])).values()];

/** Per summarised field: whether a cell is filled, not understood, and its number (NULL
 *  unless a number; a money's amount) — the number only for plain numbers and for the first
 *  money field, whose currency the groups are split by (other money fields: `moneyQuery`). */
export interface AggregateTerms {
  groups: GroupLevelSql[];
  currency: string | null;
  /** `number` null when no summary of the field needs numbers (or it is a further money
   *  field); `extremes` whether one asks for its min or max. */
  fields: { field: Field; filled: string; invalid: string; number: string | null; extremes: boolean; dates: { first: string; last: string } | null }[];
}

export function aggregateTerms(view: Pick<ResolvedView, "groups" | "summaries">, alias = "records"): AggregateTerms {
  const kinds = (field: Field) => new Set(view.summaries.filter((s) => s.field.id === field.id).map((s) => s.kind));
  const numeric = (field: Field) => [...kinds(field)].some((k) => k !== "filled");
  const fields = summarised(view);
  const money = fields.find((f) => f.type === "money" && numeric(f));
  return {
    groups: groupSql(view, alias),
    currency: money ? cellSql(money.id, alias).at("currency") : null,
    fields: fields.map((field) => {
      const c = cellSql(field.id, alias);
      // Sums only of numbers (as in memory); a date's earliest start and latest end.
      const counted = numeric(field) && (field.type === "money" ? field === money : isNumeric(field.type));
      const asked = kinds(field);
      const start = `CASE WHEN typeof(${c.at("start")}) = 'text' THEN ${c.at("start")} END`;
      const end = `CASE WHEN typeof(${c.at("start")}) = 'text' THEN CASE WHEN typeof(${c.at("end")}) = 'text' THEN ${c.at("end")} ELSE ${c.at("start")} END END`;
      const dates = field.type === "date" && (asked.has("earliest") || asked.has("latest")) ? { first: start, last: end } : null;
      return { field, filled: `${c.value} IS NOT NULL`, invalid: `${c.invalid} IS NOT NULL`, number: counted ? numberSql(field.type === "money" ? c.at("amount") : c.value) : null, extremes: asked.has("min") || asked.has("max"), dates };
    }),
  };
}

/** A value as a number, NULL unless SQLite holds it as one. */
export const numberSql = (value: string): string => `CASE WHEN typeof(${value}) IN ('integer', 'real') THEN ${value} END`;

/** An index of `records` for a view: its name says its columns (a hash), so the object keeps
 *  exactly the indexes its saved views need and drops the rest. */
export type ViewIndex = { name: string; sql: string };

const PREFIX = "vx_";

/** The indexes that serve a view: one in its rows' order (a page is LIMIT rows of it, a
 *  page inside a group is found by the group's keys), one
 *  holding every group key and summarised value (the groups and summaries are one pass over
 *  it, never touching the records' JSON), one per looked-up condition expression. */
export function viewIndexes(view: ViewShape, lookups: readonly string[]): ViewIndex[] {
  const out: string[][] = [];
  // A level that joins a value's elements (json_each) is no expression of a record: such a
  // view's order and groups are read by scanning, its conditions' lookups still indexed.
  const joined = groupSql(view, "").some((g) => g.each);
  // Links sorted by their records' names: a lookup in another record, in no index.
  const byNames = view.sorts.some((s) => s.names);
  // The conditions' expressions after the order: a filtered page is checked in the index.
  if (!joined && !byNames && (view.groups.length > 0 || view.sorts.length > 0)) out.push([...orderTerms(view, "").map((t) => (t.descending ? `${t.sql} DESC` : t.sql)), ...lookups]);
  const totals = totalsColumns(view);
  if (totals) out.push(totals);
  for (const lookup of lookups) out.push([lookup]);
  return out.map(named);
}

const named = (columns: readonly string[]): ViewIndex => {
  const list = ["table_id", ...columns].join(", ");
  return { name: `${PREFIX}${hash(list)}`, sql: `ON records (${list}) WHERE deleted_at IS NULL` };
};

/** The columns of the index holding a view's group keys and summarised values. Joined (a
 *  level puts a record under each of its values), its totals (a record once, whatever its
 *  elements: GROUP BY currency, in the index's order) come from it, and the joined GROUP BY
 *  reads through it (`INDEXED BY`, ./sql.ts: `aggregateQuery`) every value of a record it
 *  needs but the elements: the other levels' keys and each joined level's "not understood",
 *  after the summarised values, then the record's id (the join's) and deleted_at (the
 *  WHERE's), so the GROUP BYs read the index alone, never a record's row. */
function totalsColumns(view: Pick<ViewShape, "groups" | "summaries">): string[] | null {
  if (view.groups.length === 0 && view.summaries.length === 0) return null;
  const levels = groupSql(view, "");
  const joined = levels.some((g) => g.each);
  const t = aggregateTerms(joined ? { groups: [], summaries: view.summaries } : view, "");
  if (joined && t.fields.length === 0) return null;
  const values = [...(t.currency ? [t.currency] : []), ...t.fields.flatMap((f) => [f.filled, f.invalid, ...(f.number ? [f.number] : []), ...(f.dates ? [f.dates.first, f.dates.last] : [])])];
  if (!joined) return [...t.groups.flatMap((g) => [g.kind, g.key]), ...values];
  const invalid = (i: number) => cellSql(view.groups[i]!.field.id, "").invalid;
  return [...values, ...levels.flatMap((g, i) => (g.each ? [invalid(i)] : [g.kind, g.key])), "id", "deleted_at"];
}

/** The name of the index `viewIndexes` makes for a view's joined GROUP BY (null when the
 *  view joins no level's elements, or summarises nothing). */
export function joinedTotalsIndex(view: Pick<ViewShape, "groups" | "summaries">): string | null {
  if (!groupSql(view, "").some((g) => g.each)) return null;
  const columns = totalsColumns(view);
  return columns ? named(columns).name : null;
}

/** Whether an index name is one `viewIndexes` makes. */
export const isViewIndex = (name: string): boolean => /^vx_[0-9a-f]{16}$/.test(name);

/** FNV-1a, 64 bits as two 32-bit halves: names an index by its columns. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}
