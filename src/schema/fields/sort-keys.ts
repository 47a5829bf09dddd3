// Sort keys: a value reduced to one string or one number that orders exactly as its field
// type's `compare` does, so SQLite can sort a page by an indexed JSON path. Within one field
// every key has the same kind (all numbers or all strings), and strings compare by code unit
// (JS `<`); SQLite compares text by code point, which differs only between U+E000–U+FFFF and
// characters outside the BMP.

/** The three-way comparison of two numbers or two strings (by code unit). */
export function order<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SCRATCH = new DataView(new ArrayBuffer(8));

/** Any finite number as 16 hex digits whose text order is the numeric order: the IEEE 754
 *  bits with the sign bit set for positives and all bits flipped for negatives (-0 is 0). */
export function numberKey(n: number): string {
  // The 64 bits as two 32-bit halves (no BigInt, no buffer per call: every stored cell of
  // a number, money or date kind computes one): negative numbers have every bit flipped,
  // others only the sign bit set.
  SCRATCH.setFloat64(0, n === 0 ? 0 : n);
  let high = SCRATCH.getUint32(0);
  let low = SCRATCH.getUint32(4);
  if (high >>> 31 === 1) {
    high = ~high >>> 0;
    low = ~low >>> 0;
  } else high = (high | 0x8000_0000) >>> 0;
  return high.toString(16).padStart(8, "0") + low.toString(16).padStart(8, "0");
}

/** Strings as one key ordered component by component (a shorter list first when it is a
 *  prefix): each component ends with U+0000 U+0000, and a U+0000 inside one is escaped as
 *  U+0000 U+0001, so the end of a component sorts before anything it could continue with. */
export function tupleKey(parts: readonly string[]): string {
  return parts.map((p) => `${p.replaceAll("\u0000", "\u0000\u0001")}\u0000\u0000`).join("");
}

/** compareText's order: case-insensitive first, then by code unit. */
export function textKey(text: string): string {
  return tupleKey([text.toLowerCase(), text]);
}
