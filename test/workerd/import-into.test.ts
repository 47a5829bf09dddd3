// Issue 15: importing rows into an existing table over HTTP — columns mapped to fields by
// name, a merge on a key field, a new field, the whole import as one undo step; editors may
// add and update records but not add fields.

import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { type Browser, ownerApp, withMember } from "./helpers";

/** Imports a new table "Musicians" (Name, Fee) with Ann and Bo; returns its id. */
async function musicians(client: TestClient): Promise<string> {
  await client.click("Import…");
  client.fill("Paste from a spreadsheet", "Name\tFee\nAnn\t$100\nBo\t$50\nDi\t$70\nEd\t$20");
  await client.click("Preview");
  client.fill("Table name", "Musicians");
  await client.click("Import 4 records");
  const href = client.query("a.button.primary")?.getAttribute("href") ?? "";
  await client.click("Open “Musicians”");
  const id = /tables\/([\w-]+)/.exec(href)?.[1];
  if (!id) throw new Error(`no table id in ${href}`);
  return id;
}

const cell = (client: TestClient, field: string, n: number) => client.query(`input[aria-label='${field} of record ${n}']`)?.getAttribute("value");
const targetOf = (client: TestClient, column: string) => {
  const select = client.queryAll("table.import-mapping tbody tr").find((tr) => tr.querySelector("th")?.textContent === column)?.querySelector("select");
  return select?.querySelector("option[selected]")?.textContent;
};

describe("import into an existing table (issue 15)", () => {
  it("maps columns by name, updates the records whose key matches, adds the rest and a new field, all in one undo step", async () => {
    const { client } = await ownerApp("into-merge");
    await musicians(client);
    await client.click("Import…");
    expect(client.text).toContain("Import into “Musicians”");
    client.fill("Paste from a spreadsheet", "name\t FEE \tEmail\nann\t$120\tann@example.org\nCy\t€35\tcy@example.org\nbo\t\tbo@example.org");
    await client.click("Preview");
    expect(targetOf(client, "name")).toBe("Name");
    expect(targetOf(client, "FEE")).toBe("Fee");
    expect(targetOf(client, "Email")).toBe("New field “Email”");
    expect(client.text).toContain("Will add 3 records, add 1 field.");
    client.fill("Rows", "merge");
    await client.click("Update preview");
    expect(client.text).toContain("Will add 1 record, update 2 records, add 1 field.");
    await client.click("Import");
    expect(client.text).toContain("Imported into “Musicians”");
    expect(client.text).toContain("1 record added, 2 records updated");
    expect(client.text).toContain("New fields: Email");
    await client.click("Open “Musicians”");
    expect(client.queryAll("th.field-head .field-name").map((e) => e.textContent)).toEqual(["Name", "Fee", "Email"]);
    expect([1, 2, 3, 4, 5].map((n) => cell(client, "Name", n))).toEqual(["Ann", "Bo", "Di", "Ed", "Cy"]);
    // Ann's fee changed; Bo's blank fee left his as it was; Bo got an email.
    expect([cell(client, "Fee", 1), cell(client, "Fee", 2), cell(client, "Email", 2)]).toEqual(["$120.00", "$50.00", "bo@example.org"]);
    await client.click("Undo");
    expect(client.queryAll("th.field-head .field-name").map((e) => e.textContent)).toEqual(["Name", "Fee"]);
    expect([1, 2, 3, 4].map((n) => cell(client, "Fee", n))).toEqual(["$100.00", "$50.00", "$70.00", "$20.00"]);
    expect(cell(client, "Name", 5)).toBeUndefined();
    await client.click("Redo");
    expect(cell(client, "Fee", 1)).toBe("$120.00");
    expect(cell(client, "Name", 5)).toBe("Cy");
  }, 90_000);

  it("lets an editor add and update records in existing fields, never add fields", async () => {
    const { member, ownerClient } = await withMember("into-editor", "editor");
    await ownerClient.click("Tables");
    const tableId = await musicians(ownerClient);
    const { client } = await member.app("into-editor", `/t/into-editor/tables/${tableId}/import`);
    expect(client.text).toContain("Import into “Musicians”");
    client.fill("Paste from a spreadsheet", "Name,Fee,Notes\nFay,£9,new\nGus,lots,old");
    await client.click("Preview");
    expect(targetOf(client, "Notes")).toBe("Skip this column");
    expect(client.text).toContain("no field of that name");
    expect(client.query("option[value=new]")).toBeNull();
    await client.click("Import");
    expect(client.text).toContain("2 records added, 0 records updated");
    expect(client.text).toContain("Fee: 1 value kept but flagged");
    expect(client.text).toContain("Skipped: Notes");
    const page = await member.open("/t/into-editor/tables/import");
    expect(page.html).toContain("Your role does not allow making tables.");
  });
});

/** Posts a file to the import page's upload form (multipart, as a browser without JavaScript). */
async function upload(browser: Browser, path: string, file: File) {
  const html = (await browser.open(path)).html;
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
  const input = /<input id="import-file" type="file" name="([^"]+)"/.exec(html)?.[1];
  const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(html);
  if (!action || !input || !submit) throw new Error("no upload form");
  const body = new FormData();
  body.append(input, file);
  body.append(submit[1]!, submit[2]!);
  return browser.fetch(action, { method: "POST", body });
}

describe("import an Excel workbook (issue 15)", () => {
  it("reads the first sheet of an uploaded .xlsx into the same preview; a broken one gets a reason", async () => {
    const { browser } = await ownerApp("import-xlsx");
    const part = (text: string) => strToU8(text);
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Joined</t></is></c></row>${["Ann", "Bo", "Cy"].map((n, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${n}</t></is></c><c r="B${i + 2}" s="1"><v>${46082 + i}</v></c></row>`).join("")}</sheetData></worksheet>`;
    const bytes = zipSync({ "xl/workbook.xml": part('<workbook><sheets><sheet name="People" sheetId="1"/></sheets></workbook>'), "xl/styles.xml": part('<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'), "xl/worksheets/sheet1.xml": part(sheet) });
    const posted = await upload(browser, "/t/import-xlsx/tables/import", new File([bytes], "people.xlsx"));
    expect(posted.status).toBe(303);
    const preview = await browser.open(posted.headers.get("location")!);
    expect(preview.html).toContain("3 records");
    expect(preview.html).toContain('<option value="date" selected="">');
    const broken = await upload(browser, "/t/import-xlsx/tables/import", new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0, 0xff, 0xfe])], "book.xlsx"));
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("not a readable Excel workbook");
  });
});
