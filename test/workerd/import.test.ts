// Issue 15: importing a new table from pasted text or an uploaded file, over HTTP — the
// preview, changing a column's type, the import as one undo step, and bad input.

import { describe, expect, it } from "vitest";
import { ownerApp } from "./helpers";

const rows = ["Name\tFee\tSection\tEmail", "Ann Lee\t$120\tStrings\tann@example.org", "Bo Li\t€35\tBrass\tbo@example.org", "Cy Ng\task Maria\tStrings\tcy@example.org"];
for (let i = 0; i < 9; i++) rows.push(`P${i}\t$${i + 10}\t${i % 2 ? "Brass" : "Strings"}\tp${i}@example.org`);
const pasted = rows.join("\n");

/** The import page's upload form (multipart, not the runtime's): its address and field names. */
function uploadForm(html: string) {
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
  const file = /<input id="import-file" type="file" name="([^"]+)"/.exec(html)?.[1];
  const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(html);
  if (!action || !file || !submit) throw new Error("no upload form");
  return { action, file, submitName: submit[1]!, submitValue: submit[2]! };
}

describe("import a table (issue 15)", () => {
  it("pastes rows, previews each column's type and share understood, changes one, imports in one undo step", async () => {
    const { client } = await ownerApp("import-paste");
    await client.click("Import…");
    client.fill("Paste from a spreadsheet", pasted);
    await client.click("Preview");
    const row = (name: string) => client.queryAll("table.import-columns tbody tr").find((tr) => tr.querySelector("th")?.textContent === name);
    const typeOf = (name: string) => row(name)?.querySelector("option[selected]")?.getAttribute("value");
    expect(["Name", "Fee", "Section", "Email"].map(typeOf)).toEqual(["text", "money", "choice", "email"]);
    expect(row("Fee")?.textContent).toContain("91.6 %");
    expect(row("Fee")?.querySelector(".flagged")?.textContent).toContain("ask Maria");
    expect(client.text).toContain("12 records");
    // A person chooses: Email as text, Section skipped.
    client.fill("Import “Email” as", "text");
    client.fill("Import “Section” as", "skip");
    client.fill("Table name", "Musicians");
    await client.click("Update preview");
    expect(typeOf("Email")).toBe("text");
    await client.click("Import 12 records");
    expect(client.text).toContain("Imported 12 records into “Musicians”");
    expect(client.text).toContain("Fee: 1 value kept but flagged");
    expect(client.text).toContain("Rows not imported: none");
    await client.click("Open “Musicians”");
    expect(client.queryAll("th.field-head .field-name").map((e) => e.textContent)).toEqual(["Name", "Fee", "Email"]);
    expect(client.query("input[aria-label='Fee of record 3']")?.getAttribute("value")).toBe("ask Maria");
    expect(client.text).toContain("1 not understood");
    // One undo takes the whole import back.
    await client.click("Undo");
    await client.click("Tables");
    expect(client.text).not.toContain("Musicians");
    await client.click("Redo");
    expect(client.text).toContain("Musicians");
    expect(client.text).toContain("12 records");
  });

  it("uploads a Windows-1252 CSV file as multipart, without JavaScript", async () => {
    const { browser } = await ownerApp("import-file");
    const page = await browser.open("/t/import-file/tables/import");
    expect(page.response.status).toBe(200);
    const form = uploadForm(page.html);
    const bytes = new Uint8Array([...new TextEncoder().encode("Name,Town\nZo"), 0xeb, ...new TextEncoder().encode(",Paris\nAnn,Rome\nBo,Lyon\n")]);
    const body = new FormData();
    body.append(form.file, new File([bytes], "people.csv", { type: "text/csv" }));
    body.append(form.submitName, form.submitValue);
    const posted = await browser.fetch(form.action, { method: "POST", body });
    expect(posted.status).toBe(303);
    const preview = await browser.open(posted.headers.get("location")!);
    expect(preview.html).toContain("3 records");
    expect(preview.html).toContain('<option value="location" selected="">');
    const { client } = await browser.app("import-file", posted.headers.get("location")!);
    client.fill("Table name", "People");
    await client.click("Import 3 records");
    await client.click("Open “People”");
    expect(client.query("input[aria-label='Name of record 1']")?.getAttribute("value")).toBe("Zoë");
  });

  it("says a file over 5 MB is too large, with a way back, importing nothing", async () => {
    const { browser } = await ownerApp("import-big");
    const form = uploadForm((await browser.open("/t/import-big/tables/import")).html);
    const body = new FormData();
    body.append(form.file, new File(["Name\n", "x".repeat(5_400_000)], "huge.csv", { type: "text/csv" }));
    body.append(form.submitName, form.submitValue);
    const posted = await browser.fetch(form.action, { method: "POST", body });
    expect(posted.status).toBe(413);
    const html = await posted.text();
    expect(html).toContain("That file is too large to import (at most 5 MB) in one piece. With JavaScript on, a CSV, TSV or JSON file of up to 128 MB is sent in parts");
    expect(html).toContain('href="/t/import-big/tables/import"');
    expect((await browser.open("/t/import-big/tables")).html).not.toContain("huge");
  });

  it("says why for a binary file and an empty paste, writing nothing", async () => {
    const { browser, client } = await ownerApp("import-bad");
    await client.click("Import…");
    await client.click("Preview");
    expect(client.text).toContain("Paste some rows or choose a file first.");
    const form = uploadForm((await browser.open("/t/import-bad/tables/import")).html);
    const body = new FormData();
    body.append(form.file, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48])], "picture.png"));
    body.append(form.submitName, form.submitValue);
    const posted = await browser.fetch(form.action, { method: "POST", body });
    const after = await browser.open(posted.headers.get("location")!);
    expect(after.html).toContain("looks like a binary file");
    expect((await browser.open("/t/import-bad/tables")).html).toContain("No tables yet.");
  });
});

describe("export a table (issue 15)", () => {
  it("streams CSV with formula escaping that imports back to the same text, and JSON; members who can read may, others may not", async () => {
    const { browser, client } = await ownerApp("export-csv");
    await client.click("Import…");
    const tsv = ["Name\tFee\tNote", 'Ann\t$120\t=HYPERLINK("http://x")', 'Bo, Li\task Maria\t"says ""hi""\nand bye"', "Cy\t€35\t-3"].join("\n");
    client.fill("Paste from a spreadsheet", tsv);
    await client.click("Preview");
    client.fill("Table name", "Fees");
    client.fill("Import “Fee” as", "money");
    await client.click("Import 3 records");
    await client.click("Open “Fees”");
    const link = client.query("a[href*='/export?format=csv&values=text']")?.getAttribute("href");
    expect(link).toBeTruthy();
    const response = await browser.fetch(link!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="Fees.csv"');
    const csv = await response.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    const { parseDelimited } = await import("../../src/schema/import/csv");
    const back = parseDelimited(csv);
    expect(back.ok && back.rows).toEqual([["Name", "Fee", "Note"], ["Ann", "$120", `'=HYPERLINK("http://x")`], ["Bo, Li", "ask Maria", 'says "hi"\nand bye'], ["Cy", "€35", "-3"]]);
    const json = (await (await browser.fetch(link!.replace("format=csv&values=text", "format=json&values=understood"))).json()) as { Fee: unknown }[];
    expect(json.map((r) => r.Fee)).toEqual([{ amount: 120, currency: "USD" }, { text: "ask Maria", notUnderstood: expect.any(String) }, { amount: 35, currency: "EUR" }]);
    expect((await browser.fetch(link!.replace("format=csv", "format=xlsx"))).status).toBe(400);
    const stranger = await new (browser.constructor as new () => typeof browser)().fetch(link!);
    expect(stranger.status).toBe(401);
  });
});
