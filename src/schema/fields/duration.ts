// Duration field: "1h 30m", "90 min", "2 days", "1:30" (h:mm), "1:30:15", "45s", "1.5 hours",
// "1h30", ISO 8601 ("PT1H30M", "P2DT3H") and words ("an hour and a half", "half an hour",
// "three quarters of an hour", "two days"). Stored as seconds; shown as "1h 30m". A bare
// number has no unit and is not guessed.
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

const NUMBER_WORDS = new Map([["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7], ["eight", 8], ["nine", 9], ["ten", 10], ["eleven", 11], ["twelve", 12]]);
const UNIT_WORD = "(weeks?|days?|hours?|minutes?|mins?|seconds?|secs?)";

/** "an hour and a half" → "1.5 hour"; "half an hour" → "0.5 hour"; "two days" → "2 days". */
function fromWords(text: string): string {
  return text
    .replace(/\bthree quarters of an? /g, "0.75 ")
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (w) => String(NUMBER_WORDS.get(w) ?? w))
    .replace(/\ba quarter of an? /g, "0.25 ")
    .replace(/\bhalf an? /g, "0.5 ")
    .replace(/\ban? (?=(?:week|day|hour|minute|second)\b)/g, "1 ")
    .replace(new RegExp(`(\\d*\\.?\\d+)\\s*${UNIT_WORD} and a half\\b`, "g"), (_m, n: string, unit: string) => `${Number(n) + 0.5} ${unit}`);
}

const ISO = /^p(?:(\d+(?:\.\d+)?)w)?(?:(\d+(?:\.\d+)?)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/;

/** ISO 8601 durations without years or months (their length varies): "PT1H30M", "P1DT2H". */
function iso(text: string): number | null {
  const match = ISO.exec(text);
  if (!match || text === "p" || text.endsWith("t")) return null;
  const [, w, d, h, m, sec] = match.map((x) => Number(x ?? 0));
  return (w ?? 0) * 604800 + (d ?? 0) * 86400 + (h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0);
}

/** "1h30" (minutes after hours without their unit). */
function hoursMinutes(text: string): number | null {
  const match = /^(\d+)\s*h\s*([0-5]?\d)$/.exec(text);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 : null;
}

export const durationType: FieldType<number, NoOptions> = {
  name: "duration",
  label: "Duration",
  defaultOptions: noOptions,
  parse(input) {
    let text = input.trim().toLowerCase();
    const negative = /^[-−]/.test(text);
    if (negative) text = text.slice(1).trim();
    if (text.length > 200) return { ok: false, reason: "not a duration" };
    const exact = clock(text) ?? iso(text) ?? hoursMinutes(text);
    const parsed: Parsed<number> = exact === null ? units(fromWords(text)) : { ok: true, value: exact };
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
