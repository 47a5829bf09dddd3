// Wall-clock time in an IANA time zone, computed with Intl.DateTimeFormat only (no tz data of
// our own). Used by the date field to read "3pm" in the database's zone and to display instants.

export type WallTime = {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True if Intl knows the zone. UTC needs no formatter: building the first one with a zone
 *  loads time-zone rules, a cost a cold isolate's first page should not pay for UTC. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone === "UTC") return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The last answer of wallTime: reading a column of dates asks for "now" in the same zone
 *  once a value, and Intl's formatToParts is slow. */
let last: { epochMs: number; timeZone: string; wall: WallTime } | undefined;

/** The wall clock in `timeZone` at `epochMs`. */
export function wallTime(epochMs: number, timeZone: string): WallTime {
  if (last?.epochMs === epochMs && last.timeZone === timeZone) return { ...last.wall };
  const wall = readWallTime(epochMs, timeZone);
  last = { epochMs, timeZone, wall: { ...wall } };
  return wall;
}

function readWallTime(epochMs: number, timeZone: string): WallTime {
  if (timeZone === "UTC") {
    // The same answer Intl gives (years before 1 as 0, -1, …), from Date alone.
    const d = new Date(epochMs);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === "BC" ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallAsUtc(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** Minutes east of UTC of `timeZone` at `epochMs` (New York in winter: -300). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallAsUtc(wallTime(whole, timeZone)) - whole) / 60000);
}

/** The instant a wall-clock time in `timeZone` names. In a DST gap it moves forward; in the
 *  repeated hour of a fall-back it is the earlier instant. */
export function wallToEpoch(w: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(w);
  const before = asUtc - offsetMinutes(asUtc - 86400000, timeZone) * 60000;
  const after = asUtc - offsetMinutes(asUtc + 86400000, timeZone) * 60000;
  const fits = [before, after].filter((t) => wallAsUtc(wallTime(t, timeZone)) === asUtc);
  if (fits.length > 0) return Math.min(...fits);
  return Math.max(before, after);
}
