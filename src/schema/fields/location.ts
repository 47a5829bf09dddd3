// The location field: free text such as "Vancouver, BC", "London, Ontario", "Berlin Germany"
// or "123 Main St, Springfield, IL 62701" read offline, with no API key, against the
// gazetteer in ../gazetteer as city, state/province, country and continent, with
// coordinates when the place is a city. A name several places share is decided by the text
// (a state or country named), else by the column's other values (`ParseContext.placeHint`:
// "Troy" among New York places is Troy, New York), else by a namesake far bigger than the
// rest ("Paris"); otherwise it is kept, flagged "ambiguous", and `placeCandidates` lists the
// places to choose from. Text naming no known place is invalid.
// A value carries its display text (`shown`), found when it is read, so showing a stored
// place needs no place data: the first page after a cold start decodes nothing. A value
// stored before that (or restored from an old backup) is shown the old way, by finding its
// shortest writing that reads back the same, and is given its text on the next wake
// (src/tenant-do/tenant.ts, `withShown`).

import { STATE_CODE_COUNTRIES } from "../gazetteer/gazetteer";
import { type Place, resolvePlaceIn } from "../gazetteer/resolve";
import { type FieldType, type ParseContext, type Parsed, type ValuePart, noOptions, type NoOptions } from "./field-type";
import { numberKey, order, tupleKey } from "./sort-keys";

export type LocationValue = {
  street?: string;
  city?: string;
  state?: string;
  /** ISO 3166-2 code of the state without the country part: "BC", "NSW", "NY". */
  stateCode?: string;
  postalCode?: string;
  country: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  continent: string;
  /** Degrees, to two decimals; only for cities. */
  lat?: number;
  lon?: number;
  /** The display text, the shortest writing that reads back as this place ("Albany, NY,
   *  United States"); absent on values stored before it was kept. */
  shown?: string;
};

/** A kept display text longer than this (only a hand-edited backup could hold one) is not
 *  trusted: the value is shown the old way. */
const MAX_SHOWN = 400;

const NOT_FOUND: Parsed<LocationValue> = { ok: false, reason: "place not found" };

function toValue(place: Place): LocationValue {
  const { city, state, country, street, postalCode } = place;
  return {
    ...(street !== undefined && { street }),
    ...(city && { city: city.name }),
    ...(state && { state: state.name }),
    ...(state?.code !== undefined && { stateCode: state.code }),
    ...(postalCode !== undefined && { postalCode }),
    country: country.name,
    countryCode: country.code,
    continent: country.continent,
    ...(city && { lat: city.lat, lon: city.lon }),
  };
}

/** The reason an ambiguous place is flagged with starts with this word. */
export const AMBIGUOUS = "ambiguous";

/** Reads a place with its display text. */
function parse(text: string, context?: ParseContext): Parsed<LocationValue> {
  const read = readPlace(text, context);
  return read.ok ? { ok: true, value: withShown(read.value) } : read;
}

/** The value with its display text (`shown`), found afresh. */
export function withShown(v: LocationValue): LocationValue {
  const { shown: _old, ...bare } = v;
  return { ...bare, shown: writingOf(bare) };
}

/** Reads a place, without its display text. */
function readPlace(text: string, context?: ParseContext): Parsed<LocationValue> {
  try {
    const found = resolvePlaceIn(text, context?.placeHint);
    if (!found) return NOT_FOUND;
    if ("place" in found) return { ok: true, value: toValue(found.place) };
    if ("conflict" in found) return { ok: false, reason: found.conflict };
    return { ok: false, reason: `${AMBIGUOUS}: could be ${found.candidates.map(describe).join("; ")}` };
  } catch {
    return NOT_FOUND;
  }
}

/** A candidate in a few words ("Troy, MI, United States"), cheaply: not read back. */
function describe(place: Place): string {
  const state = place.state && (place.state.code && STATE_CODE_COUNTRIES.has(place.country.code) ? place.state.code : place.state.name);
  return [place.city?.name, state, place.country.name].filter((x) => x !== undefined).join(", ");
}

/** The places an ambiguous text may mean, each as text that reads back as that place alone
 *  (what a person clicks to choose); empty when the text is not ambiguous. */
export function placeCandidates(text: string): string[] {
  try {
    const found = resolvePlaceIn(text);
    return found && "candidates" in found ? found.candidates.map((p) => writingOf(toValue(p))) : [];
  } catch {
    return [];
  }
}

/** Ways to write a value, shortest first; format picks the first that reads back the same. */
function writings(v: LocationValue): string[] {
  const postal = v.postalCode ? ` ${v.postalCode}` : "";
  const street = v.street ? [v.street] : [];
  const join = (...parts: string[]): string => [...street, ...parts].join(", ");
  if (v.city !== undefined) {
    if (v.state !== undefined && v.stateCode !== undefined && STATE_CODE_COUNTRIES.has(v.countryCode)) {
      return [join(v.city, `${v.stateCode}${postal}`, v.country)];
    }
    const shortest = join(`${v.city}${postal}`, v.country);
    if (v.state === undefined) return [shortest];
    return [shortest, join(v.city, `${v.state}${postal}`, v.country)];
  }
  if (v.state !== undefined) {
    const named = join(`${v.state}${postal}`, v.country);
    return v.stateCode ? [named, join(`${v.stateCode}${postal}`, v.country)] : [named];
  }
  return [v.postalCode ? join(v.postalCode, v.country) : join(v.country)];
}

/** Display texts found by reading writings back (values without `shown`), by value (its
 *  JSON), since each finding re-reads against the gazetteer (tens of µs). Bounded: the oldest
 *  entry goes first. */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 2000;

/** Forgets the display texts found, as a fresh isolate has none (for tests of laziness). */
export function forgetWritingsForTests(): void {
  formatted.clear();
}

/** The kept display text; else the shortest writing that reads back the same. */
function format(v: LocationValue): string {
  if (typeof v.shown === "string" && v.shown !== "" && v.shown.length <= MAX_SHOWN) return v.shown;
  const { shown: _untrusted, ...bare } = v;
  return writingOf(bare);
}

/** The first of the writings of a value (without `shown`) that reads back the same; one
 *  writing alone needs no reading back ("Albany, NY, United States"). */
function writingOf(v: LocationValue): string {
  const options = writings(v);
  if (options.length === 1) return options[0]!;
  const key = JSON.stringify(v);
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const text = options.find((t) => {
    const back = readPlace(t);
    return back.ok && compare(back.value, v) === 0;
  }) ?? options[options.length - 1]!;
  if (formatted.size >= FORMATTED_MAX) formatted.delete(formatted.keys().next().value!);
  formatted.set(key, text);
  return text;
}

/** Continent, country, state, city; then the rest, so that only equal values compare equal. */
const ORDER = [
  "continent",
  "country",
  "state",
  "city",
  "street",
  "postalCode",
  "countryCode",
  "stateCode",
  "lat",
  "lon",
] as const satisfies readonly (keyof LocationValue)[];

/** The parts in ORDER, case-insensitively first and then exactly; a missing part sorts
 *  before any present one, numbers (coordinates) numerically. */
function sortKey(v: LocationValue): string {
  const part = (x: string | number | undefined, fold: boolean): string =>
    x === undefined ? "" : `\u0001${typeof x === "number" ? numberKey(x) : fold ? x.toLowerCase() : x}`;
  return tupleKey([...ORDER.map((k) => part(v[k], true)), ...ORDER.map((k) => part(v[k], false))]);
}

function compare(a: LocationValue, b: LocationValue): number {
  return order(sortKey(a), sortKey(b));
}

const parts: readonly ValuePart<LocationValue>[] = [
  { name: "city", label: "City", get: (v) => v.city ?? null },
  { name: "state", label: "State / province", get: (v) => v.state ?? null },
  { name: "country", label: "Country", get: (v) => v.country },
  { name: "continent", label: "Continent", get: (v) => v.continent },
];

export const locationField: FieldType<LocationValue, NoOptions> = {
  name: "location",
  label: "Location",
  defaultOptions: noOptions,
  parse: (text, _options, context) => parse(text, context),
  format: (value) => format(value),
  compare,
  sortKey,
  parts,
};

/** Texts that parse, for the shared field-type conformance suite. */
export const sampleTexts: readonly string[] = [
  "Albany, NY",
  "Toronto",
  "Paris, France",
  "Sydney NSW",
  "Vancouver, BC",
  "London",
  "London, Ontario",
  "123 Main St, Springfield, IL 62701",
  "Berlin Germany",
  "Tokyo",
  "NSW, Australia",
  "Canada",
  "São Paulo",
  "Sao Paulo",
  "Paris, TX",
  "Springfield, MA",
  "München",
  "Zürich, Switzerland",
  "Cape Town, South Africa",
  "Georgia",
  "Tbilisi, Georgia",
  "Washington, D.C.",
  "St. Louis, MO",
  "England",
  "Mexico City",
  "02139",
  "Cambridge, MA 02139",
  "Tofino, BC",
  "Westport, Ireland",
];

/** Texts that do not parse. */
export const invalidTexts: readonly string[] = ["asdfghjkl", "Narnia", "99999", "the moon", "!!!", "zz, qq"];

