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

type Marker = { m: string; code: string; endsAlpha: boolean; startsAlpha: boolean };
/** The markers per field currency, upper-cased and classified once (a form's money answer
 *  read them all anew each time). A few currencies in use; bounded all the same. */
const prepared = new Map<string, readonly Marker[]>();

function markersFor(fieldCurrency: string): readonly Marker[] {
  let markers = prepared.get(fieldCurrency);
  if (!markers) {
    if (prepared.size >= 64) prepared.clear();
    markers = currencyMarkers(fieldCurrency).map(([marker, code]) => {
      const m = marker.toUpperCase();
      return { m, code, endsAlpha: isLetter(m.at(-1)), startsAlpha: isLetter(m[0]) };
    });
    prepared.set(fieldCurrency, markers);
  }
  return markers;
}

/** Splits "CA$ 5" into ["CAD", " 5"]; null currency when the text names none. */
function splitCurrency(text: string, fieldCurrency: string): Parsed<[string | null, string]> {
  const upper = text.toUpperCase();
  for (const { m, code, endsAlpha, startsAlpha } of markersFor(fieldCurrency)) {
    if (upper.startsWith(m) && !(endsAlpha && isLetter(upper[m.length]))) {
      return { ok: true, value: [code, text.slice(m.length)] };
    }
    if (upper.endsWith(m) && !(startsAlpha && isLetter(upper.at(-m.length - 1)))) {
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
