// Multiple choice field: "Red, Blue; green" → the ids of those choices, in the order typed,
// each once. One part that matches no choice makes the whole cell invalid, so nothing typed
// is dropped without a person seeing it.
import { type ChoiceOptions, findChoice, splitChoices } from "./choice";
import type { FieldType } from "./field-type";
import { order, tupleKey } from "./sort-keys";

export const multiChoiceType: FieldType<string[], ChoiceOptions> = {
  name: "multiChoice",
  label: "Multiple choice",
  defaultOptions: () => ({ choices: [] }),
  parse(text, options) {
    const ids: string[] = [];
    const parts = splitChoices(text);
    if (parts.length === 0) return { ok: false, reason: "no options named" };
    for (const part of parts) {
      const choice = findChoice(part, options.choices);
      if (!choice) return { ok: false, reason: `'${part}' is not one of the options` };
      if (!ids.includes(choice.id)) ids.push(choice.id);
    }
    return { ok: true, value: ids };
  },
  format: (value, options) =>
    value.map((id) => options.choices.find((c) => c.id === id)?.label ?? id).join(", "),
  /** Element by element by id; a list that is a prefix of another comes first. */
  compare(a, b) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const byId = order(a[i] ?? "", b[i] ?? "");
      if (byId !== 0) return byId;
    }
    return a.length - b.length;
  },
  sortsByText: true,
  sortKey: (value) => tupleKey(value),
  parts: [],
};
