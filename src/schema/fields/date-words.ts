// Ways people write dates that chrono reads as one day or not at all, read here first:
// named periods become ranges of calendar dates ("this weekend", "next week", "March 2026",
// "Q3 2026", "2026"), numeric ranges in month-first or day-first order ("3/4-3/6",
// "12/03/2026 – 15/03/2026"), and clock times in words ("half past three", "quarter to
// five") become "3:30", "4:45" for chrono. Pure functions of the text and today's date.

export type Day = { year: number; month: number; day: number };
export type DateOrder = "mdy" | "dmy";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
export const ymd = (d: Day) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

function fromUtc(ms: number): Day {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
const utc = (d: Day) => Date.UTC(d.year, d.month - 1, d.day);
const addDays = (d: Day, n: number) => fromUtc(utc(d) + n * 86400000);
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w === "sept") return 9;
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? null : i + 1;
}

export type Range = { start: string; end: string };

const range = (a: Day, b: Day): Range => ({ start: ymd(a), end: ymd(b) });
const monthRange = (year: number, month: number): Range => range({ year, month, day: 1 }, { year, month, day: lastDay(year, month) });

/** "this weekend", "next week", "last month", "March 2026", "Q3 2026", "2026" → the days
 *  they cover, or null when the text names no period. */
export function namedPeriod(input: string, today: Day): Range | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const relative = /^(?:(this|next|last|the) )?(weekend|week|month|quarter|year)$/.exec(text);
  if (relative && (relative[1] !== undefined || relative[2] === "weekend")) {
    const shift = relative[1] === "next" ? 1 : relative[1] === "last" ? -1 : 0;
    const weekday = (new Date(utc(today)).getUTCDay() + 6) % 7; // Monday 0
    switch (relative[2]) {
      case "weekend": {
        // On a Sunday "this weekend" is the one under way.
        const saturday = addDays(today, (weekday === 6 ? -1 : 5 - weekday) + 7 * shift);
        return range(saturday, addDays(saturday, 1));
      }
      case "week": {
        const monday = addDays(today, -weekday + 7 * shift);
        return range(monday, addDays(monday, 6));
      }
      case "month": {
        const index = today.year * 12 + today.month - 1 + shift;
        return monthRange(Math.floor(index / 12), (index % 12) + 1);
      }
      case "quarter": {
        const index = today.year * 4 + Math.floor((today.month - 1) / 3) + shift;
        return quarterRange(Math.floor(index / 4), (index % 4) + 1);
      }
      default:
        return range({ year: today.year + shift, month: 1, day: 1 }, { year: today.year + shift, month: 12, day: 31 });
    }
  }
  const quarter = /^(?:q([1-4])|([1-4])(?:st|nd|rd|th) quarter)(?:,? (?:of )?(\d{4}))?$|^(\d{4})[ -]?q([1-4])$/.exec(text);
  if (quarter) {
    const q = Number(quarter[1] ?? quarter[2] ?? quarter[5]);
    return quarterRange(Number(quarter[3] ?? quarter[4] ?? today.year), q);
  }
  const month = /^([a-z]+\.?),? (\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const [a = "", b = ""] = [month[1], month[2]];
    const byName = /^\d/.test(a) ? null : monthOf(a);
    const m = byName ?? (/^\d{4}$/.test(a) ? Number(b) : null);
    const year = byName ? Number(b) : Number(a);
    if (m !== null && m >= 1 && m <= 12 && year >= 1000) return monthRange(year, m);
  }
  const year = /^(1[89]\d{2}|2\d{3})$/.exec(text);
  if (year) return range({ year: Number(year[1]), month: 1, day: 1 }, { year: Number(year[1]), month: 12, day: 31 });
  return null;
}

function quarterRange(year: number, q: number): Range {
  const first = (q - 1) * 3 + 1;
  return range({ year, month: first, day: 1 }, { year, month: first + 2, day: lastDay(year, first + 2) });
}

const SIDE = String.raw`(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?`;
const NUMERIC_RANGE = new RegExp(String.raw`^${SIDE}\s*(?:-|–|—|to|until|through|thru)\s*${SIDE}$`, "i");

/** "3/4-3/6", "3/4 to 3/6/2026", "12/03/2026 – 15/03/2026" in the given order, or null. A
 *  side without a year takes the other side's, else this year's. */
export function numericRange(input: string, order: DateOrder, today: Day): Range | { invalid: string } | null {
  const match = NUMERIC_RANGE.exec(input.trim());
  if (!match) return null;
  const year = (y: string | undefined) => (y === undefined ? undefined : y.length === 2 ? 2000 + Number(y) : Number(y));
  const endYear = year(match[6]) ?? year(match[3]) ?? today.year;
  const startYear = year(match[3]) ?? endYear;
  const side = (a: string, b: string, y: number): Day | null => {
    const [month, day] = order === "mdy" ? [Number(a), Number(b)] : [Number(b), Number(a)];
    return month >= 1 && month <= 12 && day >= 1 && day <= lastDay(y, month) ? { year: y, month, day } : null;
  };
  const start = side(match[1] ?? "", match[2] ?? "", startYear);
  const end = side(match[4] ?? "", match[5] ?? "", endYear);
  if (!start || !end) return { invalid: order === "mdy" ? "not a date (month first: 3/14 is March 14)" : "not a date (day first: 14/3 is 14 March)" };
  return range(start, end);
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const HOUR = String.raw`(\d{1,2}|${NUMBER_WORDS.slice(1).join("|")})`;
const MINUTES = String.raw`(half|(?:a )?quarter|\d{1,2}(?: minutes?)?|five|ten|twenty|twenty-five|twenty five)`;
const CLOCK_WORDS = new RegExp(String.raw`\b${MINUTES} (past|after|to|before) ${HOUR}(?: o'?clock)?\b`, "gi");

function minutesOf(word: string): number {
  const w = word.toLowerCase().replace(/^a /, "").replace(/ minutes?$/, "");
  if (w === "half") return 30;
  if (w === "quarter") return 15;
  if (w.startsWith("twenty")) return w.includes("five") ? 25 : 20;
  if (w === "five") return 5;
  if (w === "ten") return 10;
  return Number(w);
}

/** "half past three" → "3:30", "quarter to five" → "4:45", "ten past 6" → "6:10". */
export function clockWords(text: string): string {
  return text.replace(CLOCK_WORDS, (whole, minuteWord: string, direction: string, hourWord: string) => {
    const hourIndex = NUMBER_WORDS.indexOf(hourWord.toLowerCase());
    const hour = hourIndex > 0 ? hourIndex : Number(hourWord);
    const minutes = minutesOf(minuteWord);
    if (!(hour >= 1 && hour <= 12) || !(minutes >= 1 && minutes < 60)) return whole;
    const before = direction.toLowerCase() === "to" || direction.toLowerCase() === "before";
    const h = before ? (hour === 1 ? 12 : hour - 1) : hour;
    return `${h}:${pad(before ? 60 - minutes : minutes)}`;
  });
}
