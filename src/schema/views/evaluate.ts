// The plain in-memory evaluation of a view over records: filter, search, group, sort,
// summarise, one record at a time with the field types' own code. It is what the SQL a view
// compiles to (./sql.ts) is checked against, by a differential property test; it is never
// used to answer a big table.

import { fieldType } from "../fields/registry";
import { order } from "../fields/sort-keys";
import type { Field } from "../model";
import { cellSortKey, type LinkedNames, linkNamesKey, type StoredRecord } from "../records";
import type { StoredCell } from "../values";
import { asciiLower } from "./cell-sql";
import { eachKeys, isEach, isNumeric, optionIds, optionOrder, rangeKeyOf, rangePart, rangeWidths, spreadOf, type Widths, withOverall } from "./group-kinds";
import type { ResolvedView } from "./query";
import { type Aggregate, type GroupKey, pathId, samePrefix, type SummaryValue, summarise, type ViewGroup, type ViewPage } from "./result";

type Key = string | number | null;

export function groupKeyOf(cell: StoredCell | undefined, field: Field, part: string | null, widths?: Widths): GroupKey {
  let key: Key = null;
  if (cell && cell.value !== null) {
    if (rangePart(part)) key = rangeKeyOf(cell.value, field.type, widths ?? new Map());
    else if (part === null) key = cellSortKey(cell, field.type);
    else {
      const getter = fieldType(field.type).parts.find((p) => p.name === part);
      try {
        key = getter ? getter.get(cell.value as never) : null;
      } catch {
        key = null;
      }
    }
  }
  if (key !== null) return { kind: 0, key };
  return { kind: cell?.invalid !== undefined ? 2 : 1, key: null };
}

/** The groups a cell puts its record in: one, or for a multiple choice or a link one per
 *  option or linked record (none: the empty group, or the not-understood one). */
export function groupKeysOf(cell: StoredCell | undefined, level: ResolvedView["groups"][number]): GroupKey[] {
  if (!isEach(level.field.type, level.part)) return [groupKeyOf(cell, level.field, level.part, level.widths)];
  const keys = eachKeys(cell?.value ?? null);
  return keys.length > 0 ? keys.map((key) => ({ kind: 0, key })) : [{ kind: cell?.invalid !== undefined ? 2 : 1, key: null }];
}

/** The view with its range levels' widths found from `records` (those the view keeps). */
export function withWidths(view: ResolvedView, records: readonly StoredRecord[]): ResolvedView {
  if (!view.groups.some((g) => rangePart(g.part))) return view;
  return { ...view, groups: view.groups.map((g) => (rangePart(g.part) ? { ...g, widths: rangeWidths(g.part, withOverall(spreadOf(records.map((r) => r.cells[g.field.id]?.value), g.field.type))) } : g)) };
}

/** Every combination of one key per level (a record under each of its groups). */
const combinations = (lists: GroupKey[][]): GroupKey[][] => lists.reduce<GroupKey[][]>((acc, keys) => acc.flatMap((path) => keys.map((k) => [...path, k])), [[]]);

/** Keys ascending or descending, empty (null) last either way. */
function compareKeys(a: Key, b: Key, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const o = order(a, b);
  return descending ? -o : o;
}

function matches(view: ResolvedView, record: StoredRecord): boolean {
  const filtered = view.filters.every((any) => any.some((c) => c.op.test(c.prepared, record.cells[c.field.id])));
  if (!filtered || view.search === "") return filtered;
  return view.fields.some((f) => {
    const cell = record.cells[f.id];
    return cell !== undefined && asciiLower(cell.text).includes(view.search);
  });
}

function aggregate(records: readonly StoredRecord[], field: Field): Aggregate {
  const a: Aggregate = { filled: 0, invalid: 0, numbers: new Map() };
  for (const record of records) {
    const cell = record.cells[field.id];
    if (cell?.invalid !== undefined) a.invalid++;
    const value = cell?.value ?? null;
    if (value === null) continue;
    a.filled++;
    if (field.type === "date" && typeof value === "object" && !Array.isArray(value) && typeof value.start === "string") {
      const last = typeof value.end === "string" ? value.end : value.start;
      if (a.first === undefined || value.start < a.first) a.first = value.start;
      if (a.last === undefined || last > a.last) a.last = last;
    }
    if (!isNumeric(field.type)) continue;
    const money = typeof value === "object" && !Array.isArray(value) && typeof value.amount === "number" && typeof value.currency === "string";
    const amount = typeof value === "number" ? value : money ? (value as { amount: number }).amount : null;
    if (amount === null) continue;
    const currency = money ? String((value as { currency: string }).currency) : "";
    const s = a.numbers.get(currency) ?? { n: 0, sum: 0, min: amount, max: amount };
    a.numbers.set(currency, { n: s.n + 1, sum: s.sum + amount, min: Math.min(s.min, amount), max: Math.max(s.max, amount) });
  }
  return a;
}

/** The summaries of `records`; a percent is of `base` (the view's records for a group, the
 *  whole table's for the view). */
function summaries(view: ResolvedView, records: readonly StoredRecord[], base: readonly StoredRecord[]): SummaryValue[] {
  return view.summaries.map((s) => summarise(s.kind, s.field.id, aggregate(records, s.field), aggregate(base, s.field)));
}

/** Two names' keys as SQLite orders them ascending: none first. */
const compareNames = (a: string | number | null | undefined, b: string | number | null | undefined): number => {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1;
  return order(x, y);
};

/** Runs `view` over `records` (a table's live records in creation order); `names`: the
 *  linked records' names, for links ordered by name (`ResolvedView`'s `names`). */
export function evaluateView(resolved: ResolvedView, records: readonly StoredRecord[], page: { offset: number; limit: number }, collapsed: ReadonlySet<string> = new Set(), names: LinkedNames = new Map()): ViewPage {
  const kept = records.filter((r) => matches(resolved, r));
  const view = withWidths(resolved, kept);
  const levels = view.groups;
  const orders = levels.map((g) => optionIds(g.field.type, g.part, g.field.options));
  const sorted = kept
    .flatMap((record, seq) => combinations(levels.map((g) => groupKeysOf(record.cells[g.field.id], g))).map((path) => ({ record, seq, path })))
    .sort((a, b) => {
      for (let i = 0; i < levels.length; i++) {
        const x = a.path[i]!;
        const y = b.path[i]!;
        const ids = orders[i];
        const byName = !ids && levels[i]!.names && x.kind === 0 && y.kind === 0 ? compareNames(names.get(String(x.key)), names.get(String(y.key))) : 0;
        const byGroup = x.kind - y.kind || (ids ? optionOrder(ids, x.key) - optionOrder(ids, y.key) : byName) || compareKeys(x.key, y.key, false);
        if (byGroup !== 0) return byGroup;
      }
      for (const s of view.sorts) {
        const key = (r: StoredRecord) => (s.names ? linkNamesKey(r.cells[s.field.id], names) : cellSortKey(r.cells[s.field.id], s.field.type));
        const byField = compareKeys(key(a.record), key(b.record), s.descending);
        if (byField !== 0) return byField;
      }
      return a.seq - b.seq;
    });
  let groups: ViewGroup[] | null = null;
  if (levels.length > 0) {
    groups = [];
    const open: ViewGroup[] = []; // the groups the previous record lies in, one per level
    const members = new Map<ViewGroup, Set<StoredRecord>>(); // each record once
    sorted.forEach((row, position) => {
      const prev = position > 0 ? sorted[position - 1]!.path : null;
      levels.forEach((level, i) => {
        if (prev && samePrefix(prev, row.path, i + 1)) {
          open[i]!.count++;
        } else {
          const key = row.path[i]!;
          const group: ViewGroup = { ...key, level: i, path: row.path.slice(0, i + 1), start: position, count: 1, matched: 0, sample: key.kind === 0 ? (row.record.cells[level.field.id] ?? null) : null, summaries: [] };
          open[i] = group;
          groups!.push(group);
          members.set(group, new Set());
        }
        members.get(open[i]!)!.add(row.record);
      });
    });
    for (const group of groups) {
      const records = [...members.get(group)!];
      group.matched = records.length;
      group.summaries = summaries(view, records, kept);
    }
  }
  // Folded groups' records leave the page (a record hides under any folded group it lies in).
  const shown = sorted.map((row, position) => ({ ...row, position })).filter((row) => !row.path.some((_, i) => collapsed.has(pathId(row.path.slice(0, i + 1)))));
  return {
    total: sorted.length,
    matched: kept.length,
    shown: shown.length,
    records: shown.slice(page.offset, page.offset + page.limit).map(({ record, path, position }) => ({ record, path, position })),
    groups,
    totals: summaries(view, kept, records),
  };
}
