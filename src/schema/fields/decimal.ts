// Decimal text helpers shared by number, percent and money. They work on the decimal digits
// as text, so "12.5%" becomes 0.125 without the float error that 12.5 / 100 would add, and
// display never rounds digits away (no data is lost to a display setting).

const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Reads "1,234.5", "-3", "+3", "(3)" (accounting negative), ".5", "1e3". Null if not a number.
 *  `shift` moves the decimal point first (-2 reads percent points as a fraction), in text. */
export function parseDecimal(input: string, shift = 0): number | null {
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
  const match = NUMBER.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const plain = `${(match[1] ?? "0").replaceAll(",", "")}.${match[2] ?? "0"}e${Number(match[3] ?? "0") + shift}`;
  const value = Number(plain);
  if (!Number.isFinite(value)) return null;
  return negative && value !== 0 ? -value : value;
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
