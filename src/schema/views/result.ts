// What running a view gives: a page of records (each with its group), the groups with their
// counts and summaries, and the summaries of the whole view. Both ways of running a view
// collect the same raw aggregates (`Aggregate`) and `summarise` turns them into what people
// read, so SQL and memory can only differ in the aggregates — which the differential test
// compares.

import { currencyByCode } from "../fields/currencies";
import type { StoredRecord } from "../records";
import type { StoredCell } from "../values";
import type { SummaryKind } from "./view";

/** Values first (ordered by key), then empty, then not understood. */
export type GroupKind = 0 | 1 | 2;
export type GroupKey = { kind: GroupKind; key: string | number | null };

/** Per field: how many cells are filled, not understood, and the numbers' count, sum, min
 *  and max — per currency for money (currency "" for plain numbers). */
export type Aggregate = {
  filled: number;
  invalid: number;
  numbers: Map<string, { n: number; sum: number; min: number; max: number }>;
  /** Dates: the earliest start and the latest end (or start), as stored (ISO text). */
  first?: string;
  last?: string;
};

export type SummaryValue = { fieldId: string; kind: SummaryKind; filled: number; invalid: number; values: { currency: string; value: number }[]; date?: string };

/** A group at one level: its own key (kind, key), the keys of the groups it lies in and its
 *  own (`path`, outermost first: `level + 1` long), and where its records start in the
 *  view's order (`start`: the records of a group are consecutive). */
export interface ViewGroup extends GroupKey {
  level: number;
  path: GroupKey[];
  start: number;
  /** Rows of the group in the view's order: its records, each once per inner group it lies in. */
  count: number;
  /** Its records, each once (what its summaries cover). */
  matched: number;
  /** One cell of the group's field, to label it (null for the empty and not-understood groups). */
  sample: StoredCell | null;
  summaries: SummaryValue[];
}

export interface ViewPage {
  /** Rows of the view's order: records, each once per group it lies in (a multiple choice
   *  or a link groups a record under each of its values). */
  total: number;
  /** Records the view keeps, each counted once. */
  matched: number;
  /** Each with its groups' keys, outermost first (empty when not grouped). */
  records: { record: StoredRecord; path: GroupKey[]; position: number }[];
  /** How many records show: `total` less those of folded groups (./group-layout.ts). */
  shown: number;
  /** Every group of every level, each before the groups inside it (depth first, in the
   *  view's order); null when the view is not grouped. */
  groups: ViewGroup[] | null;
  totals: SummaryValue[];
}

/** Sums and averages to 12 significant digits: SQLite and JavaScript add in different orders. */
export const tidy = (x: number): number => Number(x.toPrecision(12));

/** A sum as people read it: money (a currency code) rounded to its currency's minor unit —
 *  amounts are whole cents (yen…), so the exact sum is too, and any way of adding them (SQLite's
 *  SUM, memory's loop, a kept sum adjusted by an edit: ../../tenant-do/view-cache.ts) lands
 *  within far less than half a cent of it and reads the same; plain numbers ("") `tidy`. */
export function sumOf(currency: string, sum: number): number {
  if (currency === "") return tidy(sum);
  const scale = 10 ** (currencyByCode(currency)?.minorUnits ?? 2);
  return Math.round(sum * scale) / scale + 0;
}

/** A percent of a whole, to 12 significant digits; none of nothing. */
const share = (part: number, whole: number): number | null => (whole === 0 ? null : tidy((100 * part) / whole));

/** What people read of an aggregate. "percent" is of `base` (a group's of the whole view; the
 *  view's of the whole table): of the sum per currency for numbers and money, else of the
 *  filled cells (currency ""). */
export function summarise(kind: SummaryKind, fieldId: string, aggregate: Aggregate | undefined, base?: Aggregate): SummaryValue {
  const a: Aggregate = aggregate ?? { filled: 0, invalid: 0, numbers: new Map() };
  const values: { currency: string; value: number }[] = [];
  if (kind === "percent") {
    const b = base ?? a;
    if (b.numbers.size === 0) {
      const value = share(tidy(a.filled), tidy(b.filled));
      if (value !== null) values.push({ currency: "", value });
    }
    for (const [currency, s] of [...b.numbers.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const own = a.numbers.get(currency);
      if (!own || own.n === 0) continue; // a group without euros has no share of them
      const value = share(sumOf(currency, own.sum), sumOf(currency, s.sum));
      if (value !== null) values.push({ currency, value });
    }
  } else if (kind === "earliest" || kind === "latest") {
    const date = kind === "earliest" ? a.first : a.last;
    if (date !== undefined) return { fieldId, kind, filled: a.filled, invalid: a.invalid, values, date };
  } else if (kind !== "filled") {
    for (const [currency, s] of [...a.numbers.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (s.n === 0) continue;
      const value = kind === "sum" ? sumOf(currency, s.sum) : kind === "average" ? tidy(sumOf(currency, s.sum) / s.n) : kind === "min" ? s.min : s.max;
      values.push({ currency, value });
    }
  }
  return { fieldId, kind, filled: a.filled, invalid: a.invalid, values };
}

export const sameGroup = (a: GroupKey | null, b: GroupKey | null): boolean => a?.kind === b?.kind && a?.key === b?.key;

/** Whether two paths agree on their first `n` keys. */
export const samePrefix = (a: readonly GroupKey[], b: readonly GroupKey[], n: number): boolean => {
  for (let i = 0; i < n; i++) if (!sameGroup(a[i] ?? null, b[i] ?? null)) return false;
  return true;
};

/** A group's path as one string (a Map key, a collapse token). */
export const pathId = (path: readonly GroupKey[]): string => path.map((g) => `${g.kind}:${typeof g.key === "number" ? "n" : "s"}:${String(g.key)}`).join("\u0001");
