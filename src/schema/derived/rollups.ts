// Rollups through a link: what kinds of linked value each one takes and what it gives, and
// how it computes over the linked records. Money is summed per currency: amounts in several
// currencies are never added together but kept apart and flagged.

import type { Json } from "../fields/field-type";
import type { DateValue } from "../fields/date";
import type { MoneyValue } from "../fields/money";
import { cannot, empty, formatValue, type Out } from "./dtypes";
import type { DType, RollupKind } from "./expr";

export const ROLLUP_LABELS: Record<RollupKind, string> = {
  count: "number of linked records",
  sum: "sum of",
  average: "average of",
  min: "smallest",
  max: "largest",
  earliest: "earliest",
  latest: "latest",
  names: "names of linked records",
};

const NUMERIC: readonly DType[] = ["number", "percent", "duration", "money"];

/** The kind a rollup gives over linked values of `dtype` (null for count and names, which
 *  read no field), or null when it does not fit. */
export function rollupResult(agg: RollupKind, dtype: DType | null): DType | null {
  if (agg === "count") return dtype === null ? "number" : null;
  if (agg === "names") return dtype === null ? "text" : null;
  if (dtype === null) return null;
  if (agg === "sum" || agg === "average") return NUMERIC.includes(dtype) ? dtype : null;
  if (agg === "min" || agg === "max") return NUMERIC.includes(dtype) || dtype === "date" ? dtype : null;
  return dtype === "date" ? "date" : null;
}

const dateKey = (d: DateValue) => d.start;

/** Computes a rollup over the linked values (empties already left out). */
export function runRollup(agg: RollupKind, dtype: DType, values: readonly Json[], timeZone: string): Out {
  if (values.length === 0) return agg === "sum" && dtype !== "money" ? { ok: true, value: 0 } : empty;
  if (dtype === "money") return moneyRollup(agg, values as MoneyValue[], timeZone);
  if (dtype === "date") {
    const sorted = [...(values as DateValue[])].sort((a, b) => (dateKey(a) < dateKey(b) ? -1 : dateKey(a) > dateKey(b) ? 1 : 0));
    return { ok: true, value: (agg === "min" || agg === "earliest" ? sorted[0] : sorted.at(-1)) ?? null };
  }
  const nums = values as number[];
  const total = nums.reduce((s, n) => s + n, 0);
  const value = agg === "sum" ? total : agg === "average" ? total / nums.length : agg === "min" ? Math.min(...nums) : Math.max(...nums);
  return Number.isFinite(value) ? { ok: true, value: Number(value.toPrecision(12)) } : cannot("the result is not a finite number");
}

function moneyRollup(agg: RollupKind, values: readonly MoneyValue[], timeZone: string): Out {
  const byCurrency = new Map<string, MoneyValue[]>();
  for (const m of values) byCurrency.set(m.currency, [...(byCurrency.get(m.currency) ?? []), m]);
  const per = [...byCurrency.entries()].map(([currency, ms]) => {
    const amounts = ms.map((m) => m.amount);
    const total = amounts.reduce((s, n) => s + n, 0);
    const amount = agg === "sum" ? total : agg === "average" ? total / amounts.length : agg === "min" ? Math.min(...amounts) : Math.max(...amounts);
    return { amount: Math.round(amount * 1e6) / 1e6, currency };
  });
  if (per.length === 1) return { ok: true, value: per[0]! };
  const text = per.map((m) => formatValue("money", m, timeZone)).join(" + ");
  return cannot(`amounts in ${per.map((m) => m.currency).join(", ")} are kept per currency`, text);
}
