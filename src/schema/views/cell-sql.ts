// How a view's SQL names a field's cell. Records keep their cells as JSON keyed by field id
// (`records.cells`: {"<field id>": {text, value, invalid?, k?}}). A field id may appear in SQL
// text — so a view's expressions can be matched by expression indexes — only after `sqlId`
// has checked it against the strict pattern of ids Trove generates. Names people type never
// reach SQL text; values are always bound parameters.

export type SqlValue = string | number | null;

/** A piece of SQL with its bound parameters, in order. */
export type Fragment = { sql: string; params: SqlValue[] };

/** Ids Trove generates: base64url, at most 64 characters (randomId; tests use words). */
const SQL_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The one gate for ids into SQL text: returns the id, or throws for anything else. */
export function sqlId(id: string): string {
  if (!SQL_ID.test(id)) throw new Error("not an id Trove generated");
  return id;
}

/** Whether `sqlId` takes an id. */
export const isSqlId = (id: string): boolean => SQL_ID.test(id);

/** SQL expressions for one field's cell of the current row of `records`. */
export interface CellSql {
  /** The parsed value (JSON null → SQL NULL; true/false → 1/0). */
  readonly value: string;
  /** A member of the value (`at("amount")` of money). */
  at(member: string): string;
  /** The kept text. */
  readonly text: string;
  /** Why it was not understood; NULL when it was (or the cell is empty). */
  readonly invalid: string;
  /** The sort key (NULL for an empty or not-understood cell). */
  readonly key: string;
  /** A table-valued json_each over the value (the ids of a multiple choice). */
  readonly each: string;
  /** The whole cell as JSON text. */
  readonly cell: string;
  /** The row's record id. */
  readonly id: string;
  /** For a multiple choice or link whose elements the object keeps in its side table
   *  (src/tenant-do/each-values.ts): the ids of the records holding any of `values` (an SQL
   *  list or subquery), read by seeks in that table; null when it keeps none of this field. */
  readonly holders: ((values: string) => string) | null;
}

const MEMBER = /^[a-z][A-Za-z]*$/;

/** The expressions for field `fieldId` of rows of `records`: qualified by `alias`, or not
 *  at all with "" (index expressions may not name their table). */
export function cellSql(fieldId: string, alias = "records", kept = false): CellSql {
  const base = `$."${sqlId(fieldId)}"`;
  const id = alias === "" ? "id" : `${alias}.id`;
  const cells = alias === "" ? "cells" : `${alias}.cells`;
  const extract = (path: string) => `json_extract(${cells}, '${base}${path}')`;
  return {
    value: extract(".value"),
    at: (member) => {
      if (!MEMBER.test(member)) throw new Error("not a member name");
      return extract(`.value.${member}`);
    },
    text: extract(".text"),
    invalid: extract(".invalid"),
    key: extract(".k"),
    each: `json_each(${cells}, '${base}.value')`,
    cell: extract(""),
    id,
    holders: kept && alias !== "" ? (values) => `SELECT record_id FROM each_values WHERE field_id = '${sqlId(fieldId)}' AND value IN (${values})` : null,
  };
}

/** Lowercases ASCII letters only, as SQLite's lower() does: memory and SQL fold alike. */
export const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** Escapes LIKE's wildcards for `ESCAPE '\'`. */
export const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
