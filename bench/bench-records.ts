// Bench-only: the seeded records both workers load for scenarios 2, 4 and 6, so Trove's
// table and the baseline's rows hold the same typed text. Each row depends only on
// (seed, index), so a load can be split into batches in any order. Imported by
// bench/trove-entry.ts and bench/baseline-worker.ts (never by product code).

import { mulberry32 } from "../src/schema/sample/random";

/** The bench table's fields: text, money, single choice and date. */
export const BENCH_FIELDS = [
  { id: "fname", name: "Name", type: "text" },
  { id: "famount", name: "Amount", type: "money" },
  { id: "fsection", name: "Section", type: "choice" },
  { id: "fjoined", name: "Joined", type: "date" },
] as const;

export const SECTIONS = ["Strings", "Woodwinds", "Brass", "Percussion", "Keyboards", "Voice"];

/** Shares of cells typed as text their field does not read ("TBD", "ask Maria"): of Amount
 *  and of Joined. The tables of scenarios 2, 4 and 6: 2 % of amounts, every date read. */
export interface JunkMix {
  amounts: number;
  dates: number;
}
const STANDARD: JunkMix = { amounts: 0.02, dates: 0 };
/** The import's CSV (scenario 7, issue 15: "about 5 % not understood"): 10 % of amounts and
 *  10 % of dates, so 5 % of all values (names and sections are always understood). */
export const IMPORT_MIX: JunkMix = { amounts: 0.1, dates: 0.1 };
const JUNK = ["TBD", "ask Maria", "see invoice", "n/a?", "pending"];
const JUNK_DATES = ["unknown", "ask Maria", "n/a?", "TBC", "see form"];

const FIRST = ["Ada", "Bela", "Clara", "Dmitri", "Esther", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Mira", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Viktor", "Wen", "Yara", "Zeno"];
const LAST = ["Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fontaine", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Urquhart", "Varga", "Weber", "Yilmaz", "Zhou"];

/** The sample data's mulberry32, seeded per row. */
function rowRandom(seed: number, index: number): () => number {
  return mulberry32(seed ^ Math.imul(index + 1, 0x9e3779b1));
}

export interface BenchRow {
  name: string;
  /** "$1,234.50", "1200", or junk text. */
  amount: string;
  /** The amount in cents, or null for junk. */
  cents: number | null;
  section: string;
  /** "2021-03-07", or junk text. */
  joined: string;
  /** The date's time, or null for junk. */
  joinedMs: number | null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Row `index` of the data set `seed`: the text a person would have typed. */
export function benchRow(seed: number, index: number, mix: JunkMix = STANDARD): BenchRow {
  const rand = rowRandom(seed, index);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const name = `${pick(FIRST)} ${pick(LAST)}`;
  const cents = Math.floor(rand() * 500_000);
  const junk = rand() < mix.amounts;
  const dollars = (cents / 100).toFixed(2);
  const amount = junk ? pick(JUNK) : rand() < 0.5 ? `$${dollars.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}` : dollars;
  const joinedMs = Date.UTC(2015, 0, 1) + Math.floor(rand() * 3650) * 86_400_000;
  const d = new Date(joinedMs);
  // Drawn last, and only when asked for, so the standard rows stay as they were.
  const junkDate = mix.dates > 0 && rand() < mix.dates ? pick(JUNK_DATES) : null;
  return {
    name,
    amount,
    cents: junk ? null : cents,
    section: pick(SECTIONS),
    joined: junkDate ?? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    joinedMs: junkDate === null ? joinedMs : null,
  };
}
