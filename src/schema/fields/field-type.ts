// The one interface every field type implements. A field type turns the text a person typed
// (or imported) into a value, and back into display text. It never throws and never drops
// what was typed: text that does not parse comes back as `{ ok: false, reason }`, and the
// caller keeps the text beside an "invalid" marker (see ../values.ts).
//
// Values are plain JSON (they are stored in SQLite as JSON and sent over the wire), so a
// field type holds no classes, Dates or Maps in its values or options.

import type { PlaceHint } from "../gazetteer/resolve";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Parsed<V> = { ok: true; value: V } | { ok: false; reason: string };

/** What parsing may depend on besides the text and the field's options. */
export interface ParseContext {
  /** The current instant, so "tomorrow" is deterministic in tests. */
  now: Date;
  /** IANA time zone of the database, e.g. "America/New_York". */
  timeZone: string;
  /** Members of the database, for the user field ("me" is `currentUserId`). */
  members?: readonly { id: string; name: string; email: string }[];
  currentUserId?: string;
  /** How the database writes numbers and dates (its locale setting): "." or "," as the
   *  decimal mark decides "1,234"; "mdy" or "dmy" decides "3/4/2026". Absent: "." and "mdy". */
  decimalMark?: "." | ",";
  dateOrder?: "mdy" | "dmy";
  /** Finds a record of a table by its id or by the text of its first field (case, spacing
   *  and punctuation folded), for link fields. */
  lookup?: (tableId: string, text: string) => string | undefined;
  /** A table's name field (its first live field): views order links by the linked
   *  records' names in it (../views/query.ts). */
  nameField?: (tableId: string) => string | undefined;
  /** The database's named constants: a filter value typed as "{Tax rate}" reads as the
   *  constant's text (../views/query.ts). */
  constants?: readonly { name: string; text: string }[];
  /** Where the other values of the column being read lie (states and countries with their
   *  counts), asked for only when a place name is ambiguous (./location.ts). */
  placeHint?: () => PlaceHint;
}

/** The options of a field type that has none. */
export type NoOptions = Record<string, never>;
export const noOptions = (): NoOptions => ({});

/** A derived part a value offers for grouping, charts and maps (e.g. a date's month). */
export interface ValuePart<V> {
  name: string;
  label: string;
  get(value: V): string | number | null;
}

export interface FieldType<V extends Json, O extends Json> {
  /** Registry key, stored in the schema. */
  readonly name: string;
  /** What a person sees in the type menu. */
  readonly label: string;
  defaultOptions(): O;
  /** Turns typed text into a value. Empty or blank text is `{ ok: true, value: null }`-free:
   *  callers treat blank text as an empty cell before calling parse. Never throws. */
  parse(text: string, options: O, context: ParseContext): Parsed<V>;
  /** Display text. `parse(format(v))` gives back an equal value (the round-trip rule). */
  format(value: V, options: O): string;
  /** Sort order: negative, zero or positive, total and consistent with equality. */
  compare(a: V, b: V): number;
  /** One number or string per value that orders as `compare` does (by `<`; see
   *  ./sort-keys.ts), kept beside each cell so stores can sort in SQL. */
  sortKey(value: V): string | number;
  /** True when values are ids that mean nothing to a person (links, multiple choices): a
   *  column of this type sorts by the text the cells show instead of by `sortKey`. */
  readonly sortsByText?: boolean;
  /** Parts for grouping; may be empty. */
  readonly parts: readonly ValuePart<V>[];
}
