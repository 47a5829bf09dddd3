// The conformance suite every importer runs, plus each format's own cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Importer, importers, parseImport } from "./importers";

const samples: Record<string, string> = {
  json: '[{"Name": "Ann", "Fee": 120}, {"Name": "Bo", "Note": "x"}]',
  "csv/tsv": "Name,Fee\nAnn,120\nBo\n",
};

describe.each(importers.map((i): [string, Importer] => [i.name, i]))("importer %s", (name, importer) => {
  it("has a sample it accepts, read into rectangular rows", () => {
    const sample = samples[name];
    expect(sample, `add a sample for ${name}`).toBeDefined();
    expect(importer.accepts(sample!)).toBe(true);
    const parsed = importer.parse(sample!);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) for (const row of parsed.rows) expect(row).toHaveLength(parsed.width);
  });

  it("drops a byte-order mark", () => {
    const plain = importer.parse(samples[name]!);
    expect(importer.parse(`\uFEFF${samples[name]}`)).toEqual(plain);
  });

  it("refuses empty input with a reason", () => {
    expect(importer.parse("")).toMatchObject({ ok: false, reason: expect.stringContaining("empty") });
  });

  it("never throws, and what it reads is rectangular", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const parsed = importer.parse(text);
        if (parsed.ok) for (const row of parsed.rows) expect(row).toHaveLength(parsed.width);
      }),
      { numRuns: 300 },
    );
  });
});

describe("JSON arrays of objects", () => {
  it("takes every key in order of first appearance, whatever it is called, and keeps every value as text", () => {
    const parsed = parseImport('[{"Name": "Ann", "__proto__": 1, "tags": ["a", "b"]}, {"constructor": true, "Name": null}]');
    expect(parsed).toMatchObject({ ok: true, ragged: 2 });
    expect(parsed.ok && parsed.rows).toEqual([["Name", "__proto__", "tags", "constructor"], ["Ann", "1", '["a","b"]', ""], ["", "", "", "true"]]);
  });

  it("says what it expects otherwise", () => {
    expect(parseImport('[{"a": 1}, 2]')).toMatchObject({ ok: false, reason: expect.stringContaining("array of objects") });
    expect(parseImport("[{]")).toMatchObject({ ok: false, reason: expect.stringContaining("not valid JSON") });
  });

  it("leaves CSV to the CSV importer", () => {
    expect(parseImport("[a],b\n1,2")).toMatchObject({ ok: true, rows: [["[a]", "b"], ["1", "2"]] });
  });
});

describe("JSON keys name the columns", () => {
  it("whatever the detector would guess", async () => {
    const { previewImport } = await import("./plan");
    const parsed = parseImport('[{"1": "a", "2": "b"}, {"1": "c", "2": "d"}]');
    if (!parsed.ok) throw new Error(parsed.reason);
    const preview = previewImport(parsed, null, [], { now: new Date(0), timeZone: "UTC" });
    expect(preview).toMatchObject({ header: true, records: 2 });
    expect(preview.columns.map((c) => c.name)).toEqual(["1", "2"]);
  });
});
