// Text field: one line. Line breaks typed or pasted become spaces; the typed text is kept
// beside the value anyway (../values.ts).
import { type FieldType, noOptions, type NoOptions } from "./field-type";
import { order, textKey } from "./sort-keys";

/** Case-insensitive first, then by code unit so that only equal strings compare equal. */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return order(la, lb) || order(a, b);
}

export const textType: FieldType<string, NoOptions> = {
  name: "text",
  label: "Text",
  defaultOptions: noOptions,
  parse: (text) => ({ ok: true, value: text.replace(/\s*[\r\n]+\s*/g, " ").trim() }),
  format: (value) => value,
  compare: compareText,
  sortKey: textKey,
  parts: [],
};
