// Which folded names the gazetteer knows, without decoding it: the place-name filter. Decoding
// data.txt builds ~45,000 place objects and their indexes (about 13 MB of heap that stay for
// the isolate's life, and V8 grows its heap for the burst and keeps it), which guessing the
// type of every text column of an import would otherwise pay for "Ada Berg" or "Woodwinds".
// This index is built from the same data.txt, as 32-bit hashes of each kind's lookup keys
// (the keys gazetteer.ts indexes, by the same `key`), sorted in one Int32Array (about 300 KB);
// `mayNamePlace` asks whether a text's words could be read as a place at all, by the reading
// grammar of resolve.ts (`readings`) with "a name of this kind ends here" as the only fact.
// A hash shared by chance only lets a text through to the full reading, which decides: the
// filter never refuses a text the gazetteer reads (gazetteer.test.ts and names.test.ts).

import GAZETTEER_DATA from "./data.txt";
import { key } from "./normalise";

/** Kinds of names, as the reading grammar uses them. */
export type NameKind = "country" | "state" | "city";
const PREFIX: Record<NameKind, number> = { country: 0x63, state: 0x73, city: 0x74 };

export interface PlaceNames {
  /** Whether some `kind` of place may have this lookup key (never false for one that has). */
  has(kind: NameKind, key: string): boolean;
  /** The most tokens any name has (as Gazetteer.maxTokens). */
  readonly maxTokens: number;
}

/** FNV-1a over the kind's letter and the key's UTF-16 units, as a signed 32-bit integer. */
function hash(kind: NameKind, text: string): number {
  let h = Math.imul(0x811c9dc5 ^ PREFIX[kind], 0x01000193);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

let built: PlaceNames | undefined;
let builds = 0;

/** The index, built on first use. */
export function placeNames(): PlaceNames {
  if (!built) {
    builds++;
    built = buildNames(GAZETTEER_DATA);
  }
  return built;
}

/** How many times the index was built in this isolate (0 until a text is first tried). */
export function placeNameBuilds(): number {
  return builds;
}

export function forgetPlaceNamesForTests(): void {
  built = undefined;
  builds = 0;
}

/** The name fields of each section's rows (gazetteer.ts `build` reads the same): a country's
 *  name, aliases and codes; a state's name, aliases and code; a city's name and aliases. */
const NAME_FIELDS: ReadonlyMap<string, { kind: NameKind; fields: readonly number[] }> = new Map([
  ["countries", { kind: "country", fields: [1, 3, 4] }],
  ["states", { kind: "state", fields: [1, 4, 2] }],
  ["cities", { kind: "city", fields: [0, 5] }],
] as const);

export function buildNames(text: string): PlaceNames {
  let hashes = new Int32Array(1 << 16);
  let n = 0;
  let maxTokens = 1;
  const add = (kind: NameKind, name: string) => {
    const k = key(name);
    if (k === "") return;
    let words = 1;
    for (let i = k.indexOf(" "); i !== -1; i = k.indexOf(" ", i + 1)) words++;
    if (words > maxTokens) maxTokens = words;
    if (n === hashes.length) {
      const bigger = new Int32Array(hashes.length * 2);
      bigger.set(hashes);
      hashes = bigger;
    }
    hashes[n++] = hash(kind, k);
  };
  // A line at a time, fields by indexOf: only the names' own strings are made.
  let section: { kind: NameKind; fields: readonly number[] } | undefined;
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    if (text.charCodeAt(at) === 35) section = NAME_FIELDS.get(text.slice(at + 1, end));
    else if (section && end > at) {
      for (let field = 0, start = at; start <= end; field++) {
        let stop = text.indexOf("\t", start);
        if (stop === -1 || stop > end) stop = end;
        if (section.fields.includes(field) && stop > start) {
          const value = text.slice(start, stop);
          // Aliases and codes are "a|b" lists; a name itself never holds "|".
          if (value.includes("|")) for (const name of value.split("|")) add(section.kind, name);
          else add(section.kind, value);
        }
        start = stop + 1;
      }
    }
    at = end + 1;
  }
  const sorted = hashes.slice(0, n).sort();
  return {
    maxTokens,
    has(kind, k) {
      const h = hash(kind, k);
      let [lo, hi] = [0, sorted.length - 1];
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = sorted[mid]!;
        if (at === h) return true;
        if (at < h) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

/** A word of a text being read (resolve.ts's tokens): its folded form, its comma-separated
 *  segment, and whether it may be part of a postal code. */
export interface NameToken {
  readonly norm: string;
  readonly segment: number;
  readonly digit: boolean;
}

/** Whether some reading of `tokens` by resolve.ts's grammar names at least one place: from
 *  the end, [postal] [country] [postal] [state] [postal] [city [postal]], each name inside one
 *  segment, at most one postal code (the longest run of words with digits), all the words
 *  read, or a city after whole segments (the street). What the full reading checks besides
 *  (a state in its country, a city in its state, abbreviations typed in capitals, a US ZIP
 *  code's town) only narrows it, so false here means the full reading finds no place. A text
 *  with a US ZIP code is not asked: its town is read by the ZIP, not by name. */
export function mayNamePlace(tokens: readonly NameToken[], names: PlaceNames = placeNames()): boolean {
  const n = tokens.length;
  /** Where names of `kind` ending just before `end` (inside its segment) start. */
  const starts = (kind: NameKind, end: number): number[] => {
    const out: number[] = [];
    const last = tokens[end - 1];
    if (!last) return out;
    let run = "";
    for (let start = end - 1; start >= 0 && end - start <= names.maxTokens; start--) {
      const first = tokens[start]!;
      if (first.segment !== last.segment) break;
      run = run === "" ? first.norm : `${first.norm} ${run}`;
      if (names.has(kind, run)) out.push(start);
    }
    return out;
  };
  /** No postal code here, or the run of words with digits ending at `end` (if none yet). */
  const postal = (end: number, used: boolean): [number, boolean][] => {
    const out: [number, boolean][] = [[end, used]];
    if (used) return out;
    let start = end;
    while (start > 0 && tokens[start - 1]!.digit && tokens[start - 1]!.segment === tokens[end - 1]!.segment) start--;
    if (start < end) out.push([start, true]);
    return out;
  };
  // [end, a country named, a postal code used]
  const leading: [number, boolean, boolean][] = [[n, false, false], ...starts("country", n).map((s): [number, boolean, boolean] => [s, true, false])];
  for (const [end, used] of postal(n, false)) {
    if (used) for (const s of starts("country", end)) leading.push([s, true, true]);
  }
  for (const [e0, country, u0] of leading) {
    for (const [e1, u1] of postal(e0, u0)) {
      for (const [e2, state] of [[e1, false] as const, ...starts("state", e1).map((s) => [s, true] as const)]) {
        for (const [e3, u3] of postal(e2, u1)) {
          for (const [e4, city] of [[e3, false] as const, ...starts("city", e3).map((s) => [s, true] as const)]) {
            if (!country && !state && !city) continue;
            for (const [e5] of city ? postal(e4, u3) : [[e4, u3] as const]) {
              if (e5 === 0) return true;
              if (city && tokens[e5]!.segment !== tokens[e5 - 1]!.segment) return true;
            }
          }
        }
      }
    }
  }
  return false;
}
