// The clipboard formats spreadsheets write, read back as rows of cells.

import fc from "fast-check";
import { DOMParser } from "linkedom";
import { describe, expect, it } from "vitest";
import { clipboardBlock, htmlTableRows, parseTsv, toTsv } from "./clipboard";

const parseHtml = (html: string) => new DOMParser().parseFromString(html, "text/html") as unknown as ParentNode;

describe("TSV as spreadsheets write it", () => {
  it("reads rows and cells; the final line break makes no empty row", () => {
    expect(parseTsv("Ada\t$1,200\r\nBen\t€35\r\n")).toEqual([["Ada", "$1,200"], ["Ben", "€35"]]);
    expect(parseTsv("a\tb\nc\td")).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("keeps empty cells, at the ends of rows too", () => {
    expect(parseTsv("\tb\t\n\t\t")).toEqual([["", "b", ""], ["", "", ""]]);
  });

  it("reads quoted cells with line breaks, tabs and doubled quotes (Excel, Sheets)", () => {
    expect(parseTsv('"12 Main St\nAlbany, NY"\tAda\n"She said ""hi"""\t"a\tb"\n')).toEqual([
      ["12 Main St\nAlbany, NY", "Ada"],
      ['She said "hi"', "a\tb"],
    ]);
  });

  it("keeps a quote that does not close a field as text", () => {
    expect(parseTsv('5" tall\t"quoted" then more\n"open')).toEqual([['5" tall', '"quoted" then more'], ['"open']]);
  });

  it("round-trips any block through toTsv", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", '"', "\t", "\n", "\r\n", "é", "1") });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (width, raw) => {
        const rows = raw.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        // A last row of one empty cell is the one thing TSV cannot tell from a final line break.
        fc.pre(!(width === 1 && rows[rows.length - 1]![0] === ""));
        expect(parseTsv(toTsv(rows))).toEqual(rows.map((r) => r.map((c) => c)));
      }),
    );
  });
});

describe("HTML tables on the clipboard", () => {
  it("reads a Google Sheets block (wrapped, styled, <br> inside a cell)", () => {
    const html =
      '<meta charset="utf-8"><google-sheets-html-origin><style type="text/css"><!--td {border: 1px solid #cccccc;}--></style>' +
      '<table xmlns="http://www.w3.org/1999/xhtml" cellspacing="0" cellpadding="0" dir="ltr" border="1" data-sheets-root="1"><colgroup><col width="100"/><col width="100"/></colgroup>' +
      '<tbody><tr style="height:21px;"><td style="overflow:hidden;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;Ada&quot;}">Ada</td><td>12 Main St<br/>Albany, NY</td></tr>' +
      "<tr><td>Ben &amp; Co</td><td></td></tr></tbody></table></google-sheets-html-origin>";
    expect(htmlTableRows(parseHtml(html))).toEqual([["Ada", "12 Main St\nAlbany, NY"], ["Ben & Co", ""]]);
  });

  it("reads an Excel block (fragment comments, source line breaks, colspan)", () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>.xl65 {mso-number-format:General;}</style></head><body link="#0563C1">
<!--StartFragment-->
<table border=0 cellpadding=0 cellspacing=0 width=256 style='border-collapse: collapse;width:192pt'>
 <col width=64 span=4 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl65 width=64 style='height:15.0pt;width:48pt'>Name</td>
  <td class=xl65 width=64 style='width:48pt'>Fee</td>
  <td colspan=2 class=xl65>Joined</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 style='height:15.0pt'>Ada
  Lovelace</td>
  <td align=right>$1,200.50</td>
  <td>March 3,<br>
    2026</td>
  <td></td>
 </tr>
<!--EndFragment-->
</table></body></html>`;
    expect(htmlTableRows(parseHtml(html))).toEqual([
      ["Name", "Fee", "Joined", ""],
      ["Ada Lovelace", "$1,200.50", "March 3,\n2026", ""],
    ]);
  });

  it("is null without a table", () => {
    expect(htmlTableRows(parseHtml("<p>just text</p>"))).toBeNull();
  });
});

describe("which block a paste holds", () => {
  it("prefers the HTML table, falls back to TSV, and leaves a single value to the cell", () => {
    expect(clipboardBlock("x\ty", "<table><tr><td>a</td><td>b<br>c</td></tr></table>", parseHtml)).toEqual([["a", "b\nc"]]);
    expect(clipboardBlock("a\tb\nc\td\n", "", parseHtml)).toEqual([["a", "b"], ["c", "d"]]);
    expect(clipboardBlock("just one value\n", "", parseHtml)).toBeNull();
    expect(clipboardBlock("one", "<table><tr><td>one</td></tr></table>", parseHtml)).toBeNull();
    expect(clipboardBlock("", "", parseHtml)).toBeNull();
  });
});
