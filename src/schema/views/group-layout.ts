// Collapsed groups: a person may fold any group of a grouped view (its header stays, with its
// count and summaries; its records and inner groups go). Which groups are folded belongs to
// the person's page, not to the shared view. The records of a group are consecutive in the
// view's order (`ViewGroup.start`, `count`), so folding removes whole runs of that order: a
// page of what stays is read as a few runs of the full order (`visibleRuns`), and the page's
// lines (group headers and records) follow from the positions (`pageLines`).

import { pathId, type ViewGroup } from "./result";

/** Most groups one page keeps folded. */
export const MAX_COLLAPSED = 200;

type Range = { start: number; end: number };

/** Whether a group lies inside a folded one (its own folding aside). */
const insideCollapsed = (group: ViewGroup, collapsed: ReadonlySet<string>): boolean => group.path.slice(0, -1).some((_, i) => collapsed.has(pathId(group.path.slice(0, i + 1))));

/** The runs of the view's order that folded groups take out, in order, merged. */
export function hiddenRanges(groups: readonly ViewGroup[], collapsed: ReadonlySet<string>): Range[] {
  const out: Range[] = [];
  for (const g of groups) {
    if (g.count === 0 || !collapsed.has(pathId(g.path))) continue;
    const last = out.at(-1);
    if (last && g.start <= last.end) last.end = Math.max(last.end, g.start + g.count);
    else out.push({ start: g.start, end: g.start + g.count });
  }
  return out;
}

/** How many records stay shown. */
export const shownCount = (hidden: readonly Range[], total: number): number => hidden.reduce((n, r) => n - (r.end - r.start), total);

/** The position in the full order of shown record `index` (index past the end: `total`). */
export function positionOf(hidden: readonly Range[], index: number, total: number): number {
  let at = index;
  for (const r of hidden) {
    if (at < r.start) return at;
    at += r.end - r.start;
  }
  return Math.min(at, total);
}

/** The runs of the full order ({offset, limit}) that hold shown records [offset, offset + limit). */
export function visibleRuns(hidden: readonly Range[], offset: number, limit: number, total: number): { offset: number; limit: number }[] {
  const runs: { offset: number; limit: number }[] = [];
  let at = positionOf(hidden, offset, total);
  let left = limit;
  while (left > 0 && at < total) {
    const next = hidden.find((r) => r.end > at);
    if (next && next.start <= at) {
      at = next.end;
      continue;
    }
    const end = Math.min(total, next ? next.start : total, at + left);
    runs.push({ offset: at, limit: end - at });
    left -= end - at;
    at = end;
  }
  return runs;
}

export type PageLine = { group: ViewGroup; index: number; collapsed: boolean } | { record: number };

/** A page's lines: each record (by its index on the page) under the headers of the groups that
 *  start on this page — folded ones too, where their records would be — and, at the top, the
 *  headers of the groups the first record lies in that started on an earlier page.
 *  `before`: the full-order position of the shown record before the page (-1: none);
 *  `last`: whether this is the last page (folded groups after its last record end it). */
export function pageLines(groups: readonly ViewGroup[], collapsed: ReadonlySet<string>, positions: readonly number[], before: number, last: boolean): PageLine[] {
  const hi = last ? Number.POSITIVE_INFINITY : (positions.at(-1) ?? before);
  const first = positions[0];
  const heads = groups.flatMap((group, index) => {
    if (insideCollapsed(group, collapsed)) return [];
    const starts = group.start > before && group.start <= hi;
    const continues = first !== undefined && group.start <= before && group.start <= first && first < group.start + group.count;
    return starts || continues ? [{ group, index, collapsed: collapsed.has(pathId(group.path)) }] : [];
  });
  const lines: PageLine[] = [];
  let h = 0;
  positions.forEach((position, record) => {
    while (h < heads.length && heads[h]!.group.start <= position) lines.push(heads[h++]!);
    lines.push({ record });
  });
  while (h < heads.length) lines.push(heads[h++]!);
  return lines;
}
