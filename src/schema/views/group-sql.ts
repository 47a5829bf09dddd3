// A group's key as SQL: a field's sort key, or one of its parts (a date's month, a place's
// country). Shared by the view's GROUP BY (./sql.ts) and the operator that filters a view to
// one of its groups (./ops-group.ts), so a click on a chart's bar finds exactly its records.

import { type CellSql, cellSql } from "./cell-sql";
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

export const isPartSql = (part: string): boolean => PART_SQL.has(part);

/** The group key of a cell (NULL for an empty or not-understood one, or a missing part). */
export function groupKeySql(c: CellSql, part: string | null): string {
  const get = part === null ? undefined : PART_SQL.get(part);
  return get ? `CASE WHEN ${c.value} IS NULL THEN NULL ELSE ${get(c.at)} END` : c.key;
}

/** The group key and kind (0 value, 1 empty, 2 not understood) of each grouping level of a
 *  row, as SQL over `records` (`alias` "": unqualified, as an index expression must be). The
 *  view's ORDER BY, GROUP BY and its indexes (src/tenant-do/view-indexes.ts) all take them
 *  from here, so the text matches exactly and SQLite reads them from the index. */
export function groupSql(view: Pick<ResolvedView, "groups">, alias = "records"): { key: string; kind: string }[] {
  return view.groups.map((g) => {
    const c = cellSql(g.field.id, alias);
    const key = groupKeySql(c, g.part);
    return { key, kind: `CASE WHEN (${key}) IS NOT NULL THEN 0 WHEN ${c.invalid} IS NOT NULL THEN 2 ELSE 1 END` };
  });
}
