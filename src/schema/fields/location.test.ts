import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gazetteer } from "../gazetteer/gazetteer";
import type { ParseContext } from "./field-type";
import { type PlaceHint, stateHintKey } from "../gazetteer/resolve";
import { invalidTexts, type LocationValue, locationField, placeCandidates, sampleTexts, withShown } from "./location";

const context: ParseContext = { now: new Date("2025-06-01T12:00:00Z"), timeZone: "UTC" };
const parse = (text: string) => locationField.parse(text, {}, context);
const format = (value: LocationValue) => locationField.format(value, {});

function value(text: string): LocationValue {
  const parsed = parse(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.value;
}

type Expected = Partial<Pick<LocationValue, "city" | "state" | "stateCode" | "countryCode" | "continent">>;

describe("location: reading real-world text", () => {
  const cases: [string, Expected][] = [
    ["Albany, NY", { city: "Albany", stateCode: "NY", countryCode: "US", continent: "North America" }],
    ["Toronto", { city: "Toronto", stateCode: "ON", countryCode: "CA" }],
    ["Paris, France", { city: "Paris", countryCode: "FR", continent: "Europe" }],
    ["Sydney NSW", { city: "Sydney", state: "New South Wales", stateCode: "NSW", countryCode: "AU", continent: "Oceania" }],
    ["Vancouver, BC", { city: "Vancouver", state: "British Columbia", countryCode: "CA" }],
    ["London", { city: "London", state: "England", countryCode: "GB" }],
    ["London, Ontario", { city: "London", stateCode: "ON", countryCode: "CA" }],
    ["London Ontario", { city: "London", stateCode: "ON", countryCode: "CA" }],
    ["London, UK", { city: "London", countryCode: "GB" }],
    ["Berlin Germany", { city: "Berlin", countryCode: "DE" }],
    ["Tokyo", { city: "Tokyo", countryCode: "JP", continent: "Asia" }],
    ["NSW, Australia", { city: undefined, state: "New South Wales", stateCode: "NSW", countryCode: "AU" }],
    ["Canada", { city: undefined, state: undefined, countryCode: "CA", continent: "North America" }],
    ["São Paulo", { city: "São Paulo", countryCode: "BR", continent: "South America" }],
    ["Sao Paulo", { city: "São Paulo", countryCode: "BR" }],
    ["SAO   PAULO", { city: "São Paulo", countryCode: "BR" }],
    ["Springfield, IL", { city: "Springfield", stateCode: "IL", countryCode: "US" }],
    ["Springfield, MA", { city: "Springfield", stateCode: "MA", countryCode: "US" }],
    ["Springfield, Illinois", { city: "Springfield", stateCode: "IL" }],
    ["Paris", { city: "Paris", countryCode: "FR" }],
    ["Paris, TX", { city: "Paris", stateCode: "TX", countryCode: "US" }],
    ["Paris, Texas", { city: "Paris", stateCode: "TX", countryCode: "US" }],
    ["Vancouver, CA", { city: "Vancouver", stateCode: "BC", countryCode: "CA" }],
    ["Vancouver, WA", { city: "Vancouver", stateCode: "WA", countryCode: "US" }],
    ["Portland, ME", { city: "Portland", stateCode: "ME" }],
    ["Portland", { city: "Portland", stateCode: "OR" }],
    ["Birmingham, AL", { city: "Birmingham", stateCode: "AL", countryCode: "US" }],
    ["Washington, D.C.", { city: "Washington", stateCode: "DC", countryCode: "US" }],
    ["St. Louis, MO", { city: "St. Louis", stateCode: "MO" }],
    ["Saint Louis, Missouri", { city: "St. Louis", stateCode: "MO" }],
    ["München", { city: "Munich", countryCode: "DE" }],
    ["Zurich", { city: "Zürich", countryCode: "CH" }],
    ["Montréal, Québec", { city: "Montréal", stateCode: "QC", countryCode: "CA" }],
    ["montreal quebec", { city: "Montréal", stateCode: "QC" }],
    ["Cape Town, South Africa", { city: "Cape Town", countryCode: "ZA", continent: "Africa" }],
    ["Tbilisi, Georgia", { city: "Tbilisi", countryCode: "GE" }],
    ["Athens, GA", { city: "Athens", stateCode: "GA", countryCode: "US" }],
    ["Athens", { city: "Athens", countryCode: "GR" }],
    ["Georgia", { city: undefined, state: undefined, countryCode: "GE" }],
    ["Georgia, USA", { city: undefined, stateCode: "GA", countryCode: "US" }],
    ["Texas", { city: undefined, stateCode: "TX", countryCode: "US" }],
    ["England", { city: undefined, state: "England", countryCode: "GB" }],
    ["Deutschland", { city: undefined, countryCode: "DE" }],
    ["United States of America", { countryCode: "US" }],
    ["US", { city: undefined, countryCode: "US" }],
    ["New York, NY", { city: "New York City", stateCode: "NY", countryCode: "US" }],
    ["Madrid", { city: "Madrid", countryCode: "ES" }],
    ["Victoria, BC", { city: "Victoria", stateCode: "BC", countryCode: "CA" }],
    ["Victoria, Australia", { city: undefined, stateCode: "VIC", countryCode: "AU" }],
    ["Mexico City", { city: "Mexico City", countryCode: "MX" }],
    ["Moscow", { city: "Moscow", countryCode: "RU", continent: "Europe" }],
  ];
  it.each(cases)("%s", (text, expected) => {
    const v = value(text);
    const entries = Object.entries(expected);
    expect(v).toMatchObject(Object.fromEntries(entries.filter(([, e]) => e !== undefined)));
    for (const [k] of entries.filter(([, e]) => e === undefined)) expect(v).not.toHaveProperty(k);
  });

  it("gives coordinates for cities and none for states or countries", () => {
    expect(value("Vancouver, BC")).toMatchObject({ lat: 49.25, lon: -123.12 });
    expect(value("Canada").lat).toBeUndefined();
    expect(value("Ontario, Canada").lon).toBeUndefined();
  });

  it("keeps the street and postal code of an address", () => {
    expect(value("123 Main St, Springfield, IL 62701")).toEqual({
      street: "123 Main St",
      city: "Springfield",
      state: "Illinois",
      stateCode: "IL",
      postalCode: "62701",
      country: "United States",
      countryCode: "US",
      continent: "North America",
      lat: 39.8,
      lon: -89.64,
      shown: "123 Main St, Springfield, IL 62701, United States",
    });
    expect(value("Flat 2, 10 Downing Street, London SW1A 2AA, UK")).toMatchObject({
      street: "Flat 2, 10 Downing Street",
      city: "London",
      postalCode: "SW1A 2AA",
      countryCode: "GB",
    });
    expect(value("75001 Paris")).toMatchObject({ city: "Paris", postalCode: "75001", countryCode: "FR" });
  });

  it("does not take a lower-case word for an abbreviation on its own", () => {
    expect(parse("no")).toEqual({ ok: false, reason: "place not found" });
    expect(parse("us")).toEqual({ ok: false, reason: "place not found" });
    expect(value("nsw, australia")).toMatchObject({ stateCode: "NSW" });
  });

  it.each(invalidTexts)("%s is not a place", (text) => {
    expect(parse(text)).toEqual({ ok: false, reason: "place not found" });
  });

  it("rejects text that names a place inside noise or a place that disagrees", () => {
    expect(parse("hello Paris").ok).toBe(false);
    expect(parse("Toronto, France").ok).toBe(false);
    expect(parse("Springfield, Ontario, Australia").ok).toBe(false);
    expect(parse("Paris".repeat(100)).ok).toBe(false);
  });
});

describe("location: names several places share", () => {
  const hint = (states: [string, string, number][], countries: [string, number][] = []): (() => PlaceHint) => () => ({
    states: new Map(states.map(([c, s, n]) => [stateHintKey(c, s), n])),
    countries: new Map([...countries, ...states.map(([c, , n]): [string, number] => [c, n])]),
  });
  const inColumn = (text: string, h: () => PlaceHint) => locationField.parse(text, {}, { ...context, placeHint: h });

  it("keeps a name no namesake dominates, flags it ambiguous and lists the candidates", () => {
    const troy = parse("Troy");
    expect(troy.ok).toBe(false);
    if (!troy.ok) expect(troy.reason).toMatch(/^ambiguous: could be Troy, MI, United States; Troy, NY, United States; /);
    const candidates = placeCandidates("Troy");
    expect(candidates.slice(0, 2)).toEqual(["Troy, MI, United States", "Troy, NY, United States"]);
    // Each candidate reads back as that place alone.
    for (const c of candidates) expect(value(c)).toMatchObject({ city: "Troy" });
    expect(placeCandidates("Albany, NY")).toEqual([]);
    expect(placeCandidates("Narnia")).toEqual([]);
  });

  it("is decided by the state, then the country, most of the column's other values lie in", () => {
    expect(inColumn("Troy", hint([["US", "New York", 3], ["US", "Ohio", 1]]))).toMatchObject({ ok: true, value: { city: "Troy", stateCode: "NY" } });
    expect(inColumn("Portland", hint([["US", "Maine", 2]]))).toMatchObject({ ok: true, value: { stateCode: "ME" } });
    expect(inColumn("Portland", hint([["US", "Oregon", 2]]))).toMatchObject({ ok: true, value: { stateCode: "OR" } });
    expect(inColumn("Cambridge", hint([], [["GB", 4], ["US", 1]]))).toMatchObject({ ok: true, value: { countryCode: "GB" } });
    // A tie, or only places elsewhere: still ambiguous.
    expect(inColumn("Troy", hint([["US", "New York", 1], ["US", "Michigan", 1]])).ok).toBe(false);
    expect(inColumn("Troy", hint([["FR", "Île-de-France", 5]])).ok).toBe(false);
    // What the text names wins over the column.
    expect(inColumn("Troy, OH", hint([["US", "New York", 9]]))).toMatchObject({ ok: true, value: { stateCode: "OH" } });
  });

  it("goes to a namesake far bigger than the rest without context", () => {
    expect(value("Portland")).toMatchObject({ stateCode: "OR" });
    expect(value("Paris")).toMatchObject({ countryCode: "FR" });
  });
});

describe("location: format and the round trip", () => {
  it("writes the short forms people use", () => {
    expect(format(value("Vancouver, BC"))).toBe("Vancouver, BC, Canada");
    expect(format(value("paris france"))).toBe("Paris, France");
    expect(format(value("NSW, Australia"))).toBe("New South Wales, Australia");
    expect(format(value("Springfield, IL 62701"))).toBe("Springfield, IL 62701, United States");
    expect(format(value("Albany, NY-12207"))).toBe("Albany, NY 12207, United States");
    expect(format(value("Canada"))).toBe("Canada");
  });

  it.each(sampleTexts)("parse(format(parse(%j))) gives the same value", (text) => {
    const v = value(text);
    expect(value(format(v))).toEqual(v);
  });

  it("names a state by its code when its name reads as a city", () => {
    const state = value("QC, Canada");
    expect(state).toMatchObject({ state: "Quebec" });
    expect(state.city).toBeUndefined();
    expect(format(state)).toBe("QC, Canada");
    expect(value(format(state))).toEqual(state);
  });

  it("round-trips a sample of cities of every size (every 7th by population)", () => {
    // All 43,000 took ~30 s; a stride over the list ordered by population keeps every size and
    // country in the sample (the cities of 1,000 people included) at a seventh of the time.
    const failures: string[] = [];
    gazetteer().cities.forEach((city, i) => {
      if (i % 7 !== 0) return;
      const text = [city.name, city.state?.name, city.country.name].filter(Boolean).join(", ");
      const parsed = parse(text);
      if (!parsed.ok) failures.push(`${text}: not found`);
      else if (JSON.stringify(parse(format(parsed.value))) !== JSON.stringify(parsed)) failures.push(text);
    });
    expect(failures).toEqual([]);
  }, 240_000);

  it("never throws, and whatever parses round-trips (property)", () => {
    const words = fc.constantFrom(
      "Paris", "TX", "London", "Ontario", "NY", "123", "Main St", "Georgia", "US", "usa", "São", "Paulo",
      "New", "York", "BC", "Victoria", "62701", "Sydney", "NSW", "Berlin", "Germany", "", " ", "é", "x",
      "02139", "ZIP", "01011-4307", "Chester", "MA", "Cambridge", "Tofino", "Kilkenny", "99999",
    );
    const placeish = fc
      .array(fc.tuple(words, fc.constantFrom(" ", ", ", ",", "  ")), { maxLength: 6 })
      .map((parts) => parts.map(([w, sep]) => w + sep).join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 60 }), placeish), (text) => {
        const parsed = parse(text);
        if (parsed.ok) expect(value(format(parsed.value))).toEqual(parsed.value);
        else expect(parsed.reason).toMatch(/^(place not found|ambiguous: could be .+|ZIP code \d{5} is in .+, not in .+)$/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("location: compare and parts", () => {
  it("sorts by continent, country, state, then city", () => {
    const texts = ["Toronto", "Paris, France", "London, Ontario", "Canada", "Tokyo", "Ottawa", "Albany, NY", "Lyon"];
    const sorted = texts.map(value).sort(locationField.compare).map(format);
    expect(sorted).toEqual([
      "Tokyo, Japan",
      "Lyon, France",
      "Paris, France",
      "Canada",
      "London, ON, Canada",
      "Ottawa, ON, Canada",
      "Toronto, ON, Canada",
      "Albany, NY, United States",
    ]);
  });

  it("is zero only for equal values and antisymmetric otherwise", () => {
    const values = [...sampleTexts, "12 High St, London", "London"].map(value);
    for (const a of values) {
      for (const b of values) {
        const c = locationField.compare(a, b);
        expect(c === 0).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(Math.sign(c) + Math.sign(locationField.compare(b, a))).toBe(0);
      }
    }
  });

  it("offers city, state, country and continent for grouping", () => {
    const v = value("Vancouver, BC");
    expect(Object.fromEntries(locationField.parts.map((p) => [p.name, p.get(v)]))).toEqual({
      city: "Vancouver",
      state: "British Columbia",
      country: "Canada",
      continent: "North America",
    });
    expect(locationField.parts.find((p) => p.name === "city")?.get(value("Canada"))).toBeNull();
  });

  it("has no options", () => {
    expect(locationField.defaultOptions()).toEqual({});
    expect(locationField.name).toBe("location");
  });
});

describe("location: the display text kept with the value", () => {
  it("is found when the text is read, and is what the value shows", () => {
    const paris = value("paris france");
    expect(paris.shown).toBe("Paris, France");
    expect(format(paris)).toBe("Paris, France");
    expect(value("Springfield, IL").shown).toBe("Springfield, IL, United States");
  });

  it("shows a value stored before it was kept the old way, and withShown gives it one", () => {
    const { shown: _, ...old } = value("London, Ontario");
    expect(format(old)).toBe("London, ON, Canada");
    expect(withShown(old)).toEqual(value("London, Ontario"));
  });

  it("is not trusted when it is blank or too long (only a hand-edited backup could hold one)", () => {
    const paris = value("Paris, France");
    expect(format({ ...paris, shown: "" })).toBe("Paris, France");
    expect(format({ ...paris, shown: "x".repeat(401) })).toBe("Paris, France");
  });
});
