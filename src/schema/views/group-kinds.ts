// Group kinds beyond a value or a part of one, shared by the SQL (./group-sql.ts, ./sql.ts)
// and the in-memory evaluation (./evaluate.ts), so the two can only agree:
// - "each": a multiple choice or a link groups a record under each of its options or linked
//   records (SQL: one LEFT JOIN json_each per such level; no option or link: the empty group);
// - ranges of numbers, percents, durations and money: round buckets of a width chosen from
//   the data's spread (part "range") or typed (part "range:250"); money per currency, each
//   currency with its own automatic width.
// A range's key is text that orders as the buckets do and carries its own width, so a label
// or a chart's drill-down (./ops-group.ts) needs nothing else: "<currency>|<n|p><15 digits of
// the bucket's index>|<m>|<d>", the bucket being [index × w, (index + 1) × w) with w = m / 10^d.

import type { FieldTypeName } from "../fields/registry";
import type { CellSql } from "./cell-sql";

const EACH_TYPES: ReadonlySet<FieldTypeName> = new Set(["multiChoice", "link"]);
/** Numbers, percents, durations and money: summed (money per currency) and cut into ranges. */
export const RANGE_TYPES: ReadonlySet<FieldTypeName> = new Set(["number", "percent", "duration", "money"]);
export const isNumeric = (type: FieldTypeName): boolean => RANGE_TYPES.has(type);

/** Whether grouping `type` by `part` puts a record under each of its values. */
export const isEach = (type: FieldTypeName, part: string | null): boolean => part === null && EACH_TYPES.has(type);

/** A bucket width m / 10^d: m a positive whole number, d at most 6 decimals. */
export type Width = { m: number; d: number };

/** Widths per currency ("" for plain numbers and for currencies without their own). */
export type Widths = ReadonlyMap<string, Width>;

const MAX_INDEX = 999_999_999_999_999;
/** sqlId's pattern (./cell-sql.ts), for option ids written into SQL text. */
const SQL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CURRENCY = /^[A-Z]{3}$/;

const reduce = (m: number, d: number): Width => {
  while (d > 0 && m % 10 === 0) {
    m /= 10;
    d--;
  }
  return { m, d };
};

/** "250", "0.5" as a width, or null when it is not a positive decimal of at most 13 digits
 *  before and 6 after the point. */
export function parseWidth(text: string): Width | null {
  const match = /^(\d{1,13})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const frac = match[2] ?? "";
  const m = Number(match[1]! + frac);
  return m > 0 && Number.isSafeInteger(m) ? reduce(m, frac.length) : null;
}

export const widthNumber = (w: Width): number => w.m / 10 ** w.d;
export const widthText = (w: Width): string => (w.d === 0 ? String(w.m) : `${String(w.m).padStart(w.d + 1, "0").slice(0, -w.d)}.${String(w.m).padStart(w.d + 1, "0").slice(-w.d)}`);

/** A range part: "range" (automatic width) or "range:<width>"; null if `part` is neither. */
export function rangePart(part: string | null): { auto: true } | { auto: false; width: Width } | null {
  if (part === "range") return { auto: true };
  if (part?.startsWith("range:")) {
    const width = parseWidth(part.slice(6));
    return width ? { auto: false, width } : null;
  }
  return null;
}

/** The round width (1, 2 or 5 × a power of ten) that cuts [min, max] into at most about ten
 *  buckets. */
export function niceWidth(min: number, max: number): Width {
  const raw = max > min ? (max - min) / 10 : Math.max(Math.abs(max), 1) / 10;
  const e = Math.min(12, Math.max(-6, Math.floor(Math.log10(raw))));
  for (const m of [1, 2, 5, 10]) {
    if (e >= 0 ? m * 10 ** e >= raw : m / 10 ** -e >= raw) return e >= 0 ? { m: m * 10 ** e, d: 0 } : reduce(m, -e);
  }
  return e + 1 >= 0 ? { m: 10 ** (e + 1), d: 0 } : { m: 1, d: -(e + 1) };
}

/** The widths of a range level: typed, or per currency from each currency's spread
 *  (`spreads`: currency → [min, max]; "" for plain numbers and all currencies together). */
export function rangeWidths(part: string | null, spreads: ReadonlyMap<string, readonly [number, number]>): Widths {
  const range = rangePart(part);
  if (!range) return new Map();
  if (!range.auto) return new Map([["", range.width]]);
  const out = new Map<string, Width>();
  for (const [currency, [min, max]] of spreads) if (currency === "" || CURRENCY.test(currency)) out.set(currency, niceWidth(min, max));
  if (!out.has("")) out.set("", { m: 1, d: 0 });
  return out;
}

const widthFor = (widths: Widths, currency: string): Width => (CURRENCY.test(currency) ? widths.get(currency) : undefined) ?? widths.get("") ?? { m: 1, d: 0 };

const indexText = (i: number) => (i < 0 ? `n${String(1e15 + i).padStart(15, "0")}` : `p${String(i).padStart(15, "0")}`);

/** The range key of a number (and its currency: "" for plain numbers). */
export function rangeKey(amount: number, currency: string, widths: Widths): string {
  const w = widthFor(widths, currency);
  const q = (amount * 10 ** w.d) / w.m;
  const i = Math.min(Math.max(Math.floor(q), -MAX_INDEX), MAX_INDEX);
  return `${currency}|${indexText(i)}|${w.m}|${w.d}`;
}

/** The range key of a stored value, or null when it has no number (or money no currency). */
export function rangeKeyOf(value: unknown, type: FieldTypeName, widths: Widths): string | null {
  if (type === "money") {
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    const { amount, currency } = value as { amount?: unknown; currency?: unknown };
    return typeof amount === "number" && typeof currency === "string" ? rangeKey(amount, currency, widths) : null;
  }
  return typeof value === "number" ? rangeKey(value, "", widths) : null;
}

/** A range key read back: its currency and the bucket [from, to). */
export function readRangeKey(key: string): { currency: string; from: number; to: number; width: Width } | null {
  const match = /^([A-Z]{0,3})\|([np])(\d{15})\|(\d{1,16})\|(\d)$/.exec(key);
  if (!match) return null;
  const i = match[2] === "n" ? Number(match[3]) - 1e15 : Number(match[3]);
  const width = { m: Number(match[4]), d: Number(match[5]) };
  const from = (i * width.m) / 10 ** width.d;
  return { currency: match[1]!, from, to: ((i + 1) * width.m) / 10 ** width.d, width };
}

/** The same key in SQL. Currencies reach SQL text only as three capital letters; the width's
 *  digits are numbers Trove made (checked here), never text a person typed. */
export function rangeKeySql(c: CellSql, type: FieldTypeName, widths: Widths): string {
  const amount = type === "money" ? c.at("amount") : c.value;
  const currency = type === "money" ? c.at("currency") : "''";
  const keyWith = (w: Width) => {
    if (!Number.isSafeInteger(w.m) || w.m <= 0 || !Number.isInteger(w.d) || w.d < 0 || w.d > 6) throw new Error("not a width");
    const q = `(CAST(${amount} AS REAL) * ${10 ** w.d} / ${w.m})`;
    const i = `min(max(CAST(${q} AS INTEGER) - (${q} < CAST(${q} AS INTEGER)), -${MAX_INDEX}), ${MAX_INDEX})`;
    return `${currency} || '|' || CASE WHEN ${i} < 0 THEN 'n' || printf('%015d', 1000000000000000 + ${i}) ELSE 'p' || printf('%015d', ${i}) END || '|${w.m}|${w.d}'`;
  };
  const own = type === "money" ? [...widths].filter(([cur]) => cur !== "" && CURRENCY.test(cur)) : [];
  const key = own.length === 0 ? keyWith(widthFor(widths, "")) : `CASE ${currency} ${own.map(([cur, w]) => `WHEN '${cur}' THEN ${keyWith(w)}`).join(" ")} ELSE ${keyWith(widthFor(widths, ""))} END`;
  const ok = type === "money" ? `typeof(${amount}) IN ('integer', 'real') AND typeof(${currency}) = 'text'` : `typeof(${amount}) IN ('integer', 'real')`;
  return `CASE WHEN ${ok} THEN ${key} END`;
}

/** The spread of a range level's numbers per currency, as SQL over the view's records (the
 *  caller adds FROM and WHERE): rows of currency, lo, hi. */
export function spreadColumnsSql(c: CellSql, type: FieldTypeName): { select: string; filter: string; groupBy: string } {
  const amount = type === "money" ? c.at("amount") : c.value;
  const currency = type === "money" ? c.at("currency") : "''";
  const filter = type === "money" ? `typeof(${amount}) IN ('integer', 'real') AND typeof(${currency}) = 'text'` : `typeof(${amount}) IN ('integer', 'real')`;
  return { select: `${currency} AS currency, MIN(${amount}) AS lo, MAX(${amount}) AS hi`, filter, groupBy: "currency" };
}

/** The spread of numbers per currency over values in memory (the same as the SQL's). */
export function spreadOf(values: Iterable<unknown>, type: FieldTypeName): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const add = (currency: string, x: number) => {
    const s = out.get(currency);
    out.set(currency, s ? [Math.min(s[0], x), Math.max(s[1], x)] : [x, x]);
  };
  for (const value of values) {
    if (type === "money") {
      if (!value || typeof value !== "object" || Array.isArray(value)) continue;
      const { amount, currency } = value as { amount?: unknown; currency?: unknown };
      if (typeof amount === "number" && typeof currency === "string") add(currency, amount);
    } else if (typeof value === "number") add("", value);
  }
  return out;
}

/** All currencies' spreads together under "" as well (the width of a currency without its own). */
export function withOverall(spreads: Map<string, [number, number]>): Map<string, [number, number]> {
  if (spreads.has("") || spreads.size === 0) return spreads;
  const all = [...spreads.values()];
  spreads.set("", [Math.min(...all.map((s) => s[0])), Math.max(...all.map((s) => s[1]))]);
  return spreads;
}

/** The keys of an "each" cell's value: its elements (a single value counts as one). */
export function eachKeys(value: unknown): (string | number)[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.filter((x): x is string | number => typeof x === "string" || typeof x === "number");
}

/** A width as a person types it for a field: "100", "$100", "2.5"; a percent in points
 *  ("10" or "10%": a tenth); a duration in seconds or words the caller parsed (`seconds`).
 *  Null when it is not a positive width. */
export function typedWidth(text: string, type: FieldTypeName, seconds?: (text: string) => number | null): Width | null {
  const t = text.trim();
  if (type === "duration") {
    const s = /^\d+(\.\d+)?$/.test(t) ? Number(t) : (seconds?.(t) ?? null);
    return s === null || !(s > 0) ? null : parseWidth(String(s));
  }
  if (type === "percent") {
    const w = parseWidth(t.replace(/\s*%$/, ""));
    return w && reduce(w.m, w.d + 2);
  }
  return parseWidth(type === "money" ? t.replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$|^[^\d.]{1,3}|,/g, "") : t.replace(/,/g, ""));
}

/** Choices' groups come in the options' order (then unknown ids, by id): the position of an
 *  option id, or the number of options. */
export function optionIds(type: FieldTypeName, part: string | null, options: unknown): string[] | null {
  if (part !== null || (type !== "choice" && type !== "multiChoice")) return null;
  const choices = (options as { choices?: unknown } | undefined)?.choices;
  const ids = Array.isArray(choices) ? choices.flatMap((c) => (c && typeof c === "object" && typeof (c as { id?: unknown }).id === "string" ? [(c as { id: string }).id] : [])) : [];
  return ids.filter((id) => SQL_ID.test(id)).slice(0, 500);
}

export const optionOrder = (ids: readonly string[], key: unknown): number => {
  const at = typeof key === "string" ? ids.indexOf(key) : -1;
  return at < 0 ? ids.length : at;
};

/** The same as SQL over `key`: option ids are ids Trove made (checked by `sqlId`). Ids that
 *  fail the check are left out, as if unknown, in memory too (`optionIds` filtered by it). */
export function optionOrderSql(ids: readonly string[], key: string): string {
  return ids.length === 0 ? "0" : `CASE ${key} ${ids.map((id, i) => `WHEN '${id}' THEN ${i}`).join(" ")} ELSE ${ids.length} END`;
}
