// A view resolved against its table and today's context: the conditions that apply (with
// the values typed in them read), the visible fields, sorts, grouping and summaries. Both
// ways of running a view — SQL (./sql.ts) and the plain in-memory evaluation
// (./evaluate.ts) — start from this, so they can differ only in how they run it.

import type { Json, ParseContext } from "../fields/field-type";
import { type FieldTypeName, fieldType } from "../fields/registry";
import { type Field, liveFields, type Table } from "../model";
import { foldSpaces } from "../text";
import { asciiLower, isSqlId } from "./cell-sql";
import { isEach, isNumeric, RANGE_TYPES, rangePart, type Widths } from "./group-kinds";
import type { AnyOperator } from "./operator";
import { operator } from "./operators";
import { type Condition, groupingsOf, isOrGroup, type SummaryKind, type ViewDefinition, visibleFields } from "./view";

export type ActiveCondition = { field: Field; op: AnyOperator; prepared: Json };

/** A condition that does not apply now, and why (shown beside it in the view bar). */
export type Inactive = { condition: Condition; reason: string };

/** What a field may be grouped by: its value (part null) or a part offered in SQL. "range"
 *  is round buckets of an automatic width; "range:<width>" (not listed) one chosen
 *  (./group-kinds.ts). */
export const GROUP_PARTS: ReadonlyMap<FieldTypeName, readonly string[]> = new Map<FieldTypeName, readonly string[]>([
  ["date", ["year", "quarter", "month", "week", "weekday", "day"]],
  ["location", ["city", "state", "country", "continent"]],
  ["money", ["currency", "range"]],
  ["number", ["range"]],
  ["percent", ["range"]],
  ["duration", ["range"]],
]);

/** Types whose values group by their value; multiple choices and links group a record under
 *  each of their values (`isEach`). */
const GROUPS_BY_VALUE: ReadonlySet<FieldTypeName> = new Set(["text", "longText", "number", "percent", "money", "date", "duration", "checkbox", "choice", "email", "url", "phone", "user", "location"]);

export function canGroup(type: FieldTypeName, part: string | null): boolean {
  if (part === null) return GROUPS_BY_VALUE.has(type) || isEach(type, part);
  if (rangePart(part)) return RANGE_TYPES.has(type);
  return (GROUP_PARTS.get(type) ?? []).includes(part);
}


/** Which summaries a field type offers: "filled" and "percent" (of the filled cells) for
 *  all, earliest and latest for dates, the rest (and percent of the sum) for numbers and money. */
export function canSummarise(type: FieldTypeName, kind: SummaryKind): boolean {
  if (kind === "earliest" || kind === "latest") return type === "date";
  return kind === "filled" || kind === "percent" || isNumeric(type);
}

export interface ResolvedView {
  tableId: string;
  fields: Field[];
  /** AND of ORs: a plain condition is a group of one. */
  filters: ActiveCondition[][];
  inactive: Inactive[];
  /** ASCII-lowercased, trimmed; "" for none. */
  search: string;
  /** `names`: for a link field, the linked table's name field (its first), so links sort
   *  by the linked records' names (`ParseContext.nameField`); absent, by their ids. */
  sorts: { field: Field; descending: boolean; names?: string }[];
  /** Grouping levels, outermost first (at most three); empty when not grouped. A level
   *  whose field was deleted or cannot be grouped that way ends the list there. A range
   *  level's widths are found from the data before it runs (`widths`, ./group-kinds.ts). */
  groups: { field: Field; part: string | null; widths?: Widths; names?: string }[];
  summaries: { field: Field; kind: SummaryKind }[];
  /** The multiple-choice and link fields whose elements the object keeps in its side table
   *  (src/tenant-do/each-values.ts), set by whoever runs the view in SQL; none when absent. */
  kept?: ReadonlySet<string>;
  /** The view indexes (src/tenant-do/view-indexes.ts) the object has now, by name, set by
   *  whoever runs the view in SQL: a GROUP BY that joins a level's elements reads through
   *  its index when there is one (./sql.ts: `aggregateQuery`); none when absent. */
  indexes?: ReadonlySet<string>;
}

function activate(condition: Condition, table: Table, context: ParseContext): ActiveCondition | Inactive {
  const field = liveFields(table).find((f) => f.id === condition.fieldId);
  if (!field) return { condition, reason: "That field was deleted." };
  const op = operator(condition.op);
  if (!op?.fits(field.type)) return { condition, reason: `This condition does not fit a ${fieldType(field.type).label.toLowerCase()} field.` };
  const args = withConstants(condition.args, context);
  if (typeof args === "string") return { condition, reason: args };
  const prepared = op.prepare(args, field, context);
  return prepared.ok ? { field, op, prepared: prepared.value } : { condition, reason: prepared.reason };
}

/** Values typed as "{name}" read as that named constant's text; an unknown name is a reason. */
export function withConstants(args: readonly string[], context: ParseContext): string[] | string {
  const out: string[] = [];
  for (const arg of args) {
    const named = /^\s*\{(.+)\}\s*$/.exec(arg)?.[1];
    if (named === undefined) {
      out.push(arg);
      continue;
    }
    const constant = context.constants?.find((c) => foldSpaces(c.name) === foldSpaces(named));
    if (!constant) return `There is no constant called “${named.trim()}”.`;
    out.push(constant.text);
  }
  return out;
}

export function resolveView(view: ViewDefinition, table: Table, context: ParseContext): ResolvedView {
  const filters: ActiveCondition[][] = [];
  const inactive: Inactive[] = [];
  for (const filter of view.filters) {
    const active: ActiveCondition[] = [];
    for (const condition of isOrGroup(filter) ? filter.any : [filter]) {
      const got = activate(condition, table, context);
      if ("op" in got) active.push(got);
      else inactive.push(got);
    }
    if (active.length > 0) filters.push(active);
  }
  return {
    tableId: table.id,
    fields: visibleFields(table, view),
    filters,
    inactive,
    search: asciiLower(view.search.trim()),
    ...shapeOf(view, table, context.nameField),
  };
}

/** A view's grouping, sorts and summaries over the table's live fields (what its order and
 *  aggregates, and so its indexes, depend on; no typed value is read). A link field's
 *  linked records are ordered by their names when `nameField` names the linked table's. */
export function shapeOf(view: ViewDefinition, table: Table, nameField?: ParseContext["nameField"]): Pick<ResolvedView, "groups" | "sorts" | "summaries"> {
  const live = new Map(liveFields(table).map((f) => [f.id, f]));
  const names = (f: Field): { names?: string } => {
    const id = linkNameField(f, nameField);
    return id === undefined ? {} : { names: id };
  };
  const groups: ResolvedView["groups"] = [];
  for (const g of groupingsOf(view)) {
    const f = live.get(g.fieldId);
    if (!f || !canGroup(f.type, g.part)) break;
    groups.push({ field: f, part: g.part, ...(g.part === null && names(f)) });
  }
  return {
    sorts: view.sorts.flatMap((s) => {
      const f = live.get(s.fieldId);
      return f ? [{ field: f, descending: s.descending, ...names(f) }] : [];
    }),
    groups,
    summaries: view.summaries.flatMap((s) => {
      const f = live.get(s.fieldId);
      return f && canSummarise(f.type, s.kind) ? [{ field: f, kind: s.kind }] : [];
    }),
  };
}

/** For a link field, the linked table's name field (`ParseContext.nameField`), by which its
 *  cells sort and group: the grid's sort (../records.ts: `RecordQuery`) and views alike.
 *  Undefined for other fields, or when either id is not one `sqlId` takes. */
export function linkNameField(f: Field, nameField?: ParseContext["nameField"]): string | undefined {
  const linked = f.type === "link" ? (f.options as { tableId?: unknown }).tableId : undefined;
  const id = typeof linked === "string" ? nameField?.(linked) : undefined;
  return id !== undefined && isSqlId(id) && isSqlId(linked as string) ? id : undefined;
}
