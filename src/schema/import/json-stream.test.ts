// A JSON array of objects read in chunks gives the same rows as read whole (./json.ts), for
// every chunk size: cut inside a string, an escape, a number, a character, between objects.
// Malformed JSON gets a message naming the record.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS } from "./csv";
import { parseJsonRows } from "./json";
import { firstState, newScan, readChunk, type ReadState, type ScanState, scanChunk, scanShape, startState } from "./stream";

function parts(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** As the object does: the upload scanned chunk by chunk (collecting the keys), then read
 *  again from the scan's start for the rows. A refusal's reason, or the rows and the scan. */
function streamed(text: string, size: number): { ok: true; rows: string[][]; scan: ScanState } | { ok: false; reason: string } {
  const bytes = new TextEncoder().encode(text);
  const cut = parts(bytes, size);
  // The browser's first chunk is a megabyte: the format is told from it.
  const first = firstState(bytes.subarray(0, 1_048_576));
  if ("ok" in first) return first;
  let scan = newScan(first);
  for (const [i, part] of cut.entries()) {
    const next = scanChunk(scan, part, i, i === cut.length - 1);
    if (!next.ok) return next;
    scan = next.scan;
  }
  let state: ReadState = startState(scan);
  const rows: string[][] = [];
  for (const [i, part] of cut.entries()) {
    const read = readChunk(state, part, i, i === cut.length - 1);
    if (!read.ok) return read;
    rows.push(...read.rows);
    state = read.state;
  }
  const { width } = scanShape(scan);
  return { ok: true, rows: rows.map((row) => [...row, ...new Array<string>(Math.max(0, width - row.length)).fill("")]), scan };
}

const key = fc.oneof(fc.constantFrom("Name", "name", "Fee", "__proto__", "constructor", "a b", "é", "😀"), fc.string({ maxLength: 6 }));
const scalar = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }) });
const record = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => Object.fromEntries(entries));
const file = fc.tuple(fc.array(record, { minLength: 1, maxLength: 12 }), fc.constantFrom(undefined, 1, 2, "\t"), fc.boolean()).map(([records, indent, bom]) => `${bom ? "\uFEFF" : ""}${JSON.stringify(records, null, indent)}\n`);

describe("a JSON file read in chunks (issue 15)", () => {
  it("gives the rows of reading it whole, for every chunk size", () => {
    fc.assert(
      fc.property(file, fc.integer({ min: 1, max: 64 }), (text, size) => {
        const whole = parseJsonRows(text);
        if (!whole.ok) throw new Error(whole.reason);
        const read = streamed(text, size);
        if (!read.ok) throw new Error(read.reason);
        expect(read.rows).toEqual(whole.rows);
        expect(read.scan.rows).toBe(whole.rows.length);
        expect(scanShape(read.scan).width).toBe(whole.width);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps each key's column, a nested value as its JSON, and the header from every key in the file", () => {
    const text = `[{"Name":"Ann","Tags":["a","b"],"__proto__":"x"},\n {"Name":"Bo \\"B\\" é","Fee":12.5,"Extra":{"k":null}},{"Fee":null,"Name":true}]`;
    const read = streamed(text, 7);
    expect(read).toMatchObject({ ok: true, rows: [["Name", "Tags", "__proto__", "Fee", "Extra"], ["Ann", '["a","b"]', "x", "", ""], ['Bo "B" é', "", "", "12.5", '{"k":null}'], ["true", "", "", "", ""]] });
  });

  it("says which record malformed JSON is at", () => {
    const reason = (text: string, size = 5) => {
      const read = streamed(text, size);
      return read.ok ? "read" : read.reason;
    };
    expect(reason('[{"a":1},{"a":2},{"a":3,}]')).toMatch(/record 3 cannot be read/);
    expect(reason('[{"a":1} {"a":2}]')).toMatch(/after record 1 a “,” or the array's closing “]” was expected, not “{”/);
    expect(reason('[{"a":1},]')).toMatch(/after record 1 an object “\{…\}” was expected, not “]”/);
    expect(reason('[{"a":1}, 2]')).toMatch(/after record 1 an object “\{…\}” was expected, not “2”/);
    expect(reason('[{"a":1},{"a":"open')).toMatch(/the file ends inside record 2/);
    expect(reason('[{"a":1},{"a":2}')).toMatch(/never closed with “]”: the file ends after record 2/);
    expect(reason('[{"a":1}] {"b":2}')).toMatch(/more text after the array's closing “]” \(after record 1\)/);
    expect(reason("[]")).toMatch(/the array has no records/);
  });

  it("bounds a value, a record and the columns, wherever the chunks are cut", () => {
    const long = "x".repeat(IMPORT_LIMITS.cellChars + 1);
    expect(streamed(`[{"a":"ok"},{"a":"${long}"}]`, 65_536)).toMatchObject({ ok: false, reason: expect.stringContaining("Record 2, “a” holds 100,001 characters") });
    const open = `[{"a":"${"y".repeat(IMPORT_LIMITS.rowChars + 10)}`;
    expect(streamed(open, 65_536)).toMatchObject({ ok: false, reason: expect.stringContaining("Record 1 holds more than 200,000 characters") });
    const wide = JSON.stringify([Object.fromEntries(Array.from({ length: IMPORT_LIMITS.columns + 1 }, (_, i) => [`k${i}`, i]))]);
    expect(streamed(wide, 100)).toMatchObject({ ok: false, reason: expect.stringContaining("more than 200 keys") });
  });
});
