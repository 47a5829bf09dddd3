import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDelimited } from "../import/csv";
import type { Field } from "../model";
import { attachment, csvField, defuse, exportWriter, tsvField } from "./format";

describe("CSV and TSV fields", () => {
  it("quotes by RFC 4180: commas, quotes and line breaks", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("Smith, Ann")).toBe('"Smith, Ann"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
  });

  it("defuses what a spreadsheet would run as a formula, but not plain numbers", () => {
    for (const text of ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(defuse(text)).toBe(`'${text}`);
    for (const text of ["-3", "+4.5", "1e6", "a=b", "Ann"]) expect(defuse(text)).toBe(text);
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(tsvField("=1\t2\nthree\\")).toBe("'=1\\t2\\nthree\\\\");
  });

  it("names the file after the table, with a safe ASCII fallback", () => {
    expect(attachment("Musicians", "csv")).toBe(`attachment; filename="Musicians.csv"; filename*=UTF-8''Musicians.csv`);
    expect(attachment('Zoë "x"/y', "csv")).toContain('filename="Zo_ _x__y.csv"');
  });
});

const fields: Field[] = [
  { id: "f1", name: "Name", type: "text", options: {} },
  { id: "f2", name: "__proto__", type: "money", options: { currency: "USD" } },
];
const cells = [
  { f1: { text: "Ann, Lee", value: "Ann, Lee" }, f2: { text: "$1,200", value: { amount: 1200, currency: "USD" } } },
  { f1: { text: "=cmd", value: "=cmd" }, f2: { text: "ask Maria", value: null, invalid: "not money" } },
];

describe("exportWriter", () => {
  it("writes CSV that reads back as the same rows", () => {
    const w = exportWriter(fields, { format: "csv", values: "text" });
    const text = w.head() + cells.map((c, i) => w.row(c, i === 0)).join("") + w.tail();
    const parsed = parseDelimited(text);
    expect(parsed.ok && parsed.rows).toEqual([["Name", "__proto__"], ["Ann, Lee", "$1,200"], ["'=cmd", "ask Maria"]]);
  });

  it("writes JSON with names as strings, understood values, and the text of values not understood", () => {
    const w = exportWriter(fields, { format: "json", values: "understood" });
    const json = JSON.parse(w.head() + cells.map((c, i) => w.row(c, i === 0)).join("") + w.tail());
    expect(json).toHaveLength(2);
    expect(Object.getOwnPropertyDescriptor(json[0], "__proto__")?.value).toEqual({ amount: 1200, currency: "USD" });
    expect(json[1].Name).toBe("=cmd");
    expect(Object.getOwnPropertyDescriptor(json[1], "__proto__")?.value).toEqual({ text: "ask Maria", notUnderstood: "not money" });
  });
});

describe("the text-only fast path", () => {
  // Texts rich in what CSV and TSV must treat specially: formula starts, quotes,
  // separators, line breaks, backslashes, numbers, empty text.
  const piece = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "\\", "'", "1", "2.5", "e6", "a", "Zoë", " ", "");
  const text = fc.oneof(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join("")), fc.string({ maxLength: 8 }));
  const cell = fc.option(text.map((t) => ({ text: t, value: t })), { nil: undefined });
  const fieldsOf = (n: number): Field[] => Array.from({ length: n }, (_, i) => ({ id: `f${i}`, name: `Field ${i}`, type: "text", options: {} }));

  it("writes each line exactly as the general path does, in every format", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(cell, { minLength: 5, maxLength: 5 }), fc.constantFrom("csv", "tsv", "json"), fc.boolean(), (n, row, format, first) => {
        const fields = fieldsOf(n);
        const cells: { [id: string]: { text: string; value: string } } = {};
        row.forEach((c, i) => {
          if (c) cells[`f${i}`] = c;
        });
        const w = exportWriter(fields, { format: format as "csv" | "tsv" | "json", values: "text" });
        const texts = [...fields.map((f) => cells[f.id]?.text ?? null), 42];
        expect(w.textRow?.(texts, first)).toBe(w.row(cells, first));
      }),
      { numRuns: 500 },
    );
  });

  it("quotes and defuses CSV and TSV fields as the rules say, however the check is taken", () => {
    const csvReference = (t: string) => {
      if (t === "") return t;
      const safe = defuse(t);
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const tsvReference = (t: string) => defuse(t).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
    fc.assert(
      fc.property(text, (t) => {
        expect(csvField(t)).toBe(csvReference(t));
        expect(tsvField(t)).toBe(tsvReference(t));
      }),
      { numRuns: 1000 },
    );
  });

  it("is not offered for understood values, which need the whole cell", () => {
    expect(exportWriter(fields, { format: "csv", values: "understood" }).textRow).toBeNull();
    expect(exportWriter(fields, { format: "json", values: "understood" }).textRow).toBeNull();
  });
});
