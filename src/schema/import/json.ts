// Reading a JSON array of objects (what most APIs and "export as JSON" buttons give) into the
// same rows of cells as CSV: the header is every key in order of first appearance, collected
// in a Map (a key may be "__proto__" or "constructor"), each object one row. Strings stay as
// they are; numbers and booleans as JSON writes them; null is an empty cell; a nested object
// or array is kept as its JSON text. Bounded like CSV; never throws.

import { IMPORT_LIMITS, type ParsedText } from "./csv";
import { grouped } from "../text";

const fmt = grouped;

/** A JSON value as a cell's text (also the streamed reader's: ./json-stream.ts). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function parseJsonRows(input: string): ParsedText {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "") return { ok: false, reason: "There is nothing to import: the text is empty." };
  if (text.length > IMPORT_LIMITS.chars) return { ok: false, reason: `That is too much for one import (at most ${fmt(IMPORT_LIMITS.chars)} characters).` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `This is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!Array.isArray(data) || data.length === 0 || !data.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
    return { ok: false, reason: "JSON to import is an array of objects, one per record: [{\"Name\": \"Ann\"}, …]." };
  }
  if (data.length > IMPORT_LIMITS.rows) return { ok: false, reason: `That is more than ${fmt(IMPORT_LIMITS.rows)} records. Split the file and import it in parts.` };
  const columns = new Map<string, number>();
  for (const item of data as object[]) {
    for (const key of Object.keys(item)) {
      if (!columns.has(key)) columns.set(key, columns.size);
      if (columns.size > IMPORT_LIMITS.columns) return { ok: false, reason: `That has more than ${IMPORT_LIMITS.columns} keys; a table takes at most ${IMPORT_LIMITS.columns} columns in one import.` };
    }
  }
  const rows: string[][] = [[...columns.keys()]];
  let ragged = 0;
  for (const [i, item] of (data as object[]).entries()) {
    const row = new Array<string>(columns.size).fill("");
    const entries = Object.entries(item);
    if (entries.length !== columns.size) ragged++;
    let chars = 0;
    for (const [key, value] of entries) {
      const cell = cellText(value);
      if (cell.length > IMPORT_LIMITS.cellChars) return { ok: false, reason: `Record ${fmt(i + 1)}, “${key.slice(0, 40)}” holds ${fmt(cell.length)} characters; a value is at most ${fmt(IMPORT_LIMITS.cellChars)}.` };
      chars += cell.length;
      row[columns.get(key)!] = cell;
    }
    if (chars > IMPORT_LIMITS.rowChars) return { ok: false, reason: `Record ${fmt(i + 1)} holds ${fmt(chars)} characters; a record is at most ${fmt(IMPORT_LIMITS.rowChars)}.` };
    rows.push(row);
  }
  return { ok: true, rows, delimiter: ",", width: columns.size, ragged, warnings: [], header: true };
}
