import { describe, expect, it } from "vitest";
import { parseDelimited, IMPORT_LIMITS } from "./csv";
import { decodeText } from "./decode";

const rowsOf = (text: string) => {
  const parsed = parseDelimited(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed;
};

describe("parseDelimited", () => {
  it("reads CSV with quotes, doubled quotes, commas and newlines inside values", () => {
    const parsed = rowsOf('Name,Note\r\n"Smith, Ann","She said ""hi""\ntwice"\r\nBo,plain\r\n');
    expect(parsed.delimiter).toBe(",");
    expect(parsed.rows).toEqual([["Name", "Note"], ["Smith, Ann", 'She said "hi"\ntwice'], ["Bo", "plain"]]);
  });

  it("reads TSV pasted from a spreadsheet", () => {
    const parsed = rowsOf("Name\tFee\nAnn\t$1,200.50\nBo\t€35\n");
    expect(parsed.delimiter).toBe("\t");
    expect(parsed.rows[1]).toEqual(["Ann", "$1,200.50"]);
  });

  it("drops a byte-order mark", () => {
    expect(rowsOf("\uFEFFName,Age\nAnn,3").rows[0]).toEqual(["Name", "Age"]);
  });

  it("pads ragged rows to the widest and counts them, keeping every value", () => {
    const parsed = rowsOf("a,b\n1\n2,3,4\n");
    expect(parsed.width).toBe(3);
    expect(parsed.ragged).toBe(2);
    expect(parsed.rows).toEqual([["a", "b", ""], ["1", "", ""], ["2", "3", "4"]]);
  });

  it("says why for an empty text, a binary file and too many columns", () => {
    expect(parseDelimited("")).toMatchObject({ ok: false, reason: expect.stringContaining("empty") });
    expect(parseDelimited("  \n \n")).toMatchObject({ ok: false, reason: expect.stringContaining("empty") });
    const zip = decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0x9f, 0xfe]));
    expect(parseDelimited(zip.text)).toMatchObject({ ok: false, reason: expect.stringContaining("binary") });
    const wide = Array.from({ length: IMPORT_LIMITS.columns + 1 }, (_, i) => `c${i}`).join(",");
    expect(parseDelimited(`${wide}\n${wide}`)).toMatchObject({ ok: false, reason: expect.stringContaining("columns") });
  });

  it("refuses a cell over the limit with the row and column", () => {
    const big = "x".repeat(IMPORT_LIMITS.cellChars + 1);
    expect(parseDelimited(`a,b\n1,${big}`)).toMatchObject({ ok: false, reason: expect.stringContaining("Row 2, column 2") });
  });

  it("warns when a quote is never closed, and keeps what follows it", () => {
    const parsed = rowsOf('a,b\n1,"open\n2,3\n');
    expect(parsed.warnings[0]).toContain("never closed");
    expect(parsed.rows[1]?.[1]).toContain("open");
  });
});

describe("decodeText", () => {
  it("reads UTF-8, and Windows-1252 when the bytes are not UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("café €5"))).toEqual({ text: "café €5", encoding: "utf-8" });
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]))).toEqual({ text: "café €5", encoding: "windows-1252" });
  });
});
