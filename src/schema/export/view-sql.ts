// The records of a view, for an export: first the order (one query for every matching
// record's `seq`, in the view's sort — a few bytes a record, so 100,000 records sort once),
// then the cells a page at a time by those seqs. A record edited or deleted meanwhile is
// written as it is then, or skipped; none is written twice. Pure SQL text; field ids reach it
// only through cellSql (checked by sqlId), values as bound parameters.

import { cellSql, type Fragment } from "../views/cell-sql";
import type { ResolvedView } from "../views/query";
import { where } from "../views/sql";

/** Every matching record's seq, in the view's order (sorts, then creation). */
export function orderQuery(view: ResolvedView): Fragment {
  const w = where(view);
  const order = [
    ...view.sorts.flatMap((s) => {
      const k = cellSql(s.field.id).key;
      return [`${k} IS NULL ASC`, `${k} ${s.descending ? "DESC" : "ASC"}`];
    }),
    "records.seq ASC",
  ];
  return { sql: `SELECT records.seq AS seq FROM records WHERE ${w.sql} ORDER BY ${order.join(", ")}`, params: w.params };
}

/** The cells of the live records among `seqs` of a table (the caller puts them in order). */
export function pageQuery(tableId: string, seqs: readonly number[]): Fragment {
  return {
    sql: "SELECT seq, cells FROM records WHERE table_id = ? AND deleted_at IS NULL AND seq IN (SELECT value FROM json_each(?))",
    params: [tableId, JSON.stringify(seqs)],
  };
}

/** The kept texts of `fieldIds`' cells (NULL: no cell), then `seq` last: SQLite reads them
 *  out of each record's JSON, so the object parses none of it. */
const texts = (fieldIds: readonly string[]) => [...fieldIds.map((id) => cellSql(id).text), "records.seq"].join(", ");

/** Like pageQuery, the texts of `fieldIds` instead of the whole cells. */
export function pageTextsQuery(tableId: string, fieldIds: readonly string[], seqs: readonly number[]): Fragment {
  return {
    sql: `SELECT ${texts(fieldIds)} FROM records WHERE table_id = ? AND deleted_at IS NULL AND seq IN (SELECT value FROM json_each(?))`,
    params: [tableId, JSON.stringify(seqs)],
  };
}

/** A table's next `limit` live records after `after`, in creation order: the texts of
 *  `fieldIds`, then seq. */
export function tableTextsQuery(tableId: string, fieldIds: readonly string[], after: number, limit: number): Fragment {
  return {
    sql: `SELECT ${texts(fieldIds)} FROM records WHERE table_id = ? AND deleted_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`,
    params: [tableId, after, limit],
  };
}
