// A view's private feeds: one unguessable token per view (128 random bits, base64url), shown
// as addresses /t/<db>/feeds/<token>.<format>. The token is the only credential: no cookie,
// no sign-in. What a feed address may look like is checked here, before any lookup.

import * as v from "valibot";

export const FEED_FORMATS = ["ics", "atom", "json", "csv"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_LABELS: Readonly<Record<FeedFormat, string>> = { ics: "Calendar (iCalendar)", atom: "New records (Atom)", json: "JSON", csv: "CSV" };

export const CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  ics: "text/calendar; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/** 16 random bytes in base64url: 22 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Most records a feed holds (a calendar: the latest-dated ones; Atom: the newest 50). */
export const FEED_LIMITS = { records: 2000, atomEntries: 50 } as const;

const FeedFileSchema = v.object({ token: v.pipe(v.string(), v.regex(TOKEN_PATTERN)), format: v.picklist(FEED_FORMATS) });
export type FeedFile = v.InferOutput<typeof FeedFileSchema>;

/** "<token>.ics" → its token and format; undefined for anything else. */
export function parseFeedFile(name: string): FeedFile | undefined {
  const dot = name.lastIndexOf(".");
  if (dot < 0 || name.length > 40) return undefined;
  const parsed = v.safeParse(FeedFileSchema, { token: name.slice(0, dot), format: name.slice(dot + 1) });
  return parsed.success ? parsed.output : undefined;
}

/** A new token: 128 bits from the platform's CSPRNG. */
export function newFeedToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
