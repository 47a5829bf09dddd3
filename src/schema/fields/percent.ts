// Percent field: "12%", "12.5 %" and a bare "12" all mean twelve percent, as shown. The value
// is the fraction (0.12), so sums and derived fields need no scaling.
import { compareNumbers, formatDecimal, parseDecimal, plainDecimal, shiftPoint } from "./decimal";
import type { FieldType } from "./field-type";

export type PercentOptions = {
  /** Fewest decimals shown in the percent figure ("12.50%" with 2). */
  decimals: number;
};

/** 12.5 (percent points) → 0.125, moving the decimal point in text to avoid float error. */
function fromPoints(points: number): number {
  const plain = plainDecimal(points);
  const negative = plain.startsWith("-");
  const value = Number(shiftPoint(negative ? plain.slice(1) : plain, -2));
  return negative && value !== 0 ? -value : value;
}

function toPoints(fraction: number): number {
  const plain = plainDecimal(fraction);
  const negative = plain.startsWith("-");
  const value = Number(shiftPoint(negative ? plain.slice(1) : plain, 2));
  return negative && value !== 0 ? -value : value;
}

export const percentType: FieldType<number, PercentOptions> = {
  name: "percent",
  label: "Percent",
  defaultOptions: () => ({ decimals: 0 }),
  parse(text) {
    const points = parseDecimal(text.trim().replace(/\s*%$/, ""));
    if (points === null) return { ok: false, reason: "not a percentage" };
    const value = fromPoints(points);
    if (!Number.isFinite(value)) return { ok: false, reason: "not a percentage" };
    return { ok: true, value };
  },
  format: (value, options) => `${formatDecimal(toPoints(value), options.decimals)}%`,
  compare: compareNumbers,
  parts: [],
};
