// Reading a file in chunks gives the same rows as reading it whole, wherever the chunks are
// cut: inside a character, inside a quoted cell with a line break, between "\r" and "\n".

import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseDelimited } from "./csv";
import { firstState, ImportChunkSchema, newScan, readChunk, type ReadState, scanChunk, scanShape } from "./stream";

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

function readAll(bytes: Uint8Array, size: number): string[][] {
  const parts = chunks(bytes, size);
  // The browser's first chunk is a megabyte: the format is guessed from it.
  const first = firstState(bytes.subarray(0, 65_536));
  if ("ok" in first) throw new Error(first.reason);
  let state: ReadState = first;
  const rows: string[][] = [];
  for (const [i, part] of parts.entries()) {
    const read = readChunk(state, part, i, i === parts.length - 1);
    // A byte UTF-8 does not have, after the first chunk: the file is read again as Windows-1252 (as the object does).
    if (!read.ok && read.encoding) return readAgain(parts, bytes);
    if (!read.ok) throw new Error(read.reason);
    rows.push(...read.rows);
    state = read.state;
  }
  return rows;
}

function readAgain(parts: Uint8Array[], bytes: Uint8Array): string[][] {
  const first = firstState(bytes.subarray(0, 65_536));
  if ("ok" in first) throw new Error(first.reason);
  let state: ReadState = { ...first, encoding: "windows-1252" };
  const rows: string[][] = [];
  for (const [i, part] of parts.entries()) {
    const read = readChunk(state, part, i, i === parts.length - 1);
    if (!read.ok) throw new Error(read.reason);
    rows.push(...read.rows);
    state = read.state;
  }
  return rows;
}

const text = ["\uFEFFName,Town,Note", 'Zoë,Zürich,"says ""hi""\r\nand bye"', "", "Ann,Rome,€5", "Bo,Lyon,🎻 viola", "Cy,Oslo"].join("\r\n");

describe("reading a file in chunks (issue 15)", () => {
  it("gives the rows reading it whole gives, for every chunk size", () => {
    const whole = parseDelimited(text);
    if (!whole.ok) throw new Error(whole.reason);
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 2, 3, 5, 7, 16, 64, bytes.length]) {
      expect(readAll(bytes, size).map((r) => r.join("|"))).toEqual(whole.rows.map((r) => r.filter((c, i) => c !== "" || i < 2).join("|")));
    }
  });

  it("reads Windows-1252 and UTF-16 files in chunks", () => {
    const latin = new Uint8Array([...new TextEncoder().encode("Name,Town\nZo"), 0xeb, ...new TextEncoder().encode(",Paris\n")]);
    expect(readAll(latin, 4)).toEqual([["Name", "Town"], ["Zoë", "Paris"]]);
    const units = "Name\tNote\nAnn\t🎻 ü\n";
    const utf16 = new Uint8Array(2 + units.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < units.length; i++) utf16.set([units.charCodeAt(i) & 0xff, units.charCodeAt(i) >> 8], 2 + i * 2);
    for (const size of [3, 5, 9]) expect(readAll(utf16, size)).toEqual([["Name", "Note"], ["Ann", "🎻 ü"]]);
  });

  it("counts rows, the width and ragged rows, keeps a few distinct texts, and says why a file cannot be read", () => {
    const bytes = new TextEncoder().encode("Name,Section\nAnn,Brass\nBo,Strings\nCy,Brass,extra\n");
    const parts = chunks(bytes, 10);
    const first = firstState(parts[0]!);
    if ("ok" in first) throw new Error(first.reason);
    let scan = newScan(first);
    parts.forEach((part, i) => {
      const next = scanChunk(scan, part, i, i === parts.length - 1);
      if (!next.ok) throw new Error(next.reason);
      scan = next.scan;
    });
    expect(scan.rows).toBe(4);
    expect(scanShape(scan)).toEqual({ width: 3, ragged: 3 });
    expect(scan.distinct[1]).toEqual(["Brass", "Strings"]);
    expect(firstState(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toMatchObject({ ok: false, reason: expect.stringContaining("binary") });
    expect(firstState(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toMatchObject({ ok: false, reason: expect.stringContaining("workbook") });
    const open = new TextEncoder().encode(`a,b\n"${"x".repeat(250_000)}`);
    const openState = firstState(open.subarray(0, 10));
    if ("ok" in openState) throw new Error(openState.reason);
    expect(readChunk(openState, open, 0, false)).toMatchObject({ ok: false, reason: expect.stringContaining("quote left open") });
  });

  it("bounds a chunk's request in the schema", () => {
    const ok = { upload: "abcdefghijklmnop", index: "3", last: "0", size: "12000000", name: "big.csv", bytes: new Uint8Array(10) };
    expect(v.safeParse(ImportChunkSchema, ok).success).toBe(true);
    for (const bad of [{ upload: "short" }, { index: "128" }, { size: String(200 * 1_048_576) }, { bytes: new Uint8Array(1_048_577) }, { bytes: new Uint8Array(0) }, { last: "yes" }]) {
      expect(v.safeParse(ImportChunkSchema, { ...ok, ...bad }).success).toBe(false);
    }
  });
});
