// Reading a JSON array of objects that arrives in chunks (a file over 1 MiB: ./stream.ts
// decodes each chunk and hands its text here), giving the same rows as reading it whole
// (./json.ts). Each object's text is found by a small scanner — strings, escapes and nesting
// depth — and parsed alone with JSON.parse, so a chunk may end anywhere: inside a string,
// between two objects, in the middle of a number. What is carried to the next chunk is a
// small JSON value (the scanner's state, the keys seen so far) plus the text of the object
// not yet complete, bounded by a record's size. The columns are every key in order of first
// appearance: the upload's scan collects them all, and reading again for the preview and the
// job starts from that list, so the first row (the header) names every column.

import { IMPORT_LIMITS } from "./csv";
import { cellText } from "./json";
import { grouped } from "../text";

const fmt = grouped;

/** Where the scanner is: 0 before the array's "[", 1 expecting an object or "]", 2 inside an
 *  object (its text so far is carried), 3 after an object (expecting "," or "]"), 4 after "]". */
export interface JsonReadState {
  phase: 0 | 1 | 2 | 3 | 4;
  /** Nesting depth inside the current object (1: its own braces). */
  depth: number;
  inString: boolean;
  escape: boolean;
  /** A "," was read: an object must follow (a trailing comma is not JSON). */
  comma: boolean;
  /** Objects read so far (for messages: "record 12"). */
  records: number;
  /** Every key so far, in order of first appearance: the columns. */
  keys: string[];
}

export const newJsonState = (keys: readonly string[] = []): JsonReadState => ({ phase: 0, depth: 0, inString: false, escape: false, comma: false, records: 0, keys: [...keys] });

export type JsonRows = { ok: true; rows: string[][]; json: JsonReadState; carry: string } | { ok: false; reason: string };

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The rows of the objects completed in `text` (after `carry`, the object begun in an earlier
 *  chunk) and the state the next chunk starts from; with `header`, the keys known at the
 *  start as a first row. `last`: the file ends with this text. */
export function readJsonText(start: JsonReadState, carry: string, text: string, header: boolean, last: boolean): JsonRows {
  const json: JsonReadState = { ...start, keys: [...start.keys] };
  const index = new Map(json.keys.map((k, i) => [k, i]));
  const rows: string[][] = header ? [[...json.keys]] : [];
  let from = json.phase === 2 ? 0 : -1;
  let pending = carry;
  const after = () => (json.records === 0 ? "at the start of the array" : `after record ${fmt(json.records)}`);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (json.phase === 2) {
      if (json.inString) {
        if (json.escape) json.escape = false;
        else if (c === 92) json.escape = true;
        else if (c === 34) json.inString = false;
        continue;
      }
      if (c === 34) json.inString = true;
      else if (c === 123 || c === 91) json.depth++;
      else if (c === 125 || c === 93) {
        json.depth--;
        if (json.depth > 0) continue;
        const row = objectRow(pending + text.slice(from, i + 1), json, index);
        if (typeof row === "string") return { ok: false, reason: row };
        rows.push(row);
        pending = "";
        json.phase = 3;
      }
      continue;
    }
    if (isSpace(c)) continue;
    if (json.phase === 0) {
      if (c !== 91) return { ok: false, reason: "A JSON file to import is an array of objects, one per record: [{\"Name\": \"Ann\"}, …]. This one does not start with “[”." };
      json.phase = 1;
    } else if (json.phase === 1) {
      if (c === 123) {
        Object.assign(json, { phase: 2, depth: 1, comma: false });
        from = i;
      } else if (c === 93 && !json.comma) json.phase = 4;
      else return { ok: false, reason: `This is not valid JSON: ${after()} an object “{…}” was expected, not “${text[i]}”. Each record is an object.` };
    } else if (json.phase === 3) {
      if (c === 44) Object.assign(json, { phase: 1, comma: true });
      else if (c === 93) json.phase = 4;
      else return { ok: false, reason: `This is not valid JSON: ${after()} a “,” or the array's closing “]” was expected, not “${text[i]}”.` };
    } else return { ok: false, reason: `This is not valid JSON: there is more text after the array's closing “]” (${after()}).` };
  }
  if (json.phase === 2) {
    pending += text.slice(from);
    if (pending.length > IMPORT_LIMITS.rowChars) return { ok: false, reason: `Record ${fmt(json.records + 1)} holds more than ${fmt(IMPORT_LIMITS.rowChars)} characters; a record is at most that. (Is a quote left open in it?)` };
  }
  if (last) {
    if (json.phase === 0) return { ok: false, reason: "There is nothing to import: the file is empty." };
    if (json.phase === 2) return { ok: false, reason: `This is not valid JSON: the file ends inside record ${fmt(json.records + 1)} (is it cut short?).` };
    if (json.phase !== 4) return { ok: false, reason: `This is not valid JSON: the array is never closed with “]”: the file ends ${after()} (is it cut short?).` };
    if (json.records === 0) return { ok: false, reason: "There is nothing to import: the array has no records." };
  }
  return { ok: true, rows, json, carry: pending };
}

/** One object's row (cells by key, in the columns' order), or why it cannot be read. */
function objectRow(text: string, json: JsonReadState, index: Map<string, number>): string[] | string {
  const n = json.records + 1;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `This is not valid JSON: record ${fmt(n)} cannot be read (${error instanceof Error ? error.message : String(error)}).`;
  }
  const row: string[] = [];
  let chars = 0;
  for (const [key, item] of Object.entries(value as object)) {
    let c = index.get(key);
    if (c === undefined) {
      if (index.size >= IMPORT_LIMITS.columns) return `That has more than ${IMPORT_LIMITS.columns} keys; a table takes at most ${IMPORT_LIMITS.columns} columns in one import.`;
      c = index.size;
      index.set(key, c);
      json.keys.push(key);
    }
    const cell = cellText(item);
    if (cell.length > IMPORT_LIMITS.cellChars) return `Record ${fmt(n)}, “${key.slice(0, 40)}” holds ${fmt(cell.length)} characters; a value is at most ${fmt(IMPORT_LIMITS.cellChars)}.`;
    chars += cell.length;
    while (row.length < c) row.push("");
    row[c] = cell;
  }
  if (chars > IMPORT_LIMITS.rowChars) return `Record ${fmt(n)} holds ${fmt(chars)} characters; a record is at most ${fmt(IMPORT_LIMITS.rowChars)}.`;
  json.records = n;
  return row;
}
