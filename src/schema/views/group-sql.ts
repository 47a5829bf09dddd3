// A group's key as SQL: a field's sort key, or one of its parts (a date's month, a place's
// country). Shared by the view's GROUP BY (./sql.ts) and the operator that filters a view to
// one of its groups (./ops-group.ts), so a click on a chart's bar finds exactly its records.

import type { FieldTypeName } from "../fields/registry";
import type { CellSql } from "./cell-sql";
import { rangeKeySql, rangePart, readRangeKey, type Widths } from "./group-kinds";

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
