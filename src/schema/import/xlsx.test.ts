import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseImport } from "./importers";
import { isZip, readXlsx } from "./xlsx";

const workbook = (extra = "") => `<?xml version="1.0"?><workbook xmlns:r="r">${extra}<sheets><sheet name="Players &amp; fees" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId8"/></sheets></workbook>`;
const rels = `<Relationships><Relationship Id="rId8" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Target="/xl/worksheets/sheet1.xml"/></Relationships>`;
const shared = `<sst><si><t>Name</t></si><si><t>Fee</t></si><si><r><t>Ann </t></r><r><t>"Lee"</t></r><rPh><t>アン</t></rPh></si><si><t>Joined</t></si><si><t xml:space="preserve">Bo, Li</t></si></sst>`;
// Style 0: General; 1: a date (built-in 14); 2: a custom date format; 3: a percent.
const styles = `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="9"/></cellXfs></styleSheet>`;
const sheet1 = `<worksheet><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="inlineStr"><is><t>Share</t></is></c><c r="E1" t="str"><v>Ok?</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>120.10000000000001</v></c><c r="C2" s="1"><v>46082</v></c><c r="D2" s="3"><v>0.3</v></c><c r="E2" t="b"><v>1</v></c></row>
<row r="4"><c r="A4" t="s"><v>4</v></c><c r="C4" s="2"><v>46082.5</v></c><c r="E4" t="e"><v>#DIV/0!</v></c></row>
</sheetData></worksheet>`;

function xlsx(parts: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, strToU8(text)])));
}

const book = (over: Record<string, string> = {}) => xlsx({ "xl/workbook.xml": workbook(), "xl/_rels/workbook.xml.rels": rels, "xl/sharedStrings.xml": shared, "xl/styles.xml": styles, "xl/worksheets/sheet1.xml": sheet1, "xl/worksheets/sheet2.xml": "<worksheet/>", ...over });

describe("reading an Excel workbook", () => {
  it("reads the first sheet's stored values as they were shown: shared and inline text, numbers, dates, percents, booleans, errors", () => {
    const bytes = book();
    expect(isZip(bytes)).toBe(true);
    const read = readXlsx(bytes);
    if (!read.ok) throw new Error(read.reason);
    expect(read.sheet).toBe("Players & fees");
    const parsed = parseImport(read.text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.rows).toEqual([
      ["Name", "Fee", "Joined", "Share", "Ok?"],
      ['Ann "Lee"', "120.1", "2026-03-01", "30%", "TRUE"],
      ["Bo, Li", "", "2026-03-01 12:00", "", "#DIV/0!"],
    ]);
  });

  it("counts days from 1904 when the workbook says so", () => {
    const read = readXlsx(book({ "xl/workbook.xml": workbook('<workbookPr date1904="1"/>') }));
    expect(read.ok && read.text.split("\r\n")[1]).toContain("2030-03-02");
  });

  it("says why for a broken zip, a zip that is no workbook, an empty sheet and too many columns", () => {
    expect(readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toMatchObject({ ok: false, reason: expect.stringContaining("could not be unpacked") });
    expect(readXlsx(xlsx({ "word/document.xml": "<w/>" }))).toMatchObject({ ok: false, reason: expect.stringContaining("not an Excel workbook") });
    expect(readXlsx(book({ "xl/worksheets/sheet1.xml": "<worksheet><sheetData/></worksheet>" }))).toMatchObject({ ok: false, reason: expect.stringContaining("is empty") });
    const wide = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="GT1" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>`;
    expect(readXlsx(book({ "xl/worksheets/sheet1.xml": wide }))).toMatchObject({ ok: false, reason: expect.stringContaining("202 columns") });
  });
});
