// "Today" and "now" in derived fields: which fields use them, when they next change (the
// next midnight in the database's zone for "today", the next full hour when some field
// reads "now": the object's alarm refreshes them then), and the
// refresh itself — a recomputation of those fields on every record, outside any action
// (derived values are never logged; they follow from what is).

import type { Document } from "../action-kit";
import { wallTime, wallToEpoch } from "../fields/zone";
import { derivedFields, usesNow, usesToday } from "./deps";
import { Recomputer } from "./recompute";

/** "table/field" of every live derived field that reads today or now. */
export function todayFields(doc: Pick<Document, "schema">): string[] {
  return derivedFields(doc.schema)
    .filter((d) => usesToday(d.field.derived.expr))
    .map((d) => `${d.table.id}/${d.field.id}`);
}

/** The next midnight after `now` in `timeZone` (epoch ms). */
export function nextMidnight(now: number, timeZone: string): number {
  const w = wallTime(now, timeZone);
  const tomorrow = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return wallToEpoch({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour: 0, minute: 0, second: 0 }, timeZone);
}

/** When the fields that read today or now next need a refresh: the next midnight in
 *  `timeZone`, or the next full hour if any reads "now"; null when none reads either. */
export function nextRefresh(doc: Pick<Document, "schema">, now: number, timeZone: string): number | null {
  const fields = derivedFields(doc.schema).filter((d) => usesToday(d.field.derived.expr));
  if (fields.length === 0) return null;
  const midnight = nextMidnight(now, timeZone);
  if (!fields.some((d) => usesNow(d.field.derived.expr))) return midnight;
  return Math.min(midnight, (Math.floor(now / HOUR) + 1) * HOUR);
}

const HOUR = 3_600_000;

/** Recomputes the fields that read today or now; returns the tables they are in. */
export function refreshToday(doc: Document): string[] {
  const keys = todayFields(doc);
  if (keys.length > 0) new Recomputer(doc).recomputeAll(new Set(keys), new Set());
  return [...new Set(keys.map((k) => k.split("/")[0]!))];
}
