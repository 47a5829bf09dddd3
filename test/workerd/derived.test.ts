// Derived fields in the object (issue 14): built through the builder's form posts (no
// JavaScript), stored in SQLite cells and recomputed there — through links, by constants,
// after deleting and restoring a field — with undo restoring everything.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type Action, apply, type Document } from "../../src/schema/actions";
import type { Expr } from "../../src/schema/derived/expr";
import { recordLookup } from "../../src/schema/lookup";
import { migrate } from "../../src/tenant-do/migrations";
import { SqlRecordStore } from "../../src/tenant-do/sql-records";
import type { TestClient } from "../../src/ui/engine/test-client";
import { addField, openNewTable, ownerApp } from "./helpers";

const cellValue = (client: TestClient, label: string) => client.query(`input[aria-label='${label}']`)?.getAttribute("value");

describe("issue 14: the builder, without JavaScript", () => {
  it("builds “days overdue” by pointing, previews it, saves it, and it follows edits; undo takes it away", async () => {
    const { client } = await ownerApp("derived-builder");
    await openNewTable(client, "Tasks");
    await addField(client, "Task");
    await addField(client, "Due", "date");
    await client.click("Add record");
    client.fill("Task of record 1", "Invoice");
    client.fill("Due of record 1", "2000-01-01");
    await client.click("Save changes");

    await client.click("Computed field");
    expect(client.query("[role=dialog] h2")?.textContent).toBe("New computed field in “Tasks”");
    client.fill("Field name", "Days overdue");
    client.fill("Start with", "today");
    await client.click("Update preview");
    // Only operations that fit a date are offered: no "in days" before a duration.
    const ops = client.queryAll("#derived-op-next option").map((o) => o.textContent);
    expect(ops).toContain("minus");
    expect(ops).not.toContain("in days");
    client.fill("Add a step", "minus");
    await client.click("Update preview");
    client.fill("Second value of step 1", "Due (date)");
    await client.click("Update preview");
    client.fill("Add a step", "in days");
    await client.click("Update preview");
    expect(client.text).toContain("Gives a number");
    const days = Math.round((Date.now() - Date.parse("2000-01-01T00:00:00Z")) / 86_400_000);
    expect(Math.abs(Number(client.query(".preview tbody td:last-child")?.textContent?.replace(/,/g, "")) - days)).toBeLessThanOrEqual(1);
    await client.click("Add field");
    expect(client.text).toContain("“Days overdue” is added and computed for every record.");
    expect(Math.abs(Number(cellValue(client, "Days overdue of record 1")?.replace(/,/g, "")) - days)).toBeLessThanOrEqual(1);
    expect(client.query("input[aria-label='Days overdue of record 1']")?.hasAttribute("readonly")).toBe(true);

    // A second computed field reads the first; making the first read the second is a loop.
    await client.click("Computed field");
    client.fill("Field name", "Weeks overdue");
    client.fill("Start with", "Days overdue (number)");
    await client.click("Update preview");
    client.fill("Add a step", "divided by");
    await client.click("Update preview");
    client.fill("Second value of step 1", "a number I type");
    await client.click("Update preview");
    client.fill("The number to use", "7");
    await client.click("Add field");
    expect(client.text).toContain("“Weeks overdue” is added");
    await client.click("Field menu for Days overdue");
    await client.click("Change computation");
    expect(client.query("#derived-start option[selected]")?.getAttribute("value")).toBe("today");
    client.fill("Start with", "Weeks overdue (number)");
    await client.click("Update preview");
    await client.click("Save changes", "[role=dialog]");
    expect(client.query("[role=dialog] .form-error")?.textContent).toBe("That would make a loop: Days overdue → Weeks overdue → Days overdue.");
    await client.click("Cancel");

    client.fill("Due of record 1", "");
    await client.click("Save changes");
    expect(cellValue(client, "Days overdue of record 1")).toBe("");

    await client.click("Undo"); // the Due edit
    await client.click("Undo"); // adding Weeks overdue
    await client.click("Undo"); // adding Days overdue
    expect(client.query("input[aria-label='Days overdue of record 1']")).toBeNull();
  });
});

function sqlDocument(state: DurableObjectState): Document {
  migrate(state.storage, Date.now());
  const doc: Document = { schema: { tables: [] }, records: new SqlRecordStore(state.storage), context: { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" } };
  doc.context.lookup = recordLookup(() => doc.schema, doc.records);
  return doc;
}

function must(doc: Document, action: Action): Action {
  const result = apply(doc, action);
  if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
  doc.schema = result.schema;
  return result.inverse;
}

const cell = (doc: Document, tableId: string, recordId: string, fieldId: string) => doc.records.get(tableId, recordId)?.cells[fieldId];

describe("issue 14: recomputation in SQLite", () => {
  it("rolls up money per currency through a link, recomputes on linked edits, constants and field deletion; undo restores", () =>
    runInDurableObject(env.TENANT.getByName("derived-sql"), (_instance, state) => {
      const doc = sqlDocument(state);
      must(doc, { kind: "addTable", tableId: "tc", name: "Customers", at: 1 });
      must(doc, { kind: "addField", tableId: "tc", field: { id: "cn", name: "Name", type: "text", options: {} }, index: 0 });
      must(doc, { kind: "addTable", tableId: "to", name: "Orders", at: 2 });
      must(doc, { kind: "addField", tableId: "to", field: { id: "on", name: "Order", type: "text", options: {} }, index: 0 });
      must(doc, { kind: "addField", tableId: "to", field: { id: "amt", name: "Amount", type: "money", options: { currency: "USD" } }, index: 1 });
      must(doc, { kind: "addField", tableId: "tc", field: { id: "ord", name: "Orders", type: "link", options: { tableId: "to", multiple: true } }, index: 1 });
      must(doc, { kind: "addRecord", tableId: "to", recordId: "o1", at: 1, cells: { on: "A-1", amt: "$30" } });
      must(doc, { kind: "addRecord", tableId: "to", recordId: "o2", at: 2, cells: { on: "A-2", amt: "€12.50" } });
      must(doc, { kind: "addRecord", tableId: "tc", recordId: "c1", at: 3, cells: { cn: "Acme", ord: "A-1, A-2" } });
      const spent: Expr = { k: "rollup", linkId: "ord", agg: "sum", fieldId: "amt" };
      must(doc, { kind: "addField", tableId: "tc", field: { id: "spent", name: "Spent", type: "money", options: { currency: "USD" }, derived: { expr: spent } }, index: 2 });
      expect(cell(doc, "tc", "c1", "spent")).toMatchObject({ text: "$30.00 + €12.50", value: null, invalid: "cannot compute: amounts in USD, EUR are kept per currency" });
      expect(doc.records.invalidCounts("tc")).toEqual({ spent: 1 });
      must(doc, { kind: "setCell", tableId: "to", recordId: "o2", fieldId: "amt", text: "$12.50" });
      expect(cell(doc, "tc", "c1", "spent")).toEqual({ text: "$42.50", value: { amount: 42.5, currency: "USD" } });
      expect(doc.records.invalidCounts("tc")).toEqual({});

      // A constant used by 600 values (more than one batch of the store's bulk rewrite).
      must(doc, { kind: "setConstant", tableId: "", constantId: "k", constant: { id: "k", name: "Tax rate", type: "percent", text: "8%" }, tables: [] });
      const tax: Expr = { k: "op", op: "percentOf", args: [{ k: "const", constantId: "k" }, { k: "field", fieldId: "amt" }] };
      must(doc, { kind: "addField", tableId: "to", field: { id: "tax", name: "Tax", type: "money", options: { currency: "USD" }, derived: { expr: tax } }, index: 2 });
      for (let i = 3; i < 600; i++) must(doc, { kind: "addRecord", tableId: "to", recordId: `o${i}`, at: i, cells: { on: `B-${i}`, amt: `$${i}` } });
      expect(cell(doc, "to", "o599", "tax")?.value).toEqual({ amount: 47.92, currency: "USD" });
      const undoRate = must(doc, { kind: "setConstant", tableId: "", constantId: "k", constant: { id: "k", name: "Tax rate", type: "percent", text: "10%" }, tables: ["to"] });
      expect(cell(doc, "to", "o599", "tax")?.value).toEqual({ amount: 59.9, currency: "USD" });
      expect(cell(doc, "to", "o1", "tax")?.value).toEqual({ amount: 3, currency: "USD" });
      must(doc, undoRate);
      expect(cell(doc, "to", "o599", "tax")?.value).toEqual({ amount: 47.92, currency: "USD" });

      const undoDelete = must(doc, { kind: "deleteField", tableId: "to", fieldId: "amt", at: 9 });
      expect(cell(doc, "to", "o7", "tax")?.invalid).toBe("cannot compute: a field it uses was deleted");
      expect(cell(doc, "tc", "c1", "spent")?.invalid).toMatch(/a field of “Orders” it uses was deleted/);
      expect(doc.records.invalidCounts("to")).toEqual({ tax: 599 });
      must(doc, undoDelete);
      expect(cell(doc, "to", "o7", "tax")?.value).toEqual({ amount: 0.56, currency: "USD" });
      expect(cell(doc, "tc", "c1", "spent")?.value).toEqual({ amount: 42.5, currency: "USD" });
      expect(doc.records.invalidCounts("to")).toEqual({});
    }));
});
