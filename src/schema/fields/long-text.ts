// Long text field: several lines, kept as typed apart from surrounding blank space.
import type { FieldType } from "./field-type";
import { textKey } from "./sort-keys";
import { compareText } from "./text";

export type LongTextOptions = Record<string, never>;

export const longTextType: FieldType<string, LongTextOptions> = {
  name: "longText",
  label: "Long text",
  defaultOptions: () => ({}),
  parse: (text) => ({ ok: true, value: text.trim() }),
  format: (value) => value,
  compare: compareText,
  sortKey: textKey,
  parts: [],
};
