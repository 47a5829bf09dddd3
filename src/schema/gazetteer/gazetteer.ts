// The offline gazetteer: countries, first-level divisions ("states") and cities decoded from
// the generated data.json (see scripts/build-gazetteer.mjs), with indexes by folded name.
// Decoding and indexing happen once, on first use, not when the module is imported.

import raw from "./data.json";
import { key } from "./normalise";

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

type CountryRow = [code: string, name: string, continent: string, aliases: string, codes: string];
type StateRow = [country: number, name: string, code: string, thousands: number, aliases: string];
type CityRow = [name: string, place: number, hundreds: number, lat: number, lon: number, aliases?: string];
interface Data {
  continents: [code: string, name: string][];
  countries: CountryRow[];
  states: StateRow[];
  cities: CityRow[];
}

/** Countries whose people write state codes without naming the country (Albany, NY). */
export const STATE_CODE_COUNTRIES: ReadonlySet<string> = new Set(["US", "CA", "AU"]);

let built: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  built ??= build(raw as unknown as Data);
  return built;
}

function build(data: Data): Gazetteer {
  let maxTokens = 1;
  function add<T>(map: Map<string, T[]>, name: string, value: T): void {
    const k = key(name);
    if (k === "") return;
    maxTokens = Math.max(maxTokens, k.split(" ").length);
    const list = map.get(k);
    if (!list) map.set(k, [value]);
    else if (!list.includes(value)) list.push(value);
  }
  const split = (list: string): string[] => (list === "" ? [] : list.split("|"));

  const continents = new Map(data.continents);
  const countriesByKey = new Map<string, Entry<Country>[]>();
  const countries = data.countries.map(([code, name, continent, aliases, codes]) => {
    const country: Country = { code, name, continent: continents.get(continent) ?? continent };
    for (const n of [name, ...split(aliases)]) add(countriesByKey, n, { item: country, code: false });
    for (const c of split(codes)) add(countriesByKey, c, { item: country, code: true });
    return country;
  });

  const statesByKey = new Map<string, Entry<State>[]>();
  const states = data.states.map(([ci, name, code, thousands, aliases]) => {
    const state: State = { country: countries[ci]!, name, code: code || undefined, population: thousands * 1000 };
    for (const n of [name, ...split(aliases)]) add(statesByKey, n, { item: state, code: false });
    if (code) add(statesByKey, code, { item: state, code: true });
    return state;
  });

  const citiesByKey = new Map<string, City[]>();
  const cities = data.cities.map(([name, place, hundreds, lat, lon, aliases]) => {
    const state = place >= 0 ? states[place] : undefined;
    const country = state ? state.country : countries[-place - 1]!;
    const city: City = { name, state, country, population: hundreds * 100, lat: lat / 100, lon: lon / 100 };
    for (const n of [name, ...split(aliases ?? "")]) add(citiesByKey, n, city);
    return city;
  });
  for (const list of citiesByKey.values()) list.sort((a, b) => b.population - a.population);

  return { countries, states, cities, countriesByKey, statesByKey, citiesByKey, maxTokens };
}
