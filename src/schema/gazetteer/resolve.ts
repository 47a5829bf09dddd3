// Reads free text ("Albany, NY", "Sydney NSW", "123 Main St, Springfield, IL 62701",
// "Berlin Germany") as a place. Reading right to left it tries every way to split the end of
// the text into [city] [state] [postal code] [country], keeps the readings whose parts agree
// (the city lies in the state, the state in the country), and picks the likeliest: the one
// naming the most parts, then the most specific sort of place, then the most populous.
// Whole comma-separated segments left over before a city are kept as the street.
// A US ZIP code ("02139", "ZIP 02139-4307") names its town: alone it is the place; beside a
// city name it decides between namesakes ("Cambridge 02139" is Cambridge, Massachusetts), and
// a place in another state than its ZIP's ("Austin, Texas 02139") is a conflict, never
// resolved silently. A postal code may follow the country ("San Juan, PR 00901").

import { type City, type Country, type Entry, gazetteer, STATE_CODE_COUNTRIES, type State, zipPlace } from "./gazetteer";
import { mayNamePlace } from "./names";
import { key, tokens as fold } from "./normalise";

export interface Place {
  city?: City;
  state?: State;
  country: Country;
  street?: string;
  postalCode?: string;
}

interface Token {
  norm: string;
  segment: number;
  word: number;
  upper: boolean;
  digit: boolean;
  /** The town of the US ZIP code this token's word is ("02139", "02139-4307"). */
  zip?: City;
}

interface Reading {
  country?: Entry<Country>;
  state?: Entry<State>;
  city?: City;
  /** The folded text that named the leftmost part, and whether it was typed in capitals. */
  head?: { key: string; upper: boolean };
  postal?: [start: number, end: number];
  street?: number;
}

const MAX_TEXT = 300;

/** How many values of a column lie in each state ("US|Oregon") and each country ("US"): what
 *  decides a name that exists in several places. */
export interface PlaceHint {
  readonly states: ReadonlyMap<string, number>;
  readonly countries: ReadonlyMap<string, number>;
}

/** A place, or the places a name may mean when neither the text nor the hint decides, or why
 *  the text contradicts itself (a US ZIP code of another state than the place named). */
export type Resolution = { place: Place } | { candidates: Place[] } | { conflict: string };

/** A bare city name goes to its most populous namesake only when that one is this many times
 *  bigger than the next ("Paris" is Paris, France); otherwise context decides, or nobody. */
const DOMINANCE = 5;
/** Candidates offered for an ambiguous name, at most. */
const MAX_CANDIDATES = 6;

export const stateHintKey = (countryCode: string, stateName: string): string => `${countryCode}|${stateName}`;

/** The likeliest place, or undefined: the most populous namesake when the text is ambiguous. */
export function resolvePlace(text: string): Place | undefined {
  const found = resolvePlaceIn(text, undefined, Number.POSITIVE_INFINITY);
  if (!found || "conflict" in found) return undefined;
  return "place" in found ? found.place : found.candidates[0];
}

/** Reads a place; a city name shared by several places (same number of parts named) is
 *  decided by `hint` (the state, else the country, most other values lie in), else by a
 *  dominant population, else it stays ambiguous with its candidates, most populous first. */
export function resolvePlaceIn(text: string, hint?: () => PlaceHint, dominance = DOMINANCE): Resolution | undefined {
  return resolveIn(text, hint, dominance, true);
}

/** resolvePlaceIn without the place-name filter in front: every text read against the place
 *  data (what names.test.ts checks the filter against). */
export function resolvePlaceUnfiltered(text: string, hint?: () => PlaceHint, dominance = DOMINANCE): Resolution | undefined {
  return resolveIn(text, hint, dominance, false);
}

function resolveIn(text: string, hint: (() => PlaceHint) | undefined, dominance: number, filter: boolean): Resolution | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const { segments, tokens, zipWords } = tokenise(text);
  // Words that name no place spare the place data (names.ts); a US ZIP code names its town.
  if (filter && !zipWords && !mayNamePlace(tokens)) return undefined;
  const zipTowns: City[] = [];
  for (const { word, from, to } of zipWords ?? []) {
    const zip = zipPlace(word.slice(0, 5));
    if (!zip) continue;
    zipTowns.push(zip);
    for (let t = from; t < to; t++) tokens[t]!.zip = zip;
  }
  let best: { reading: Reading; score: number[] } | undefined;
  const scored: { reading: Reading; score: number[] }[] = [];
  for (const found of readings(tokens, zipTowns)) {
    const reading = withZipTown(found, tokens);
    const score = scoreOf(reading);
    if (score[0]! < 0) continue;
    if (reading.city && score[1] === 1) scored.push({ reading, score });
    if (!best || greater(score, best.score)) best = { reading, score };
  }
  if (!best) return undefined;
  const toPlace = (reading: Reading) => placeOf(reading, segments, tokens);
  const wrap = (reading: Reading): Resolution | undefined => {
    const conflict = zipConflict(reading, tokens);
    if (conflict) return { conflict };
    const place = toPlace(reading);
    return place ? { place } : undefined;
  };
  const chosen = best;
  // Rivals: other cities read from as many named parts, as cities (not as their state).
  if (!chosen.reading.city || chosen.score[1] !== 1) return wrap(chosen.reading);
  const rivals = new Map<City, { reading: Reading; score: number[] }>();
  for (const s of scored) {
    if (s.score[0] !== chosen.score[0] || !s.reading.city) continue;
    const known = rivals.get(s.reading.city);
    if (!known || greater(s.score, known.score)) rivals.set(s.reading.city, s);
  }
  if (rivals.size <= 1) return wrap(chosen.reading);
  const ranked = [...rivals.values()].sort((a, b) => (greater(a.score, b.score) ? -1 : greater(b.score, a.score) ? 1 : 0));
  // A ZIP code written beside the name is the town's own: it decides, before any context.
  const zipped = ranked.filter((s) => s.reading.city === zipOf(s.reading, tokens));
  if (zipped.length === 1) return wrap(zipped[0]!.reading);
  // Else the one namesake in the ZIP's state ("Springfield 01103": Springfield, MA).
  const inZipState = ranked.filter((s) => zipOf(s.reading, tokens) && !zipConflict(s.reading, tokens));
  if (inZipState.length === 1) return wrap(inZipState[0]!.reading);
  if (hint) {
    const h = hint();
    const decided = decide(ranked, (c) => (c.state ? h.states.get(stateHintKey(c.country.code, c.state.name)) ?? 0 : 0))
      ?? decide(ranked, (c) => h.countries.get(c.country.code) ?? 0);
    if (decided) return wrap(decided.reading);
  }
  const [first, second] = ranked;
  if (first!.score[2]! >= dominance * Math.max(1, second!.score[2]!)) return wrap(first!.reading);
  return { candidates: ranked.slice(0, MAX_CANDIDATES).map((s) => toPlace(s.reading)).filter((p): p is Place => p !== undefined) };
}

/** A text's comma-separated segments and their words' folded tokens, and the words that look
 *  like a US ZIP code ("02139", "02139-4307") with their tokens [from, to); undefined if none. */
function tokenise(text: string): { segments: string[]; tokens: Token[]; zipWords: { word: string; from: number; to: number }[] | undefined } {
  // "ZIP 02139", "Zip code: 02139": the word only says what the number is.
  const segments = text
    .replace(/\bzip(?:\s*code)?\s*:?\s*(?=\d{5}(?:-\d{4})?\b)/giu, "")
    .split(/[,;\n]/)
    .map((s) => s.trim());
  const tokens: Token[] = [];
  let zipWords: { word: string; from: number; to: number }[] | undefined;
  segments.forEach((segment, s) => {
    segment
      .split(/\s+/)
      .filter((w) => w !== "")
      .forEach((word, w) => {
        const upper = /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
        // Only a word of letters, digits and hyphens can be (part of) a postal code.
        const postalWord = /^[\p{L}\p{N}-]+$/u.test(word);
        const from = tokens.length;
        for (const norm of fold(word)) tokens.push({ norm, segment: s, word: w, upper, digit: postalWord && /\d/.test(norm) });
        if (/^\d{5}(?:-\d{4})?$/.test(word)) {
          zipWords ??= [];
          zipWords.push({ word, from, to: tokens.length });
        }
      });
  });
  return { segments, tokens, zipWords };
}

/** Whether `text` may name a place at all, cheaply (no place data decoded unless it holds a
 *  US ZIP code): false means `resolvePlaceIn` finds nothing in it. */
export function mayBePlace(text: string): boolean {
  if (text.length > MAX_TEXT) return false;
  const { tokens, zipWords } = tokenise(text);
  return zipWords !== undefined || mayNamePlace(tokens);
}

/** The town of the US ZIP code that is a reading's whole postal code, if it is one. */
function zipOf(r: Reading, tokens: readonly Token[]): City | undefined {
  if (!r.postal) return undefined;
  const [start, end] = r.postal;
  const first = tokens[start]!;
  const last = tokens[end - 1]!;
  return first.segment === last.segment && first.word === last.word ? first.zip : undefined;
}

/** Why a reading contradicts its US ZIP code: the place lies in the ZIP's country (the US or a
 *  territory) but in another state. A postal code of another country that happens to be five
 *  digits ("75001 Paris") is not a ZIP; a ZIP of another town in the same state is kept (ZIP
 *  areas cross town lines). */
function zipConflict(r: Reading, tokens: readonly Token[]): string | undefined {
  const town = zipOf(r, tokens);
  if (!town || !r.postal) return undefined;
  const country = r.country?.item ?? r.state?.item.country ?? r.city?.country;
  const state = r.city ? r.city.state : r.state?.item;
  if (country !== town.country || !state || !town.state || state === town.state) return undefined;
  const zip = tokens[r.postal[0]]!.norm;
  return `ZIP code ${zip} is in ${town.name}, ${town.state.name}, not in ${state.name}`;
}

/** A reading of a ZIP code and at most its state and country ("02139", "MA 02139, USA") is of
 *  the ZIP's town. */
function withZipTown(r: Reading, tokens: readonly Token[]): Reading {
  if (r.city) return r;
  const town = zipOf(r, tokens);
  if (!town) return r;
  if (r.state && r.state.item !== town.state) return r;
  if (r.country && r.country.item !== town.country) return r;
  const { head: _named, ...rest } = r;
  return { ...rest, city: town };
}

/** The one rival whose count is highest and above zero, if only one has it. */
function decide<T extends { reading: Reading }>(ranked: readonly T[], count: (city: City) => number): T | undefined {
  let top: T | undefined;
  let most = 0;
  let tie = false;
  for (const r of ranked) {
    const n = count(r.reading.city!);
    if (n > most) [top, most, tie] = [r, n, false];
    else if (n === most && n > 0) tie = true;
  }
  return tie ? undefined : top;
}

function placeOf(reading: Reading, segments: readonly string[], tokens: readonly Token[]): Place | undefined {
  const country = reading.country?.item ?? reading.state?.item.country ?? reading.city?.country;
  if (!country) return undefined;
  const place: Place = { country };
  const state = reading.city ? reading.city.state : reading.state?.item;
  if (reading.city) place.city = reading.city;
  if (state) place.state = state;
  if (reading.street !== undefined) {
    const street = segments.slice(0, reading.street).filter((s) => s !== "");
    if (street.length > 0) place.street = street.join(", ");
  }
  if (reading.postal) {
    const [start, end] = reading.postal;
    const first = tokens[start]!;
    const last = tokens[end - 1]!;
    const words = segments[first.segment]!.split(/\s+/).filter((w) => w !== "");
    const kept = words.slice(first.word, last.word + 1);
    // A code that starts or ends inside a hyphenated word ("NY-12207": the state, then the
    // ZIP) keeps only its own pieces, so the text it is shown as reads back the same.
    const trim = (word: string, i: number, from: number, to: number): string => {
      const pieces = word.split("-").filter((p) => p !== "");
      const count = countOfWord(tokens, i);
      return pieces.length !== count || (from === 0 && to >= count) ? word : pieces.slice(from, to).join("-");
    };
    const tail = kept.length - 1;
    const from = piecesBefore(tokens, start);
    const to = piecesBefore(tokens, end - 1) + 1;
    if (tail === 0) kept[0] = trim(kept[0]!, start, from, to);
    else {
      kept[0] = trim(kept[0]!, start, from, Number.POSITIVE_INFINITY);
      kept[tail] = trim(kept[tail]!, end - 1, 0, to);
    }
    place.postalCode = kept.join(" ").toUpperCase();
  }
  return place;
}

/** How many tokens of the same word come before token `i`. */
function piecesBefore(tokens: readonly Token[], i: number): number {
  let n = 0;
  for (let j = i - 1; j >= 0 && tokens[j]!.segment === tokens[i]!.segment && tokens[j]!.word === tokens[i]!.word; j--) n++;
  return n;
}

/** How many tokens the word of token `i` was read as. */
function countOfWord(tokens: readonly Token[], i: number): number {
  return tokens.filter((t) => t.segment === tokens[i]!.segment && t.word === tokens[i]!.word).length;
}

function* readings(tokens: readonly Token[], zipTowns: readonly City[]): Generator<Reading> {
  const g = gazetteer();
  /** Folded names ending just before `end` that stay inside one segment, longest last. */
  function* endings(end: number): Generator<{ key: string; start: number; upper: boolean }> {
    const last = tokens[end - 1];
    if (!last) return;
    for (let start = end - 1; start >= 0 && end - start <= g.maxTokens; start--) {
      const first = tokens[start]!;
      if (first.segment !== last.segment) return;
      const run = tokens.slice(start, end);
      yield { key: run.map((t) => t.norm).join(" "), start, upper: run.every((t) => t.upper) };
    }
  }
  /** No postal code here, or the run of tokens with digits ending at `end`. */
  function* postal(end: number, r: Reading): Generator<[number, Reading]> {
    yield [end, r];
    if (r.postal) return;
    let start = end;
    while (start > 0 && tokens[start - 1]!.digit && tokens[start - 1]!.segment === tokens[end - 1]!.segment) start--;
    if (start < end) yield [start, { ...r, postal: [start, end] }];
  }
  function* afterCity(end: number, r: Reading): Generator<Reading> {
    if (end === 0) yield r;
    // A segment left before a city is its street, unless that "city" also names a state or a
    // country: "Hull, England" is a town the data lacks in England, not a street in England,
    // Arkansas (so it is kept, flagged, rather than guessed).
    else if (r.city && tokens[end]?.segment !== tokens[end - 1]!.segment && !namesRegion(r.head?.key)) {
      yield { ...r, street: tokens[end - 1]!.segment + 1 };
    }
  }

  function namesRegion(key: string | undefined): boolean {
    return key !== undefined && (g.statesByKey.has(key) || g.countriesByKey.has(key));
  }

  for (const [e0, r0] of leading()) {
    for (const [e1, r1] of postal(e0, r0)) {
      for (const [e2, r2] of stateStep(e1, r1)) {
        for (const [e3, r3] of postal(e2, r2)) {
          for (const [e4, r4] of cityStep(e3, r3)) {
            for (const [e5, r5] of r4.city ? postal(e4, r4) : [[e4, r4] as [number, Reading]]) {
              yield* afterCity(e5, r5);
            }
          }
        }
      }
    }
  }

  /** The country, if named last; or a postal code after a named country ("San Juan, PR
   *  00901", "Ottawa, Canada K1A 0B1"). */
  function* leading(): Generator<[number, Reading]> {
    yield* countryStep(tokens.length, {});
    for (const [end, r] of postal(tokens.length, {})) {
      if (!r.postal) continue;
      for (const found of countryStep(end, r)) if (found[1].country) yield found;
    }
  }
  function* countryStep(end: number, r: Reading): Generator<[number, Reading]> {
    yield [end, r];
    for (const m of endings(end)) {
      for (const country of g.countriesByKey.get(m.key) ?? []) {
        yield [m.start, { ...r, country, head: m }];
      }
    }
  }
  function* stateStep(end: number, r: Reading): Generator<[number, Reading]> {
    yield [end, r];
    for (const m of endings(end)) {
      for (const state of g.statesByKey.get(m.key) ?? []) {
        const inCountry = r.country ? state.item.country === r.country.item : true;
        const codeAllowed = !state.code || r.country !== undefined || STATE_CODE_COUNTRIES.has(state.item.country.code);
        if (inCountry && codeAllowed) yield [m.start, { ...r, state, head: m }];
      }
    }
  }
  function* cityStep(end: number, r: Reading): Generator<[number, Reading]> {
    yield [end, r];
    for (const m of endings(end)) {
      const named = g.citiesByKey.get(m.key) ?? [];
      // A ZIP's own town is known by name only beside its ZIP ("Chester, MA 01011").
      const towns = zipTowns.filter((t) => !named.includes(t) && key(t.name) === m.key);
      for (const city of towns.length > 0 ? [...named, ...towns] : named) {
        if (r.state && city.state !== r.state.item) continue;
        if (r.country && city.country !== r.country.item) continue;
        yield [m.start, { ...r, city, head: m }];
      }
    }
  }
}

/** Bigger is likelier: [parts named, sort of place (city 1, state 2, country 3), population,
 *  tie-break]. */
function scoreOf(r: Reading): number[] {
  const parts = (r.city ? 1 : 0) + (r.state ? 1 : 0) + (r.country ? 1 : 0);
  if (parts === 0) return [-1];
  // An abbreviation alone ("us", "no", "in") is a word, not a place, unless typed in capitals.
  const entry = r.state ?? r.country;
  if (parts === 1 && !r.city && entry?.code && !r.head?.upper) return [-1];
  if (r.city) {
    const headKey = r.head?.key ?? "";
    const cityState = r.city.state;
    // "Madrid", "Berlin", "Tokyo": a city named like its own state competes as that state
    // (against other states of the name) and beats the bare state reading.
    const namesOwnState =
      cityState !== undefined && (gazetteer().statesByKey.get(headKey) ?? []).some((e) => e.item === cityState);
    return namesOwnState ? [parts, 2, cityState.population, 1] : [parts, 1, r.city.population, 0];
  }
  if (r.state) return [parts, 2, r.state.item.population, 0];
  return [parts, 3, 0, 0];
}

function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? Number.NEGATIVE_INFINITY;
    const y = b[i] ?? Number.NEGATIVE_INFINITY;
    if (x !== y) return x > y;
  }
  return false;
}
