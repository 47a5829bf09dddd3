// The grid's paste, bulk delete and new-record row through the object, as the runtime sends
// them (issue 11, "Grid"): each paste or bulk delete is one step that Undo takes back exactly,
// a pasted-over cell changed meanwhile stops the paste, and the role decides in the object.

import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { addField, openNewTable, ownerApp } from "./helpers";

async function volunteers(database: string) {
  const { client } = await ownerApp(database);
  await openNewTable(client, "Volunteers");
  for (const [name, type] of [["Name", "text"], ["Fee", "money"], ["Active", "checkbox"]] as const) await addField(client, name, type);
  for (const [name, fee] of [["Ada", "$5"], ["Ben", "€7"]] as const) {
    client.fill("Name of a new record", name);
    client.fill("Fee of a new record", fee);
    await client.click("Save changes");
  }
  return client;
}

/** The runtime sends a paste as an input with no action; a link that changes nothing here
 *  carries it the same way (its handler leaves no notice of its own). */
const PASTE_WITH = "All records";
const pasteName = (client: TestClient) => client.query("table[data-grid]")!.getAttribute("data-paste")!;
const ids = (client: TestClient, selector: string, attribute: string) => client.queryAll(selector).map((el) => el.getAttribute(attribute)!);
const column = (client: TestClient, field: string) => client.queryAll(`input[aria-label^='${field} of record']`).map((e) => e.getAttribute("value"));
const body = (client: TestClient) => client.query("table[data-grid] tbody")!.innerHTML.replace(/ (name|href)="[^"]*"/g, "");

describe("the grid's new-record row", () => {
  it("makes one record from the cells typed in it (without JavaScript, with Save changes)", async () => {
    const client = await volunteers("grid-newrow");
    expect(column(client, "Name")).toEqual(["Ada", "Ben"]);
    expect(column(client, "Fee")).toEqual(["$5.00", "€7.00"]);
    expect(client.text).toContain("2 records");
    // The blank row is blank again, at the bottom, in the table's foot.
    expect(client.query("tfoot tr[data-new-row] input[aria-label='Name of a new record']")!.getAttribute("value")).toBe("");
  });

  it("Add record renders the cursor in the new record's first cell", async () => {
    const client = await volunteers("grid-add");
    await client.click("Add record");
    expect(client.query("[autofocus]")!.getAttribute("aria-label")).toBe("Name of record 3");
  });
});

describe("pasting a block", () => {
  it("fills from the pasted-at cell, adds records below, flags what is not understood, and one Undo restores exactly", async () => {
    const client = await volunteers("grid-paste");
    const before = body(client);
    const recordIds = ids(client, "tbody tr[data-record]", "data-record");
    const fieldIds = ids(client, "thead th[data-field]", "data-field");
    const request = { fieldIds: fieldIds.slice(1), recordIds: recordIds.slice(1), rows: [["£9", "yes"], ["lots", "no"], ["$1", ""]], bases: [["€7.00", null]] };
    await client.clickWith({ [pasteName(client)]: JSON.stringify(request) }, PASTE_WITH);
    expect(column(client, "Fee")).toEqual(["$5.00", "£9.00", "lots", "$1.00"]);
    expect(client.queryAll("input[aria-label^='Active of record'][type=checkbox]").map((e) => e.hasAttribute("checked"))).toEqual([false, true, false, false]);
    expect(client.query("input[aria-label='Fee of record 3']")!.getAttribute("aria-invalid")).toBe("true");
    expect(client.text).toContain("Pasted 5 cells (2 new records). 1 value not understood is kept and flagged in red.");
    await client.click("Undo");
    expect(client.text).toContain("Undone: paste 5 cells into “Volunteers”");
    expect(body(client)).toBe(before);
  });

  it("pastes nothing when someone changed a pasted-over cell meanwhile", async () => {
    const client = await volunteers("grid-paste-conflict");
    const before = body(client);
    const [ada] = ids(client, "tbody tr[data-record]", "data-record");
    const [name] = ids(client, "thead th[data-field]", "data-field");
    const request = { fieldIds: [name], recordIds: [ada], rows: [["Adaline"], ["New"]], bases: [["Ada Lovelace"]] };
    await client.clickWith({ [pasteName(client)]: JSON.stringify(request) }, PASTE_WITH);
    expect(client.text).toContain("A cell you pasted over was changed by someone else meanwhile. Nothing was pasted");
    expect(body(client)).toBe(before);
  });

  it("refuses a paste over the bounds with a reason, changing nothing", async () => {
    const client = await volunteers("grid-paste-big");
    const before = body(client);
    const [name] = ids(client, "thead th[data-field]", "data-field");
    const rows = Array.from({ length: 5001 }, (_, i) => [`N${i}`]);
    await client.clickWith({ [pasteName(client)]: JSON.stringify({ fieldIds: [name], recordIds: [], rows }) }, PASTE_WITH);
    expect(client.text).toContain("A paste is at most 5,000 cells.");
    await client.clickWith({ [pasteName(client)]: JSON.stringify({ fieldIds: [name], recordIds: [], rows: rows.slice(0, 100).map((r) => [...r, ...Array.from({ length: 60 }, () => "x")]) }) }, PASTE_WITH);
    expect(client.text).toContain("A paste is at most 5,000 cells.");
    expect(body(client)).toBe(before);
  });
});

describe("deleting ticked records", () => {
  it("deletes them in one step, and one Undo brings them all back", async () => {
    const client = await volunteers("grid-bulk");
    client.fill("Name of a new record", "Cy");
    await client.click("Save changes");
    const before = body(client);
    // The boxes belong to the bulk form by their form attribute, as a browser sends them.
    const boxes = client.queryAll("input.row-select");
    expect(boxes.map((b) => b.getAttribute("form"))).toEqual(["grid-bulk", "grid-bulk", "grid-bulk"]);
    await client.clickWith({ [boxes[0]!.getAttribute("name")!]: "yes", [boxes[2]!.getAttribute("name")!]: "yes" }, "Delete selected");
    expect(column(client, "Name")).toEqual(["Ben"]);
    expect(client.text).toContain("2 records deleted. Undo brings them back.");
    await client.click("Undo");
    expect(body(client)).toBe(before);
    // Nothing ticked: said, nothing deleted.
    await client.click("Delete selected");
    expect(client.text).toContain("Tick the records to delete first.");
    expect(column(client, "Name")).toEqual(["Ada", "Ben", "Cy"]);
  });
});
