// Towns down to about 1,000 people in the US, Canada, the UK, Ireland, Australia and New
// Zealand, and US ZIP codes, read offline (issue 11); the name rules of location.test.ts
// (context decides a shared name, else it is flagged with its candidates) hold for them too.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gazetteer, zipPlace } from "../gazetteer/gazetteer";
import { type PlaceHint, stateHintKey } from "../gazetteer/resolve";
import type { ParseContext } from "./field-type";
import { type LocationValue, locationField, placeCandidates } from "./location";

const context: ParseContext = { now: new Date("2025-06-01T12:00:00Z"), timeZone: "UTC" };
const parse = (text: string, placeHint?: () => PlaceHint) => locationField.parse(text, {}, { ...context, ...(placeHint && { placeHint }) });
const format = (value: LocationValue) => locationField.format(value, {});

function value(text: string): LocationValue {
  const parsed = parse(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.value;
}

describe("location: small towns", () => {
  it.each([
    ["Tofino, BC", { city: "Tofino", stateCode: "BC", countryCode: "CA" }],
    ["Kilkenny", { city: "Kilkenny", countryCode: "IE" }],
    ["Hanover, NH", { city: "Hanover", stateCode: "NH", countryCode: "US" }],
    ["Te Anau, New Zealand", { city: "Te Anau", state: "Southland", countryCode: "NZ", continent: "Oceania" }],
    ["Westport, Ireland", { city: "Westport", state: "Connacht", countryCode: "IE" }],
    ["Margaret River, WA", { city: "Margaret River", stateCode: "WA", countryCode: "AU" }],
    ["Hayfield, England", { city: "Hayfield", state: "England", countryCode: "GB" }],
  ] as const)("%s", (text, expected) => {
    expect(value(text)).toMatchObject(expected);
  });

  it("keeps towns of about 1,000 people in the six countries, and not elsewhere", () => {
    const small = gazetteer().cities.filter((c) => c.population < 15000);
    const countries = new Set(small.filter((c) => c.population < 2000).map((c) => c.country.code));
    expect([...countries].sort()).toEqual(expect.arrayContaining(["AU", "CA", "GB", "IE", "NZ", "US"]));
    // Elsewhere only capitals and each country's three largest places are this small.
    const elsewhere = small.filter((c) => !["AU", "CA", "GB", "IE", "NZ", "US"].includes(c.country.code));
    expect(elsewhere.length).toBeLessThan(1500);
    expect(small.filter((c) => c.population < 900 && ["US", "GB"].includes(c.country.code)).length).toBeLessThan(20);
  });

  it("flags a town name shared by places no context decides, and lets the column decide it", () => {
    // Halifax is a city in Nova Scotia and a town in England (and Massachusetts, Virginia).
    const halifax = parse("Halifax");
    expect(halifax.ok).toBe(false);
    if (!halifax.ok) expect(halifax.reason).toMatch(/^ambiguous: could be Halifax, NS, Canada; Halifax, England, United Kingdom; /);
    const inEngland = () => ({ states: new Map([[stateHintKey("GB", "England"), 3]]), countries: new Map([["GB", 3]]) });
    expect(parse("Halifax", inEngland)).toMatchObject({ ok: true, value: { city: "Halifax", countryCode: "GB" } });
    // A small namesake never steals a big city's name: Toronto, Ohio does not make Toronto ambiguous.
    expect(value("Toronto")).toMatchObject({ stateCode: "ON", countryCode: "CA" });
    for (const c of placeCandidates("Ballina")) expect(value(c)).toMatchObject({ city: "Ballina" });
  });

  it("never reads a region's name as a small town with a street before it", () => {
    // England, Arkansas is a town of 2,800: a town the data lacks is kept and flagged, not
    // guessed as a street there.
    for (const text of ["Nowhereville, England", "Hullbridgeton, England"]) expect(parse(text).ok).toBe(false);
    expect(value("England, AR")).toMatchObject({ city: "England", stateCode: "AR" });
    expect(value("10 Downing Street, London, England")).toMatchObject({ street: "10 Downing Street", city: "London", state: "England" });
  });
});

describe("location: short names people use (the build's SHORT_NAMES)", () => {
  it.each([
    ["Hull", "Kingston upon Hull"],
    ["Hull, England", "Kingston upon Hull"],
    ["Hull, UK", "Kingston upon Hull"],
    ["Newcastle, England", "Newcastle upon Tyne"],
    ["Stoke, England", "Stoke-on-Trent"],
    ["Southend", "Southend-on-Sea"],
  ] as const)("%s is %s", (text, city) => {
    expect(value(text)).toMatchObject({ city, state: "England", countryCode: "GB" });
  });

  it("leaves the towns really called so their names", () => {
    expect(value("Hull, MA")).toMatchObject({ city: "Hull", stateCode: "MA" });
    expect(value("Newcastle, NSW")).toMatchObject({ city: "Newcastle", stateCode: "NSW" });
    expect(value("Newcastle, Northern Ireland")).toMatchObject({ city: "Newcastle", state: "Northern Ireland" });
    // The full name is what is shown, and it reads back the same.
    expect(format(value("Hull"))).toBe("Kingston upon Hull, United Kingdom");
  });
});

describe("location: US ZIP codes", () => {
  const cambridge = { city: "Cambridge", state: "Massachusetts", stateCode: "MA", countryCode: "US", continent: "North America" };

  it.each([
    ["02139", { ...cambridge, postalCode: "02139" }],
    ["ZIP 02139", { ...cambridge, postalCode: "02139" }],
    ["zip code: 02139", { ...cambridge, postalCode: "02139" }],
    ["Cambridge, MA 02139", { ...cambridge, postalCode: "02139" }],
    ["02139-4307", { ...cambridge, postalCode: "02139-4307" }],
    // The state joined to its ZIP by a hyphen: the code is the ZIP alone (it read "MA-02139",
    // shown "Cambridge, MA MA-02139", which read back as no place).
    ["Cambridge, MA-02139", { ...cambridge, postalCode: "02139" }],
    ["Cambridge, MA-02139-4307", { ...cambridge, postalCode: "02139-4307" }],
    ["MA 02139", { ...cambridge, postalCode: "02139" }],
    ["02139, USA", { ...cambridge, postalCode: "02139" }],
    ["90210", { city: "Beverly Hills", stateCode: "CA", postalCode: "90210" }],
    // A post office's town too small to be a city here is still the ZIP's place.
    ["01011", { city: "Chester", stateCode: "MA", postalCode: "01011" }],
    ["Chester, MA 01011", { city: "Chester", stateCode: "MA", postalCode: "01011" }],
  ] as const)("%s", (text, expected) => {
    expect(value(text)).toMatchObject(expected);
  });

  it("decides a shared name by the ZIP written beside it, before the column's context", () => {
    expect(parse("Cambridge").ok).toBe(false);
    expect(value("Cambridge 02139")).toMatchObject(cambridge);
    expect(value("Springfield 62701")).toMatchObject({ city: "Springfield", stateCode: "IL" });
    const inOhio = () => ({ states: new Map([[stateHintKey("US", "Ohio"), 5]]), countries: new Map([["US", 5]]) });
    expect(parse("Springfield 01103", inOhio)).toMatchObject({ ok: true, value: { stateCode: "MA" } });
  });

  it("keeps what the text names when the ZIP is another place's, and reads other countries' codes as theirs", () => {
    expect(value("Boston, MA 02139")).toMatchObject({ city: "Boston", postalCode: "02139" });
    expect(value("75001 Paris")).toMatchObject({ city: "Paris", countryCode: "FR", postalCode: "75001" });
    expect(value("10115 Berlin")).toMatchObject({ city: "Berlin", countryCode: "DE", postalCode: "10115" });
    // A ZIP's town too small to be a city is known by name only beside its ZIP.
    expect(parse("Chester, MA")).toEqual({ ok: false, reason: "place not found" });
    expect(zipPlace("99999")).toBeUndefined();
    expect(parse("99999")).toEqual({ ok: false, reason: "place not found" });
  });

  it("keeps and flags a place in another state than its ZIP code, never resolving it silently", () => {
    const reason = "ZIP code 02139 is in Cambridge, Massachusetts, not in Texas";
    for (const text of ["Austin, Texas 02139", "Austin, TX 02139", "Austin 02139", "Texas 02139", "02139-4307, Texas"]) {
      expect(parse(text)).toEqual({ ok: false, reason });
    }
    expect(placeCandidates("Austin, Texas 02139")).toEqual([]);
    // The ZIP's state decides between namesakes ("Springfield 01103" is in Massachusetts).
    expect(value("Springfield 01103")).toMatchObject({ city: "Springfield", stateCode: "MA" });
    // Five digits after another country's place are its postcode, not a US ZIP.
    expect(value("Paris, France 75001")).toMatchObject({ city: "Paris", countryCode: "FR", postalCode: "75001" });
  });

  it("reads the ZIP codes of Puerto Rico and the other territories", () => {
    expect(value("00601")).toMatchObject({ city: "Adjuntas", countryCode: "PR", postalCode: "00601" });
    expect(value("San Juan, PR 00901")).toMatchObject({ city: "San Juan", countryCode: "PR", postalCode: "00901" });
    expect(value("San Juan, Puerto Rico 00901")).toMatchObject({ city: "San Juan", countryCode: "PR", postalCode: "00901" });
    expect(value("Charlotte Amalie, VI 00802")).toMatchObject({ city: "Charlotte Amalie", countryCode: "VI", postalCode: "00802" });
    expect(zipPlace("96910")).toMatchObject({ country: { code: "GU" } });
    // A postal code after the country, elsewhere too.
    expect(value("Ottawa, Canada K1A 0B1")).toMatchObject({ city: "Ottawa", countryCode: "CA", postalCode: "K1A 0B1" });
  });

  it("writes a ZIP's place so that it reads back the same", () => {
    expect(format(value("02139"))).toBe("Cambridge, MA 02139, United States");
    expect(format(value("01011"))).toBe("Chester, MA 01011, United States");
  });

  it("round-trips a sample of every ZIP code (property)", () => {
    const zip = fc.integer({ min: 0, max: 99999 }).map((n) => String(n).padStart(5, "0"));
    fc.assert(
      fc.property(zip, fc.constantFrom("", "ZIP ", "zip: "), (code, prefix) => {
        const town = zipPlace(code);
        const parsed = parse(`${prefix}${code}`);
        if (!town) {
          expect(parsed.ok).toBe(false);
          return;
        }
        if (!parsed.ok) throw new Error(`${code}: ${parsed.reason}`);
        expect(parsed.value).toMatchObject({ city: town.name, postalCode: code, countryCode: town.country.code });
        expect(value(format(parsed.value))).toEqual(parsed.value);
      }),
      { numRuns: 600 },
    );
  });
});
