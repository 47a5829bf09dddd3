// Samples for the conformance suite, one entry per registered type. Keyed by FieldTypeName,
// so a newly registered type fails the build until it brings its own samples.
import fc from "fast-check";
import { currencies } from "./currencies";
import { invalidTexts as invalidPlaces, sampleTexts as places } from "./location";
import type { Json, ParseContext } from "./field-type";
import type { FieldTypeName } from "./registry";
import { wallTime, wallToEpoch } from "./zone";

export type Samples = {
  options: Json;
  valid: readonly string[];
  /** Empty only for types that accept any text (text, longText). */
  invalid: readonly string[];
  /** Values to round-trip and order, where a generator is easy. */
  values?: fc.Arbitrary<Json>;
};

export const context: ParseContext = {
  now: new Date("2026-11-26T12:00:00Z"),
  timeZone: "America/New_York",
  members: [
    { id: "u1", name: "Ann Lee", email: "ann@example.com" },
    { id: "u2", name: "Bob Smith", email: "bob@example.com" },
  ],
  currentUserId: "u2",
  lookup: (tableId, text) => {
    if (tableId !== "sections") return undefined;
    const byName = new Map([["strings", "s1"], ["brass", "s2"], ["wood winds", "s3"]]); // typed text as key: a Map
    const key = text.trim().toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    return byName.get(key) ?? (["s1", "s2", "s3"].includes(text.trim()) ? text.trim() : undefined);
  },
};

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));
const choices = [
  { id: "r", label: "Red", color: "red" },
  { id: "nb", label: "Navy Blue", color: "blue" },
  { id: "g", label: "Green", color: "green" },
];
const NEW_YORK = "America/New_York";
const day = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2199, 11, 31) / 864e5 })
  .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
// Whole minutes that name one wall-clock time in New York (not the repeated fall-back hour).
const instant = fc
  .integer({ min: Date.UTC(1970, 0, 1) / 6e4, max: Date.UTC(2199, 11, 31) / 6e4 })
  .map((m) => m * 6e4)
  .filter((t) => wallToEpoch(wallTime(t, NEW_YORK), NEW_YORK) === t);
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
const dateValue: fc.Arbitrary<Json> = fc.oneof(
  day.map((start) => ({ start, end: null, time: false })),
  fc.tuple(day, day).filter(([a, b]) => a < b).map(([start, end]) => ({ start, end, time: false })),
  instant.map((t) => ({ start: iso(t), end: null, time: true })),
  fc
    .tuple(instant, instant)
    .filter(([a, b]) => a < b)
    .map(([a, b]) => ({ start: iso(a), end: iso(b), time: true })),
);

export const samples: Record<FieldTypeName, Samples> = {
  text: { options: {}, valid: ["hello", "  two  words ", "line\nbreak"], invalid: [], values: fc.string().map((s) => s.trim().replace(/\s*[\r\n]+\s*/g, " ")) },
  longText: { options: {}, valid: ["hello", "line one\nline two"], invalid: [], values: fc.string().map((s) => s.trim()) },
  number: {
    options: { decimals: 2 },
    valid: ["1,234.5", "-3", "(3)", "0.125", "1e6", "+7", ".5", "1234567.891", "1.200,50", "1 234,5", "12,34,567.89", "1,23"],
    invalid: ["abc", "--3", "12%", "Infinity", "NaN", "1.2.3", "(-3)", "1,2,3", "12 34"],
    values: finite,
  },
  percent: {
    options: { decimals: 0 },
    valid: ["12%", "12.5 %", "0.125", "-3%", "100%", "0.07%"],
    invalid: ["abc%", "12%%", "%", "twelve percent"],
    values: finite,
  },
  money: {
    options: { currency: "USD" },
    valid: ["$1,200.50", "€35", "35 EUR", "JPY 1000", "£12.99", "1200", "CA$ 5", "-$4", "(€3)", "CHF 12", "1.200,50 €", "€12,50", "12 dollars", "20 euros", "5 pounds", "₹12,34,567"],
    invalid: ["35 XYZ", "$", "abc", "$$5", "-$-4", "12 kr", "5 doubloons", "euros"],
    values: fc.record({
      amount: finite,
      currency: fc.constantFrom(...currencies.map((c) => c.code)),
    }),
  },
  date: {
    options: { timeZone: NEW_YORK },
    valid: [
      "2026-03-01",
      "March 3, 2026",
      "tomorrow 3-5pm",
      "last thursday 2:30 - tue 1600",
      "2026-03-01 to 2026-03-04",
      "3/4/2026",
      "2026-03-01T15:00:00Z",
      "next friday",
      "this weekend",
      "next week",
      "March 2026",
      "Q3 2026",
      "2027",
      "3/4-3/6",
      "tomorrow at half past three",
    ],
    invalid: ["hello", "2026-02-30", "Feb 31", "25:00", "see you tomorrow at lunch", "5", "13/45-14/45", "Q5 2026"],
    values: dateValue,
  },
  duration: {
    options: {},
    valid: ["1h 30m", "90 min", "2 days", "1:30", "45s", "1.5 hours", "1 hour, 30 minutes", "-15m", "1:30:15", "0.5s", "1h30", "1:30:00", "PT1H30M", "an hour and a half"],
    invalid: ["90", "soon", "1 parsec", "1:75", "P1Y", "PT", "1h 75"],
    values: fc.integer({ min: -1e9, max: 1e9 }),
  },
  checkbox: {
    options: {},
    valid: ["yes", "No", "TRUE", "x", "✓", "✔", "y", "n", "1", "0", "on", "off", "checked"],
    invalid: ["maybe", "2", "yes please"],
    values: fc.boolean(),
  },
  choice: {
    options: { choices },
    valid: ["red", " navy  blue", "NAVYBLUE", "Green"],
    invalid: ["purple", "red, green"],
    values: fc.constantFrom(...choices.map((c) => c.id)),
  },
  multiChoice: {
    options: { choices },
    valid: ["red, green", "Navy Blue; red", "green,green", "red"],
    invalid: ["red, purple", ",", "purple"],
    values: fc.uniqueArray(fc.constantFrom(...choices.map((c) => c.id)), { minLength: 1 }),
  },
  email: {
    options: {},
    valid: ["ann@example.com", "mailto:Bob@Example.COM", "first.last+tag@sub.example.co.uk"],
    invalid: ["ann", "ann@", "ann@example", "a b@example.com", "@example.com"],
  },
  url: {
    options: {},
    valid: ["example.com", "https://example.com/a?b=1#c", "http://localhost:3000/x", "mailto:ann@example.com", "www.example.org/page", "example.com:8080/x"],
    invalid: ["javascript:alert(1)", "data:text/html,hi", "ftp://example.com", "not a link", "localhost", "JavaScript:void(0)"],
  },
  phone: {
    options: {},
    valid: ["+1 (415) 555-0123", "415-555-0123", "+44 20 7946 0958 ext. 12", "555 1234 x9", "tel:+33123456789"],
    invalid: ["12345", "call me", "+1 415 555 0123 4567 8901", "555-CALL-NOW", "++1 415 555 0123"],
  },
  user: {
    options: {},
    valid: ["me", "Ann Lee", "ANN@example.com", "u2", "bob  smith"],
    invalid: ["nobody", "carol@example.com"],
    values: fc.constantFrom("u1", "u2"),
  },
  location: { options: {}, valid: places, invalid: invalidPlaces },
  link: {
    options: { tableId: "sections", multiple: true },
    valid: ["Strings", "strings, Brass", "Wood-winds; s1", "s2"],
    invalid: ["Kazoos", "Strings, Kazoos", " , "],
    values: fc.uniqueArray(fc.constantFrom("s1", "s2", "s3"), { minLength: 1, maxLength: 3 }),
  },
};
