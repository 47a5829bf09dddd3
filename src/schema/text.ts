// How names and labels are folded before they are compared, and near-duplicate spellings
// grouped. One place, so that "is this the same name?" has the same answer everywhere.

/** Names of tables, fields and members, and form answers: case and runs of spaces do not
 *  matter ("  Viola  da Gamba" = "viola da gamba"). */
export function foldSpaces(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Records named by their first field (links): case, accents, spacing and punctuation do not
 *  matter ("ACME inc." = "Acme Inc", "Zürich" = "zurich"). */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Choice labels: case and all spaces do not matter ("navyblue" = "Navy Blue"). */
export function foldLabel(text: string): string {
  return text.toLowerCase().replace(/\s+/g, "");
}

/** Spellings that fold to the same key, merged. */
export interface SpellingGroup {
  /** The most frequent spelling (the first seen on a tie). */
  label: string;
  /** Every spelling, most frequent first. */
  spellings: string[];
  count: number;
}

/** Groups texts (spacing collapsed; blank ones and those folding to nothing skipped) by
 *  `fold`, in order of first appearance. */
export function groupSpellings(texts: Iterable<string>, fold: (text: string) => string): SpellingGroup[] {
  const groups = new Map<string, { spellings: Map<string, number>; count: number }>();
  for (const raw of texts) {
    const spelling = raw.trim().replace(/\s+/g, " ");
    const key = spelling && fold(spelling);
    if (!key) continue;
    const group = groups.get(key) ?? { spellings: new Map(), count: 0 };
    group.count++;
    group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => {
    const spellings = [...g.spellings.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    return { label: spellings[0] ?? "", spellings, count: g.count };
  });
}

/** "1,250" for 1250: thousands grouped with commas, as `toLocaleString("en")` writes whole
 *  numbers, without Intl — whose first use loads locale data (tens of milliseconds on a cold
 *  start), so labels built when a module loads or the first page renders stay cheap. */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en");
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",");
  return n < 0 ? `-${digits}` : digits;
}
