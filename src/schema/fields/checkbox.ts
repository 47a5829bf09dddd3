// Checkbox field: yes/no, true/false, x, ✓, y/n, 1/0, on/off, checked. Anything else is kept
// as invalid text rather than guessed.
import { type FieldType, noOptions, type NoOptions } from "./field-type";

const YES = new Set(["yes", "y", "true", "t", "x", "✓", "✔", "☑", "1", "on", "checked"]);
const NO = new Set(["no", "n", "false", "f", "0", "off", "unchecked", "☐"]);

export const checkboxType: FieldType<boolean, NoOptions> = {
  name: "checkbox",
  label: "Checkbox",
  defaultOptions: noOptions,
  parse(text) {
    const word = text.trim().toLowerCase();
    if (YES.has(word)) return { ok: true, value: true };
    if (NO.has(word)) return { ok: true, value: false };
    return { ok: false, reason: "not yes or no" };
  },
  format: (value) => (value ? "yes" : "no"),
  compare: (a, b) => Number(a) - Number(b),
  sortKey: (value) => Number(value),
  parts: [],
};
