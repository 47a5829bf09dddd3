// Decimal text helpers shared by number, percent and money. They work on the decimal digits
// as text, so "12.5%" becomes 0.125 without the float error that 12.5 / 100 would add, and
// display never rounds digits away (no data is lost to a display setting).

const NUMBER = /^(\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The decimal mark a database reads ambiguous text with ("1,234": a thousand with ".",
 *  one and a bit with ","). Unambiguous text reads the same either way. */
export type DecimalMark = "." | ",";

/** Groups of digits split by a thousands separator: Western (1,234,567) or Indian
 *  (12,34,567) grouping. */
function validGroups(groups: readonly string[]): boolean {
  const [first = "", ...rest] = groups;
  if (rest.length === 0) return /^\d+$/.test(first);
  if (!/^\d{1,3}$/.test(first) || !rest.every((g) => /^\d+$/.test(g))) return false;
  if (rest.every((g) => g.length === 3)) return true;
  const last = rest.at(-1) ?? "";
  return last.length === 3 && rest.slice(0, -1).every((g) => g.length === 2) && first.length <= 2;
}

/** "1.200,50", "1 234,5", "12,34,567.89", "1'234.5" → "1200.50" etc.: the digits with a
 *  "." decimal point, or null when the separators cannot be read. */
export function canonicalDigits(input: string, mark: DecimalMark = "."): string | null {
  let text = input.replace(/[\s\u00a0\u202f]+/g, " ").trim();
  const exponent = /[eE][+-]?\d+$/.exec(text)?.[0] ?? "";
  text = text.slice(0, text.length - exponent.length);
  // Spaces and apostrophes only ever group thousands.
  const spaced = text.split(/[ '’]/);
  if (spaced.length > 1 && !spaced.every((g, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}(?:[.,]\d*)?$/).test(g))) return null;
  text = spaced.join("");
  const commas = (text.match(/,/g) ?? []).length;
  const dots = (text.match(/\./g) ?? []).length;
  let decimal: string | null = null;
  if (commas > 0 && dots > 0) decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
  else if (commas + dots === 1) {
    const sep = commas === 1 ? "," : ".";
    const [whole = "", fraction = ""] = text.split(sep);
    // "1,234" is a thousand with a "." mark; "0,123", "12,50" and "1234,5" can only be decimals.
    const grouping = fraction.length === 3 && whole.length >= 1 && whole.length <= 3 && whole !== "0" && spaced.length === 1;
    decimal = grouping && sep !== mark ? null : sep;
  }
  const thousands = decimal === "," ? "." : decimal === "." ? "," : commas > 0 ? "," : ".";
  const [whole = "", fraction, extra] = decimal === null ? [text] : text.split(decimal);
  if (extra !== undefined) return null;
  const groups = whole.split(thousands);
  if (groups.length > 1 && !validGroups(groups)) return null;
  const digits = groups.join("");
  if (!/^\d*$/.test(digits) || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  return `${digits}${fraction === undefined ? "" : `.${fraction}`}${exponent}`;
}

/** Reads "1,234.5", "1.234,5", "1 234,5", "12,34,567", "-3", "+3", "(3)" (accounting
 *  negative), ".5", "1e3". Null if not a number. `shift` moves the decimal point first (-2
 *  reads percent points as a fraction), in text. `mark` decides "1,234" and "1.234". */
const PLAIN = /^\d+$/;
const PLAIN_DOT = /^\d+(?:\.\d+)?$/;

export function parseDecimal(input: string, shift = 0, mark: DecimalMark = "."): number | null {
  // Plain digits ("1200", "48.50" where the mark is a dot), most of what files hold: read
  // as the general path below would, without its splitting.
  if (shift === 0 && input.length < 16 && (mark === "." ? PLAIN_DOT : PLAIN).test(input)) return Number(input);
  let text = input.trim();
  let negative = false;
  if (text.startsWith("(") && text.endsWith(")")) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith("-") || text.startsWith("+") || text.startsWith("−")) {
    if (negative) return null;
    negative = !text.startsWith("+");
    text = text.slice(1).trim();
  }
  if (text.length > 1000) return null;
  const canonical = canonicalDigits(text, mark);
  const match = canonical === null ? null : NUMBER.exec(canonical);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const plain = `${match[1] ?? "0"}.${match[2] ?? "0"}e${Number(match[3] ?? "0") + shift}`;
  const value = Number(plain);
  if (!Number.isFinite(value)) return null;
  return negative && value !== 0 ? -value : value;
}

/** formatDecimal's text written with a decimal comma: "1,234.5" → "1.234,5". */
export function withMark(text: string, mark: DecimalMark): string {
  return mark === "." ? text : text.replace(/[.,]/g, (c) => (c === "." ? "," : "."));
}

/** The digits of a finite number as plain decimal text, never in exponent form. */
export function plainDecimal(value: number): string {
  const text = String(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return sign + text;
  return sign + shiftPoint(`${match[1]}.${match[2] ?? ""}`, Number(match[3]));
}

/** Moves the decimal point of unsigned plain decimal text: shiftPoint("12.5", -2) = "0.125". */
export function shiftPoint(text: string, places: number): string {
  const [whole = "", fraction = ""] = text.split(".");
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = digits.slice(point).replace(/0+$/, "");
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** "1,234.5" with at least `minDecimals` decimals (never fewer digits than the value has). */
export function formatDecimal(value: number, minDecimals = 0): string {
  return formatPlain(plainDecimal(value), minDecimals);
}

/** formatDecimal for plain decimal text such as plainDecimal gives. */
export function formatPlain(plain: string, minDecimals = 0): string {
  const negative = plain.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? plain.slice(1) : plain).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction.padEnd(Math.max(0, Math.floor(minDecimals)), "0");
  return `${negative ? "-" : ""}${grouped}${decimals ? `.${decimals}` : ""}`;
}

/** Numbers sort numerically; -0 and 0 are the same value. */
