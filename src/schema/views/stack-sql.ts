// A chart split by a second grouping (bars stacked by it, a line per value): per group of the
// view and per value (or part) of a second field, the count and the measure — per currency
// for money. One GROUP BY over the view's own WHERE (./sql.ts), keyed by the same SQL as the
// view's groups and the `inGroup` operator (./group-sql.ts), so a click on a segment finds
// exactly its records. Its size is bounded by the groups, never by the records.

import type { Field } from "../model";
import type { StoredCell } from "../values";
import { cellSql, type Fragment } from "./cell-sql";
import { type MeasureSql, measureColumns } from "./map-sql";
import type { ResolvedView } from "./query";
import { type GroupKey, tidy } from "./result";
import { groupSql, keyOf, type SqlRunner, where, withWidthsSql } from "./sql";

export type StackBy = { field: Field; part: string | null };

export interface StackCell {
  group: GroupKey;
  stack: GroupKey;
  /** One cell of the second field, to label its value (null for empty and not understood). */
  sample: StoredCell | null;
  count: number;
  /** The measure per series ("" or a currency); the count when there is no measure. */
  values: Map<string, number>;
}

/** Most cells read: 60 groups drawn × a few hundred values of the second field is plenty. */
export const MAX_STACK_CELLS = 20_000;

export function stackQuery(view: ResolvedView, stack: StackBy, measure: MeasureSql): Fragment {
  const w = where(view);
  const [g] = groupSql(view);
  const [s] = groupSql({ groups: [stack] }, "records", "s");
  if (!g || !s) throw new Error("stackQuery needs a grouped view");
  const m = measureColumns(measure);
  const columns = [`${g.kind} AS gkind`, `${g.key} AS gkey`, `${s.kind} AS skind`, `${s.key} AS skey`, `${g.ord} AS gord`, `${s.ord} AS sord`, `${cellSql(stack.field.id).cell} AS sample`, "COUNT(*) AS n", ...m.columns];
  const groupBy = `gkind, gkey, skind, skey${m.byCurrency ? ", currency" : ""}`;
  return { sql: `SELECT ${columns.join(", ")} FROM records${g.join}${s.join} WHERE ${w.sql} GROUP BY ${groupBy} ORDER BY gkind, gord, gkey, skind, sord, skey LIMIT ${MAX_STACK_CELLS}`, params: w.params };
}

const cellId = (g: GroupKey, s: GroupKey) => JSON.stringify([g.kind, g.key, s.kind, s.key]);

/** The cells of a grouped view split by `stack`, in the order of the groups, then of the
 *  second grouping (values, then empty, then not understood). */
export function runStackSql(resolved: ResolvedView, stack: StackBy, measure: MeasureSql, run: SqlRunner): StackCell[] {
  if (resolved.groups.length === 0) return [];
  const both = withWidthsSql({ ...resolved, groups: [resolved.groups[0]!, stack] }, run);
  const view = { ...resolved, groups: [both.groups[0]!] };
  stack = both.groups[1]!;
  const cells = new Map<string, StackCell>();
  for (const row of run(stackQuery(view, stack, measure))) {
    const group = keyOf(row);
    const s = keyOf({ gkind: row.skind ?? null, gkey: row.skey ?? null });
    const id = cellId(group, s);
    let cell = cells.get(id);
    if (!cell) {
      const sample = s.kind === 0 && typeof row.sample === "string" ? (JSON.parse(row.sample) as StoredCell) : null;
      cell = { group, stack: s, sample: sample && { text: sample.text, value: sample.value }, count: 0, values: new Map() };
      cells.set(id, cell);
    }
    cell.count += Number(row.n);
    if (!measure) cell.values.set("", cell.count);
    else if (row.v !== null && row.v !== undefined && row.currency !== null) cell.values.set(String(row.currency ?? ""), tidy(Number(row.v)));
  }
  return [...cells.values()];
}
