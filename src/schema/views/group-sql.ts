// A group's key as SQL: a field's sort key, or one of its parts (a date's month, a place's
// country). Shared by the view's GROUP BY (./sql.ts) and the operator that filters a view to
// one of its groups (./ops-group.ts), so a click on a chart's bar finds exactly its records.

import type { FieldTypeName } from "../fields/registry";
import { type CellSql, cellSql, sqlId } from "./cell-sql";
import { isEach, optionIds, optionOrderSql, rangeKeySql, rangePart, readRangeKey, type Widths } from "./group-kinds";
import type { ResolvedView } from "./query";

const PART_SQL: ReadonlyMap<string, (at: (m: string) => string) => string> = new Map([
  ["year", (at) => `CAST(substr(${at("start")}, 1, 4) AS INTEGER)`],
  ["quarter", (at) => `substr(${at("start")}, 1, 4) || '-Q' || ((CAST(substr(${at("start")}, 6, 2) AS INTEGER) + 2) / 3)`],
  ["month", (at) => `substr(${at("start")}, 1, 7)`],
  ["day", (at) => `substr(${at("start")}, 1, 10)`],
  ["week", (at) => `date(substr(${at("start")}, 1, 10), '-' || ((CAST(strftime('%w', substr(${at("start")}, 1, 10)) AS INTEGER) + 6) % 7) || ' days')`],
  ["weekday", (at) => `(CAST(strftime('%w', substr(${at("start")}, 1, 10)) AS INTEGER) + 6) % 7 + 1`],
  ["city", (at) => at("city")],
  ["state", (at) => at("state")],
  ["country", (at) => at("country")],
  ["continent", (at) => at("continent")],
  ["currency", (at) => at("currency")],
]);

export const isPartSql = (part: string): boolean => PART_SQL.has(part) || rangePart(part) !== null;

/** The group key of a cell (NULL for an empty or not-understood one, or a missing part).
 *  A range part needs its widths (./group-kinds.ts): resolved for the view, or read from a
 *  range key (`widthsOfKey`). */
export function groupKeySql(c: CellSql, part: string | null, type?: FieldTypeName, widths?: Widths): string {
  if (rangePart(part) && type) return rangeKeySql(c, type, widths ?? new Map());
  const get = part === null ? undefined : PART_SQL.get(part);
  return get ? `CASE WHEN ${c.value} IS NULL THEN NULL ELSE ${get(c.at)} END` : c.key;
}

/** The width a range key was cut with, as the widths of a one-key range check. */
export function widthsOfKey(key: unknown): Widths {
  const read = typeof key === "string" ? readRangeKey(key) : null;
  return new Map(read ? [["", read.width]] : []);
}

/** The group key, kind (0 value, 1 empty, 2 not understood) and order (`ord`: choices come
 *  in their options' order, between kind and key in every ORDER BY; `orderOf`: that order
 *  of the key read elsewhere, a subquery's column) of each grouping level of a row, as SQL
 *  over `records` (`alias` "": unqualified, as an index expression must be). A level that puts a record under each of its values (a multiple choice, a link:
 *  ./group-kinds.ts) joins the value's elements (`join`, aliased `<joined><level>`): a
 *  record comes once per element, or once with none; `each` says so (no index holds such a
 *  level; `ordNullable`: its order may be NULL, a linked record's missing name). The
 *  view's ORDER BY, GROUP BY and its indexes (src/tenant-do/view-indexes.ts)
 *  all take them from here, so the text matches exactly and SQLite reads them from the index. */
export type GroupLevelSql = { key: string; kind: string; join: string; ord: string; each: boolean; orderOf: (key: string) => string; ordNullable: boolean };

export function groupSql(view: Pick<ResolvedView, "groups" | "kept">, alias = "records", joined = "e"): GroupLevelSql[] {
  return view.groups.map((g, i) => {
    const c = cellSql(g.field.id, alias, view.kept?.has(g.field.id));
    const ids = optionIds(g.field.type, g.part, g.field.options);
    if (isEach(g.field.type, g.part)) {
      const key = `${joined}${i}.value`;
      // Linked records in their names' order (then by id); options in their order.
      const orderOf = (k: string) => (ids ? optionOrderSql(ids.map(sqlId), k) : g.names ? linkedNameSql(linkedTable(g.field.options), g.names, k) : "0");
      // Its elements from the object's side table when it keeps them (seeks, no JSON read).
      const join = c.holders ? ` LEFT JOIN each_values AS ${joined}${i} ON ${joined}${i}.field_id = '${sqlId(g.field.id)}' AND ${joined}${i}.record_id = ${c.id}` : ` LEFT JOIN ${c.each} AS ${joined}${i}`;
      // A linked record without a name (or gone) orders by NULL: first, as SQLite puts it.
      return { key, kind: `CASE WHEN ${key} IS NOT NULL THEN 0 WHEN ${c.invalid} IS NOT NULL THEN 2 ELSE 1 END`, join, ord: orderOf(key), each: true, orderOf, ordNullable: !ids && g.names !== undefined };
    }
    const key = groupKeySql(c, g.part, g.field.type, g.widths);
    const orderOf = (k: string) => (ids ? optionOrderSql(ids.map(sqlId), `(${k})`) : "0");
    return { key, kind: `CASE WHEN (${key}) IS NOT NULL THEN 0 WHEN ${c.invalid} IS NOT NULL THEN 2 ELSE 1 END`, join: "", ord: orderOf(key), each: false, orderOf, ordNullable: false };
  });
}

/** The group columns of every level (gkind0, gkey0, gkind1, …) and the joins they need
 *  after FROM records (`joins`: a level that puts a record under each of its values), read
 *  through `index` when given. */
export function groupColumns(view: Pick<ResolvedView, "groups" | "kept">, index: string | null = null): { select: string[]; joins: string; from: string } {
  const levels = groupSql(view);
  const joins = levels.map((g) => g.join).join("");
  return { select: levels.flatMap((g, i) => [`${g.kind} AS gkind${i}`, `${g.key} AS gkey${i}`]), joins, from: `records${index ? ` INDEXED BY "${index}"` : ""}${joins}` };
}

/** The table a link field's options name ("" when none). */
export const linkedTable = (options: unknown): string => {
  const id = (options as { tableId?: unknown } | undefined)?.tableId;
  return typeof id === "string" ? id : "";
};

/** The sort key of the name (field `nameField`) of record `id` (an SQL expression) of table
 *  `tableId`: NULL when it has none or is gone. Ids reach SQL text only through `sqlId`. */
export function linkedNameSql(tableId: string, nameField: string, id: string): string {
  return `(SELECT ${cellSql(nameField, "n").key} FROM records AS n WHERE n.id = ${id} AND n.table_id = '${sqlId(tableId)}')`;
}

/** A link cell's sort key by name: its linked records' name keys in the cell's order, run
 *  together (each key ends as its type's keys do, so they compare name by name); NULL when
 *  none has a name. Only over a qualified `alias` (no index can hold it). */
export function linkNamesSql(field: { id: string; options: unknown }, nameField: string, alias: string): string {
  if (alias === "") throw new Error("a link's names are no index expression");
  return `(SELECT group_concat(${cellSql(nameField, "n").key}, '' ORDER BY j.key) FROM ${cellSql(field.id, alias).each} AS j JOIN records AS n ON n.id = j.value AND n.table_id = '${sqlId(linkedTable(field.options))}')`;
}
