// Deterministic data for the bench: mulberry32 (a tiny 32-bit PRNG) and a few generators of
// names, so every run loads the same tables, people and sessions.

// The same generator the sample data uses (Node 22 strips the types of the .ts module).
import { mulberry32 } from "../../src/schema/sample/random.ts";

export { mulberry32 };

const FIRST = ["Ada", "Bela", "Clara", "Dmitri", "Esther", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Mira", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Viktor", "Wen", "Yara", "Zeno"];
const LAST = ["Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fontaine", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Urquhart", "Varga", "Weber", "Yilmaz", "Zhou"];
const CITIES = ["Vancouver", "Lyon", "Osaka", "Porto", "Tartu", "Lagos", "Quito", "Bergen", "Adelaide", "Kraków", "Montréal", "Valparaíso"];
const THINGS = ["Musicians", "Donors", "Volunteers", "Venues", "Instruments", "Rehearsals", "Concerts", "Sponsors", "Scores", "Tours", "Invoices", "Suppliers", "Members", "Events", "Grants", "Press"];

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

export function personName(rand) {
  return `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
}

/** `count` distinct table names such as "Donors 3". */
export function tableNames(rand, count) {
  const names = new Set();
  while (names.size < count) names.add(`${pick(rand, THINGS)} ${1 + Math.floor(rand() * 99)}`);
  return [...names];
}

/** Rows for the baseline `people` table. */
export function people(rand, count) {
  return Array.from({ length: count }, (_, i) => {
    const name = personName(rand);
    return { id: i + 1, name, email: `${name.toLowerCase().replace(/\s+/g, ".")}.${i}@example.org`, city: pick(rand, CITIES), joined: 1_600_000_000 + Math.floor(rand() * 1e8) };
  });
}
