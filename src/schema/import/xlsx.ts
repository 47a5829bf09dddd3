// Reading the first sheet of an Excel workbook (.xlsx) as CSV text, so it goes through the
// same preview as a pasted block. An .xlsx file is a zip of XML parts: fflate (already used
// for backups; synchronous, no eval, no fs) unzips only the parts needed — the workbook (which
// sheet is first, the 1904 date system), its relationships, the shared strings, the styles
// (which cells are dates or percents) and that sheet — and a small reader takes the cells'
// stored values. Formulas are never run: a formula cell gives the value Excel saved with it.
// Dates and percents come out as they were shown ("2026-03-01", "30%"), so each field type
// reads them as typing. Everything is bounded; a broken file gets a reason, never a throw.
//
// Why not a package: the npm `xlsx` (SheetJS) is frozen at 0.18.5 with a known prototype
// pollution, `exceljs` needs Node's streams and fs, and `read-excel-file` brings a Node unzip
// and a worker shim; the part of the format an import needs is small.

import { unzipSync } from "fflate";
import type { Outcome } from "../errors";
import { IMPORT_LIMITS } from "./csv";

/** Bytes one part may unpack to (a 5 MB upload of well-compressed XML stays far below). */
const MAX_PART_BYTES = 60_000_000;
/** Excel's own widest sheet (XFD). */
const MAX_EXCEL_COLUMNS = 16_384;

/** Whether these bytes are a zip archive (an .xlsx, .docx, …). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

const ENTITIES = new Map([["amp", "&"], ["lt", "<"], ["gt", ">"], ["quot", '"'], ["apos", "'"]]);

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES.get(name) ?? whole;
  });
}

const attr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** The text of every <t> in `xml`, leaving out phonetic guides (<rPh>). */
function texts(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += unescapeXml(m[1] ?? "");
  return out;
}

/** Built-in number formats that show dates or times (ECMA-376, 18.8.30). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const PERCENT_FORMATS = new Set([9, 10]);

type Shown = "date" | "percent" | "number";

/** How each cell style shows numbers, by the style's index. */
function cellStyles(xml: string | undefined): Shown[] {
  if (!xml) return [];
  const custom = new Map<number, Shown>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] ?? "", "numFmtId"));
    const code = unescapeXml(attr(m[1] ?? "", "formatCode") ?? "").replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
    custom.set(id, code.includes("%") ? "percent" : /[dmyhs]/i.test(code) && !/general/i.test(code) ? "date" : "number");
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\b([^>]*)/g)].map((m) => {
    const id = Number(attr(m[1] ?? "", "numFmtId") ?? 0);
    return custom.get(id) ?? (DATE_FORMATS.has(id) ? "date" : PERCENT_FORMATS.has(id) ? "percent" : "number");
  });
}

/** A number as Excel shows it in General format: at most 15 significant digits. */
function numberText(n: number): string {
  return String(Number.parseFloat(n.toPrecision(15)));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An Excel serial date (days since 1899-12-30, or 1904-01-01) as typed: "2026-03-01",
 *  "2026-03-01 14:30", or a time alone "14:30". */
function dateText(serial: number, date1904: boolean): string {
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const at = new Date(base + Math.round(serial * 86_400) * 1000);
  if (!Number.isFinite(at.getTime())) return numberText(serial);
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}${at.getUTCSeconds() ? `:${pad(at.getUTCSeconds())}` : ""}`;
  if (serial >= 0 && serial < 1) return time;
  const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  return Number.isInteger(serial) ? day : `${day} ${time}`;
}

/** Column letters ("AB") → index (27). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const fmt = (n: number) => n.toLocaleString("en");

/** The first sheet of an .xlsx workbook as CSV text, or why it cannot be read. */
export function readXlsx(bytes: Uint8Array): Outcome<{ text: string; sheet: string }> {
  let parts: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        const wanted = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(file.name);
        if (wanted && file.originalSize > MAX_PART_BYTES) tooBig = true;
        return wanted && !tooBig;
      },
    });
  } catch {
    return { ok: false, reason: "This file could not be unpacked: it is not a readable Excel workbook (.xlsx). Save it again from your spreadsheet, or as CSV, and import that." };
  }
  if (tooBig) return { ok: false, reason: "This workbook is too big once unpacked. Save the sheet you need as CSV and import that." };
  const decoder = new TextDecoder();
  const read = (name: string) => (parts[name] ? decoder.decode(parts[name]) : undefined);
  const workbook = read("xl/workbook.xml");
  if (!workbook) return { ok: false, reason: "This zip file is not an Excel workbook (.xlsx): it has no workbook in it. Save the sheet as CSV and import that." };
  const first = /<sheet\b([^>]*)\/?>/.exec(workbook)?.[1] ?? "";
  const sheetName = unescapeXml(attr(first, "name") ?? "Sheet1");
  const relId = attr(first, "r:id");
  const rels = read("xl/_rels/workbook.xml.rels") ?? "";
  const rel = [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => m[1] ?? "").find((a) => attr(a, "Id") === relId);
  const target = rel ? (attr(rel, "Target") ?? "") : "worksheets/sheet1.xml";
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  const sheet = read(sheetPath) ?? read("xl/worksheets/sheet1.xml");
  if (!sheet) return { ok: false, reason: "This workbook's first sheet could not be found. Save it as CSV and import that." };
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  const shared = [...(read("xl/sharedStrings.xml") ?? "").matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => texts(m[1] ?? ""));
  const styles = cellStyles(read("xl/styles.xml"));

  const rows: string[][] = [];
  let next = 0;
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rowMatch[1] ?? "", "r"));
    const index = Number.isInteger(r) && r > 0 ? r - 1 : next;
    next = index + 1;
    if (index > IMPORT_LIMITS.rows + 1) return { ok: false, reason: `The sheet “${sheetName}” has more than ${fmt(IMPORT_LIMITS.rows)} rows. Split it and import it in parts.` };
    const cells: string[] = [];
    let column = 0;
    for (const cellMatch of (rowMatch[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cellMatch[1] ?? "";
      const ref = /^([A-Z]{1,3})\d*$/.exec(attr(attrs, "r") ?? "")?.[1];
      const c = ref ? columnIndex(ref) : column;
      column = c + 1;
      if (c >= MAX_EXCEL_COLUMNS) continue;
      const body = cellMatch[2] ?? "";
      const raw = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const type = attr(attrs, "t") ?? "n";
      let text = "";
      if (type === "s") text = shared[Number(raw)] ?? "";
      else if (type === "inlineStr") text = texts(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
      else if (raw === undefined) text = "";
      else if (type === "b") text = raw === "1" ? "TRUE" : "FALSE";
      else if (type === "n") {
        const n = Number(raw);
        const shown = styles[Number(attr(attrs, "s") ?? 0)] ?? "number";
        text = !Number.isFinite(n) ? unescapeXml(raw) : shown === "date" ? dateText(n, date1904) : shown === "percent" ? `${numberText(n * 100)}%` : numberText(n);
      } else text = unescapeXml(raw); // "str" (a formula's text), "e" (#DIV/0!), "d" (an ISO date)
      if (text === "") continue;
      if (c >= IMPORT_LIMITS.columns) return { ok: false, reason: `The sheet “${sheetName}” uses ${fmt(c + 1)} columns; a table takes at most ${IMPORT_LIMITS.columns} in one import. Remove the columns you do not need and try again.` };
      while (cells.length < c) cells.push("");
      cells[c] = text;
    }
    while (rows.length < index) rows.push([]);
    rows[index] = cells;
  }
  const body = rows.filter((row) => row.some((cell) => cell.trim() !== ""));
  if (body.length === 0) return { ok: false, reason: `The sheet “${sheetName}” is empty: there is nothing to import.` };
  const width = Math.max(...body.map((row) => row.length));
  let text = "";
  for (const row of body) {
    while (row.length < width) row.push("");
    text += `${row.map(csvCell).join(",")}\r\n`;
    if (text.length > IMPORT_LIMITS.chars) return { ok: false, reason: `The sheet “${sheetName}” is too much for one import (at most ${fmt(IMPORT_LIMITS.chars)} characters). Split it and import it in parts.` };
  }
  return { ok: true, text, sheet: sheetName };
}
