// Comparisons for number, percent, duration and money: =, <, >, between (both ends
// included). The typed value is read by the field type's own parser ("12%", "1h 30m",
// "100 USD"); money compares only amounts in the typed currency ("more than 100 USD" leaves
// euros out). Empty and not-understood cells never match.

import type { Json } from "../fields/field-type";
import { type FieldTypeName, parseCell } from "../fields/registry";
import type { StoredCell } from "../values";
import type { CellSql, Fragment } from "./cell-sql";
import { oneArg, type Operator } from "./operator";

type Bounds = { lo: number; hi: number; loOpen: boolean; hiOpen: boolean; currency: string | null };

const NUMERIC: ReadonlySet<FieldTypeName> = new Set(["number", "percent", "duration", "money"]);

function amountOf(value: Json): { amount: number; currency: string | null } | null {
  if (typeof value === "number") return { amount: value, currency: null };
  if (value !== null && typeof value === "object" && !Array.isArray(value) && typeof value.amount === "number" && typeof value.currency === "string") return { amount: value.amount, currency: value.currency };
  return null;
}

function test(b: Bounds, cell: StoredCell | undefined): boolean {
  const got = amountOf(cell?.value ?? null);
  if (!got || got.currency !== b.currency) return false;
  const { amount } = got;
  return (b.loOpen ? amount > b.lo : amount >= b.lo) && (b.hiOpen ? amount < b.hi : amount <= b.hi);
}

function sql(b: Bounds, c: CellSql): Fragment {
  const amount = b.currency === null ? c.value : c.at("amount");
  const parts = [`${amount} ${b.loOpen ? ">" : ">="} ?`, `${amount} ${b.hiOpen ? "<" : "<="} ?`];
  const params: (string | number)[] = [b.lo, b.hi];
  if (b.currency !== null) {
    parts.unshift(`${c.at("currency")} = ?`);
    params.unshift(b.currency);
  }
  // Only numbers compare: a string amount left by a bug never matches, as in memory.
  parts.unshift(`typeof(${amount}) IN ('integer', 'real')`);
  return { sql: `coalesce(${parts.join(" AND ")}, 0)`, params };
}

const op = (name: string, label: string, input: "value" | "two", bounds: (values: { amount: number; currency: string | null }[]) => Bounds | string): Operator<Bounds> => ({
  name, label, input, fits: (type) => NUMERIC.has(type),
  prepare(args, field, context) {
    const values: { amount: number; currency: string | null }[] = [];
    for (const arg of args.slice(0, input === "two" ? 2 : 1)) {
      const text = oneArg([arg]);
      if (!text.ok) return text;
      const parsed = parseCell(field.type, text.value, field.options, context);
      const got = parsed.ok ? amountOf(parsed.value) : null;
      if (!got) return { ok: false, reason: parsed.ok ? "not a number" : parsed.reason };
      values.push(got);
    }
    if (values.length < (input === "two" ? 2 : 1)) return { ok: false, reason: input === "two" ? "Type both ends." : "Type a value." };
    const b = bounds(values);
    return typeof b === "string" ? { ok: false, reason: b } : { ok: true, value: b };
  },
  test,
  sql,
});

const first = (values: { amount: number; currency: string | null }[]) => values[0]!;

export const numEq = op("numEq", "=", "value", (v) => ({ lo: first(v).amount, hi: first(v).amount, loOpen: false, hiOpen: false, currency: first(v).currency }));
export const numLt = op("numLt", "<", "value", (v) => ({ lo: -Number.MAX_VALUE, hi: first(v).amount, loOpen: false, hiOpen: true, currency: first(v).currency }));
export const numGt = op("numGt", ">", "value", (v) => ({ lo: first(v).amount, hi: Number.MAX_VALUE, loOpen: true, hiOpen: false, currency: first(v).currency }));
export const numBetween = op("numBetween", "between", "two", (v) => {
  const [a, b] = [first(v), v[1]!];
  if (a.currency !== b.currency) return "Both ends need the same currency.";
  return { lo: Math.min(a.amount, b.amount), hi: Math.max(a.amount, b.amount), loOpen: false, hiOpen: false, currency: a.currency };
});

