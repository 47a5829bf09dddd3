// Edits of a view definition that the view bar's controls make: each takes a view and what
// the person chose (menu values such as "<field id> <operator>", typed text) and returns the
// changed view, or a reason. Pure: the page decides whether the edit is saved or kept as the
// person's own adjustment. The action applying a saved edit checks the result again.

import type { Json } from "../../schema/fields/field-type";
import { type Width, widthText } from "../../schema/views/group-kinds";
import { operator } from "../../schema/views/operators";
import { type Condition, conditionsOf, type Grouping, groupingsOf, isOrGroup, MAX_CONDITIONS, MAX_GROUP_LEVELS, SUMMARY_KINDS, type ViewDefinition } from "../../schema/views/view";

type Edited = { ok: true; view: ViewDefinition } | { ok: false; reason: string };

const split = (choice: string): [string, string] => {
  const [a = "", b = ""] = choice.trim().split(" ");
  return [a, b];
};

export function addCondition(view: ViewDefinition, choice: string, arg1: string, arg2: string, or: boolean): Edited {
  const [fieldId, opName] = split(choice);
  const op = operator(opName);
  if (!fieldId || !op) return { ok: false, reason: "Choose a field and a condition." };
  if (conditionsOf(view.filters).length >= MAX_CONDITIONS) return { ok: false, reason: `A view has at most ${MAX_CONDITIONS} conditions.` };
  const args = op.input === "none" ? [] : op.input === "choices" ? arg1.split(",").map((a) => a.trim()).filter(Boolean) : op.input === "two" ? [arg1, arg2] : [arg1];
  const condition: Condition = { fieldId, op: op.name, args };
  const filters = [...view.filters];
  const last = filters.at(-1);
  if (or && last) filters[filters.length - 1] = { any: [...(isOrGroup(last) ? last.any : [last]), condition] };
  else filters.push(condition);
  return { ok: true, view: { ...view, filters } };
}

/** Removes a condition: [i] a plain one or a whole group, [i, j] one inside an OR group. */
export function removeFilter(view: ViewDefinition, at: Json): ViewDefinition {
  if (!Array.isArray(at) || typeof at[0] !== "number") return view;
  const [i, j] = at;
  const filters = [...view.filters];
  const filter = filters[i];
  if (!filter) return view;
  if (typeof j === "number" && isOrGroup(filter)) {
    const any = filter.any.filter((_, k) => k !== j);
    if (any.length === 0) filters.splice(i, 1);
    else filters[i] = any.length === 1 ? any[0]! : { any };
  } else filters.splice(i, 1);
  return { ...view, filters };
}

export function addSort(view: ViewDefinition, choice: string): Edited {
  const [fieldId, direction] = split(choice);
  if (!fieldId) return { ok: false, reason: "Choose a field to sort by." };
  const sorts = [...view.sorts.filter((s) => s.fieldId !== fieldId), { fieldId, descending: direction === "desc" }].slice(-5);
  return { ok: true, view: { ...view, sorts } };
}

/** Sorting by a column's header: that field first, ascending, then descending, then off. */
export function toggleSort(view: ViewDefinition, fieldId: string): ViewDefinition {
  const first = view.sorts[0];
  const rest = view.sorts.filter((s) => s.fieldId !== fieldId);
  if (first?.fieldId !== fieldId) return { ...view, sorts: [{ fieldId, descending: false }, ...rest].slice(0, 5) };
  return { ...view, sorts: first.descending ? rest : [{ fieldId, descending: true }, ...rest] };
}

export function setGroup(view: ViewDefinition, choice: string | null): ViewDefinition {
  if (!choice) return { ...view, group: null, subgroups: [] };
  const [fieldId, part] = split(choice);
  return { ...view, group: { fieldId, part: part === "" ? null : part } };
}

const withLevels = (view: ViewDefinition, levels: Grouping[]): ViewDefinition => ({ ...view, group: levels[0] ?? null, subgroups: levels.slice(1) });

/** Groups the records by one more level, inside the groups there are (at most three). For
 *  ranges, `width` typed (empty: automatic) is read by `typedWidth` for the field's type. */
export function addGroupLevel(view: ViewDefinition, choice: string, width = "", widthOf?: (text: string) => Width | null): Edited {
  const [fieldId, chosen] = split(choice);
  if (!fieldId) return { ok: false, reason: "Choose a field to group by." };
  let part = chosen;
  if (part === "range" && width.trim() !== "") {
    const w = widthOf?.(width) ?? null;
    if (!w) return { ok: false, reason: `“${width.trim().slice(0, 40)}” is not a width: type a positive number such as 100 or 0.5.` };
    part = `range:${widthText(w)}`;
  }
  const levels = groupingsOf(view);
  const level = { fieldId, part: part === "" ? null : part };
  if (levels.some((g) => g.fieldId === level.fieldId && g.part === level.part)) return { ok: false, reason: "The records are already grouped that way." };
  if (levels.length >= MAX_GROUP_LEVELS) return { ok: false, reason: `A view groups by at most ${MAX_GROUP_LEVELS} levels: remove one first.` };
  return { ok: true, view: withLevels(view, [...levels, level]) };
}

/** Stops grouping by level `at` (0: the outermost); the levels inside it move up. */
export function removeGroupLevel(view: ViewDefinition, at: Json): ViewDefinition {
  return withLevels(view, groupingsOf(view).filter((_, i) => i !== at));
}

export function addSummary(view: ViewDefinition, choice: string): Edited {
  const [fieldId, kind] = split(choice);
  const known = SUMMARY_KINDS.find((k) => k === kind);
  if (!fieldId || !known) return { ok: false, reason: "Choose a summary." };
  if (view.summaries.some((s) => s.fieldId === fieldId && s.kind === known)) return { ok: true, view };
  return { ok: true, view: { ...view, summaries: [...view.summaries, { fieldId, kind: known }] } };
}

export const removeAt = <T>(list: readonly T[], at: Json): T[] => list.filter((_, k) => k !== at);
