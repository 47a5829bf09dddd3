import { describe, expect, it } from "vitest";
import GAZETTEER_DATA from "./data.txt";
import { gazetteer, zipCodeDecodes, zipPlace } from "./gazetteer";
import { key, tokens } from "./normalise";
import { resolvePlace } from "./resolve";

describe("normalise", () => {
  it("folds case, accents, punctuation and common abbreviations", () => {
    expect(key("São  Paulo")).toBe("sao paulo");
    expect(key("ZÜRICH")).toBe("zurich");
    expect(key("St. Louis")).toBe(key("Saint Louis"));
    expect(key("Saint-Étienne")).toBe("saint etienne");
    expect(key("Łódź")).toBe("lodz");
    expect(key("Xi'an")).toBe("xian");
    expect(tokens("  ,, ")).toEqual([]);
  });

  it("treats names of Object's own properties as plain words", () => {
    expect(key("constructor toString __proto__")).toBe("constructor tostring proto");
    for (const word of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(resolvePlace(word)).toBeUndefined();
    }
  });
});

describe("gazetteer data", () => {
  const g = gazetteer();
  const statesOf = (country: string) => g.states.filter((s) => s.country.code === country);

  it("knows every US state, Canadian province and Australian state by its code", () => {
    const codes = (country: string) => statesOf(country).map((s) => s.code);
    expect(codes("US")).toEqual(expect.arrayContaining(["NY", "CA", "TX", "DC", "WA", "IL", "MA"]));
    expect(statesOf("US").every((s) => s.code !== undefined)).toBe(true);
    expect(codes("CA").sort()).toEqual(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]);
    expect(codes("AU").sort()).toEqual(["ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"]);
  });

  it("puts every city's state in the city's country, and every country on a continent", () => {
    expect(g.cities.filter((c) => c.state && c.state.country !== c.country)).toEqual([]);
    const continents = new Set(g.countries.map((c) => c.continent));
    expect([...continents].sort()).toEqual([
      "Africa", "Antarctica", "Asia", "Europe", "North America", "Oceania", "South America",
    ]);
  });

  it("keeps the big cities and the capitals of small countries", () => {
    expect(g.cities.length).toBeGreaterThan(20000);
    expect(g.citiesByKey.get("tokyo")?.[0]?.country.code).toBe("JP");
    expect(g.citiesByKey.get("vaduz")?.[0]?.country.code).toBe("LI");
    expect(g.citiesByKey.get("monaco")?.[0]?.country.code).toBe("MC");
  });

  it("lists the namesakes of every name most populous first", () => {
    for (const list of g.citiesByKey.values()) {
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.population).toBeGreaterThanOrEqual(list[i]!.population);
    }
  });

  it("decodes the US ZIP codes only when one is looked up", () => {
    expect(zipCodeDecodes()).toBe(0);
    expect(zipPlace("1234")).toBeUndefined();
    expect(zipPlace("abcde")).toBeUndefined();
    expect(zipCodeDecodes()).toBe(0);
    expect(zipPlace("02139")).toMatchObject({ name: "Cambridge", state: { code: "MA" } });
    expect(zipPlace("00501")).toMatchObject({ name: "Holtsville", state: { code: "NY" } });
    expect(zipPlace("99950")).toMatchObject({ state: { code: "AK" } });
    expect(zipPlace("00000")).toBeUndefined();
    expect(zipPlace("99999")).toBeUndefined();
    expect(zipCodeDecodes()).toBe(1);
  });
});

describe("decoding data.txt a line at a time", () => {
  it("reads every row of every section, the first and the last", () => {
    const sections = new Map<string, string[][]>();
    let rows: string[][] = [];
    for (const line of GAZETTEER_DATA.split("\n")) {
      if (line === "") continue;
      if (line.startsWith("#")) {
        rows = [];
        sections.set(line.slice(1), rows);
      } else rows.push(line.split("\t"));
    }
    const g = gazetteer();
    for (const [name, list] of [["countries", g.countries], ["states", g.states], ["cities", g.cities]] as const) {
      const expected = sections.get(name)!;
      expect(list).toHaveLength(expected.length);
      expect(list[0]!.name).toBe(expected[0]![name === "cities" ? 0 : 1]);
      expect(list[list.length - 1]!.name).toBe(expected[expected.length - 1]![name === "cities" ? 0 : 1]);
    }
    expect(new Set(g.countries.map((c) => c.continent)).size).toBe(sections.get("continents")!.length);
  });
});
