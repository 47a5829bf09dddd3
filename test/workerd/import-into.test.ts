// Issue 15: importing rows into an existing table over HTTP — columns mapped to fields by
// name, a merge on a key field, a new field, the whole import as one undo step; editors may
// add and update records but not add fields.

import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { ownerApp, withMember } from "./helpers";

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
