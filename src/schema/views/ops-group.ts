// Operators no menu offers: they come from a click on a picture of a view. `inGroup` keeps
// the records of one of the view's groups (a chart's bar or slice: a field's value or one of
// its parts, e.g. the month of a date, the country of a place); `notPlaced` keeps the records
// a map cannot place at its level (no country; not a US state; not a Canadian province; no
// city coordinates).

import type { Json } from "../fields/field-type";
import type { FieldTypeName } from "../fields/registry";
import type { StoredCell } from "../values";
import { groupKeyOf, groupKeysOf } from "./evaluate";
import { isEach } from "./group-kinds";
import { groupKeySql, isPartSql, widthsOfKey } from "./group-sql";
import type { Operator } from "./operator";

type Key = string | number;
type GroupCheck = { type: FieldTypeName; part: string | null; key: Key | null } | { type: FieldTypeName; part: string; span: [Key, Key] };

const isKey = (k: unknown): k is Key => typeof k === "string" || (typeof k === "number" && Number.isFinite(k));

/** Args: [the group's label (shown on the chip), its part ("" for the value), its key as JSON].
 *  The key of an ordered part (a date's year, month, …) may be a span `[from, to]` of keys of
 *  one type, both included: a stacked chart's "2003–2006" (../../ui/pictures/build.ts). */
export const inGroup: Operator<GroupCheck> = {
  name: "inGroup", label: "is", input: "value", fits: () => true, hidden: true,
  prepare: (args, field) => {
    const [, part = "", keyJson = ""] = args;
    if (part !== "" && !isPartSql(part)) return { ok: false, reason: "That group is not one this field has." };
    let key: unknown;
    try {
      key = JSON.parse(keyJson);
    } catch {
      return { ok: false, reason: "That group is not one this field has." };
    }
    if (Array.isArray(key) && key.length === 2 && part !== "" && isKey(key[0]) && typeof key[1] === typeof key[0]) {
      const [from, to] = key as [Key, Key];
      return { ok: true, value: { type: field.type, part, span: from <= to ? [from, to] : [to, from] } };
    }
    if (key !== null && !isKey(key)) return { ok: false, reason: "That group is not one this field has." };
    return { ok: true, value: { type: field.type, part: part === "" ? null : part, key } };
  },
  test: (p, cell) => {
    const field = { id: "", name: "", type: p.type, options: {} };
    if ("span" in p) {
      const got = groupKeyOf(cell, field, p.part, widthsOfKey(p.span[0]));
      return got.kind === 0 && typeof got.key === typeof p.span[0] && got.key !== null && got.key >= p.span[0] && got.key <= p.span[1];
    }
    if (isEach(p.type, p.part)) {
      const got = groupKeysOf(cell, { field, part: null });
      return p.key === null ? got[0]?.kind === 1 : got.some((g) => g.kind === 0 && g.key === p.key);
    }
    const got = groupKeyOf(cell, field, p.part, widthsOfKey(p.key));
    return p.key === null ? got.kind === 1 : got.kind === 0 && got.key === p.key;
  },
  sql: (p, c) => {
    if ("span" in p) return { sql: `(${groupKeySql(c, p.part, p.type, widthsOfKey(p.span[0]))}) BETWEEN ? AND ?`, params: [p.span[0], p.span[1]] };
    if (isEach(p.type, p.part)) {
      const none = `NOT EXISTS (SELECT 1 FROM ${c.each} AS x WHERE x.value IS NOT NULL)`;
      return p.key === null ? { sql: `(${none} AND ${c.invalid} IS NULL)`, params: [] } : { sql: `EXISTS (SELECT 1 FROM ${c.each} AS x WHERE x.value = ?)`, params: [p.key] };
    }
    const key = groupKeySql(c, p.part, p.type, widthsOfKey(p.key));
    return p.key === null ? { sql: `((${key}) IS NULL AND ${c.invalid} IS NULL)`, params: [] } : { sql: `(${key}) = ?`, params: [p.key] };
  },
};

export const PLACE_LEVELS = ["countries", "states", "provinces", "points"] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

const place = (cell: StoredCell | undefined): { [key: string]: Json } | null => {
  const value = cell?.value;
  return value && typeof value === "object" && !Array.isArray(value) ? value : null;
};

/** Args: [the map's level]. */
export const notPlaced: Operator<PlaceLevel> = {
  name: "notPlaced", label: "is not on the map", input: "none", fits: (type) => type === "location", hidden: true,
  prepare: (args) => {
    const level = PLACE_LEVELS.find((l) => l === args[0]);
    return level ? { ok: true, value: level } : { ok: false, reason: "Not a kind of map." };
  },
  test: (level, cell) => {
    const v = place(cell);
    if (level === "countries") return typeof v?.countryCode !== "string";
    if (level === "states") return !(v?.countryCode === "US" && typeof v.stateCode === "string");
    if (level === "provinces") return !(v?.countryCode === "CA" && typeof v.stateCode === "string");
    return typeof v?.lat !== "number" || typeof v.lon !== "number";
  },
  sql: (level, c) => {
    if (level === "countries") return { sql: `typeof(${c.at("countryCode")}) <> 'text'`, params: [] };
    if (level === "states" || level === "provinces") return { sql: `NOT coalesce(${c.at("countryCode")} = '${level === "states" ? "US" : "CA"}' AND typeof(${c.at("stateCode")}) = 'text', 0)`, params: [] };
    return { sql: `(typeof(${c.at("lat")}) NOT IN ('integer', 'real') OR typeof(${c.at("lon")}) NOT IN ('integer', 'real'))`, params: [] };
  },
};
