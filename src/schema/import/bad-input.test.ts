// Issue 15's bad input, each through the upload path (bytes → text → rows) as a file would
// come: what is read, or the message a person sees. Nothing is written for a refusal.
import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS } from "./csv";
import { parseImport } from "./importers";
import { uploadedText } from "./upload";

const utf8 = (text: string) => new TextEncoder().encode(text);

function read(bytes: Uint8Array) {
  const text = uploadedText(bytes);
  if (!text.ok) return text;
  return parseImport(text.text);
}

function rows(bytes: Uint8Array) {
  const parsed = read(bytes);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed;
}

describe("bad input (issue 15)", () => {
  it("ragged rows: padded to the widest and counted, every value kept", () => {
    const parsed = rows(utf8("Name,Fee\nAnn\nBo,$5,extra\n"));
    expect(parsed.rows).toEqual([["Name", "Fee", ""], ["Ann", "", ""], ["Bo", "$5", "extra"]]);
    expect(parsed.ragged).toBe(2);
  });

  it("a Latin-1 (Windows-1252) file reads as its accents and euro signs", () => {
    expect(rows(new Uint8Array([...utf8("Name,Fee\nZo"), 0xeb, 0x2c, 0x80, 0x35])).rows[1]).toEqual(["Zoë", "€5"]);
  });

  it("a UTF-8 byte-order mark is dropped; a UTF-16 file (Excel's Unicode text) is read", () => {
    expect(rows(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Name\tFee\nAnn\t1")])).rows[0]).toEqual(["Name", "Fee"]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."Name\tFee\nAnn\t1"].flatMap((ch) => [ch.charCodeAt(0), 0])]);
    expect(rows(utf16).rows).toEqual([["Name", "Fee"], ["Ann", "1"]]);
  });

  it("quotes inside values: doubled quotes, separators and line breaks in quoted cells", () => {
    expect(rows(utf8('Name,Note\n"Lee, Ann","said ""hi""\nthen left"\n')).rows[1]).toEqual(["Lee, Ann", 'said "hi"\nthen left']);
  });

  it("a 1 MB cell is refused with where it is and the limit", () => {
    const parsed = read(utf8(`Name,Note\nAnn,${"x".repeat(1_000_000)}\n`));
    expect(parsed).toMatchObject({ ok: false, reason: "Row 2, column 2 holds 1,000,000 characters; a value is at most 100,000. (Is a quote left open above it?)" });
  });

  it("200 columns are read; 201 are refused with the count", () => {
    const line = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(",");
    expect(rows(utf8(`${line(IMPORT_LIMITS.columns)}\n${line(IMPORT_LIMITS.columns)}`)).width).toBe(200);
    expect(read(utf8(`${line(201)}\n${line(201)}`))).toMatchObject({ ok: false, reason: expect.stringContaining("That has 201 columns; a table takes at most 200") });
  });

  it("an empty file, or one of blank lines, says there is nothing to import", () => {
    expect(read(new Uint8Array())).toMatchObject({ ok: false, reason: expect.stringContaining("nothing to import") });
    expect(read(utf8("\n \r\n"))).toMatchObject({ ok: false, reason: expect.stringContaining("nothing to import") });
  });

  it("a binary file (a picture, an old .xls) says it is not text and what to save instead", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(read(png)).toMatchObject({ ok: false, reason: expect.stringContaining("looks like a binary file") });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(read(xls)).toMatchObject({ ok: false, reason: expect.stringContaining(".xlsx") });
  });
});
