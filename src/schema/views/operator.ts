// The one interface every filter operator implements. An operator reads what the person
// typed (`prepare`, with the field type's own parser), then decides a cell twice: in memory
// (`test`, the plain evaluation views are checked against) and as SQL over `records`
// (`sql`). Both must agree; ./operator-cases.ts holds the cases every operator passes in both.

import type { Json, ParseContext, Parsed } from "../fields/field-type";
import type { FieldTypeName } from "../fields/registry";
import type { Field } from "../model";
import type { StoredCell } from "../values";
import type { CellSql, Fragment } from "./cell-sql";

/** What a condition asks the person for, after the operator: nothing, one value, two values
 *  (between), a number of days, or options of a choice field. */
export type OperatorInput = "none" | "value" | "two" | "count" | "choices";

export interface Operator<P extends Json> {
  /** Stored in views; never shown. */
  readonly name: string;
  /** What a person reads in the menu: "contains", "is before". */
  readonly label: string;
  readonly input: OperatorInput;
  /** Not offered in menus: made by a click on a chart or map (./ops-group.ts). */
  readonly hidden?: boolean;
  fits(type: FieldTypeName): boolean;
  /** Reads the typed values for `field`; never throws. */
  prepare(args: readonly string[], field: Field, context: ParseContext): Parsed<P>;
  /** Whether a cell (undefined: the record has none) meets the condition. */
  test(prepared: P, cell: StoredCell | undefined): boolean;
  /** The same decision as an SQL boolean expression, values as bound parameters. */
  sql(prepared: P, cell: CellSql): Fragment;
  /** The expression `sql` looks bound values up by, when an index on it can answer the
   *  condition: a saved view with the condition gets that index (./sql-terms.ts). */
  readonly lookup?: (cell: CellSql) => string;
}

export type AnyOperator = Operator<Json>;

export const isEmptyCell = (cell: StoredCell | undefined): boolean => (cell?.value ?? null) === null && cell?.invalid === undefined;

/** The one argument, or a reason. */
export function oneArg(args: readonly string[]): Parsed<string> {
  const [first] = args;
  return first === undefined || first.trim() === "" ? { ok: false, reason: "Type a value." } : { ok: true, value: first };
}
