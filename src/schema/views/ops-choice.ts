// Choice conditions: a single choice "is any of" / "is none of" some options; a multiple
// choice "has any of" / "has all of" / "has none of". Options are named by id (what the menus
// post) or by label as typed (read by the choice type's parser). The ids go to SQL as one
// bound JSON array, so a long list costs one parameter. "None of" includes empty and
// not-understood cells: they hold none of the options.

import { type Choice, findChoice } from "../fields/choice";
import type { Parsed } from "../fields/field-type";
import type { Field } from "../model";
import { isJsonObject } from "../action-kit";
import type { CellSql } from "./cell-sql";
import type { Operator } from "./operator";

function choicesOf(field: Field): Choice[] {
  const options = field.options;
  if (!isJsonObject(options) || !Array.isArray(options.choices)) return [];
  return options.choices.filter((c): c is Choice => isJsonObject(c) && typeof c.id === "string" && typeof c.label === "string");
}

function optionIds(args: readonly string[], field: Field): Parsed<string[]> {
  const choices = choicesOf(field);
  const ids: string[] = [];
  for (const arg of args) {
    if (arg.trim() === "") continue;
    const choice = choices.find((c) => c.id === arg) ?? findChoice(arg, choices);
    if (!choice) return { ok: false, reason: `“${arg}” is not one of the options.` };
    if (!ids.includes(choice.id)) ids.push(choice.id);
  }
  return ids.length === 0 ? { ok: false, reason: "Choose at least one option." } : { ok: true, value: ids };
}

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : []);

export const anyOf: Operator<string[]> = {
  name: "anyOf", label: "is any of", input: "choices", fits: (type) => type === "choice",
  prepare: (args, field) => optionIds(args, field),
  test: (ids, cell) => typeof cell?.value === "string" && ids.includes(cell.value),
  // NULL for an empty cell: false in a WHERE, and an index on the value answers it.
  sql: (ids, c) => ({ sql: `${c.value} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ids)] }),
  lookup: (c) => c.value,
};

export const noneOf: Operator<string[]> = {
  name: "noneOf", label: "is none of", input: "choices", fits: (type) => type === "choice",
  prepare: (args, field) => optionIds(args, field),
  test: (ids, cell) => !(typeof cell?.value === "string" && ids.includes(cell.value)),
  sql: (ids, c) => ({ sql: `NOT coalesce(${c.value} IN (SELECT value FROM json_each(?)), 0)`, params: [JSON.stringify(ids)] }),
};

// With the object's side table of elements (src/tenant-do/each-values.ts): seeks per option.
const hasAnySql = (c: CellSql) => (c.holders ? `${c.id} IN (${c.holders("SELECT value FROM json_each(?) WHERE type = 'text'")})` : `EXISTS (SELECT 1 FROM ${c.each} AS v WHERE v.type = 'text' AND v.value IN (SELECT value FROM json_each(?)))`);

export const hasAny: Operator<string[]> = {
  name: "hasAny", label: "has any of", input: "choices", fits: (type) => type === "multiChoice",
  prepare: (args, field) => optionIds(args, field),
  test: (ids, cell) => idsOf(cell?.value).some((id) => ids.includes(id)),
  sql: (ids, c) => ({ sql: hasAnySql(c), params: [JSON.stringify(ids)] }),
};

export const hasNone: Operator<string[]> = {
  name: "hasNone", label: "has none of", input: "choices", fits: (type) => type === "multiChoice",
  prepare: (args, field) => optionIds(args, field),
  test: (ids, cell) => !idsOf(cell?.value).some((id) => ids.includes(id)),
  sql: (ids, c) => ({ sql: `NOT ${hasAnySql(c)}`, params: [JSON.stringify(ids)] }),
};

export const hasAll: Operator<string[]> = {
  name: "hasAll", label: "has all of", input: "choices", fits: (type) => type === "multiChoice",
  prepare: (args, field) => optionIds(args, field),
  test: (ids, cell) => {
    const have = idsOf(cell?.value);
    return Array.isArray(cell?.value) && ids.every((id) => have.includes(id));
  },
  sql: (ids, c) => ({
    sql: `(json_type(${c.value}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each(?) AS w WHERE w.value NOT IN (SELECT v.value FROM ${c.each} AS v WHERE v.type = 'text')))`,
    params: [JSON.stringify(ids)],
  }),
};
