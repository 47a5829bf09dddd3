// Percent field: "12%", "12.5 %" and a bare "12" all mean twelve percent, as shown. The value
// is the fraction (0.12), so sums and derived fields need no scaling.
import { formatPlain, parseDecimal, plainDecimal, shiftPoint } from "./decimal";
import type { FieldType } from "./field-type";
import { order } from "./sort-keys";

export type PercentOptions = {
  /** Fewest decimals shown in the percent figure ("12.50%" with 2). */
  decimals: number;
};

/** 0.125 → "12.5", moving the decimal point in text: 0.125 * 100 would add float error. */
function toPoints(fraction: number): string {
  const plain = plainDecimal(fraction);
  const negative = plain.startsWith("-");
  return (negative ? "-" : "") + shiftPoint(negative ? plain.slice(1) : plain, 2);
}

export const percentType: FieldType<number, PercentOptions> = {
  name: "percent",
  label: "Percent",
  defaultOptions: () => ({ decimals: 0 }),
  parse(text, _options, context) {
    const value = parseDecimal(text.trim().replace(/\s*%$/, ""), -2, context.decimalMark);
    return value === null ? { ok: false, reason: "not a percentage" } : { ok: true, value };
  },
  format: (value, options) => `${formatPlain(toPoints(value), options.decimals)}%`,
  compare: order,
  sortKey: (value) => value,
  parts: [],
};
