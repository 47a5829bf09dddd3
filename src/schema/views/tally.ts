// The tallies a view's GROUP BY rows are merged into (./sql.ts): a group's path of keys, its
// count, first record and aggregates per field, added together level by level outwards.
// Money stays per currency: numbers are only ever added within one currency.

import type { SqlValue } from "./cell-sql";
import type { Aggregate, GroupKey, GroupKind } from "./result";

type SqlRow = Record<string, SqlValue>;

/** The outermost group key of a row read with columns gkind and gkey. */
export const keyOf = (row: SqlRow): GroupKey => ({ kind: Number(row.gkind) as GroupKind, key: row.gkey === null ? null : (row.gkey as string | number) });
export const pathOf = (row: SqlRow, depth: number): GroupKey[] => Array.from({ length: depth }, (_, i) => ({ kind: Number(row[`gkind${i}`]) as GroupKind, key: row[`gkey${i}`] === null ? null : (row[`gkey${i}`] as string | number) }));

/** A group's count, first record and aggregates per field. */
export type Tally = { path: GroupKey[]; count: number; sampleRow: number; byField: Map<string, Aggregate> };

export const emptyTally = (path: GroupKey[], fieldIds: string[]): Tally => ({ path, count: 0, sampleRow: Number.POSITIVE_INFINITY, byField: new Map(fieldIds.map((id) => [id, { filled: 0, invalid: 0, numbers: new Map() }])) });

export function addNumbers(a: Aggregate, currency: string, s: { n: number; sum: number; min: number; max: number }): void {
  if (s.n === 0) return;
  const t = a.numbers.get(currency);
  a.numbers.set(currency, t ? { n: t.n + s.n, sum: t.sum + s.sum, min: Math.min(t.min, s.min), max: Math.max(t.max, s.max) } : { ...s });
}

export function addDates(t: Aggregate, first: unknown, last: unknown): void {
  if (typeof first === "string" && (t.first === undefined || first < t.first)) t.first = first;
  if (typeof last === "string" && (t.last === undefined || last > t.last)) t.last = last;
}

export function addTally(into: Tally, from: Tally): void {
  into.count += from.count;
  into.sampleRow = Math.min(into.sampleRow, from.sampleRow);
  for (const [id, a] of from.byField) {
    const t = into.byField.get(id)!;
    t.filled += a.filled;
    t.invalid += a.invalid;
    addDates(t, a.first, a.last);
    for (const [currency, s] of a.numbers) addNumbers(t, currency, s);
  }
}

/** A row's count, sum, min and max (NaN when not asked for: no summary reads them). */
export const numbersOf = (row: SqlRow, suffix: string) => ({ n: Number(row[`n${suffix}`] ?? 0), sum: Number(row[`sum${suffix}`]), min: Number(row[`min${suffix}`] ?? Number.NaN), max: Number(row[`max${suffix}`] ?? Number.NaN) });
