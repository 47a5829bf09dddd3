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

/** The lookup key of a name: its folded tokens joined by single spaces. */
export function key(text: string): string {
  return tokens(text).join(" ");
}
