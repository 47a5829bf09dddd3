// Tables, fields and records through the screens, over HTTP, as a person without
// JavaScript would use them (the runtime sends the same callbacks over the socket).

import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addField, invite, openNewTable, ownerApp, SocketClient, withMember } from "./helpers";

async function musicians(database: string) {
  const { browser, client, sessionUrl } = await ownerApp(database);
  await openNewTable(client, "Musicians");
  for (const [name, type] of [["Fee", "money"], ["Joined", "date"]] as const) {
    await addField(client, name, type);
  }
  return { browser, client, sessionUrl };
}

describe("the grid", () => {
  it("builds a table by clicking: fields of several types, values typed in the grid", async () => {
    const { client } = await musicians("grid-build");
    expect(client.queryAll("th.field-head .field-name").map((e) => e.textContent)).toEqual(["Name", "Fee", "Joined"]);
    await client.click("Add record");
    await client.click("Add record");
    client.fill("Name of record 1", "Ada Lovelace");
    client.fill("Fee of record 1", "$1,200.50");
    client.fill("Joined of record 1", "March 3, 2026");
    client.fill("Name of record 2", "Ben Britten");
    client.fill("Fee of record 2", "ask Maria");
    await client.click("Save changes");
    expect(client.text).toContain("2 records");
    const fee1 = client.query("input[aria-label='Fee of record 1']")!;
    expect(fee1.getAttribute("value")).toBe("$1,200.50");
    // Not understood: kept as typed, flagged, counted in the header.
    const fee2 = client.query("input[aria-label='Fee of record 2']")!;
    expect(fee2.getAttribute("value")).toBe("ask Maria");
    expect(fee2.getAttribute("aria-invalid")).toBe("true");
    expect(client.text).toContain("1 not understood");
    // One click shows just those records; fixing the text fixes the value.
    await client.click("1 not understood");
    expect(client.text).toContain("whose “Fee” was not understood");
    expect(client.queryAll("tbody tr")).toHaveLength(1);
    client.fill("Fee of record 1", "€35");
    await client.click("Save changes");
    expect(client.queryAll("tbody tr")).toHaveLength(0);
    await client.click("Show all records");
    expect(client.query("input[aria-label='Fee of record 2']")!.getAttribute("value")).toBe("€35.00");
    expect(client.text).not.toContain("not understood");
  });

  it("sorts by a column, and money sorts by amount", async () => {
    const { client } = await musicians("grid-sort");
    for (const [name, fee] of [["Cy", "$300"], ["Ada", "$25"], ["Ben", ""]]) {
      await client.click("Add record");
      const n = client.queryAll("tbody tr").length;
      client.fill(`Name of record ${n}`, name!);
      client.fill(`Fee of record ${n}`, fee!);
      await client.click("Save changes");
    }
    await client.click("Sort by Fee");
    const names = () => client.queryAll("input[aria-label^='Name of record']").map((e) => e.getAttribute("value"));
    expect(names()).toEqual(["Ada", "Cy", "Ben"]);
    await client.click("Sort by Fee");
    expect(names()).toEqual(["Cy", "Ada", "Ben"]);
  });

  it("sorts a link column by the linked records' names as they are now (issue 12), as views do", async () => {
    const { client } = await ownerApp("grid-sort-link");
    await openNewTable(client, "Sections");
    for (const [n, name] of [[1, "Winds"], [2, "Brass"]] as const) {
      await client.click("Add record");
      client.fill(`Name of record ${n}`, name);
      await client.click("Save changes");
    }
    await client.click("← Tables");
    await openNewTable(client, "Players");
    await addField(client, "Section", "link", { Table: "Sections" });
    for (const [n, name, section] of [[1, "Ada", "Winds"], [2, "Ben", "Brass"], [3, "Cy", ""], [4, "Di", "Winds"]] as const) {
      await client.click("Add record");
      client.fill(`Name of record ${n}`, name);
      client.fill(`Section of record ${n}`, section);
      await client.click("Save changes");
    }
    // "Winds" becomes "Alto winds": the cells still keep the text typed ("Winds").
    await client.click("← Tables");
    await client.click("Sections");
    client.fill("Name of record 1", "Alto winds");
    await client.click("Save changes");
    await client.click("← Tables");
    await client.click("Players");
    await client.click("Sort by Section");
    const names = () => client.queryAll("input[aria-label^='Name of record']").map((e) => e.getAttribute("value"));
    const sections = () => client.queryAll("input[aria-label^='Section of record']").map((e) => e.getAttribute("value"));
    expect(sections()).toEqual(["Alto winds", "Alto winds", "Brass", ""]);
    expect(names()).toEqual(["Ada", "Di", "Ben", "Cy"]);
    await client.click("Sort by Section");
    expect(names()).toEqual(["Ben", "Ada", "Di", "Cy"]);
  });

  it("changes a field's type with a preview, and changing back restores every value", async () => {
    const { client } = await musicians("grid-types");
    for (const text of ["Cello", "cello ", "Viola", "CELLO", "Harp"]) {
      await client.click("Add record");
      const n = client.queryAll("tbody tr").length;
      client.fill(`Name of record ${n}`, text);
      await client.click("Save changes");
    }
    await client.click("Field menu for Name");
    await client.click("Change type");
    // The dialog opens on the field's own type: nothing to preview yet.
    expect(client.query("#new-type option[selected]")?.getAttribute("value")).toBe("text");
    expect(client.text).toContain("This is the field's type now");
    client.fill("Type", "choice");
    await client.click("Preview");
    // Text → choice proposes options from the distinct values, case and spacing folded.
    expect(client.text).toContain("5 values will be understood as single choice");
    expect(client.queryAll(".chip").map((c) => c.textContent)).toEqual(["Cello", "Viola", "Harp"]);
    await client.click("Change type");
    expect(client.text).toContain("“Name” is now single choice.");
    client.fill("Name of record 1", "Trombone");
    await client.click("Save changes");
    expect(client.text).toContain("1 not understood");
    // To number: nothing is understood, everything is kept.
    await client.click("Field menu for Name");
    await client.click("Change type");
    client.fill("Type", "number");
    await client.click("Preview");
    expect(client.text).toContain("0 values will be understood as number; 5 will be kept as text and flagged");
    await client.click("Change type");
    expect(client.text).toContain("5 not understood");
    // And back to text: every value exactly as typed.
    await client.click("Field menu for Name");
    await client.click("Change type");
    client.fill("Type", "text");
    await client.click("Change type");
    expect(client.queryAll("input[aria-label^='Name of record']").map((e) => e.getAttribute("value"))).toEqual(["Trombone", "cello", "Viola", "CELLO", "Harp"]);
  });

  it("renames, hides and deletes a field; undo brings the field back with its values", async () => {
    const { client } = await musicians("grid-fields");
    await client.click("Add record");
    client.fill("Fee of record 1", "£12.99");
    await client.click("Save changes");
    await client.click("Field menu for Fee");
    await client.click("Rename");
    client.fill("Rename “Fee” to", "Fee per concert");
    await client.click("Save name");
    await client.click("Field menu for Fee per concert");
    await client.click("Hide");
    expect(client.text).toContain("Hidden: Fee per concert");
    await client.click("Show Fee per concert");
    await client.click("Field menu for Fee per concert");
    await client.click("Delete field");
    await client.click("Delete field");
    expect(client.query("input[aria-label='Fee per concert of record 1']")).toBeNull();
    await client.click("Undo");
    expect(client.query("input[aria-label='Fee per concert of record 1']")!.getAttribute("value")).toBe("£12.99");
  });

  it("opens a record as a form with every field, explains what was not understood, and deletes it", async () => {
    const { client } = await musicians("grid-detail");
    await client.click("Add record");
    client.fill("Joined of record 1", "last spring-ish");
    await client.click("Save changes");
    await client.click("Open record 1");
    expect(client.query("[role=dialog]")?.textContent).toContain("Not understood");
    client.fill("Name", "Clara Schumann");
    client.fill("Joined", "2026-03-01");
    await client.click("Save and close");
    expect(client.query("[role=dialog]")).toBeNull();
    expect(client.query("input[aria-label='Name of record 1']")!.getAttribute("value")).toBe("Clara Schumann");
    expect(client.text).not.toContain("not understood");
    await client.click("Open record 1");
    await client.click("Delete record");
    await client.click("Delete record");
    expect(client.text).toContain("Record deleted.");
    expect(client.text).toContain("0 records");
  });

  it("a viewer sees the grid but cannot change it; an editor edits records but not fields", async () => {
    const { member: viewer, ownerClient: client } = await withMember("grid-roles", "viewer");
    const { member: editor } = await invite(client, "editor", "editor@grid-roles.org");
    await client.click("Tables");
    await openNewTable(client, "Donors");
    await addField(client, "Gift", "money");
    await client.click("Add record");
    // The editor changes a cell, but is offered no field menu.
    const e = (await editor.app("grid-roles")).client;
    await e.click("Donors");
    expect(e.query("[aria-label='Field menu for Gift']")).toBeNull();
    e.fill("Gift of record 1", "$40");
    await e.click("Save changes");
    expect(e.query("input[aria-label='Gift of record 1']")!.getAttribute("value")).toBe("$40.00");
    const v = (await viewer.app("grid-roles")).client;
    await v.click("Donors");
    expect(v.query("input[aria-label='Gift of record 1']")!.hasAttribute("readonly")).toBe(true);
    expect(v.text).not.toContain("Add record");
    expect(v.query("[aria-label='Field menu for Gift']")).toBeNull();
    // Even a forged submission of the cell is refused inside the object.
    const name = v.query("input[aria-label='Gift of record 1']")!.getAttribute("name")!;
    await v.clickWith({ [name]: "$1,000,000" }, "Sort by Gift");
    expect(v.query("input[aria-label='Gift of record 1']")!.getAttribute("value")).toBe("$40.00");
    expect(v.text).toContain("Your role does not allow this.");
  });
});

describe("the sample orchestra database", () => {
  it("starts a new database with musicians, sections, concerts and donors, some values not understood", async () => {
    const { client } = await ownerApp("sample-orchestra", { sample: true });
    expect(client.queryAll(".table-name").map((e) => e.textContent)).toEqual(["Sections", "Musicians", "Concerts", "Donors"]);
    await client.click("Musicians");
    expect(client.text).toContain("120 records");
    expect(client.text).toMatch(/\d+ not understood/);
    expect(client.queryAll("tbody tr")).toHaveLength(50);
    await client.click("Next");
    expect(client.text).toContain("51–100 of 120");
    // The sample is history, not the owner's undo.
    expect(client.queryAll("button").some((b) => b.textContent === "Undo")).toBe(false);
  });
});

describe("choice fields", () => {
  it("text matching no option is kept and flagged, and becomes a new option in one click", async () => {
    const { client } = await musicians("grid-choice");
    await addField(client, "Instrument", "choice", { "Option 1": "Violin" });
    for (const text of ["Viola da gamba", "viola da gamba"]) {
      await client.click("Add record");
      const n = client.queryAll("tbody tr").length;
      client.fill(`Instrument of record ${n}`, text);
      await client.click("Save changes");
    }
    expect(client.text).toContain("2 not understood");
    await client.click("2 not understood");
    await client.click("Add “Viola da gamba” as an option");
    expect(client.text).toContain("“Viola da gamba” is now an option.");
    await client.click("Show all records");
    expect(client.text).not.toContain("not understood");
    expect(client.queryAll("input[aria-label^='Instrument of record']").map((e) => e.getAttribute("value"))).toEqual(["Viola da gamba", "Viola da gamba"]);
  });
});

describe("links between tables", () => {
  it("turns a text field into a link to a new table, merging near-duplicates, shown from both sides, undoable", async () => {
    const { client } = await musicians("grid-links");
    await addField(client, "Section");
    const rows: [string, string][] = [["Ada", "Strings"], ["Ben", "strings"], ["Cy", "Brass"], ["Dee", "Acme Inc"], ["Eve", "ACME inc."]];
    for (const [name, section] of rows) {
      await client.click("Add record");
      const n = client.queryAll("tbody tr").length;
      client.fill(`Name of record ${n}`, name);
      client.fill(`Section of record ${n}`, section);
      await client.click("Save changes");
    }
    await client.click("Field menu for Section");
    await client.click("Change type");
    client.fill("Type", "link");
    await client.click("Preview");
    expect(client.text).toContain("3 records will be created in “Sections”");
    expect(client.text).toContain("“Acme Inc” + “ACME inc.” → Acme Inc");
    await client.click("Change type");
    expect(client.text).toContain("“Section” now links to records.");
    expect(client.queryAll("input[aria-label^='Section of record']").map((e) => e.getAttribute("value"))).toEqual(["Strings", "Strings", "Brass", "Acme Inc", "Acme Inc"]);
    expect(client.text).not.toContain("not understood");

    // Typing a section's name links to it; a name with no record is kept and flagged.
    client.fill("Section of record 3", "acme inc");
    client.fill("Section of record 4", "Percussion");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Section of record 3']")!.getAttribute("value")).toBe("Acme Inc");
    expect(client.text).toContain("1 not understood");

    // The other side: Sections shows who links to each section.
    await client.click("← Tables");
    await client.click("Sections");
    expect(client.text).toContain("Musicians (Section)");
    const backlinks = client.queryAll("td.backlink").map((td) => td.textContent);
    expect(backlinks).toEqual(["Ada, Ben", "", "Cy, Eve"]);

    // Undo reverses the whole change: the field is text again, and Sections is gone.
    await client.click("← Tables");
    await client.click("Musicians");
    client.fill("Section of record 4", "Acme Inc");
    await client.click("Save changes");
    await client.click("Undo"); // the edit
    await client.click("Undo"); // the edit of record 3 and 4 (two edits)
    await client.click("Undo");
    await client.click("Undo"); // the link change
    expect(client.text).toContain("Undone: turn “Section” into a link to a new table “Sections”");
    expect(client.queryAll("input[aria-label^='Section of record']").map((e) => e.getAttribute("value"))).toEqual(["Strings", "strings", "Brass", "Acme Inc", "ACME inc."]);
    await client.click("← Tables");
    expect(client.queryAll(".table-name").map((e) => e.textContent)).toEqual(["Musicians"]);
  });
});

describe("dates in the database's time zone", () => {
  it("reads typed times in the zone the owner sets", async () => {
    const { client } = await ownerApp("zones");
    await client.click("Members");
    client.fill("Time zone for dates typed from now on", "Mars/Olympus");
    await client.click("Save time zone");
    expect(client.text).toContain("is not a time zone");
    // A city as people write it finds its zone (without JavaScript too).
    client.fill("Time zone for dates typed from now on", "New York");
    await client.click("Save time zone");
    expect(client.text).toContain("Time zone saved: America/New_York.");
    await client.click("Tables");
    await openNewTable(client, "Concerts");
    await addField(client, "When", "date");
    await client.click("Add record");
    client.fill("When of record 1", "2026-03-14 7:30pm - 10pm");
    await client.click("Save changes");
    expect(client.query("input[aria-label='When of record 1']")!.getAttribute("value")).toMatch(/7:30\s?PM/i);
    expect(client.text).not.toContain("not understood");
    // 7:30 pm in New York on 14 March 2026 (daylight time) is 23:30 UTC.
    const stored = await runInDurableObject(env.TENANT.getByName("zones"), (_i, state) =>
      state.storage.sql.exec<{ v: string }>("SELECT json_extract(j.value, '$.value.start') AS v FROM records, json_each(records.cells) j").one().v);
    expect(stored).toBe("2026-03-14T23:30:00Z");
  });
});

describe("editing together, and across evictions", () => {
  it("an edit made after an eviction lands, and a collaborator's open grid receives it", async () => {
    const { owner, member } = await withMember("grid-live", "editor");
    const a = await owner.app("grid-live");
    await openNewTable(a.client, "Donors");
    await addField(a.client, "Gift", "money");
    await a.client.click("Add record");

    const b = await member.app("grid-live");
    await b.client.click("Donors");
    const socketB = await SocketClient.open(member, "grid-live", b.current());

    // The object forgets everything in memory between A's render and A's edit.
    await evictDurableObject(env.TENANT.getByName("grid-live"));
    a.client.fill("Gift of record 1", "€100");
    await a.client.click("Save changes");
    expect(a.client.query("input[aria-label='Gift of record 1']")!.getAttribute("value")).toBe("€100.00");
    const pushed = await socketB.next((f) => f.t === "render" && f.html!.includes("€100.00"));
    expect(pushed.html).toContain("Gift of record 1");
  });
});

describe("line breaks", () => {
  it("a long text keeps its line breaks when the grid is saved without JavaScript", async () => {
    const { client } = await musicians("grid-lines");
    await addField(client, "Programme", "longText");
    await client.click("Add record");
    await client.click("Open record 1");
    client.fill("Programme", "Dvořák: Symphony No. 9\nElgar: Enigma Variations");
    await client.click("Save and close");
    client.fill("Name of record 1", "Spring concert");
    await client.click("Save changes"); // posts every input of the grid
    await client.click("Open record 1");
    expect(client.query("textarea")!.textContent).toBe("Dvořák: Symphony No. 9\nElgar: Enigma Variations");
  });
});

describe("checkboxes", () => {
  it("tick and untick in the grid; an empty box stays empty when the grid is saved", async () => {
    const { client } = await musicians("grid-checkbox");
    await addField(client, "Active", "checkbox");
    await client.click("Add record");
    await client.click("Add record");
    client.check("Active of record 1");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Active of record 1']")!.hasAttribute("checked")).toBe(true);
    expect(client.query("input[aria-label='Active of record 2']")!.hasAttribute("checked")).toBe(false);
    client.check("Active of record 1", false);
    await client.click("Save changes");
    expect(client.query("input[aria-label='Active of record 1']")!.hasAttribute("checked")).toBe(false);
    // Record 1 is now "no", record 2 still has no value at all.
    await client.click("Open record 2");
    await client.click("Save and close");
    const stored = await runInDurableObject(env.TENANT.getByName("grid-checkbox"), (_i, state) =>
      state.storage.sql.exec<{ cells: string }>("SELECT cells FROM records ORDER BY seq").toArray().map((r) => Object.values(JSON.parse(r.cells) as Record<string, { text: string }>).map((c) => c.text)));
    expect(stored).toEqual([["no"], []]);
  });
});
