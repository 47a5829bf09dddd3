// Operators for every type (empty, not empty, not understood), text (contains, is, starts
// with), checkbox (ticked, not ticked). Text matching ignores the case of ASCII letters only,
// as SQLite's lower() and LIKE do, so memory and SQL agree.

import type { NoOptions } from "../fields/field-type";
import { asciiLower, likeEscape } from "./cell-sql";
import { isEmptyCell, oneArg, type Operator } from "./operator";

const none = (): { ok: true; value: NoOptions } => ({ ok: true, value: {} });
const TEXT_TYPES: ReadonlySet<string> = new Set(["text", "longText", "email", "url", "phone"]);

export const isEmpty: Operator<NoOptions> = {
  name: "isEmpty", label: "is empty", input: "none", fits: () => true, prepare: none,
  test: (_p, cell) => isEmptyCell(cell),
  sql: (_p, c) => ({ sql: `(${c.value} IS NULL AND ${c.invalid} IS NULL)`, params: [] }),
};

export const isNotEmpty: Operator<NoOptions> = {
  name: "isNotEmpty", label: "is not empty", input: "none", fits: () => true, prepare: none,
  test: (_p, cell) => !isEmptyCell(cell),
  sql: (_p, c) => ({ sql: `(${c.value} IS NOT NULL OR ${c.invalid} IS NOT NULL)`, params: [] }),
};

export const notUnderstood: Operator<NoOptions> = {
  name: "notUnderstood", label: "is not understood", input: "none", fits: () => true, prepare: none,
  test: (_p, cell) => cell?.invalid !== undefined,
  sql: (_p, c) => ({ sql: `${c.invalid} IS NOT NULL`, params: [] }),
};

const textOp = (name: string, label: string, test: (text: string, needle: string) => boolean, sql: (text: string) => string, param: (needle: string) => string): Operator<string> => ({
  name, label, input: "value", fits: (type) => TEXT_TYPES.has(type),
  prepare: (args) => {
    const arg = oneArg(args);
    return arg.ok ? { ok: true, value: asciiLower(arg.value) } : arg;
  },
  test: (needle, cell) => cell !== undefined && (cell.value !== null || cell.invalid !== undefined) && test(asciiLower(cell.text), needle),
  sql: (needle, c) => ({ sql: `(${c.value} IS NOT NULL OR ${c.invalid} IS NOT NULL) AND ${sql(`lower(${c.text})`)}`, params: [param(needle)] }),
});

export const contains = textOp("contains", "contains", (t, n) => t.includes(n), (t) => `instr(${t}, ?) > 0`, (n) => n);
export const textIs = textOp("textIs", "is", (t, n) => t === n, (t) => `${t} = ?`, (n) => n);
export const startsWith = textOp("startsWith", "starts with", (t, n) => t.startsWith(n), (t) => `${t} LIKE ? ESCAPE '\\'`, (n) => `${likeEscape(n)}%`);

export const ticked: Operator<NoOptions> = {
  name: "ticked", label: "is ticked", input: "none", fits: (type) => type === "checkbox", prepare: none,
  test: (_p, cell) => cell?.value === true,
  sql: (_p, c) => ({ sql: `coalesce(${c.value} = 1, 0)`, params: [] }),
};

export const notTicked: Operator<NoOptions> = {
  name: "notTicked", label: "is not ticked", input: "none", fits: (type) => type === "checkbox", prepare: none,
  test: (_p, cell) => cell?.value !== true,
  sql: (_p, c) => ({ sql: `NOT coalesce(${c.value} = 1, 0)`, params: [] }),
};
