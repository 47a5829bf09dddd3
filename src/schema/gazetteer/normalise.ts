// Text folding shared by the gazetteer's indexes and the text being looked up, so that
// "São Paulo", "Sao Paulo" and "SAO  PAULO" meet, as do "St. Louis" and "Saint Louis".

const FOLDED: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["st", "saint"],
  ["ste", "sainte"],
  ["mt", "mount"],
  ["ft", "fort"],
]);

/** The folded tokens of one word or phrase: lower case, no accents, no punctuation. */
export function tokens(text: string): string[] {
  // Fast path for plain ASCII words, which most names are: indexing stays cheap on first use.
  const folded = /^[A-Za-z0-9 ]*$/.test(text)
    ? text.toLowerCase().trim().replace(/ +/g, " ")
    : fold(text);
  if (folded === "") return [];
  return folded.split(" ").map((t) => ABBREVIATIONS.get(t) ?? t);
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => FOLDED[c] ?? c)
    .replace(/['’‘`ʻ.]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Plain ASCII words with single spaces between, and the abbreviations among words. */
const PLAIN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
const ABBREVIATED = /\b(?:st|ste|mt|ft)\b/;

/** The lookup key of a name: its folded tokens joined by single spaces. */
export function key(text: string): string {
  // Most names are plain words: their key is their lower case (indexing ~45,000 names on the
  // first place read stays cheap).
  if (PLAIN.test(text)) {
    const lower = text.toLowerCase();
    if (!ABBREVIATED.test(lower)) return lower;
  }
  return tokens(text).join(" ");
}
