// A view of a table: which fields show and in what order, which records (filters: an AND
// of conditions and one level of OR groups, plus a search text), in what order (sorts by
// several fields), grouped by a field or a part of one, with summaries per group. Views are
// structure, like forms: they live in the schema (`Schema.views`) and change only through the
// view actions (../view-actions.ts), so undo, the change log and live updates work for them.
//
// A view is shared (`owner: null`: builders and owners change it, everyone sees it) or
// personal (`owner`: the member id of its maker, the only one who sees and changes it).
// Every table also has a default view that is never stored: the grid as it always was.

import * as v from "valibot";
import { findTable, liveFields, type Schema, type Table } from "../model";
import { DisplaySchema, displayFields } from "./display";

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** What a person typed as a condition's value, kept as typed (parsed when the view runs). */
const arg = v.pipe(v.string(), v.maxLength(200, "A filter value is at most 200 characters."));

export const SUMMARY_KINDS = ["filled", "sum", "average", "min", "max", "percent", "earliest", "latest"] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];

/** Most levels of grouping: a group, its subgroups and theirs. */
export const MAX_GROUP_LEVELS = 3;

/** Most conditions a view holds, counting those inside OR groups: each takes at most three
 *  bound parameters, and SQLite allows 100 per statement. */
export const MAX_CONDITIONS = 20;

export const ConditionSchema = v.object({
  fieldId: id,
  /** An operator's name (./operators.ts). */
  op: v.pipe(v.string(), v.maxLength(40)),
  args: v.pipe(v.array(arg), v.maxLength(20, "At most 20 values in one condition.")),
});

/** Records that meet any one of these conditions. */
export const OrGroupSchema = v.object({ any: v.pipe(v.array(ConditionSchema), v.minLength(1), v.maxLength(10)) });

export const FilterSchema = v.union([ConditionSchema, OrGroupSchema]);

export const SortSchema = v.object({ fieldId: id, descending: v.boolean() });

/** Group by a field's value, or by one of its parts (a date's month, a place's country). */
export const GroupingSchema = v.object({ fieldId: id, part: v.nullable(v.pipe(v.string(), v.maxLength(40))) });

export const SummarySchema = v.object({ fieldId: id, kind: v.picklist(SUMMARY_KINDS) });

export const ViewDefinitionSchema = v.object({
  id,
  tableId: id,
  name: v.pipe(v.string(), v.check((t) => t.trim() !== "", "A view needs a name."), v.maxLength(80, "A view name is at most 80 characters.")),
  /** null: shared with everyone; otherwise the member who made it and alone sees it. */
  owner: v.nullable(id),
  /** Visible fields in order; null: the table's visible fields in the table's order. */
  fields: v.nullable(v.pipe(v.array(id), v.maxLength(100))),
  filters: v.pipe(v.array(FilterSchema), v.maxLength(MAX_CONDITIONS)),
  sorts: v.pipe(v.array(SortSchema), v.maxLength(5, "A view sorts by at most 5 fields.")),
  search: v.pipe(v.string(), v.maxLength(200, "A search is at most 200 characters.")),
  group: v.nullable(GroupingSchema),
  /** Up to two more levels inside `group` (groups within groups); absent: none. */
  subgroups: v.optional(v.pipe(v.array(GroupingSchema), v.maxLength(MAX_GROUP_LEVELS - 1, `A view groups by at most ${MAX_GROUP_LEVELS} levels.`))),
  summaries: v.pipe(v.array(SummarySchema), v.maxLength(20, "At most 20 summaries.")),
  /** Column widths in the grid (pixels), as [field id, width]; absent or unlisted: the
   *  table's. */
  widths: v.optional(v.pipe(v.array(v.tuple([id, v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(800))])), v.maxLength(100))),
  /** How the view is drawn (./display.ts); absent: the grid. */
  display: v.optional(DisplaySchema),
});

export type ViewDefinition = v.InferOutput<typeof ViewDefinitionSchema>;
export type Condition = v.InferOutput<typeof ConditionSchema>;
export type OrGroup = v.InferOutput<typeof OrGroupSchema>;
export type Filter = v.InferOutput<typeof FilterSchema>;
export type Sort = v.InferOutput<typeof SortSchema>;
export type Grouping = v.InferOutput<typeof GroupingSchema>;
export type Summary = v.InferOutput<typeof SummarySchema>;

/** The id of a table's default view, which is never stored. */
export const DEFAULT_VIEW = "default";

/** The view's grouping levels, outermost first (none when it is not grouped). */
export const groupingsOf = (view: Pick<ViewDefinition, "group" | "subgroups">): Grouping[] => (view.group ? [view.group, ...(view.subgroups ?? [])] : []);

export const isOrGroup = (filter: Filter): filter is OrGroup => "any" in filter;

/** The conditions of a filter list, those in OR groups included. */
export const conditionsOf = (filters: readonly Filter[]): Condition[] => filters.flatMap((f) => (isOrGroup(f) ? f.any : [f]));

/** A table's default view: every visible field, no filter, in creation order. */
export function defaultView(table: Table): ViewDefinition {
  return { id: DEFAULT_VIEW, tableId: table.id, name: "All records", owner: null, fields: null, filters: [], sorts: [], search: "", group: null, summaries: [] };
}

/** A new view that starts as `from` shows (a copy of the default view or of another). */
export function newView(id: string, from: ViewDefinition, name: string, owner: string | null): ViewDefinition {
  return { ...structuredClone(from), id, name: name.trim(), owner };
}

export function liveViews(schema: Schema): ViewDefinition[] {
  return schema.views ?? [];
}

export function findView(schema: Schema, viewId: string): ViewDefinition | undefined {
  return liveViews(schema).find((view) => view.id === viewId);
}

/** The views of a table a member sees: shared ones, then their own personal ones. */
export function viewsFor(schema: Schema, tableId: string, memberId: string): ViewDefinition[] {
  const views = liveViews(schema).filter((view) => view.tableId === tableId);
  return [...views.filter((view) => view.owner === null), ...views.filter((view) => view.owner === memberId)];
}

/** The view's visible fields, in order: listed ones that still exist and are not deleted. */
export function visibleFields(table: Table, view: ViewDefinition) {
  const live = liveFields(table);
  if (view.fields === null) return live.filter((f) => !f.hidden);
  return view.fields.flatMap((fieldId) => live.filter((f) => f.id === fieldId));
}

/** The view a stored or submitted definition describes, or the first reason it is not one. */
export function parseView(value: unknown): { ok: true; view: ViewDefinition } | { ok: false; reason: string } {
  const result = v.safeParse(ViewDefinitionSchema, value);
  return result.success ? { ok: true, view: result.output } : { ok: false, reason: result.issues[0].message };
}

/** Why a view cannot be saved in this schema, or null. Fields a view names must belong to its
 *  table (deleted ones are allowed: a view outlives a field's deletion, and its conditions on
 *  that field simply do not apply until the field comes back). Whether an operator fits a
 *  field's type is decided when the view runs, since types change. */
export function checkView(view: ViewDefinition, schema: Schema, knownOperator: (op: string) => boolean): string | null {
  const parsed = parseView(view);
  if (!parsed.ok) return parsed.reason;
  const table = findTable(schema, view.tableId);
  if (!table || table.deletedAt !== undefined) return "That table no longer exists.";
  if (view.id === DEFAULT_VIEW) return "That name is kept for the default view.";
  const known = (fieldId: string) => table.fields.some((f) => f.id === fieldId);
  const conditions = conditionsOf(view.filters);
  if (conditions.length > MAX_CONDITIONS) return `A view has at most ${MAX_CONDITIONS} conditions.`;
  for (const c of conditions) if (!knownOperator(c.op)) return "A condition uses an unknown operator.";
  const named = [...(view.fields ?? []), ...conditions.map((c) => c.fieldId), ...view.sorts.map((s) => s.fieldId), ...view.summaries.map((s) => s.fieldId), ...groupingsOf(view).map((g) => g.fieldId), ...displayFields(view.display)];
  if (!named.every(known)) return "The view names a field its table does not have.";
  return null;
}
