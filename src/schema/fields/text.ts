// Text field: one line. Line breaks typed or pasted become spaces; the typed text is kept
// beside the value anyway (../values.ts).
import type { FieldType } from "./field-type";
import { order, textKey } from "./sort-keys";

export type TextOptions = Record<string, never>;

/** Case-insensitive first, then by code unit so that only equal strings compare equal. */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return order(a, b);
}

export const textType: FieldType<string, TextOptions> = {
  name: "text",
  label: "Text",
  defaultOptions: () => ({}),
  parse: (text) => ({ ok: true, value: text.replace(/\s*[\r\n]+\s*/g, " ").trim() }),
  format: (value) => value,
  compare: compareText,
  sortKey: textKey,
  parts: [],
};
