// Issue 15: exporting a view — its filters, sort and visible fields — as CSV (formula-safe)
// and JSON, a saved view by its id and an unsaved one by its definition.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseDelimited } from "../../src/schema/import/csv";
import { ownerApp, tenantOf } from "./helpers";

describe("export a view (issue 15)", () => {
  it("writes the view's records in its order with its visible fields only", async () => {
    const { browser, client } = await ownerApp("export-view");
    await client.click("Import…");
    const tsv = ["Name\tFee\tNote", "Ann\t$120\t=SUM(A1)", "Bo\t$5\t", "Cy\t€35\t@home", "Di\t$7\tplain"].join("\n");
    client.fill("Paste from a spreadsheet", tsv);
    await client.click("Preview");
    client.fill("Table name", "Fees");
    await client.click("Import 4 records");
    const stub = env.TENANT.getByName("export-view");
    const { tableId, ids } = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      const table = tenant.schema.tables.find((t) => t.name === "Fees")!;
      return { tableId: table.id, ids: new Map(table.fields.map((f) => [f.name, f.id])) };
    });
    const view = {
      id: "v1exp", tableId, name: "Noted", owner: null, fields: [ids.get("Note")!, ids.get("Name")!],
      filters: [{ fieldId: ids.get("Note")!, op: "isNotEmpty", args: [] }], sorts: [{ fieldId: ids.get("Name")!, descending: true }], search: "", group: null, summaries: [],
    };
    const added = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      return tenant.applyAction(tenant.accounts.members()[0]!, { kind: "addView", tableId, view });
    });
    expect(added.ok).toBe(true);
    const csv = await (await browser.fetch(`/t/export-view/tables/${tableId}/export?format=csv&values=text&view=v1exp`)).text();
    const back = parseDelimited(csv);
    expect(back.ok && back.rows).toEqual([["Note", "Name"], ["plain", "Di"], ["'@home", "Cy"], ["'=SUM(A1)", "Ann"]]);
    // An unsaved view travels in the address; understood values as JSON.
    const draft = { ...view, id: "draft", fields: [ids.get("Name")!, ids.get("Fee")!], sorts: [] };
    const json = await (await browser.fetch(`/t/export-view/tables/${tableId}/export?format=json&values=understood&definition=${encodeURIComponent(JSON.stringify(draft))}`)).json();
    expect(json).toEqual([{ Name: "Ann", Fee: { amount: 120, currency: "USD" } }, { Name: "Cy", Fee: { amount: 35, currency: "EUR" } }, { Name: "Di", Fee: { amount: 7, currency: "USD" } }]);
    expect((await browser.fetch(`/t/export-view/tables/${tableId}/export?format=csv&view=nope`)).status).toBe(404);
    expect((await browser.fetch(`/t/export-view/tables/${tableId}/export?format=csv&definition=${encodeURIComponent("{\"id\":1}")}`)).status).toBe(400);
  });
});
