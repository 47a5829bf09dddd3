// Duration field: "1h 30m", "90 min", "2 days", "1:30" (h:mm), "1:30:15", "45s", "1.5 hours".
// Stored as seconds; shown as "1h 30m". A bare number has no unit and is not guessed.
import { type FieldType, type Parsed, noOptions, type NoOptions } from "./field-type";
import { order } from "./sort-keys";

const UNITS: readonly [RegExp, number][] = [
  [/^(w|wks?|weeks?)$/, 604800],
  [/^(d|days?)$/, 86400],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(s|secs?|seconds?)$/, 1],
];

function clock(text: string): number | null {
  const match = /^(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

function units(text: string): Parsed<number> {
  const pieces = text.replace(/,|\band\b/g, " ").match(/\d*\.?\d+\s*[a-z]+|\S+/g) ?? [];
  if (pieces.length === 0) return { ok: false, reason: "not a duration" };
  let total = 0;
  for (const piece of pieces) {
    const match = /^(\d*\.?\d+)\s*([a-z]+)$/.exec(piece);
    if (!match) {
      const reason = /^\d*\.?\d+$/.test(piece) ? "add a unit, e.g. '90 min'" : "not a duration";
      return { ok: false, reason };
    }
    const unit = UNITS.find(([pattern]) => pattern.test(match[2] ?? ""));
    if (!unit) return { ok: false, reason: `unknown unit '${match[2]}'` };
    total += Number(match[1]) * unit[1];
  }
  return { ok: true, value: total };
}

export const durationType: FieldType<number, NoOptions> = {
  name: "duration",
  label: "Duration",
  defaultOptions: noOptions,
  parse(input) {
    let text = input.trim().toLowerCase();
    const negative = /^[-−]/.test(text);
    if (negative) text = text.slice(1).trim();
    const fromClock = clock(text);
    const parsed: Parsed<number> = fromClock === null ? units(text) : { ok: true, value: fromClock };
    if (!parsed.ok) return parsed;
    if (!Number.isFinite(parsed.value)) return { ok: false, reason: "not a duration" };
    return { ok: true, value: negative && parsed.value !== 0 ? -parsed.value : parsed.value };
  },
  format(value) {
    const size = Math.abs(value);
    const whole = Math.floor(size);
    const days = Math.floor(whole / 86400);
    const hours = Math.floor((whole % 86400) / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const seconds = size - (days * 86400 + hours * 3600 + minutes * 60);
    const out = [
      days ? `${days}d` : "",
      hours ? `${hours}h` : "",
      minutes ? `${minutes}m` : "",
      seconds || whole === 0 ? `${seconds}s` : "",
    ].filter(Boolean);
    return `${value < 0 ? "-" : ""}${out.join(" ")}`;
  },
  compare: order,
  sortKey: (value) => value,
  parts: [],
};
