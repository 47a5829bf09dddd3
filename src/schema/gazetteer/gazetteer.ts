// The offline gazetteer: countries, first-level divisions ("states") and cities decoded from
// the generated data.txt (see scripts/build-gazetteer.mjs), with indexes by folded name.
// The data is text (rows of tab-separated fields) that Wrangler ships as a Text module, a
// string V8 never compiles, so a cold start pays nothing for it; decoding and indexing
// happen once, on the first lookup. US ZIP codes are a second Text module (zips.txt),
// decoded only when a text holds something that looks like one.

import GAZETTEER_DATA from "./data.txt";
import { key } from "./normalise";
import ZIP_DATA from "./zips.txt";

export interface Country {
  readonly code: string;
  readonly name: string;
  readonly continent: string;
}

export interface State {
  readonly country: Country;
  readonly name: string;
  /** ISO 3166-2 code without the country part ("BC", "NSW", "NY"), when known. */
  readonly code: string | undefined;
  /** People in its cities, for choosing between divisions of the same name. */
  readonly population: number;
}

export interface City {
  readonly name: string;
  readonly state: State | undefined;
  readonly country: Country;
  readonly population: number;
  readonly lat: number;
  readonly lon: number;
}

/** A name in an index. `code` marks abbreviations (NY, BC, USA), which need care to match. */
export interface Entry<T> {
  readonly item: T;
  readonly code: boolean;
}

export interface Gazetteer {
  readonly countries: readonly Country[];
  readonly states: readonly State[];
  readonly cities: readonly City[];
  readonly countriesByKey: ReadonlyMap<string, readonly Entry<Country>[]>;
  readonly statesByKey: ReadonlyMap<string, readonly Entry<State>[]>;
  /** Most populous first. */
  readonly citiesByKey: ReadonlyMap<string, readonly City[]>;
  /** The most tokens any indexed name has, to bound the search. */
  readonly maxTokens: number;
}

/** Countries whose people write state codes without naming the country (Albany, NY). */
export const STATE_CODE_COUNTRIES: ReadonlySet<string> = new Set(["US", "CA", "AU"]);

let built: Gazetteer | undefined;
/** How many times the data was decoded (0 until the first lookup; then 1). */
let decodes = 0;

export function gazetteer(): Gazetteer {
  if (!built) {
    decodes++;
    built = build(GAZETTEER_DATA);
  }
  return built;
}

/** Whether the place data has been decoded in this isolate: a page that reads no place
 *  leaves it undecoded (tests check that the first page after a cold start does). */
export function gazetteerDecodes(): number {
  return decodes;
}

/** Forgets the decoded data and the counts, as a fresh isolate starts (for tests that a
 *  page after a cold start decodes nothing; a test cannot start an isolate of its own). */
export function forgetDecodedForTests(): void {
  built = undefined;
  zips = undefined;
  decodes = 0;
  zipDecodes = 0;
}

/** The sections of a data file: a "#name" line opens each; fields are tab-separated. */
function sectionsOf(text: string): Map<string, string[][]> {
  const sections = new Map<string, string[][]>();
  let rows: string[][] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("#")) {
      rows = [];
      sections.set(line.slice(1), rows);
    } else rows.push(line.split("\t"));
  }
  return sections;
}

/** The rows of one section ("#name" opens it), a line at a time: only one row exists at
 *  once, so decoding data.txt never holds all its rows (about 12 MB of arrays) beside the
 *  indexes it builds — the first import that tries places grew workerd's memory for good. */
function* rowsIn(text: string, name: string): Generator<string[]> {
  const head = `#${name}\n`;
  const open = text.startsWith(head) ? 0 : text.indexOf(`\n${head}`) + 1;
  if (open === 0 && !text.startsWith(head)) return;
  for (let at = open + head.length; at < text.length && text.charCodeAt(at) !== 35; ) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    if (end > at) yield text.slice(at, end).split("\t");
    at = end + 1;
  }
}

/** Indexes the rows of data.txt in one pass over them (the first place read waits for it:
 *  no intermediate arrays, no sort, since cities come most populous first). */
function build(text: string): Gazetteer {
  function rowsOf<T>(name: string, each: (row: string[]) => T): T[] {
    const out: T[] = [];
    for (const row of rowsIn(text, name)) out.push(each(row));
    return out;
  }
  let maxTokens = 1;
  function add<T>(map: Map<string, T[]>, name: string, value: T): void {
    const k = key(name);
    if (k === "") return;
    let words = 1;
    for (let i = k.indexOf(" "); i !== -1; i = k.indexOf(" ", i + 1)) words++;
    if (words > maxTokens) maxTokens = words;
    const list = map.get(k);
    if (!list) map.set(k, [value]);
    else if (!list.includes(value)) list.push(value);
  }
  /** Each name of a "a|b" list. */
  function addAll<T>(map: Map<string, T[]>, list: string | undefined, value: (name: string) => T): void {
    if (list) for (const n of list.split("|")) add(map, n, value(n));
  }

  const continents = new Map(rowsOf("continents", ([code, name]) => [code!, name!] as const));
  const countriesByKey = new Map<string, Entry<Country>[]>();
  const countries = rowsOf("countries", ([code, name, continent, aliases, codes]) => {
    const country: Country = { code: code!, name: name!, continent: continents.get(continent!) ?? continent! };
    add(countriesByKey, name!, { item: country, code: false });
    addAll(countriesByKey, aliases, () => ({ item: country, code: false }));
    addAll(countriesByKey, codes, () => ({ item: country, code: true }));
    return country;
  });

  const statesByKey = new Map<string, Entry<State>[]>();
  const states = rowsOf("states", ([ci, name, code, thousands, aliases]) => {
    const state: State = { country: countries[Number(ci)]!, name: name!, code: code || undefined, population: Number(thousands) * 1000 };
    add(statesByKey, name!, { item: state, code: false });
    addAll(statesByKey, aliases, () => ({ item: state, code: false }));
    if (code) add(statesByKey, code, { item: state, code: true });
    return state;
  });

  const citiesByKey = new Map<string, City[]>();
  const cities = rowsOf("cities", ([name, placeText, hundreds, lat, lon, aliases]) => {
    const place = Number(placeText);
    const state = place >= 0 ? states[place] : undefined;
    const country = state ? state.country : countries[-place - 1]!;
    const city: City = { name: name!, state, country, population: Number(hundreds) * 100, lat: Number(lat) / 100, lon: Number(lon) / 100 };
    add(citiesByKey, name!, city);
    addAll(citiesByKey, aliases, () => city);
    return city;
  });

  return { countries, states, cities, countriesByKey, statesByKey, citiesByKey, maxTokens };
}

/** US ZIP codes, ascending, and the place of each (same index). */
interface Zips {
  readonly codes: Uint32Array;
  readonly places: readonly City[];
}
let zips: Zips | undefined;
let zipDecodes = 0;

/** The place a five-digit US ZIP code ("02139") belongs to: a city of the gazetteer, or a
 *  post office's town too small to be one (such a town is not indexed by name: it is read only
 *  where its ZIP is written). Undefined for a code that is not a ZIP. */
export function zipPlace(zip: string): City | undefined {
  if (!/^\d{5}$/.test(zip)) return undefined;
  if (!zips) {
    zipDecodes++;
    zips = decodeZips(ZIP_DATA, gazetteer());
  }
  const n = Number(zip);
  const { codes, places } = zips;
  let [lo, hi] = [0, codes.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = codes[mid]!;
    if (at === n) return places[mid];
    if (at < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** How many times the ZIP codes were decoded (0 until a text holds a ZIP; then 1). */
export function zipCodeDecodes(): number {
  return zipDecodes;
}

/** zips.txt: "#places" rows [name, state, lat*100, lon*100]; "#zips" rows [zip - previous,
 *  place?], place >= 0 a city index, < 0 -(places index + 1), left out when unchanged. */
function decodeZips(text: string, g: Gazetteer): Zips {
  const sections = sectionsOf(text);
  const towns = (sections.get("places") ?? []).map(([name, state, lat, lon]): City => {
    const s = g.states[Number(state)]!;
    return { name: name!, state: s, country: s.country, population: 0, lat: Number(lat) / 100, lon: Number(lon) / 100 };
  });
  const rows = sections.get("zips") ?? [];
  const codes = new Uint32Array(rows.length);
  const places: City[] = [];
  let zip = 0;
  let place: City | undefined;
  rows.forEach(([delta, ref], i) => {
    zip += Number(delta);
    if (ref !== undefined && ref !== "") {
      const r = Number(ref);
      place = r >= 0 ? g.cities[r] : towns[-r - 1];
    }
    codes[i] = zip;
    places.push(place!);
  });
  return { codes, places };
}
