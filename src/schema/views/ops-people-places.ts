// Operators for users (is me, is a given member), places (is in a city, state, country or
// continent, by its name or code) and links (links to the record of a given name, found as
// typing a link finds it). "Me" is whoever runs the view: a shared view "assigned to
// me" shows each member their own records.

import { parseCell } from "../fields/registry";
import { userType } from "../fields/user";
import type { StoredCell } from "../values";
import { asciiLower } from "./cell-sql";
import { oneArg, type Operator } from "./operator";

export const userIsMe: Operator<string> = {
  name: "userIsMe", label: "is me", input: "none", fits: (type) => type === "user",
  prepare: (_args, _field, context) => (context.currentUserId ? { ok: true, value: context.currentUserId } : { ok: false, reason: "Nobody is signed in." }),
  test: (me, cell) => cell?.value === me,
  sql: (me, c) => ({ sql: `coalesce(${c.value} = ?, 0)`, params: [me] }),
};

export const userIs: Operator<string> = {
  name: "userIs", label: "is", input: "value", fits: (type) => type === "user",
  prepare: (args, _field, context) => {
    const arg = oneArg(args);
    if (!arg.ok) return arg;
    const member = userType.parse(arg.value, {}, context);
    return member.ok ? member : { ok: false, reason: `“${arg.value.trim().slice(0, 40)}” is ${member.reason}.` };
  },
  test: (id, cell) => cell?.value === id,
  sql: (id, c) => ({ sql: `coalesce(${c.value} = ?, 0)`, params: [id] }),
};

/** The parts of a place a name may name, compared with ASCII letters folded (as SQLite's lower()). */
const PLACE_PARTS = ["city", "state", "stateCode", "country", "countryCode", "continent"] as const;

const placeParts = (cell: StoredCell | undefined): string[] => {
  const v = cell?.value;
  if (!v || typeof v !== "object" || Array.isArray(v)) return [];
  return PLACE_PARTS.flatMap((part) => (typeof v[part] === "string" ? [asciiLower(v[part] as string)] : []));
};

export const placeIn: Operator<string> = {
  name: "placeIn", label: "is in (a city, state, country or continent)", input: "value", fits: (type) => type === "location",
  prepare: (args) => {
    const arg = oneArg(args);
    return arg.ok ? { ok: true, value: asciiLower(arg.value.trim()) } : arg;
  },
  test: (name, cell) => placeParts(cell).includes(name),
  sql: (name, c) => ({ sql: `coalesce(? IN (${PLACE_PARTS.map((p) => `lower(${c.at(p)})`).join(", ")}), 0)`, params: [name] }),
};

export const linksTo: Operator<string> = {
  name: "linksTo", label: "links to", input: "value", fits: (type) => type === "link",
  prepare: (args, field, context) => {
    const arg = oneArg(args);
    if (!arg.ok) return arg;
    const tableId = (field.options as { tableId?: unknown }).tableId;
    const id = typeof tableId === "string" ? context.lookup?.(tableId, arg.value) : undefined;
    return id ? { ok: true, value: id } : { ok: false, reason: `No linked record is called “${arg.value.trim().slice(0, 40)}”.` };
  },
  test: (id, cell) => Array.isArray(cell?.value) && cell.value.includes(id),
  // With the object's side table of elements (src/tenant-do/each-values.ts): one seek.
  sql: (id, c) => ({ sql: c.holders ? `(json_type(${c.value}) = 'array' AND ${c.id} IN (${c.holders("?")}))` : `coalesce(json_type(${c.value}) = 'array' AND EXISTS (SELECT 1 FROM ${c.each} AS l WHERE l.value = ?), 0)`, params: [id] }),
};

/** Within N km of a city: kilometres north-south and east-west (scaled by the cosine of the
 *  city's latitude) on a flat map, near enough at the distances people ask about. Only places
 *  with coordinates (cities) match. Prepared: [lat, lon, km per degree of longitude there, km²]. */
type Near = [number, number, number, number];
const KM_PER_DEGREE = 111.2;

export const withinKm: Operator<Near> = {
  name: "withinKm", label: "is within … km of", input: "two", fits: (type) => type === "location",
  prepare: (args, field, context) => {
    const km = Number((args[0] ?? "").trim());
    if (!(km > 0 && km <= 20000)) return { ok: false, reason: "Type a distance in kilometres (up to 20,000)." };
    const place = oneArg([args[1] ?? ""]);
    if (!place.ok) return { ok: false, reason: "Type a city to measure from." };
    const parsed = parseCell("location", place.value, field.options, context);
    const v = parsed.ok ? parsed.value : null;
    if (!v || typeof v !== "object" || Array.isArray(v) || typeof v.lat !== "number" || typeof v.lon !== "number") return { ok: false, reason: `“${place.value.trim().slice(0, 40)}” is not a city Trove knows the place of.` };
    return { ok: true, value: [v.lat, v.lon, KM_PER_DEGREE * Math.cos((v.lat * Math.PI) / 180), km * km] };
  },
  test: ([la, lo, kx, r2], cell) => {
    const v = cell?.value;
    if (!v || typeof v !== "object" || Array.isArray(v) || typeof v.lat !== "number" || typeof v.lon !== "number") return false;
    const dy = (v.lat - la) * KM_PER_DEGREE;
    const dx = (v.lon - lo) * kx;
    return dy * dy + dx * dx <= r2;
  },
  // One bound parameter (the four numbers as JSON), read once by a subquery.
  sql: (near, c) => {
    const [lat, lon] = [c.at("lat"), c.at("lon")];
    return {
      sql: `coalesce(typeof(${lat}) IN ('integer', 'real') AND typeof(${lon}) IN ('integer', 'real') AND EXISTS (SELECT 1 FROM (SELECT json_extract(p.j, '$[0]') AS la, json_extract(p.j, '$[1]') AS lo, json_extract(p.j, '$[2]') AS kx, json_extract(p.j, '$[3]') AS r2 FROM (SELECT ? AS j) AS p) AS q WHERE ((${lat} - q.la) * ${KM_PER_DEGREE}) * ((${lat} - q.la) * ${KM_PER_DEGREE}) + ((${lon} - q.lo) * q.kx) * ((${lon} - q.lo) * q.kx) <= q.r2), 0)`,
      params: [JSON.stringify(near)],
    };
  },
};
