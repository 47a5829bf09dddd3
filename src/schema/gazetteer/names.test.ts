// The place-name filter (names.ts) never refuses a text the full reading accepts: every key
// the decoded gazetteer indexes is known to it, and texts made of gazetteer names and their
// variants (other case, no accents, abbreviations, streets, postal codes, words around them)
// that resolvePlaceIn reads are all let through. And it does its job: a column of people's
// names or section names is refused without decoding the place data.

import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { guessType } from "../import/infer";
import { forgetDecodedForTests, type Gazetteer, gazetteer, gazetteerDecodes } from "./gazetteer";
import { forgetPlaceNamesForTests, placeNameBuilds, placeNames } from "./names";
import { mayBePlace, resolvePlaceIn, resolvePlaceUnfiltered } from "./resolve";

const context = { now: new Date("2026-11-30T12:00:00Z"), timeZone: "UTC" };
const FIRST = ["Ada", "Bela", "Clara", "Dmitri", "Esther", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Mira"];
const LAST = ["Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fontaine", "Garcia", "Haddad", "Novak", "Petrov", "Zhou"];

describe("the place-name filter, before any place data is decoded", () => {
  it("refuses people's and sections' names without decoding the gazetteer", () => {
    forgetDecodedForTests();
    forgetPlaceNamesForTests();
    const names = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
    for (const text of [...names.slice(0, 20), "Woodwinds", "Percussion", "ask Maria", "TBD"]) expect(mayBePlace(text)).toBe(false);
    expect(guessType(Array.from({ length: 300 }, (_, i) => names[i % names.length]!), context)).toBe("text");
    expect(guessType(Array.from({ length: 300 }, (_, i) => ["Strings", "Woodwinds", "Brass", "Voice"][i % 4]!), context)).toBe("choice");
    expect(gazetteerDecodes()).toBe(0);
    expect(placeNameBuilds()).toBe(1);
  });

  it("lets places through: a city alone, with its state or country, a street, a ZIP code", () => {
    for (const text of ["Ada", "Albany, NY", "Berlin Germany", "123 Main St, Springfield, IL 62701", "02139", "São Paulo", "SAO  PAULO", "St. Louis", "Ottawa, Canada K1A 0B1", "Vienna 1010, Austria"]) {
      expect(mayBePlace(text)).toBe(true);
    }
  });
});

describe("the place-name filter never refuses what the gazetteer reads", () => {
  let g: Gazetteer;
  beforeAll(() => {
    g = gazetteer();
  });

  it("knows every key of every kind the decoded gazetteer indexes", () => {
    const names = placeNames();
    expect(names.maxTokens).toBe(g.maxTokens);
    const missing: string[] = [];
    for (const k of g.countriesByKey.keys()) if (!names.has("country", k)) missing.push(`country ${k}`);
    for (const k of g.statesByKey.keys()) if (!names.has("state", k)) missing.push(`state ${k}`);
    for (const k of g.citiesByKey.keys()) if (!names.has("city", k)) missing.push(`city ${k}`);
    expect(missing).toEqual([]);
  });

  it("lets through every text made of places that resolvePlaceIn reads (fast-check)", () => {
    const city = fc.integer({ min: 0, max: g.cities.length - 1 }).map((i) => g.cities[i]!);
    const anyWord = fc.oneof(
      fc.constantFrom("Main", "St", "Street", "Ada", "Berg", "North", "12", "10115", "ZIP", "of", "the", "Road", "New"),
      fc.integer({ min: 0, max: g.cities.length - 1 }).map((i) => g.cities[i]!.name),
      fc.integer({ min: 0, max: g.states.length - 1 }).map((i) => g.states[i]!.code ?? g.states[i]!.name),
      fc.integer({ min: 0, max: g.countries.length - 1 }).map((i) => g.countries[i]!.name),
    );
    const variant = (text: string) =>
      fc.constantFrom(
        text,
        text.toUpperCase(),
        text.toLowerCase(),
        text.normalize("NFKD").replace(/\p{M}/gu, ""),
        text.replace(/\bSaint\b/g, "St."),
        ` ${text.replace(/ /g, "  ")} `,
      );
    const placeText = fc.oneof(
      city.chain((c) => variant(c.name)),
      city.chain((c) => variant(`${c.name}, ${c.state?.code ?? c.state?.name ?? c.country.name}`)),
      city.chain((c) => variant(`${c.name}, ${c.state?.name ?? ""}, ${c.country.name}`)),
      city.chain((c) => variant(`${c.name} ${c.country.name}`)),
      city.chain((c) => variant(`12 Main Street, ${c.name}, ${c.country.name} 10115`)),
      city.chain((c) => variant(`Flat 2, 12 Main Street, ${c.name}`)),
      city.chain((c) => variant(`${c.name}, ${c.country.name} K1A 0B1`)),
      city.chain((c) => variant(`${c.name} ${c.state?.code ?? ""} 90210`)),
      fc.integer({ min: 0, max: g.states.length - 1 }).chain((i) => variant(`${g.states[i]!.name}, ${g.states[i]!.country.name}`)),
      fc.integer({ min: 0, max: g.countries.length - 1 }).chain((i) => variant(g.countries[i]!.name)),
      fc.array(anyWord, { minLength: 1, maxLength: 5 }).chain((words) => fc.array(fc.constantFrom(" ", ", ", " "), { minLength: words.length, maxLength: words.length }).map((seps) => words.map((w, i) => (i > 0 ? seps[i] : "") + w).join(""))),
    );
    fc.assert(
      fc.property(placeText, (text) => {
        const full = resolvePlaceUnfiltered(text);
        if (full !== undefined) expect(mayBePlace(text)).toBe(true);
        // And the filtered reading is the full one.
        expect(resolvePlaceIn(text)).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });
});
