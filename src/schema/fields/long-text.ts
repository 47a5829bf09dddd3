// Long text field: several lines, kept as typed apart from surrounding blank space.
import { type FieldType, noOptions, type NoOptions } from "./field-type";
import { textKey } from "./sort-keys";
import { compareText } from "./text";

export const longTextType: FieldType<string, NoOptions> = {
  name: "longText",
  label: "Long text",
  defaultOptions: noOptions,
  parse: (text) => ({ ok: true, value: text.trim() }),
  format: (value) => value,
  compare: compareText,
  sortKey: textKey,
  parts: [],
};
