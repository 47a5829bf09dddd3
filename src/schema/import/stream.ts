// Reading a CSV/TSV file (or a JSON array of objects: ./json-stream.ts) that arrives in chunks (the browser slices a big file and posts
// ~1 MB at a time: ../../ui/client/uploads.ts), without ever holding the whole file. A chunk's
// bytes are decoded with the few bytes of a character cut at its end carried to the next
// chunk, and parsed with papaparse's low-level Parser (`ignoreLastRow`), the partial row at
// its end carried too. Everything carried is a small JSON value (`ReadState`), so the object
// can keep it in SQLite between chunks and pick up after an eviction: the scan when each
// chunk arrives (counting rows, checking bounds, remembering a few distinct texts per column
// for choices) and the import job reading the chunks again, each time from its stored state.
// Bounds of chunked uploads are here, next to the valibot schema of one chunk's request.

import Papa from "papaparse";
import * as v from "valibot";
import { grouped } from "../text";
import { type Delimiter, IMPORT_LIMITS, looksBinary } from "./csv";
import { windows1252 } from "./decode";
import { MAX_FILE_NAME } from "./import-action";
import { type JsonReadState, newJsonState, readJsonText } from "./json-stream";

/** Bounds of a chunked upload.
 *  - `chunkBytes`: one chunk (the browser sends 1 MiB; a chunk is one SQLite BLOB, < 2 MB).
 *  - `fileBytes`: one file (128 MiB: `chunks` chunks).
 *  - `stagedBytes`: every chunk staged in one database at once, all members together
 *    (256 MiB of the object's 10 GB); staged chunks go when their import ends, is cancelled
 *    or discarded, an unfinished upload an hour after its last chunk, any after a day.
 *  - `rows`: records one file may make.
 *  - `perMinute`: chunks one member may send in a minute (~17 MB/s).
 *  - `uploadsPerMember`: unfinished uploads a member keeps at once (older ones are dropped). */
export const STREAM_LIMITS = {
  chunkBytes: 1_048_576,
  chunks: 128,
  fileBytes: 128 * 1_048_576,
  stagedBytes: 256 * 1_048_576,
  rows: 1_000_000,
  perMinute: 1_000,
  uploadsPerMember: 3,
} as const;

/** Distinct texts remembered per column while scanning (choices come from them), each at
 *  most `DISTINCT_CHARS` long; a column with more is no choice column. */
const DISTINCT = 200;
const DISTINCT_CHARS = 100;

/** A chunk's request: `/t/<db>/import-chunks?upload=…&index=…&last=0|1&size=…&name=…`, the
 *  bytes in the body. Ids are the browser's (random), tied to the member by the first chunk. */
export const ImportChunkSchema = v.object({
  upload: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,40}$/, "An upload id is 16 to 40 letters and digits.")),
  index: v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.integer(), v.maxValue(STREAM_LIMITS.chunks - 1, `A file is at most ${STREAM_LIMITS.chunks} chunks.`)),
  last: v.picklist(["0", "1"]),
  size: v.pipe(v.string(), v.regex(/^\d{1,10}$/), v.transform(Number), v.integer(), v.minValue(1, "The file is empty."), v.maxValue(STREAM_LIMITS.fileBytes, `That file is too large to import (at most ${STREAM_LIMITS.fileBytes / 1_048_576} MB).`)),
  name: v.pipe(v.string(), v.maxLength(MAX_FILE_NAME * 4), v.transform((s) => s.slice(0, MAX_FILE_NAME))),
  bytes: v.pipe(v.instance(Uint8Array), v.check((b) => b.length > 0 && b.length <= STREAM_LIMITS.chunkBytes, `A chunk is 1 to ${STREAM_LIMITS.chunkBytes} bytes.`)),
});
export type ImportChunk = v.InferOutput<typeof ImportChunkSchema>;

export type StreamEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** What is carried from one chunk to the next. */
export interface ReadState {
  encoding: StreamEncoding;
  delimiter: Delimiter;
  newline: "\n" | "\r\n" | "\r";
  /** The text of a row not yet complete. */
  carryText: string;
  /** Bytes of a character cut at the chunk's end. */
  carryBytes: number[];
  /** Some text was read already (a byte-order mark is dropped only before any). */
  started: boolean;
  /** A JSON array of objects (./json-stream.ts): where its reader is. */
  json?: JsonReadState;
}

/** The scan of an upload so far: its reading state and what it found. */
export interface ScanState extends ReadState {
  rows: number;
  /** Rows by their number of cells (index: cells), for the width and the ragged count. */
  widths: number[];
  warnings: string[];
  /** Per column, up to DISTINCT distinct texts (null: more). */
  distinct: (string[] | null)[];
}

const fmt = grouped;

/** The bytes at the end of a UTF-8 chunk that begin a character finished in the next. */
function utf8Cut(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

/** A chunk's text and the bytes carried to the next; null when UTF-8 turns out not to be. */
export function decodeChunk(state: Pick<ReadState, "encoding" | "carryBytes">, chunk: Uint8Array, last: boolean): { text: string; carryBytes: number[] } | null {
  let bytes = chunk;
  if (state.carryBytes.length > 0) {
    // Set, not spread: a megabyte spread into an array literal is a million-element array.
    bytes = new Uint8Array(state.carryBytes.length + chunk.length);
    bytes.set(state.carryBytes);
    bytes.set(chunk, state.carryBytes.length);
  }
  if (state.encoding === "windows-1252") return { text: windows1252(bytes), carryBytes: [] };
  if (state.encoding === "utf-8") {
    const cut = last ? 0 : utf8Cut(bytes);
    try {
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, bytes.length - cut));
      return { text, carryBytes: Array.from(bytes.subarray(bytes.length - cut)) };
    } catch {
      return null;
    }
  }
  let end = last ? bytes.length : bytes.length - (bytes.length % 2);
  if (!last && end >= 2) {
    const unit = state.encoding === "utf-16le" ? bytes[end - 2]! | (bytes[end - 1]! << 8) : (bytes[end - 2]! << 8) | bytes[end - 1]!;
    if (unit >= 0xd800 && unit <= 0xdbff) end -= 2; // a surrogate pair cut in two
  }
  return { text: new TextDecoder(state.encoding, { ignoreBOM: true }).decode(bytes.subarray(0, end)), carryBytes: Array.from(bytes.subarray(end)) };
}

/** The encoding, delimiter and line break of a file, from its first chunk; or why it cannot
 *  be read in chunks. */
export function firstState(chunk: Uint8Array): ReadState | { ok: false; reason: string } {
  if (chunk.length > 4 && chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 3 && chunk[3] === 4) {
    return { ok: false, reason: "An Excel workbook is read whole, up to 5 MB. Save this one as CSV (comma-separated) and import that: a CSV file can be of any size." };
  }
  const encoding: StreamEncoding = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : decodeChunk({ encoding: "utf-8", carryBytes: [] }, chunk, false) ? "utf-8" : "windows-1252";
  const decoded = decodeChunk({ encoding, carryBytes: [] }, chunk, false)!;
  const head = (decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text).slice(0, 65_536);
  if (looksBinary(head)) return { ok: false, reason: "This is not text: it looks like a binary file (an old Excel .xls workbook, a PDF or an image?). Save it as CSV (comma-separated) or TSV and import that." };
  if (/^\s*\[\s*[{\]]/.test(head.slice(0, 1000))) return { encoding, delimiter: ",", newline: "\n", carryText: "", carryBytes: [], started: false, json: newJsonState() };
  const guessed = Papa.parse<string[]>(head, { delimitersToGuess: ["\t", ",", ";"], skipEmptyLines: "greedy", preview: 100 });
  const delimiter: Delimiter = guessed.meta.delimiter === "\t" || guessed.meta.delimiter === ";" ? guessed.meta.delimiter : ",";
  const linebreak = guessed.meta.linebreak;
  const newline = linebreak === "\r\n" || linebreak === "\r" ? linebreak : "\n";
  return { encoding, delimiter, newline, carryText: "", carryBytes: [], started: false };
}

export type ChunkRows = { ok: true; rows: string[][]; state: ReadState; errors: Papa.ParseError[] } | { ok: false; reason: string; encoding?: true };

/** The complete rows of chunk `index` (empty rows dropped, as a pasted text's are) and the
 *  state the next chunk starts from. */
export function readChunk(state: ReadState, chunk: Uint8Array, index: number, last: boolean): ChunkRows {
  const rows: string[][] = [];
  const read = eachRow(state, chunk, index, last, (row) => {
    rows.push(row);
    return undefined;
  });
  return read.ok ? { ...read, rows } : read;
}

/** readChunk a row at a time: `onRow` gets each complete row that is not empty (and may stop
 *  the reading with a reason), so no array of the chunk's rows is ever made — a megabyte's
 *  25,000 rows kept while they are checked would survive V8's young generation and grow the
 *  heap for good. Errors carry the row (counted from the chunk's first) they were found in. */
export function eachRow(state: ReadState, chunk: Uint8Array, index: number, last: boolean, onRow: (row: string[]) => string | undefined): { ok: true; state: ReadState; errors: Papa.ParseError[] } | { ok: false; reason: string; encoding?: true } {
  const decoded = decodeChunk(state, chunk, last);
  if (!decoded) return { ok: false, reason: "not UTF-8", encoding: true };
  if (state.json) {
    // The first text read (its byte-order mark dropped) starts with the header: every key.
    const starting = !state.started && decoded.text !== "";
    const text = starting && decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    const read = readJsonText(state.json, state.carryText, text, starting, last);
    if (!read.ok) return read;
    for (const row of read.rows) {
      const stopped = onRow(row);
      if (stopped !== undefined) return { ok: false, reason: stopped };
    }
    return { ok: true, state: { ...state, carryText: read.carry, carryBytes: decoded.carryBytes, started: state.started || starting, json: read.json }, errors: [] };
  }
  let text = state.carryText + decoded.text;
  if (!state.started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: Papa.ParseError[] = [];
  let emitted = 0;
  let stopped: string | undefined;
  const found = (list: readonly Papa.ParseError[]) => {
    for (const e of list) errors.push({ ...e, row: emitted });
  };
  const parser = new Papa.Parser({
    delimiter: state.delimiter,
    newline: state.newline,
    // The low-level parser's step gets its one row in a list.
    step: (result: Papa.ParseStepResult<string[][]>) => {
      found(result.errors);
      emitted++;
      const row = result.data[0];
      if (stopped === undefined && row && row.some((cell) => cell.trim() !== "")) stopped = onRow(row);
      if (stopped !== undefined) parser.abort();
    },
  });
  const result = parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
  if (stopped !== undefined) return { ok: false, reason: stopped };
  found(result.errors);
  const cursor = last ? text.length : result.meta.cursor;
  const carryText = text.slice(cursor);
  if (carryText.length > IMPORT_LIMITS.rowChars) {
    return { ok: false, reason: `A row near byte ${fmt(index * STREAM_LIMITS.chunkBytes)} holds more than ${fmt(IMPORT_LIMITS.rowChars)} characters; a record is at most that. (Is a quote left open above it?)` };
  }
  return { ok: true, state: { ...state, carryText, carryBytes: decoded.carryBytes, started: state.started || text !== "" }, errors };
}

export function newScan(state: ReadState): ScanState {
  return { ...state, rows: 0, widths: [], warnings: [], distinct: [] };
}

/** The scan after one more chunk: rows counted and checked against IMPORT_LIMITS and
 *  STREAM_LIMITS, a few distinct texts per column kept. */
export function scanChunk(scan: ScanState, chunk: Uint8Array, index: number, last: boolean): { ok: true; scan: ScanState } | { ok: false; reason: string; encoding?: true } {
  const next: ScanState = { ...scan, widths: [...scan.widths], warnings: [...scan.warnings], distinct: scan.distinct.map((d) => (d ? [...d] : null)) };
  const read = eachRow(scan, chunk, index, last, (row) => {
    const n = next.rows + 1;
    if (row.length > IMPORT_LIMITS.columns) return `Row ${fmt(n)} has ${fmt(row.length)} columns; a table takes at most ${IMPORT_LIMITS.columns} in one import. Remove the columns you do not need and try again.`;
    let chars = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      chars += cell.length;
      if (cell.length > IMPORT_LIMITS.cellChars) return `Row ${fmt(n)}, column ${c + 1} holds ${fmt(cell.length)} characters; a value is at most ${fmt(IMPORT_LIMITS.cellChars)}. (Is a quote left open above it?)`;
      if (n === 1) continue; // a header's names are no values
      while (next.distinct.length <= c) next.distinct.push([]);
      const seen = next.distinct[c];
      if (!seen) continue;
      const text = cell.trim();
      if (text !== "" && !seen.includes(text)) {
        if (text.length > DISTINCT_CHARS || seen.length >= DISTINCT) next.distinct[c] = null;
        else seen.push(text);
      }
    }
    if (chars > IMPORT_LIMITS.rowChars) return `Row ${fmt(n)} holds ${fmt(chars)} characters; a record is at most ${fmt(IMPORT_LIMITS.rowChars)}.`;
    // A JSON file's first row names the keys known when it was read: its width is counted at the end.
    if (!(next.json && n === 1)) next.widths[row.length] = (next.widths[row.length] ?? 0) + 1;
    next.rows = n;
    return undefined;
  });
  if (!read.ok) return read;
  ({ carryText: next.carryText, carryBytes: next.carryBytes, started: next.started } = read.state);
  if (read.state.json) next.json = read.state.json;
  if (last && next.json) next.widths[next.json.keys.length] = (next.widths[next.json.keys.length] ?? 0) + 1;
  if (next.rows > STREAM_LIMITS.rows + 1) return { ok: false, reason: `That is more than ${fmt(STREAM_LIMITS.rows)} rows. Split the file and import it in parts.` };
  for (const e of read.errors) {
    if (next.warnings.length >= 5 || e.code === "UndetectableDelimiter") continue;
    next.warnings.push(e.code === "MissingQuotes" ? "A quote opened near the end of the file is never closed: the rest of that cell was read up to the end of the text." : `Near row ${fmt(scan.rows + (e.row ?? 0) + 1)}: ${e.message}.`);
  }
  if (last && next.rows === 0) return { ok: false, reason: "There is nothing to import: no rows were found." };
  return { ok: true, scan: next };
}

/** The widest row and how many rows are not that wide. */
export function scanShape(scan: ScanState): { width: number; ragged: number } {
  const width = Math.max(0, scan.widths.length - 1);
  return { width, ragged: scan.rows - (scan.widths[width] ?? 0) };
}

/** The state an import job starts reading the chunks from (what the scan started from). */
export function startState(scan: ScanState): ReadState {
  return { encoding: scan.encoding, delimiter: scan.delimiter, newline: scan.newline, carryText: "", carryBytes: [], started: false, ...(scan.json ? { json: newJsonState(scan.json.keys) } : {}) };
}
