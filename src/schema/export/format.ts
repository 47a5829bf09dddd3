// Writing records out as CSV (RFC 4180), TSV or JSON, a line at a time so an export can
// stream. Each cell is its kept text, or by choice its understood value (a value not
// understood still comes out as its text: nothing is lost). Cells a spreadsheet would run
// as a formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe,
// as OWASP advises; plain numbers ("-3", "+4.5") are left as they are. Field names are
// written as JSON strings, never used as object keys.

import * as v from "valibot";
import type { Json } from "../fields/field-type";
import { formatCell } from "../fields/registry";
import type { Field } from "../model";
import type { StoredCell } from "../values";

export const ExportQuerySchema = v.object({
  format: v.optional(v.picklist(["csv", "tsv", "json"]), "csv"),
  values: v.optional(v.picklist(["text", "understood"]), "text"),
});
export type ExportQuery = v.InferOutput<typeof ExportQuerySchema>;

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell a spreadsheet would not run as a formula. */
export function defuse(text: string): string {
  return FORMULA.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

const NEEDS_QUOTES = /[",\r\n]/;
/** Text that needs neither defusing nor quoting matches neither FORMULA nor NEEDS_QUOTES. */
const CSV_PLAIN = /^[=+\-@\t\r]|[",\r\n]/;
const TSV_PLAIN = /^[=+\-@\t\r]|[\\\t\n\r]/;

/** One CSV field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(text: string): string {
  // Most cells need nothing: one scan, and the text as it is.
  if (!CSV_PLAIN.test(text)) return text;
  const safe = defuse(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One TSV field: tabs, line breaks and backslashes escaped (\t, \n, \r, \\), since TSV has no quoting. */
export function tsvField(text: string): string {
  if (!TSV_PLAIN.test(text)) return text;
  return defuse(text).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** What a cell exports as text: its kept text, or its understood value's display text. */
function cellText(field: Field, cell: StoredCell | undefined, values: ExportQuery["values"]): string {
  if (!cell) return "";
  if (values === "understood" && cell.value !== null && cell.invalid === undefined) return formatCell(field.type, cell.value, field.options);
  return cell.text;
}

/** What a cell exports as JSON: its text, or its understood value (one not understood: its
 *  text and why). */
function cellJson(cell: StoredCell | undefined, values: ExportQuery["values"]): Json {
  if (!cell) return null;
  if (values === "text") return cell.text;
  return cell.invalid === undefined && cell.value !== null ? cell.value : { text: cell.text, notUnderstood: cell.invalid ?? "empty" };
}

/** Writes an export: the header, one line per record, the end. */
export interface ExportWriter {
  readonly contentType: string;
  readonly extension: string;
  head(): string;
  row(cells: { readonly [fieldId: string]: StoredCell }, first: boolean): string;
  /** With `values: "text"`, the same line as `row` from the cells' kept texts alone, in the
   *  fields' order (null: no cell; entries past the fields are ignored), so the object can
   *  read just the texts (json_extract) instead of parsing each record's whole JSON. */
  readonly textRow: ((texts: readonly unknown[], first: boolean) => string) | null;
  tail(): string;
}

export function exportWriter(fields: readonly Field[], query: ExportQuery): ExportWriter {
  const { format, values } = query;
  if (format === "json") {
    const names = fields.map((f) => JSON.stringify(f.name));
    return {
      contentType: "application/json; charset=utf-8",
      extension: "json",
      head: () => "[",
      row: (cells, first) => `${first ? "\n" : ",\n"}{${fields.map((f, i) => `${names[i]}:${JSON.stringify(cellJson(cells[f.id], values))}`).join(",")}}`,
      textRow:
        values === "text"
          ? (texts, first) => {
              let out = first ? "\n{" : ",\n{";
              for (let i = 0; i < names.length; i++) out += `${i > 0 ? "," : ""}${names[i]}:${JSON.stringify(texts[i] ?? null)}`;
              return `${out}}`;
            }
          : null,
      tail: () => "\n]\n",
    };
  }
  const field = format === "csv" ? csvField : tsvField;
  const separator = format === "csv" ? "," : "\t";
  const line = (texts: string[]) => `${texts.map(field).join(separator)}\r\n`;
  const ids = fields.map((f) => f.id);
  return {
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "text/tab-separated-values; charset=utf-8",
    extension: format,
    // A byte-order mark, so spreadsheets read the file as UTF-8.
    head: () => `\uFEFF${line(fields.map((f) => f.name))}`,
    // A line built as it goes (an export writes 100,000 of them): no array per record.
    row: (cells) => {
      let out = "";
      for (let i = 0; i < ids.length; i++) {
        const cell = cells[ids[i]!];
        if (i > 0) out += separator;
        if (cell) out += field(cellText(fields[i]!, cell, values));
      }
      return `${out}\r\n`;
    },
    textRow:
      values === "text"
        ? (texts) => {
            let out = "";
            for (let i = 0; i < ids.length; i++) {
              const text = texts[i];
              if (i > 0) out += separator;
              if (typeof text === "string") out += field(text);
            }
            return `${out}\r\n`;
          }
        : null,
    tail: () => "",
  };
}

/** A Content-Disposition naming the file after the table (ASCII fallback + UTF-8). */
export function attachment(tableName: string, extension: string): string {
  const ascii = tableName.replace(/[^\w .-]/g, "_").trim() || "export";
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${tableName}.${extension}`)}`;
}
