// Money field: an amount with its ISO 4217 currency. "$1,200.50", "€35", "35 EUR", "JPY 1000",
// "CA$ 5", "-$4", and a bare "1200" in the field's currency. A bare "$" is the field's
// currency when that is a dollar, else USD. Sums are per currency and never mixed.
import { bareDollar, currencyByCode, currencyMarkers } from "./currencies";
import { formatDecimal, parseDecimal } from "./decimal";
import type { FieldType, Parsed } from "./field-type";
import { numberKey, order, tupleKey } from "./sort-keys";

export type MoneyValue = { amount: number; currency: string };
export type MoneyOptions = {
  /** ISO 4217 code used when the text names no currency. */
  currency: string;
};

const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

/** A written marker as splitCurrency compares it: upper-cased, with whether its ends are
 *  letters (an alphabetic marker must not run into a word: "USD" in "USDA" is no currency). */
type Marker = { upper: string; code: string; lastLetter: boolean; firstLetter: boolean };
/** Markers per field currency, built once (an import reads every value of a column). */
const markersByCurrency = new Map<string, readonly Marker[]>();

function markersFor(fieldCurrency: string): readonly Marker[] {
  let markers = markersByCurrency.get(fieldCurrency);
  if (!markers) {
    markers = currencyMarkers(fieldCurrency).map(([marker, code]) => {
      const upper = marker.toUpperCase();
      return { upper, code, lastLetter: isLetter(upper.at(-1)), firstLetter: isLetter(upper[0]) };
    });
    if (markersByCurrency.size > 50) markersByCurrency.clear();
    markersByCurrency.set(fieldCurrency, markers);
  }
  return markers;
}

/** Splits "CA$ 5" into ["CAD", " 5"]; null currency when the text names none. */
function splitCurrency(text: string, fieldCurrency: string): Parsed<[string | null, string]> {
  const upper = text.toUpperCase();
  const head = upper.charCodeAt(0);
  const tail = upper.charCodeAt(upper.length - 1);
  for (const { upper: m, code, lastLetter, firstLetter } of markersFor(fieldCurrency)) {
    // Most markers differ at both ends: skip them without comparing the rest.
    if (m.charCodeAt(0) !== head && m.charCodeAt(m.length - 1) !== tail) continue;
    if (upper.startsWith(m) && !(lastLetter && isLetter(upper[m.length]))) {
      return { ok: true, value: [code, text.slice(m.length)] };
    }
    if (upper.endsWith(m) && !(firstLetter && isLetter(upper.at(-m.length - 1)))) {
      return { ok: true, value: [code, text.slice(0, -m.length)] };
    }
  }
  const word = /^\p{L}+|\p{L}+$/u.exec(text);
  if (word) return { ok: false, reason: `unknown currency '${word[0]}'` };
  return { ok: true, value: [null, text] };
}

export const moneyType: FieldType<MoneyValue, MoneyOptions> = {
  name: "money",
  label: "Money",
  defaultOptions: () => ({ currency: "USD" }),
  parse(input, options, context) {
    let text = input.trim();
    let negative = false;
    if (text.startsWith("(") && text.endsWith(")")) {
      negative = true;
      text = text.slice(1, -1).trim();
    }
    if (/^[-−]/.test(text) && !negative) {
      negative = true;
      text = text.slice(1).trim();
    }
    const split = splitCurrency(text, options.currency);
    if (!split.ok) return split;
    const [named, rest] = split.value;
    const amount = parseDecimal(rest, 0, context.decimalMark);
    if (amount === null) return { ok: false, reason: "not an amount of money" };
    if (negative && amount < 0) return { ok: false, reason: "not an amount of money" };
    const currency = named ?? options.currency.toUpperCase();
    if (!currencyByCode(currency)) return { ok: false, reason: `unknown currency '${currency}'` };
    return { ok: true, value: { amount: negative && amount !== 0 ? -amount : amount, currency } };
  },
  format(value, options) {
    const currency = currencyByCode(value.currency);
    const digits = formatDecimal(Math.abs(value.amount), currency?.minorUnits ?? 2);
    const sign = value.amount < 0 ? "-" : "";
    if (value.currency === bareDollar(options.currency)) return `${sign}$${digits}`;
    if (currency?.symbol) return `${sign}${currency.symbol}${digits}`;
    return `${sign}${value.currency} ${digits}`;
  },
  compare: (a, b) => order(a.currency, b.currency) || order(a.amount, b.amount),
  /** Currency, then amount: "EUR" before "USD" whatever the amounts, as compare. */
  sortKey: (value) => currencyKey(value.currency) + numberKey(value.amount),
  parts: [{ name: "currency", label: "Currency", get: (value) => value.currency }],
};

/** tupleKey([currency]), kept per currency (every stored money cell computes one). */
const currencyKeys = new Map<string, string>();
function currencyKey(currency: string): string {
  let key = currencyKeys.get(currency);
  if (key === undefined) {
    key = tupleKey([currency]);
    if (currencyKeys.size < 1_000) currencyKeys.set(currency, key);
  }
  return key;
}

/** Sums per currency, sorted by code. Adds in scaled integers so 0.1 + 0.2 is 0.3. */
export function totalsByCurrency(values: readonly (MoneyValue | null)[]): MoneyValue[] {
  const groups = new Map<string, number[]>();
  for (const value of values) {
    if (!value) continue;
    const amounts = groups.get(value.currency) ?? [];
    amounts.push(value.amount);
    groups.set(value.currency, amounts);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => order(a, b))
    .map(([currency, amounts]) => ({ currency, amount: exactSum(amounts) }));
}

function exactSum(amounts: readonly number[]): number {
  const decimals = Math.min(
    8,
    Math.max(0, ...amounts.map((a) => /\.(\d+)$/.exec(String(a))?.[1]?.length ?? 0)),
  );
  const scale = 10 ** decimals;
  const total = amounts.reduce((sum, a) => sum + Math.round(a * scale), 0);
  return total / scale || 0;
}
