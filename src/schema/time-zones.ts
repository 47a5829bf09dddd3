// The database's settings that decide how values are read and shown: its time zone, chosen
// from the IANA list with search ("New York" finds America/New_York), and its locale — the
// order of numeric dates and the decimal mark — which reach the field types through the
// parse context (ParseContext.dateOrder, decimalMark).

import * as v from "valibot";
import { isTimeZone } from "./fields/zone";

export const DateOrderSchema = v.picklist(["mdy", "dmy"], "Choose month first or day first.");
export const DecimalMarkSchema = v.picklist([".", ","], "Choose a decimal point or a decimal comma.");
export type DateOrder = v.InferOutput<typeof DateOrderSchema>;
export type DecimalMark = v.InferOutput<typeof DecimalMarkSchema>;

let zones: readonly string[] | undefined;

/** Every IANA zone the runtime knows (Intl.supportedValuesOf), with UTC, sorted. */
export function timeZoneNames(): readonly string[] {
  if (!zones) {
    const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zones = [...new Set(["UTC", ...known])].sort();
  }
  return zones;
}

const fold = (text: string) => text.toLowerCase().replace(/[\s_/-]+/g, " ").trim();

/** "America/New_York" → "New York (America)": how a zone reads in a list. */
export function zoneLabel(zone: string): string {
  const parts = zone.split("/");
  const city = (parts.at(-1) ?? zone).replaceAll("_", " ");
  return parts.length > 1 ? `${city} (${parts.slice(0, -1).join(" / ").replaceAll("_", " ")})` : city;
}

/** Zones matching typed text, best first: the exact name, then a city that is the text,
 *  then a city starting with it, then the text anywhere in the name. */
export function searchTimeZones(text: string, limit = 20): string[] {
  const key = fold(text);
  if (key === "" || key.length > 100) return [];
  const scored: [number, string][] = [];
  for (const zone of timeZoneNames()) {
    const whole = fold(zone);
    const city = fold(zone.split("/").at(-1) ?? zone);
    const score = whole === key ? 0 : city === key ? 1 : city.startsWith(key) ? 2 : whole.includes(key) ? 3 : -1;
    if (score >= 0) scored.push([score, zone]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, limit).map(([, zone]) => zone);
}

/** The zone a person meant: an IANA name in any case, or a search with one best answer. */
export function resolveTimeZone(text: string): { ok: true; zone: string } | { ok: false; reason: string } {
  const typed = text.trim();
  if (typed === "") return { ok: false, reason: "Choose a time zone." };
  const exact = timeZoneNames().find((z) => z.toLowerCase() === typed.toLowerCase());
  if (exact) return { ok: true, zone: exact };
  const found = searchTimeZones(typed, 6);
  const [first, second] = found;
  if (first && (!second || fold(first.split("/").at(-1) ?? "") === fold(typed)) && isTimeZone(first)) return { ok: true, zone: first };
  if (found.length > 1) return { ok: false, reason: `“${typed.slice(0, 60)}” could be ${found.slice(0, 5).join(", ")}: choose one.` };
  return { ok: false, reason: `“${typed.slice(0, 60)}” is not a time zone. Type a city such as New York or Paris, or a name like Europe/Paris.` };
}
