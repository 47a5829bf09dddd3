// Reading pasted or uploaded CSV/TSV text into rows of cells, with papaparse (MIT; quotes,
// embedded newlines and delimiter guessing done right over many years). The delimiter is
// guessed among tab, comma and semicolon. Everything is bounded (IMPORT_LIMITS), and bad
// input comes back as a reason a person can act on — never an exception.

import Papa from "papaparse";
import { grouped } from "../text";

/** Bounds of one import, checked before anything is written.
 *  - `chars`: the text of one import (the worker lets 5 MB bodies through to this page only).
 *  - `rows`, `columns`: what one request can apply in a few seconds and a person can review.
 *  - `cellChars`: the same limit as a typed cell (record-actions.ts).
 *  - `rowChars`: a record is one SQLite row (≤ 2 MB); its cells are stored as JSON with the
 *    text, the understood value and a sort key, so up to ~3× the text, in up to 3 bytes a
 *    character: 200,000 characters keep every record well inside the row limit. */
export const IMPORT_LIMITS = { chars: 5_000_000, rows: 200_000, columns: 200, cellChars: 100_000, rowChars: 200_000 } as const;

export type Delimiter = "," | "\t" | ";";

export type ParsedText =
  | { ok: true; rows: string[][]; delimiter: Delimiter; width: number; ragged: number; warnings: string[]; /** The format says the first row names the columns (JSON keys). */ header?: true }
  | { ok: false; reason: string };

const fmt = grouped;

/** Rows of cells, each row padded to the widest row (ragged rows are counted, not cut). */
export function parseDelimited(input: string): ParsedText {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "") return { ok: false, reason: "There is nothing to import: the text is empty." };
  if (text.length > IMPORT_LIMITS.chars) return { ok: false, reason: `That is too much for one import (at most ${fmt(IMPORT_LIMITS.chars)} characters). Split the file and import the rest into the new table later.` };
  if (looksBinary(text)) return { ok: false, reason: "This is not text: it looks like a binary file (an old Excel .xls workbook, a PDF or an image?). Save it as CSV (comma-separated), TSV or an Excel workbook (.xlsx) and import that." };
  let result: Papa.ParseResult<string[]>;
  try {
    result = Papa.parse<string[]>(text, { delimitersToGuess: ["\t", ",", ";"], skipEmptyLines: "greedy", preview: IMPORT_LIMITS.rows + 2 });
  } catch (error) {
    return { ok: false, reason: `This text could not be read as CSV or TSV (${String(error)}).` };
  }
  const rows = result.data.filter((row) => Array.isArray(row));
  if (rows.length === 0) return { ok: false, reason: "There is nothing to import: no rows were found." };
  if (rows.length > IMPORT_LIMITS.rows + 1) return { ok: false, reason: `That is more than ${fmt(IMPORT_LIMITS.rows)} rows. Split the file and import it in parts.` };
  const width = Math.max(...rows.map((row) => row.length));
  if (width > IMPORT_LIMITS.columns) return { ok: false, reason: `That has ${fmt(width)} columns; a table takes at most ${IMPORT_LIMITS.columns} in one import. Remove the columns you do not need and try again.` };
  let ragged = 0;
  for (const [i, row] of rows.entries()) {
    if (row.length !== width) ragged++;
    while (row.length < width) row.push("");
    let chars = 0;
    for (const [c, cell] of row.entries()) {
      chars += cell.length;
      if (cell.length > IMPORT_LIMITS.cellChars) return { ok: false, reason: `Row ${fmt(i + 1)}, column ${c + 1} holds ${fmt(cell.length)} characters; a value is at most ${fmt(IMPORT_LIMITS.cellChars)}. (Is a quote left open above it?)` };
    }
    if (chars > IMPORT_LIMITS.rowChars) return { ok: false, reason: `Row ${fmt(i + 1)} holds ${fmt(chars)} characters; a record is at most ${fmt(IMPORT_LIMITS.rowChars)}.` };
  }
  const warnings = result.errors
    .filter((e) => e.code !== "UndetectableDelimiter")
    .slice(0, 5)
    .map((e) => (e.code === "MissingQuotes" ? `A quote opened on row ${fmt((e.row ?? 0) + 1)} is never closed: the rest of that cell was read up to the end of the text.` : `Row ${fmt((e.row ?? 0) + 1)}: ${e.message}.`));
  const delimiter: Delimiter = result.meta.delimiter === "\t" || result.meta.delimiter === ";" ? result.meta.delimiter : ",";
  return { ok: true, rows, delimiter, width, ragged, warnings };
}

/** NUL characters never occur in text people type; decoded binary files are full of them
 *  (and of U+FFFD where bytes did not decode). Checked on the first 64 KB. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 65_536);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  return odd > 8 && odd > head.length / 100;
}
