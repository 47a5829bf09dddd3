// Number field: "1,234.5", "-3", "(3)" in accounting style, "1e6". Stored as a JSON number.
import { formatDecimal, parseDecimal } from "./decimal";
import type { FieldType } from "./field-type";
import { order } from "./sort-keys";

export type NumberOptions = {
  /** Fewest decimals shown ("3" shows as "3.00" with 2); more show if the value has them. */
  decimals: number;
};

export const numberType: FieldType<number, NumberOptions> = {
  name: "number",
  label: "Number",
  defaultOptions: () => ({ decimals: 0 }),
  parse(text, _options, context) {
    const value = parseDecimal(text, 0, context.decimalMark);
    return value === null ? { ok: false, reason: "not a number" } : { ok: true, value };
  },
  format: (value, options) => formatDecimal(value, options.decimals),
  compare: order,
  sortKey: (value) => value,
  parts: [],
};
