// The currencies money understands: ISO 4217 code, minor units, and the symbols people type.
// A small fixed table, so formatting is the same in every runtime (no Intl locale data).

export type Currency = {
  code: string;
  /** Digits after the decimal point (JPY 0, most 2). */
  minorUnits: number;
  /** Written before the amount when formatting; absent means the code is written instead. */
  symbol?: string;
  /** Other prefixes or suffixes people type for this currency. */
  aliases?: readonly string[];
  /** Uses "$" with a country prefix; a bare "$" may mean it if it is the field's currency. */
  dollar?: boolean;
};

export const currencies: readonly Currency[] = [
  { code: "USD", minorUnits: 2, symbol: "US$", dollar: true },
  { code: "EUR", minorUnits: 2, symbol: "€" },
  { code: "GBP", minorUnits: 2, symbol: "£" },
  { code: "JPY", minorUnits: 0, symbol: "¥", aliases: ["円"] },
  { code: "CAD", minorUnits: 2, symbol: "CA$", aliases: ["C$"], dollar: true },
  { code: "AUD", minorUnits: 2, symbol: "A$", aliases: ["AU$"], dollar: true },
  { code: "NZD", minorUnits: 2, symbol: "NZ$", dollar: true },
  { code: "MXN", minorUnits: 2, symbol: "MX$", dollar: true },
  { code: "HKD", minorUnits: 2, symbol: "HK$", dollar: true },
  { code: "SGD", minorUnits: 2, symbol: "S$", dollar: true },
  { code: "CHF", minorUnits: 2 },
  { code: "CNY", minorUnits: 2, symbol: "CN¥", aliases: ["RMB", "元"] },
  { code: "INR", minorUnits: 2, symbol: "₹", aliases: ["Rs", "Rs."] },
  { code: "KRW", minorUnits: 0, symbol: "₩" },
  { code: "SEK", minorUnits: 2 },
  { code: "NOK", minorUnits: 2 },
  { code: "DKK", minorUnits: 2 },
  { code: "PLN", minorUnits: 2, aliases: ["zł"] },
  { code: "BRL", minorUnits: 2, symbol: "R$" },
  { code: "ZAR", minorUnits: 2, aliases: ["R"] },
  { code: "RUB", minorUnits: 2, symbol: "₽" },
  { code: "TRY", minorUnits: 2, symbol: "₺" },
  { code: "ILS", minorUnits: 2, symbol: "₪" },
];

const byCode = new Map(currencies.map((c) => [c.code, c]));

export function currencyByCode(code: string): Currency | undefined {
  return byCode.get(code.toUpperCase());
}

/** The currency a bare "$" means for a field whose default currency is `fieldCurrency`. */
export function bareDollar(fieldCurrency: string): string {
  return currencyByCode(fieldCurrency)?.dollar ? fieldCurrency.toUpperCase() : "USD";
}

/** Currency words, singular and plural, before or after the amount ("12 euros", "pounds
 *  5"). "Dollars" alone is the field's dollar as "$" is; a word naming the country is not. */
const WORDS: readonly [string, string | null][] = [
  ["dollar", null], ["dollars", null], ["bucks", null],
  ["us dollar", "USD"], ["us dollars", "USD"], ["canadian dollar", "CAD"], ["canadian dollars", "CAD"],
  ["australian dollar", "AUD"], ["australian dollars", "AUD"], ["new zealand dollar", "NZD"], ["new zealand dollars", "NZD"],
  ["euro", "EUR"], ["euros", "EUR"], ["pound", "GBP"], ["pounds", "GBP"], ["pounds sterling", "GBP"], ["quid", "GBP"],
  ["yen", "JPY"], ["yuan", "CNY"], ["renminbi", "CNY"], ["rupee", "INR"], ["rupees", "INR"], ["won", "KRW"],
  ["swiss franc", "CHF"], ["swiss francs", "CHF"], ["franc", "CHF"], ["francs", "CHF"], ["real", "BRL"], ["reais", "BRL"],
  ["rand", "ZAR"], ["ruble", "RUB"], ["rubles", "RUB"], ["rouble", "RUB"], ["roubles", "RUB"], ["lira", "TRY"],
  ["shekel", "ILS"], ["shekels", "ILS"], ["zloty", "PLN"], ["zlotys", "PLN"], ["peso", "MXN"], ["pesos", "MXN"],
];

/** Every written marker (symbols, aliases, codes, words) with its currency, longest first. */
export function currencyMarkers(fieldCurrency: string): readonly [string, string][] {
  const markers: [string, string][] = [["$", bareDollar(fieldCurrency)]];
  for (const [word, code] of WORDS) markers.push([word, code ?? bareDollar(fieldCurrency)]);
  for (const c of currencies) {
    markers.push([c.code, c.code]);
    if (c.symbol) markers.push([c.symbol, c.code]);
    for (const alias of c.aliases ?? []) markers.push([alias, c.code]);
  }
  return markers.sort((a, b) => b[0].length - a[0].length);
}
