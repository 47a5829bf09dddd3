// Single choice field: the value is the id of one of the field's choices. Typed text matches a
// choice's label ignoring case and spacing; anything else is kept as invalid, never added
// silently. proposeChoices builds the choices for a "change text to choice" preview.
import type { FieldType } from "./field-type";
import { foldLabel, groupSpellings } from "../text";
import { order } from "./sort-keys";

export type Choice = { id: string; label: string; color: string };
export type ChoiceOptions = { choices: Choice[] };

/** Fixed palette, used in order. */
export const choiceColors = [
  "blue", "green", "yellow", "orange", "red", "pink", "purple", "teal", "cyan", "gray",
] as const;

/** "  New  York " and "newyork" fold to the same key. */
export function findChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const key = foldLabel(text);
  return choices.find((c) => foldLabel(c.label) === key);
}

export const choiceType: FieldType<string, ChoiceOptions> = {
  name: "choice",
  label: "Single choice",
  defaultOptions: () => ({ choices: [] }),
  parse(text, options) {
    const choice = findChoice(text, options.choices);
    return choice ? { ok: true, value: choice.id } : { ok: false, reason: "not one of the options" };
  },
  /** A choice since deleted shows its id, so the cell is never blank by accident. */
  format: (value, options) => options.choices.find((c) => c.id === value)?.label ?? value,
  /** By id: compare sees no options, so a view that wants the options' order sorts itself. */
  compare: order,
  sortKey: (value) => value,
  parts: [],
};

export type ProposedChoice = { choice: Choice; count: number };

/** Distinct values of `texts` folded by case and spacing, most frequent first; each label is
 *  the most frequent spelling (the first seen on a tie). With `split`, cells are split on
 *  commas and semicolons as multiChoice reads them. Ids are "c1", "c2", … */
export function proposeChoices(
  texts: readonly string[],
  { split = false }: { split?: boolean } = {},
): ProposedChoice[] {
  const groups = groupSpellings(split ? texts.flatMap(splitChoices) : texts, foldLabel);
  return groups
    .map((group, order) => ({ group, order }))
    .sort((a, b) => b.group.count - a.group.count || a.order - b.order)
    .map(({ group }, i) => {
      const color = choiceColors[i % choiceColors.length] ?? "gray";
      return { choice: { id: `c${i + 1}`, label: group.label, color }, count: group.count };
    });
}

/** How multiChoice splits a cell: on commas and semicolons, dropping empty parts. */
export function splitChoices(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
