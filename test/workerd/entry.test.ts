// Issue 11 (field set-up and the database's formats), through the screens over HTTP as a
// person without JavaScript uses them: each set-up is one undoable action.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addField, openNewTable, ORIGIN, ownerApp, postForm, tenantOf } from "./helpers";

const heads = (client: { queryAll(s: string): Element[] }) => client.queryAll("th.field-head .field-name").map((e) => e.textContent);

describe("issue 11: field set-up", () => {
  it("a new table opens on its grid with a Name field", async () => {
    const { client } = await ownerApp("entry-new-table");
    await openNewTable(client, "Volunteers");
    expect(client.query("h1")?.textContent).toBe("Volunteers");
    expect(heads(client)).toEqual(["Name"]);
  });

  it("asks a choice field for its options and colours; refuses none; Undo removes the field", async () => {
    const { client } = await ownerApp("entry-choice");
    await openNewTable(client, "Volunteers");
    await client.click("Add field");
    client.fill("Field name", "Shirt");
    client.fill("Type", "choice");
    await client.click("Show settings for this type");
    // Refused without options: the dialog stays, with what was typed.
    await client.click("Add field", "[role=dialog]");
    expect(client.query("[role=dialog] .form-error")?.textContent).toBe("“Shirt”: Add at least one option.");
    expect(client.query("#new-field-name")?.getAttribute("value")).toBe("Shirt");
    client.fill("Option 1", "Small");
    client.fill("Option 2", "Large");
    client.fill("Colour of option 2", "purple");
    await client.click("+ Add option");
    expect(client.queryAll("[role=dialog] .option-rows li")).toHaveLength(4);
    expect(client.query("input[aria-label='Option 2']")?.getAttribute("value")).toBe("Large");
    await client.click("Add field", "[role=dialog]");
    expect(client.text).toContain("“Shirt” added.");
    expect(heads(client)).toEqual(["Name", "Shirt"]);
    await client.click("Add record");
    client.fill("Shirt of record 1", "large");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Shirt of record 1']")?.getAttribute("value")).toBe("Large");
    expect(client.text).not.toContain("not understood");
    await client.click("Undo"); // the cell
    await client.click("Undo"); // the record
    await client.click("Undo"); // the field
    expect(heads(client)).toEqual(["Name"]);
  });

  it("asks a link field for its table and whether it holds several records", async () => {
    const { client } = await ownerApp("entry-link");
    await openNewTable(client, "Shifts");
    await client.click("Add record");
    client.fill("Name of record 1", "Morning");
    await client.click("Save changes");
    await client.click("← Tables");
    await openNewTable(client, "Volunteers");
    await addField(client, "Shifts", "link", { Table: "Shifts" });
    await client.click("Add record");
    client.fill("Shifts of record 1", "morning");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Shifts of record 1']")?.getAttribute("value")).toBe("Morning");
    expect(client.text).not.toContain("not understood");
  });

  it("asks money for its currency and numbers for their decimals", async () => {
    const { client } = await ownerApp("entry-money");
    await openNewTable(client, "Gifts");
    await addField(client, "Amount", "money", { "Default currency": "EUR" });
    await addField(client, "Count", "number", { "Decimals shown": "2" });
    await client.click("Add record");
    client.fill("Amount of record 1", "12,50");
    client.fill("Count of record 1", "3");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Amount of record 1']")?.getAttribute("value")).toBe("€12.50");
    expect(client.query("input[aria-label='Count of record 1']")?.getAttribute("value")).toBe("3.00");
  });

  it("asks a date field whether it keeps the time typed", async () => {
    const { client } = await ownerApp("entry-dates");
    await openNewTable(client, "Shifts");
    await client.click("Add field");
    client.fill("Field name", "Day");
    client.fill("Type", "date");
    await client.click("Show settings for this type");
    client.check("Dates, with a time when one is typed", false);
    client.check("Dates (a time typed is dropped)");
    await client.click("Add field", "[role=dialog]");
    await addField(client, "Starts", "date");
    await client.click("Add record");
    client.fill("Day of record 1", "2026-03-04 10:30");
    client.fill("Starts of record 1", "2026-03-04 10:30");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Day of record 1']")?.getAttribute("value")).toBe("Mar 4, 2026");
    expect(client.query("input[aria-label='Starts of record 1']")?.getAttribute("value")).toMatch(/^Mar 4, 2026,? 10:30/);
  });

  it("refuses a link without a table even when the action is forged: no field half set up", async () => {
    const { client } = await ownerApp("entry-forged");
    await openNewTable(client, "Volunteers");
    const refused = await runInDurableObject(env.TENANT.getByName("entry-forged"), (instance) => {
      const tenant = tenantOf(instance);
      const owner = tenant.accounts.members()[0]!;
      const tableId = tenant.schema.tables[0]!.id;
      return tenant.applyAction(owner, { kind: "addField", tableId, field: { id: "f-team", name: "Team", type: "link", options: { tableId: "", multiple: false } }, index: 1 });
    });
    expect(refused).toEqual({ ok: false, reason: "“Team”: Choose the table this field links to." });
  });
});

describe("issue 11: the database's formats", () => {
  it("day-first dates and decimal commas are read and shown the database's way", async () => {
    const { client } = await ownerApp("entry-locale");
    await client.click("Members");
    expect(client.queryAll("#time-zones option").length).toBeGreaterThan(300);
    client.fill("Dates like 3/4/2026 are", "dmy");
    client.fill("Numbers are written", ",");
    await client.click("Save formats");
    expect(client.text).toContain("Formats saved.");
    await client.click("Tables");
    await openNewTable(client, "Events");
    await addField(client, "When", "date");
    await addField(client, "Cost", "number");
    await client.click("Add record");
    client.fill("When of record 1", "3/4/2026");
    client.fill("Cost of record 1", "1.234,5");
    await client.click("Save changes");
    expect(client.query("input[aria-label='When of record 1']")?.getAttribute("value")).toBe("Apr 3, 2026");
    expect(client.query("input[aria-label='Cost of record 1']")?.getAttribute("value")).toBe("1.234,5");
  });

  it("a time zone typed as a place several zones could be asks which", async () => {
    const { client } = await ownerApp("entry-zones");
    await client.click("Members");
    client.fill("Time zone for dates typed from now on", "Indiana");
    await client.click("Save time zone");
    expect(client.text).toMatch(/“Indiana” could be .*America\/Indiana\/.*: choose one\./);
  });
});

describe("issue 11: the record form", () => {
  it("has a control per type, the record's name as title, Previous/Next and Close without saving", async () => {
    const { client } = await ownerApp("entry-record");
    await openNewTable(client, "Shifts");
    for (const name of ["Morning", "Evening"]) {
      await client.click("Add record");
      client.fill(`Name of record ${client.queryAll("tbody tr").length}`, name);
      await client.click("Save changes");
    }
    await client.click("← Tables");
    await openNewTable(client, "Volunteers");
    await addField(client, "Shirt", "choice", { "Option 1": "Small", "Option 2": "Large" });
    await addField(client, "Skills", "multiChoice", { "Option 1": "First aid", "Option 2": "Driving", "Option 3": "Cooking" });
    await addField(client, "Shifts", "link", { Table: "Shifts" });
    await addField(client, "Lead", "user");
    for (const name of ["Ann", "Bob"]) {
      await client.click("Add record");
      client.fill(`Name of record ${client.queryAll("tbody tr").length}`, name);
      await client.click("Save changes");
    }
    await client.click("Open record 1");
    expect(client.query("#record-title")?.textContent).toBe("Ann");
    expect(client.text).toContain("Volunteers · record 1 of 2");
    // Single choice: a select; multiple choice: checkboxes; user: the members.
    expect(client.queryAll("[role=dialog] select option").map((o) => o.textContent)).toContain("Large");
    client.fill("Shirt", "Large");
    client.check("First aid");
    client.check("Cooking");
    client.fill("Lead", "Olive Owner (owner@entry-record.org)");
    client.fill("Add a record of Shifts", "Evening");
    await client.click("Add");
    expect(client.queryAll(".linked-records a").map((a) => a.textContent)).toEqual(["Evening"]);
    expect(client.query(".linked-records a")?.getAttribute("href")).toMatch(/\/t\/entry-record\/tables\/[\w-]+\/records\/[\w-]+$/);
    await client.click("Next ›");
    expect(client.query("#record-title")?.textContent).toBe("Bob");
    // Typed, then closed without saving: nothing changes.
    client.fill("Name", "Robert");
    await client.click("Close without saving");
    expect(client.query("[role=dialog]")).toBeNull();
    expect(client.query("input[aria-label='Name of record 2']")?.getAttribute("value")).toBe("Bob");
    expect(client.query("input[aria-label='Shirt of record 1']")?.getAttribute("value")).toBe("Large");
    expect(client.query("input[aria-label='Skills of record 1']")?.getAttribute("value")).toBe("First aid, Cooking");
    expect(client.query("input[aria-label='Shifts of record 1']")?.getAttribute("value")).toBe("Evening");
    expect(client.query("input[aria-label='Lead of record 1']")?.getAttribute("value")).toBe("Olive Owner");
    expect(client.text).not.toContain("not understood");
  });
});

describe("issue 11: public forms", () => {
  it("a new form is open when asked, skips members and links, and asks choices as radios and checkboxes", async () => {
    const { client } = await ownerApp("entry-form");
    await openNewTable(client, "Volunteers");
    await addField(client, "Shirt", "choice", { "Option 1": "Small", "Option 2": "Large" });
    await addField(client, "Skills", "multiChoice", { "Option 1": "First aid", "Option 2": "Driving" });
    await addField(client, "Email", "email");
    await addField(client, "Lead", "user");
    await addField(client, "Phone", "phone");
    await addField(client, "Town", "location");
    await addField(client, "Guests", "number");
    await client.click("← Tables");
    await client.click("Forms");
    client.fill("New form", "Sign up");
    await client.click("Create form"); // "Open now" is the first choice
    expect(client.query(".page-header .status-pill")?.textContent).toBe("Open");
    expect(client.text).toContain("Ask “Lead”");
    const html = await (await exports.default.fetch(`${ORIGIN}/f/entry-form/sign-up`)).text();
    expect(html).toMatch(/<input type="radio" id="q-shirt" name="shirt" value="Small"/);
    expect(html).toMatch(/<input type="checkbox" id="q-skills" name="skills" value="First aid"/);
    expect(html).toMatch(/name="skills" value="Driving"/);
    expect(html).toMatch(/type="email"[^>]*autocomplete="email"/);
    expect(html).toMatch(/id="q-name"[^>]*autocomplete="name"|autocomplete="name"[^>]*id="q-name"/);
    // Phones get the right keyboard, browsers fill in what they know.
    expect(html).toMatch(/type="tel"[^>]*autocomplete="tel"[^>]*id="q-phone"/);
    expect(html).toMatch(/autocomplete="address-level2"[^>]*id="q-town"/);
    expect(html).toMatch(/inputmode="decimal"[^>]*id="q-guests"/);
    expect(html).not.toContain('name="lead"');
    const sent = await postForm("entry-form", "sign-up", { body: new URLSearchParams([["name", "Ann"], ["shirt", "Large"], ["skills", "First aid"], ["skills", "Driving"], ["email", "ann@example.org"]]).toString() });
    expect(sent.status).toBe(303);
    const cells = await runInDurableObject(env.TENANT.getByName("entry-form"), (instance) => {
      const tenant = tenantOf(instance);
      const table = tenant.schema.tables[0]!;
      const record = tenant.records.query(table.id, { offset: 0, limit: 1 }).records[0]!;
      return Object.fromEntries(table.fields.map((f) => [f.name, record.cells[f.id]?.text ?? null]));
    });
    expect(cells).toMatchObject({ Name: "Ann", Shirt: "Large", Skills: "First aid, Driving", Email: "ann@example.org" });
  });

  it("leaving the builder saves what was typed, without JavaScript", async () => {
    const { client } = await ownerApp("entry-builder");
    await openNewTable(client, "Guests");
    await client.click("← Tables");
    await client.click("Forms");
    client.fill("New form", "RSVP");
    await client.click("Create form");
    client.fill("Title", "Come to the party");
    await client.click("← Forms");
    expect(client.text).toContain("Your changes to the form were saved.");
    expect(client.text).toContain("Come to the party");
  });
});
