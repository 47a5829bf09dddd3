// What decides an ambiguous place name: where the column's other values lie. A location
// cell is read with `ParseContext.placeHint`, which counts (once per action and column, and
// only when a name turns out to be ambiguous) the column's values by state and country.

import type { Document } from "./action-kit";
import type { ParseContext } from "./fields/field-type";
import type { LocationValue } from "./fields/location";
import { type PlaceHint, stateHintKey } from "./gazetteer/resolve";
import type { RecordStore } from "./records";

/** A hint from places already read (an import's own column, before it is stored). */
export function hintOf(places: Iterable<{ countryCode: string; state?: string | undefined; count: number }>): PlaceHint {
  const states = new Map<string, number>();
  const countries = new Map<string, number>();
  for (const p of places) {
    countries.set(p.countryCode, (countries.get(p.countryCode) ?? 0) + p.count);
    if (p.state !== undefined) states.set(stateHintKey(p.countryCode, p.state), (states.get(stateHintKey(p.countryCode, p.state)) ?? 0) + p.count);
  }
  return { states, countries };
}

/** Where a stored column's places lie, from one GROUP BY. */
export function columnHint(records: RecordStore, tableId: string, fieldId: string): PlaceHint {
  return hintOf(
    records.valueCounts(tableId, fieldId, ["countryCode", "state"]).flatMap(({ values: [country, state], count }) =>
      typeof country === "string" ? [{ countryCode: country, state: typeof state === "string" ? state : undefined, count }] : [],
    ),
  );
}

const memo = new WeakMap<Document, Map<string, PlaceHint>>();

/** The document's parse context for one column: location fields get a lazy hint, counted at
 *  most once per action and column. */
export function columnContext(doc: Document, tableId: string, field: { id: string; type: string }): ParseContext {
  if (field.type !== "location") return doc.context;
  return {
    ...doc.context,
    placeHint: () => {
      const hints = memo.get(doc) ?? new Map<string, PlaceHint>();
      memo.set(doc, hints);
      const k = `${tableId}|${field.id}`;
      const known = hints.get(k);
      if (known) return known;
      const hint = columnHint(doc.records, tableId, field.id);
      hints.set(k, hint);
      return hint;
    },
  };
}

/** A hint from parsed location values (those understood). */
export function hintOfValues(values: Iterable<LocationValue>): PlaceHint {
  return hintOf([...values].map((v) => ({ countryCode: v.countryCode, state: v.state, count: 1 })));
}
