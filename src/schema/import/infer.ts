// Guessing each column's field type from its values, the way the field types read typing
// (each type's own `parse`): the first type, most specific first, that understands nearly
// all of a column's values wins; a column of few distinct values becomes a choice, one of
// separated lists of few distinct parts a multiple choice; anything else stays text, which
// understands everything. Also: whether the first row is a header, column names, and per
// column the share understood with examples that will not be. Pure; never throws.

import { proposeChoices, splitChoices } from "../fields/choice";
import type { Json, ParseContext } from "../fields/field-type";
import { type FieldTypeName, fieldType, parseCell } from "../fields/registry";
import { optionsFor } from "../structure-changes";
import { foldLabel, foldSpaces } from "../text";

/** Types a column can be imported as (links and members need a person to say which). */
export const importTypes = ["text", "longText", "number", "percent", "money", "date", "duration", "checkbox", "choice", "multiChoice", "email", "url", "phone", "location"] as const satisfies readonly FieldTypeName[];
export type ImportType = (typeof importTypes)[number];

export function isImportType(name: string): name is ImportType {
  return (importTypes as readonly string[]).includes(name);
}

/** Tried in this order: earlier types are stricter (a percent is also a number to money). */
const CANDIDATES: readonly ImportType[] = ["checkbox", "number", "percent", "money", "duration", "date", "email", "url", "phone", "location"];

/** Share of a column's values a type must understand to be guessed. */
export const GUESS_THRESHOLD = 0.9;
/** Values looked at to guess (the preview then counts every value for the chosen type). */
const SAMPLE = 500;
/** Rows looked at to decide whether the first row is a header. */
const HEADER_SAMPLE = 2_000;
const MAX_CHOICES = 20;
const MAX_NAME = 80;
const MAX_EXAMPLE = 60;
/** Distinct texts remembered while counting a column. */
const STATS_CACHE = 20_000;

export interface ColumnStats {
  understood: number;
  notUnderstood: number;
  empty: number;
  /** Up to three different values that will be kept but flagged, each cut to 60 characters. */
  examples: string[];
}

export interface ColumnGuess extends ColumnStats {
  name: string;
  type: ImportType;
  options: Json;
}

const nonBlank = (texts: readonly string[]) => texts.filter((t) => t.trim() !== "");

/** Options for importing `texts` as `type`: choices from the distinct values, a date's time zone. */
export function importOptions(type: ImportType, texts: readonly string[], timeZone: string): Json {
  if (type === "date") return optionsFor(type, { timeZone });
  if (type === "choice" || type === "multiChoice") {
    return { choices: proposeChoices(nonBlank(texts), { split: type === "multiChoice" }).slice(0, 200).map((p) => p.choice) };
  }
  return fieldType(type).defaultOptions();
}

/** How many of `texts` `type` understands, and a few of those it does not. */
export function columnStats(texts: readonly string[], type: ImportType, options: Json, context: ParseContext): ColumnStats {
  const stats: ColumnStats = { understood: 0, notUnderstood: 0, empty: 0, examples: [] };
  // Columns repeat their values (choices, dates, amounts): each distinct text is read once.
  const seen = new Map<string, boolean>();
  for (const text of texts) {
    let ok = seen.get(text);
    if (ok === undefined) {
      ok = text.trim() === "" ? false : reads(type, text, options, context);
      if (seen.size < STATS_CACHE) seen.set(text, ok);
    }
    if (text.trim() === "") stats.empty++;
    else if (ok) stats.understood++;
    else {
      stats.notUnderstood++;
      const example = text.length > MAX_EXAMPLE ? `${text.slice(0, MAX_EXAMPLE)}…` : text;
      if (stats.examples.length < 3 && !stats.examples.includes(example)) stats.examples.push(example);
    }
  }
  return stats;
}

/** The type a column's values suggest. */
export function guessType(texts: readonly string[], context: ParseContext): ImportType {
  const sample: string[] = [];
  for (const text of texts) {
    if (text.trim() !== "") sample.push(text);
    if (sample.length === SAMPLE) break;
  }
  if (sample.length === 0) return "text";
  const share = (type: ImportType, options: Json) => sample.filter((t) => reads(type, t, options, context)).length / sample.length;
  for (const type of CANDIDATES) {
    // A column of 0s and 1s is a number, not a checkbox.
    if (type === "checkbox" && sample.every((t) => /^\s*[01]\s*$/.test(t))) continue;
    // A money column names a currency somewhere; bare numbers were numbers above.
    if (type === "money" && !sample.some((t) => /[^\d\s.,()+-]/.test(t))) continue;
    if (share(type, importOptions(type, sample, context.timeZone)) >= GUESS_THRESHOLD) return type;
  }
  if (isFewChoices(sample, false)) return "choice";
  if (sample.filter((t) => /[,;]/.test(t)).length >= sample.length * 0.3 && isFewChoices(sample, true)) return "multiChoice";
  return sample.some((t) => t.includes("\n") || t.length > 200) ? "longText" : "text";
}

/** Few distinct (short) values, each seen more than once on average. */
function isFewChoices(values: readonly string[], split: boolean): boolean {
  const parts = split ? values.flatMap(splitChoices) : values;
  if (parts.length < 4 || parts.some((p) => p.length > 40)) return false;
  const distinct = new Set(parts.map(foldLabel)).size;
  return distinct <= MAX_CHOICES && distinct <= parts.length / 2;
}

/** Whether the first row names the columns: all its cells are short, distinct and not
 *  blank, none recurs in its column, and either some column's type does not read its first
 *  cell or every first cell is a word rather than a number. */
export function detectHeader(rows: readonly (readonly string[])[], context: ParseContext): boolean {
  // The first rows say enough (a file of 100,000 rows is not read twice to decide this).
  const [first, ...body] = rows.slice(0, HEADER_SAMPLE + 1);
  if (!first || body.length === 0) return false;
  const folded = first.map(foldSpaces);
  if (folded.some((name) => name === "" || name.length > MAX_NAME) || new Set(folded).size !== folded.length) return false;
  let typedColumnRefuses = false;
  for (const [c, name] of first.entries()) {
    const column = body.map((row) => row[c] ?? "");
    if (column.some((t) => foldSpaces(t) === folded[c])) return false;
    // Too few values say little about a type ("Bo" is a town in Sierra Leone).
    if (column.filter((t) => t.trim() !== "").length < 3) continue;
    const type = guessType(column, context);
    if (type !== "text" && type !== "longText" && !parseCell(type, name, importOptions(type, column, context.timeZone), context).ok) typedColumnRefuses = true;
  }
  return typedColumnRefuses || first.every((name) => !parseCell("number", name, {}, context).ok);
}

/** Field names for the columns: the header's cells (trimmed, cut to 80 characters), or
 *  "Column 1", …; blanks get "Column N" and repeats "Name 2", so every name is distinct. */
export function columnNames(header: readonly string[] | undefined, width: number): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < width; c++) {
    const raw = (header?.[c] ?? "").trim().replace(/\s+/g, " ").slice(0, MAX_NAME).trim();
    const base = raw === "" ? `Column ${c + 1}` : raw;
    let name = base;
    for (let n = 2; taken.has(foldSpaces(name)); n++) name = `${base.slice(0, MAX_NAME - 6)} ${n}`;
    taken.add(foldSpaces(name));
    names.push(name);
  }
  return names;
}

/** One column's values, from every row after the header. */
export function columnTexts(rows: readonly (readonly string[])[], c: number, header: boolean): string[] {
  const texts: string[] = new Array(Math.max(0, rows.length - (header ? 1 : 0)));
  for (let i = header ? 1 : 0, j = 0; i < rows.length; i++, j++) texts[j] = rows[i]![c] ?? "";
  return texts;
}

/** Rows whose values the preview counts per column (a bigger file's shares are those of its
 *  first rows; the report at the end counts every value). */
export const PREVIEW_ROWS = 20_000;

/** Per column: a name, a guessed type (or `types[c]` when a person chose one) with its
 *  options, the share understood and examples not understood (in the first PREVIEW_ROWS). */
export function inferColumns(rows: readonly (readonly string[])[], header: boolean, context: ParseContext, types: readonly (ImportType | undefined)[] = [], distinct: readonly (readonly string[] | null)[] = []): ColumnGuess[] {
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  const names = columnNames(header ? rows[0] : undefined, width);
  return names.map((name, c) => {
    const texts = columnTexts(rows, c, header);
    const type = types[c] ?? guessType(texts, context);
    // A file read in chunks: its choices also come from the texts of the rows not sampled.
    const more = distinct[c];
    const sampled = more ? new Set(texts.map((t) => t.trim())) : undefined;
    const options = importOptions(type, more && sampled ? texts.concat(more.filter((t) => !sampled.has(t))) : texts, context.timeZone);
    return { name, type, options, ...columnStats(texts.length > PREVIEW_ROWS ? texts.slice(0, PREVIEW_ROWS) : texts, type, options, context) };
  });
}

/** Whether a text reads as the type: a place several share ("Vancouver") is a place too —
 *  the import decides it by the rest of its column. */
function reads(type: ImportType, text: string, options: Json, context: ParseContext): boolean {
  const parsed = parseCell(type, text, options, context);
  return parsed.ok || (type === "location" && parsed.reason.startsWith("ambiguous"));
}
