// A page of a view turned by key (issue 12: "big pages page by key, not OFFSET"): the rows
// past (or before) the row a page turn names, by seeks in the view's order
// (../paging.ts: `keysetQuery`), so page 2,000 costs what page 1 does.
// - A row is a record, and in a view grouped by a multiple choice or a link (a record
//   under each of its values: the level joins its elements) also the value of each such
//   level it lies under: the key names them (`PageKey.in`), the seeks join those elements
//   and the order's terms (./sql-terms.ts: `orderTerms`) hold them, so a record's other
//   rows are neither skipped nor repeated.
// - Folded groups are left out of the seeks: their keys go in one bound JSON list per
//   depth of group, however many are folded (the 100 bound parameters of a statement
//   would otherwise cap them).

import { keysetQuery, type PageKey } from "../paging";
import type { Fragment } from "./cell-sql";
import { type GroupLevelSql, groupColumns, groupSql } from "./group-sql";
import type { ResolvedView } from "./query";
import type { GroupKey } from "./result";
import type { SqlRow, SqlRunner } from "./page-rows";
import { orderTerms } from "./sql-terms";

/** The page after (or before) the row `key` names, by seeks in the view's order, over the
 *  rows `where` keeps less those of the `folded` groups; null when that cannot be (the
 *  record is gone, or no longer lies under the values the key names, or the key does not
 *  name one value per level that has a record under each): the caller reads by position. */
export function keyedRows(view: ResolvedView, where: Fragment, key: PageKey, limit: number, run: SqlRunner, folded: readonly GroupKey[][] = []): SqlRow[] | null {
  const levels = groupSql(view);
  const each = levels.filter((g) => g.each);
  const elements = key.in ?? [];
  if (elements.length !== each.length) return null;
  const terms = orderTerms(view);
  const g = groupColumns(view);
  const id = "after" in key ? key.after : key.before;
  const at = ["records.table_id = ?", "records.id = ?", ...each.map((l) => `ifnull(${l.key}, '') = ?`)];
  const found = run({ sql: `SELECT ${terms.map((t, i) => `${t.sql} AS o${i}`).join(", ")} FROM ${g.from} WHERE ${at.join(" AND ")}`, params: [view.tableId, id, ...elements] })[0];
  if (!found) return null;
  const backwards = "before" in key;
  const columns = "records.id, records.table_id, records.created_at, records.cells";
  // Joined, a row's group columns come from its branch (they hold its element); else they
  // are read for the page's records alone.
  const joined = each.length > 0;
  const query = keysetQuery({
    select: joined ? `${columns}${levels.map((_, i) => `, k.gkind${i}, k.gkey${i}`).join("")}` : `${columns}${g.select.map((c) => `, ${c}`).join("")}`,
    where: withoutFolded(where, levels, folded),
    terms,
    values: terms.map((_, i) => found[`o${i}`] ?? null),
    backwards,
    limit,
    ...(joined && { joins: g.joins, carry: g.select }),
  });
  if (!query) return null;
  const rows = run(query);
  return backwards ? rows.reverse() : rows;
}

/** `where`, less the rows of the `folded` groups: per depth, one NOT EXISTS over a bound
 *  JSON list of those groups' paths ([kind, key, kind, key…], a key '' for none, as the
 *  order's terms hold it). The keys came from SQL rows, so they compare as they were read. */
export function withoutFolded(where: Fragment, levels: readonly GroupLevelSql[], folded: readonly GroupKey[][]): Fragment {
  const out = { sql: where.sql, params: [...where.params] };
  for (let depth = 1; depth <= levels.length; depth++) {
    const paths = folded.filter((p) => p.length === depth);
    if (paths.length === 0) continue;
    const same = levels.slice(0, depth).map((l, i) => `f.value ->> ${2 * i} = ${l.kind} AND f.value ->> ${2 * i + 1} = ifnull(${l.key}, '')`);
    out.sql += ` AND NOT EXISTS (SELECT 1 FROM json_each(?) AS f WHERE ${same.join(" AND ")})`;
    out.params.push(JSON.stringify(paths.map((p) => p.flatMap((k) => [k.kind, k.key ?? ""]))));
  }
  return out;
}
