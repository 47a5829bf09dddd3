// The operations a derived field may apply, as a registry: each says which kinds of operand
// it takes (its signature: operand kinds → result kind, or null when they do not fit) and
// how it computes. The checker and the builder read the same signatures, so the builder
// offers exactly what the checker accepts. `run` never throws: an operation that cannot
// compute says why. Empty operands give an empty result (before `run` is called).

import type { Json } from "../fields/field-type";
import type { MoneyValue } from "../fields/money";
import type { DateValue } from "../fields/date";
import type { LocationValue } from "../fields/location";
import { cannot, formatValue, type Out } from "./dtypes";
import type { DType } from "./expr";

export interface Operation {
  readonly name: string;
  /** What the builder shows: "minus", "in days". */
  readonly label: string;
  readonly arity: 1 | 2;
  /** A small setting typed beside the operation: a separator, a number of decimals. */
  readonly param?: "separator" | "decimals";
  result(types: readonly DType[]): DType | null;
  run(values: readonly Json[], types: readonly DType[], timeZone: string): Out;
}

const DAY = 86_400;
const ok = (value: Json): Out => ({ ok: true, value });
const num = (v: Json) => v as number;
const money = (v: Json) => v as MoneyValue;
const date = (v: Json) => v as DateValue;
const place = (v: Json) => v as LocationValue;
const finite = (n: number): Out => (Number.isFinite(n) ? ok(round12(n)) : cannot("the result is not a finite number"));
/** Drops float noise (0.1 + 0.2) without changing meaningful digits. */
const round12 = (n: number) => Number(n.toPrecision(12));
const sameKinds = (types: readonly DType[], a: DType, b: DType) => types[0] === a && types[1] === b;

function moneyOut(amount: number, currency: string): Out {
  return Number.isFinite(amount) ? ok({ amount: Math.round(amount * 1e6) / 1e6, currency }) : cannot("the result is not a finite amount");
}

/** Money with money: only in one currency; otherwise the amounts are kept apart, flagged. */
function moneyPair(a: MoneyValue, b: MoneyValue, sign: 1 | -1, timeZone: string): Out {
  if (a.currency === b.currency) return moneyOut(a.amount + sign * b.amount, a.currency);
  const text = `${formatValue("money", a, timeZone)} ${sign === 1 ? "+" : "−"} ${formatValue("money", b, timeZone)}`;
  return cannot(`amounts in ${a.currency} and ${b.currency} are not added`, text);
}

/** Epoch milliseconds of a date's start (a calendar date at midnight UTC: differences of
 *  calendar dates are whole days whatever the zone). */
const startMs = (d: DateValue) => Date.parse(d.time ? d.start : `${d.start}T00:00:00Z`);
const endMs = (d: DateValue) => (d.end === null ? null : Date.parse(d.time ? d.end : `${d.end}T00:00:00Z`));

function shiftDate(d: DateValue, seconds: number): Out {
  if (!Number.isFinite(seconds)) return cannot("the duration is not finite");
  const ms = startMs(d) + seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return cannot("the date is out of range");
  const iso = new Date(ms).toISOString();
  if (!d.time && seconds % DAY === 0) return ok({ start: iso.slice(0, 10), end: null, time: false });
  return ok({ start: `${iso.slice(0, 19)}Z`, end: null, time: true });
}

function wall(d: DateValue): Date {
  return new Date(startMs(d));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function plusMinus(sign: 1 | -1): Operation["run"] {
  return (values, types, timeZone) => {
    const [a, b] = values as [Json, Json];
    if (types[0] === "money") return moneyPair(money(a), money(b), sign, timeZone);
    if (types[0] === "date" && types[1] === "duration") return shiftDate(date(a), sign * num(b));
    if (types[0] === "date" && types[1] === "date") return finite((startMs(date(a)) - startMs(date(b))) / 1000);
    return finite(num(a) + sign * num(b));
  };
}

const ADDABLE: readonly DType[] = ["number", "percent", "money", "duration"];

const unaryOn = (from: DType, to: DType) => (types: readonly DType[]) => (types[0] === from ? to : null);

const operationList: readonly Operation[] = [
  {
    name: "add",
    label: "plus",
    arity: 2,
    result: (t) => (t[0] === t[1] && ADDABLE.includes(t[0]!) ? t[0]! : sameKinds(t, "date", "duration") ? "date" : null),
    run: plusMinus(1),
  },
  {
    name: "subtract",
    label: "minus",
    arity: 2,
    result: (t) => (t[0] === t[1] && ADDABLE.includes(t[0]!) ? t[0]! : sameKinds(t, "date", "duration") ? "date" : sameKinds(t, "date", "date") ? "duration" : null),
    run: plusMinus(-1),
  },
  {
    name: "multiply",
    label: "times",
    arity: 2,
    result: (t) => {
      const [a, b] = t;
      if (b === "number" || b === "percent") return a === "number" || a === "money" || a === "duration" ? a : a === "percent" && b === "number" ? "percent" : null;
      return null;
    },
    run: (values, types) => {
      const [a, b] = values as [Json, Json];
      if (types[0] === "money") return moneyOut(money(a).amount * num(b), money(a).currency);
      return finite(num(a) * num(b));
    },
  },
  {
    name: "divide",
    label: "divided by",
    arity: 2,
    result: (t) => (t[1] === "number" && (t[0] === "number" || t[0] === "money" || t[0] === "duration" || t[0] === "percent") ? t[0]! : t[0] === t[1] && (t[0] === "money" || t[0] === "duration") ? "number" : null),
    run: (values, types, timeZone) => {
      const [a, b] = values as [Json, Json];
      if (types[0] === "money" && types[1] === "money") {
        if (money(a).currency !== money(b).currency) return cannot(`amounts in ${money(a).currency} and ${money(b).currency} are not divided`, `${formatValue("money", a, timeZone)} ÷ ${formatValue("money", b, timeZone)}`);
        return money(b).amount === 0 ? cannot("division by zero") : finite(money(a).amount / money(b).amount);
      }
      const divisor = types[1] === "money" ? money(b).amount : num(b);
      if (divisor === 0) return cannot("division by zero");
      if (types[0] === "money") return moneyOut(money(a).amount / divisor, money(a).currency);
      return finite(num(a) / divisor);
    },
  },
  {
    name: "percentOf",
    label: "percent of",
    arity: 2,
    result: (t) => (t[0] === "percent" && (t[1] === "number" || t[1] === "money" || t[1] === "duration") ? t[1]! : null),
    run: (values, types) => {
      const [p, x] = values as [Json, Json];
      if (types[1] === "money") return moneyOut(num(p) * money(x).amount, money(x).currency);
      return finite(num(p) * num(x));
    },
  },
  {
    name: "round",
    label: "rounded to decimals",
    arity: 1,
    param: "decimals",
    result: (t) => (t[0] === "number" || t[0] === "money" || t[0] === "percent" ? t[0]! : null),
    run: () => cannot("rounding needs its number of decimals"),
  },
  { name: "inDays", label: "in days", arity: 1, result: unaryOn("duration", "number"), run: (v) => finite(num(v[0]!) / DAY) },
  { name: "inHours", label: "in hours", arity: 1, result: unaryOn("duration", "number"), run: (v) => finite(num(v[0]!) / 3600) },
  { name: "inWeeks", label: "in weeks", arity: 1, result: unaryOn("duration", "number"), run: (v) => finite(num(v[0]!) / (7 * DAY)) },
  { name: "rangeStart", label: "start of the range", arity: 1, result: unaryOn("date", "date"), run: (v) => ok({ ...date(v[0]!), end: null }) },
  {
    name: "rangeEnd",
    label: "end of the range",
    arity: 1,
    result: unaryOn("date", "date"),
    run: (v) => (date(v[0]!).end === null ? ok(null) : ok({ start: date(v[0]!).end!, end: null, time: date(v[0]!).time })),
  },
  {
    name: "rangeLength",
    label: "length of the range",
    arity: 1,
    result: unaryOn("date", "duration"),
    run: (v) => {
      const d = date(v[0]!);
      const end = endMs(d);
      return end === null ? ok(null) : finite((end - startMs(d)) / 1000 + (d.time ? 0 : DAY));
    },
  },
  { name: "year", label: "year", arity: 1, result: unaryOn("date", "number"), run: (v) => ok(wall(date(v[0]!)).getUTCFullYear()) },
  { name: "quarter", label: "quarter", arity: 1, result: unaryOn("date", "number"), run: (v) => ok(Math.floor(wall(date(v[0]!)).getUTCMonth() / 3) + 1) },
  { name: "monthName", label: "month name", arity: 1, result: unaryOn("date", "text"), run: (v) => ok(MONTHS[wall(date(v[0]!)).getUTCMonth()] ?? "") },
  { name: "weekday", label: "weekday", arity: 1, result: unaryOn("date", "text"), run: (v) => ok(WEEKDAYS[wall(date(v[0]!)).getUTCDay()] ?? "") },
  { name: "city", label: "city", arity: 1, result: unaryOn("location", "text"), run: (v) => ok(place(v[0]!).city ?? null) },
  { name: "state", label: "state or province", arity: 1, result: unaryOn("location", "text"), run: (v) => ok(place(v[0]!).state ?? null) },
  { name: "country", label: "country", arity: 1, result: unaryOn("location", "text"), run: (v) => ok(place(v[0]!).country) },
  { name: "continent", label: "continent", arity: 1, result: unaryOn("location", "text"), run: (v) => ok(place(v[0]!).continent) },
  {
    name: "distanceKm",
    label: "distance in km to",
    arity: 2,
    result: (t) => (sameKinds(t, "location", "location") ? "number" : null),
    run: (values) => distance(place(values[0]!), place(values[1]!)),
  },
  {
    name: "join",
    label: "joined with",
    arity: 2,
    param: "separator",
    result: () => "text",
    run: (values, types, timeZone) => ok(values.map((v, i) => formatValue(types[i]!, v, timeZone)).join(" ")),
  },
  { name: "firstWord", label: "first word", arity: 1, result: unaryOn("text", "text"), run: (v) => ok(words(v[0]!)[0] ?? null) },
  { name: "lastWord", label: "last word", arity: 1, result: unaryOn("text", "text"), run: (v) => ok(words(v[0]!).at(-1) ?? null) },
  { name: "upper", label: "in upper case", arity: 1, result: unaryOn("text", "text"), run: (v) => ok(String(v[0]).toUpperCase()) },
  { name: "lower", label: "in lower case", arity: 1, result: unaryOn("text", "text"), run: (v) => ok(String(v[0]).toLowerCase()) },
  { name: "length", label: "length in characters", arity: 1, result: unaryOn("text", "number"), run: (v) => ok([...String(v[0])].length) },
];

function words(value: Json): string[] {
  return String(value).split(/\s+/).filter(Boolean);
}

function distance(a: LocationValue, b: LocationValue): Out {
  const named = (p: LocationValue) => p.city ?? p.state ?? p.country;
  for (const p of [a, b]) if (p.lat === undefined || p.lon === undefined) return cannot(`“${named(p)}” has no coordinates (only cities do)`);
  const rad = Math.PI / 180;
  const dLat = (b.lat! - a.lat!) * rad;
  const dLon = (b.lon! - a.lon!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat! * rad) * Math.cos(b.lat! * rad) * Math.sin(dLon / 2) ** 2;
  return ok(Math.round(2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))));
}

export const operations: ReadonlyMap<string, Operation> = new Map(operationList.map((o) => [o.name, o]));

export function operation(name: string): Operation | undefined {
  return operations.get(name);
}

/** Runs an operation with its param: rounding and separators are settings, not operands. */
export function runOperation(op: Operation, values: readonly Json[], types: readonly DType[], param: string | undefined, timeZone: string): Out {
  try {
    if (op.name === "round") return roundTo(values[0]!, types[0]!, param);
    if (op.name === "join") return { ok: true, value: values.map((v, i) => formatValue(types[i]!, v, timeZone)).join(param ?? " ") };
    return op.run(values, types, timeZone);
  } catch (error) {
    return cannot(`could not compute (${String(error)})`);
  }
}

/** Decimals a rounding may ask for, as typed. */
export function readDecimals(param: string | undefined): number | null {
  const n = Number(param ?? "0");
  return Number.isInteger(n) && n >= 0 && n <= 6 ? n : null;
}

function roundTo(value: Json, type: DType, param: string | undefined): Out {
  const decimals = readDecimals(param);
  if (decimals === null) return cannot("round to 0 to 6 decimals");
  const scale = (type === "percent" ? 100 : 1) * 10 ** decimals;
  const r = (n: number) => Math.round(n * scale + Math.sign(n) * 1e-9) / scale;
  if (type === "money") return moneyOut(r(money(value).amount), money(value).currency);
  return finite(r(num(value)));
}
