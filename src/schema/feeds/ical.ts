// iCalendar (RFC 5545) for a view's feed: one VEVENT per record with a date. Calendar dates
// are all-day events (DTEND is the day after the last, exclusive, as RFC 5545 says); timed
// values are written in UTC ("…Z"), which every calendar app shows in its own zone; the
// database's zone is named in X-WR-TIMEZONE for apps that show it. Each event's UID is the
// record's id and the database's name, so subscribing twice or refreshing updates events
// instead of duplicating them. Text is escaped (\\ \; \, \n) and lines are folded at 75
// octets without splitting a UTF-8 character.

import type { DateValue } from "../fields/date";
import { addDays } from "../views/calendar";

export interface IcalEvent {
  recordId: string;
  summary: string;
  description: string;
  url: string;
  value: DateValue;
  /** When the record was made (ms): CREATED. */
  created: number;
}

export interface IcalCalendar {
  /** The database's name: with the record id it makes each UID. */
  database: string;
  /** The calendar's name as apps list it ("Concerts — Trove"). */
  name: string;
  timeZone: string;
  /** When the feed last changed (ms): every event's DTSTAMP, so the body only changes with the data. */
  stamp: number;
  events: readonly IcalEvent[];
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

const encoder = new TextEncoder();

/** A content line folded at 75 octets: CRLF and a space start each continuation (3.1). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; later ones 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const basic = (day: string) => day.replaceAll("-", "");
const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** DTSTART and DTEND of a value: all-day dates (end exclusive) or UTC instants. */
function times(value: DateValue): string[] {
  if (!value.time) return [`DTSTART;VALUE=DATE:${basic(value.start)}`, `DTEND;VALUE=DATE:${basic(addDays(value.end ?? value.start, 1))}`];
  const lines = [`DTSTART:${utc(Date.parse(value.start))}`];
  if (value.end !== null) lines.push(`DTEND:${utc(Date.parse(value.end))}`);
  return lines;
}

/** The whole calendar, CRLF line ends. */
export function writeIcal(calendar: IcalCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Trove//Trove feeds//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${calendar.timeZone}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.recordId}@${calendar.database}.trove`,
      `DTSTAMP:${utc(calendar.stamp)}`,
      `CREATED:${utc(event.created)}`,
      ...times(event.value),
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description === "" ? [] : [`DESCRIPTION:${escapeText(event.description)}`]),
      `URL:${event.url}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
