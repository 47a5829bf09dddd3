// Deep pages without OFFSET's cost. The grid and views order rows totally (creation order
// breaks every tie), so a page can be found two ways:
// - by key: a page turn names the record just before the next page (or just after the
//   previous one), and the page is the rows past that record's place in the order, found by
//   seeks in the order's index (`keysetQuery`) — page 2,000 costs what page 1 does;
// - by number alone (a shared address whose record is gone, a jump to the last page): a page
//   past the middle is read from the end in the reverse order, skipping the rows after it
//   instead of the rows before it (`pageFrom`).
// A page's address holds both (`PageAddressSchema`): its number, for "51–100 of 100,000",
// and the record it starts after or ends before, a Trove id checked by the schema.

import * as v from "valibot";
import type { Fragment, SqlValue } from "./views/cell-sql";

/** How to read rows [offset, offset + limit) of `total` in order: from the start, skipping
 *  `offset`, or — past the middle — from the end, skipping the rows after the page, so the
 *  last page of 100,000 records costs what the first does. */
export function pageFrom(offset: number, limit: number, total: number): { fromEnd: boolean; skip: number; limit: number } {
  const start = Math.max(0, offset);
  const count = Math.max(0, Math.min(limit, total - start));
  const after = total - start - count;
  return after < start ? { fromEnd: true, skip: Math.max(0, after), limit: count } : { fromEnd: false, skip: start, limit: Math.max(0, limit) };
}

/** Where a page lies by key: the rows after one row, or before one. A row is a record and,
 *  in a view grouped by a multiple choice or a link (a record under each of its values),
 *  the value of each such level it lies under (`in`, outermost first; "" for none): the
 *  same record comes once per value, so its id alone does not say which row it is. */
export type PageKey = ({ after: string } | { before: string }) & { in?: string[] };

/** The most levels a view groups by (./views/query.ts). */
const MAX_LEVELS = 3;

const RECORD_ID = v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/, "not a record id"));
/** A value a row lies under, as an address carries it: an option's or a record's id. */
const ELEMENT = /^[\w-]{0,40}$/;
const ELEMENTS = v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(ELEMENT, "not an option or record id"))), v.maxLength(MAX_LEVELS)));

/** A page's part of an address (`…/page/<n>[/after|before/<record id>[~<value>…]]`), read
 *  from the address's text: a number from 1 (page 1 has no part) to a million, a Trove id,
 *  and the ids of the values its row lies under (one per level that has a record under each). */
export const PageAddressSchema = v.object({
  page: v.pipe(v.string(), v.regex(/^[1-9]\d{0,6}$/, "not a page number"), v.transform(Number), v.maxValue(1_000_000)),
  key: v.optional(v.union([v.object({ after: RECORD_ID, in: ELEMENTS }), v.object({ before: RECORD_ID, in: ELEMENTS })])),
});

/** Reads `page/<n>[/(after|before)/<id>[~<value>…]]` at the start of `parts`: the page
 *  (0-based), its key and how many parts it took; null when there is none; "bad" when it
 *  is malformed. */
export function readPageAddress(parts: readonly string[]): { page: number; key: PageKey | null; used: number } | null | "bad" {
  if (parts[0] !== "page") return null;
  const dir = parts[2];
  const keyed = dir === "after" || dir === "before";
  const [id = "", ...elements] = (parts[3] ?? "").split("~");
  const got = v.safeParse(PageAddressSchema, { page: parts[1] ?? "", ...(keyed && { key: { [dir]: id, ...(elements.length > 0 && { in: elements }) } }) });
  if (!got.success) return "bad";
  const key = got.output.key;
  return { page: got.output.page - 1, key: key ? { ...("after" in key ? { after: key.after } : { before: key.before }), ...(key.in && { in: key.in }) } : null, used: keyed ? 4 : 2 };
}

/** The address part of a page (none for the first). */
export function pageAddress(page: number, key: PageKey | null): string {
  if (page <= 0) return "";
  if (key === null) return `page/${page + 1}`;
  const row = `${"after" in key ? key.after : key.before}${(key.in ?? []).map((e) => `~${e}`).join("")}`;
  return `page/${page + 1}/${"after" in key ? "after" : "before"}/${row}`;
}

/** The values a row of a view lies under, for its page key: per grouping level (`each`:
 *  whether it puts a record under each of its values), that level's key in the row's
 *  `path` ("" under none). Null when a value is not an id an address can carry (the turn
 *  then goes by position); undefined when no level puts a record under each value. */
export function rowElements(each: readonly boolean[], path: readonly { kind: number; key: string | number | null }[]): string[] | null | undefined {
  if (!each.slice(0, path.length).some(Boolean)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    if (!each[i]) continue;
    const k = path[i]!;
    const value = k.kind === 0 ? k.key : "";
    if (typeof value !== "string" || !ELEMENT.test(value)) return null;
    out.push(value);
  }
  return out;
}

/** Whether `value` is a list of values a page key may hold (a turn's argument, checked). */
export const isRowElements = (value: unknown): value is string[] => Array.isArray(value) && value.length <= MAX_LEVELS && value.every((e) => typeof e === "string" && ELEMENT.test(e));

/** One term of a total order: an SQL expression and its direction; `nullable` when it may
 *  be NULL with no term before it saying so (NULL comes first ascending, as SQLite sorts). */
export type OrderTerm = { sql: string; descending: boolean; nullable?: boolean };

/** Numbers each bare `?` of `sql` (outside quotes) from `first`: a statement may then repeat
 *  a fragment without binding its values twice (SQLite's ?NNN parameters). */
export function numbered(sql: string, first: number): { sql: string; next: number } {
  let out = "";
  let n = first;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `?${n++}`;
      continue;
    }
    out += ch;
  }
  return { sql: out, next: n };
}

/** SQLite's (and workerd's) longest statement is 100 KB; a keyed page keeps well under it. */
const MAX_STATEMENT = 90_000;

/** The `limit` rows past (or, `backwards`, before) the row whose `terms` hold `values`, in
 *  the order (backwards: the reverse order; the caller reverses them). One branch per term —
 *  equal on the terms before it, past the key on its own — each a seek into an index on the
 *  terms, giving row ids; the branches come nearest first, so their concatenation is in
 *  order, and the LIMIT stops at the first that fill the page; the rows' columns (`select`,
 *  over `records`) are read for those ids alone. `where` and the key's values are bound
 *  once (numbered). With `joins` (after FROM records: a view's level that puts a record
 *  under each of its values) a row is a record and its joined values: the branches also
 *  give `carry` (columns "<expression> AS <name>", read in `select` as `k.<name>`), and the
 *  terms must then tell those rows apart (they hold each joined value). Null when the
 *  statement would be too long for SQLite (a view of many long expressions): the caller
 *  reads the page by position. */
export function keysetQuery(o: { select: string; where: Fragment; terms: readonly OrderTerm[]; values: readonly SqlValue[]; backwards: boolean; limit: number; joins?: string; carry?: readonly string[] }): Fragment | null {
  const w = numbered(o.where.sql, 1);
  const params: SqlValue[] = [...o.where.params, ...o.values, o.limit];
  const at = o.values.map((_, i) => `?${w.next + i}`);
  const limit = `?${w.next + o.values.length}`;
  const branches: string[] = [];
  for (let i = o.terms.length - 1; i >= 0; i--) {
    const term = o.terms[i]!;
    const value = o.values[i];
    // Past the key in the order read: greater when it runs ascending (NULL is least).
    const up = term.descending === o.backwards;
    // Going down from a value, NULL lies past it too (a comparison with NULL is never true).
    const past = value === null ? (up ? `(${term.sql}) IS NOT NULL` : null) : up || !term.nullable ? `(${term.sql}) ${up ? ">" : "<"} ${at[i]}` : `((${term.sql}) < ${at[i]} OR (${term.sql}) IS NULL)`;
    if (past === null) continue; // nothing lies past NULL going down
    const equal = o.terms.slice(0, i).map((t, j) => (o.values[j] === null ? `(${t.sql}) IS NULL` : `(${t.sql}) = ${at[j]}`));
    // The terms before this one are equal in this branch: it is ordered by the rest.
    const order = o.terms.slice(i).map((t) => `${t.sql} ${t.descending !== o.backwards ? "DESC" : "ASC"}`).join(", ");
    branches.push(`SELECT * FROM (SELECT ${["records.rowid AS r", ...(o.carry ?? [])].join(", ")} FROM records${o.joins ?? ""} WHERE ${[w.sql, ...equal, past].join(" AND ")} ORDER BY ${order} LIMIT ${limit})`);
  }
  if (branches.length === 0) return { sql: `SELECT ${o.select} FROM records WHERE 0`, params: [] };
  // Nested two by two: workerd's SQLite takes at most five terms in one compound SELECT.
  // CROSS JOIN keeps the ids' order (SQLite never reorders its left side).
  const ids = branches.reduce((acc, b) => `SELECT * FROM (${acc}) UNION ALL ${b}`);
  const sql = `SELECT ${o.select} FROM (SELECT * FROM (${ids}) LIMIT ${limit}) AS k CROSS JOIN records ON records.rowid = k.r`;
  return sql.length > MAX_STATEMENT ? null : { sql, params };
}
