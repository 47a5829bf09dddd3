// Issue 14: a constant behind many records is recomputed in the background — by the alarm,
// a chunk at a time, with the table page saying how far it is and which cells wait — and
// the job survives the object's eviction; undo goes the same way back.

import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/schema/actions";
import { addField, openNewTable, ownerApp, tenantOf } from "./helpers";

const DB = "derived-background";
const N = 9;

async function inObject<T>(work: (tenant: ReturnType<typeof tenantOf>) => T): Promise<T> {
  return runInDurableObject(env.TENANT.getByName(DB), (instance) => work(tenantOf(instance)));
}

const taxes = () =>
  inObject((tenant) => {
    const table = tenant.schema.tables.find((t) => t.name === "Orders")!;
    const tax = table.fields.find((f) => f.name === "Tax")!;
    return tenant.records.list(table.id, 0, 100).map((r) => (r.cells[tax.id]?.value as { amount: number } | undefined)?.amount ?? null);
  });

describe("issue 14: recomputing in the background", () => {
  it("changes a constant behind many records in chunks driven by the alarm, with progress and pending cells, across eviction; undo too", async () => {
    const { client } = await ownerApp(DB);
    await openNewTable(client, "Orders");
    await addField(client, "Amount", "money");
    await inObject((tenant) => {
      const owner = tenant.accounts.members()[0]!;
      const table = tenant.schema.tables.find((t) => t.name === "Orders")!;
      const amount = table.fields.find((f) => f.name === "Amount")!;
      const act = (action: Action) => {
        const got = tenant.applyAction(owner, action);
        if (!got.ok) throw new Error(got.reason);
      };
      for (let i = 0; i < N; i++) act({ kind: "addRecord", tableId: table.id, recordId: `order${i}`, at: i, cells: { [amount.id]: `$${(i + 1) * 100}` } });
      act({ kind: "setConstant", tableId: "", constantId: "rate", constant: { id: "rate", name: "Rate", type: "percent", text: "10%" }, tables: [] });
      act({ kind: "addField", tableId: table.id, field: { id: "taxfield", name: "Tax", type: "money", options: { currency: "USD" }, derived: { expr: { k: "op", op: "percentOf", args: [{ k: "const", constantId: "rate" }, { k: "field", fieldId: amount.id }] } } }, index: 9 });
    });
    expect(await taxes()).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);

    // The Constants page changes the rate; from 3 records on it goes to the background.
    await inObject((tenant) => {
      tenant.derivedJobs.from = 3;
    });
    await client.click("Constants");
    await client.click("Change Rate");
    client.fill("Value", "20%");
    await client.click("Save");
    expect(client.text).toContain("“Rate” is saved");
    expect(await taxes()).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(client.query(".recomputing-in")?.textContent).toMatch(/Orders:.*Recomputing “Tax”… 0%/s);

    // One chunk of 4 by the alarm; the table page says how far and which cells wait. The
    // rest of the alarm's housekeeping is not starved by the job: two sessions idle for
    // long are forgotten in the same alarm event, while the job still has more to do.
    const idleSessions = () => inObject((tenant) => tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM ui_sessions WHERE id LIKE 'idle-%'").one().n);
    await inObject((tenant) => {
      tenant.derivedJobs.chunk = 4;
      for (const id of ["idle-1", "idle-2"]) tenant.storage.sql.exec("INSERT INTO ui_sessions (id, user_id, login_hash, snapshot, updated_at) VALUES (?, 'nobody', '', '{}', 0)", id);
    });
    expect(await idleSessions()).toBe(2);
    expect(await runDurableObjectAlarm(env.TENANT.getByName(DB))).toBe(true);
    expect(await taxes()).toEqual([20, 40, 60, 80, 50, 60, 70, 80, 90]);
    expect(await inObject((tenant) => tenant.derivedJobs.running)).toBe(true);
    expect(await idleSessions()).toBe(0);
    await client.click("Tables");
    await client.click("Orders");
    expect(client.query("p.recomputing")?.textContent).toContain("Recomputing “Tax”… 44%");
    expect(client.query("input[aria-label='Tax of record 1']")?.getAttribute("value")).toBe("$20.00");
    expect(client.query("input[aria-label='Tax of record 5']")?.getAttribute("placeholder")).toBe("recomputing…");
    expect(client.query("input[aria-label='Tax of record 5']")?.closest("td")?.classList.contains("pending")).toBe(true);
    // Sorted by Tax, the order still reads the values not recomputed yet: the note says so.
    expect(client.query(".recomputing-stale")).toBeNull();
    await client.click("Sort by Tax");
    expect(client.query(".recomputing-stale")?.textContent).toBe(" Until it is done, the order uses the earlier values.");
    await client.click("Sort by Tax");
    await client.click("Sort by Tax");

    // Evicted mid-way: the job and the alarm are in storage; the rest is done after waking.
    await evictDurableObject(env.TENANT.getByName(DB));
    expect(await runDurableObjectAlarm(env.TENANT.getByName(DB))).toBe(true);
    expect(await taxes()).toEqual([20, 40, 60, 80, 100, 120, 140, 160, 180]);
    expect(await inObject((tenant) => tenant.derivedJobs.running)).toBe(false);
    await client.click("Tables");
    await client.click("Orders");
    expect(client.query("p.recomputing")).toBeNull();

    // Undo is an action like any other: back to 10 %, in the background again.
    await inObject((tenant) => {
      tenant.derivedJobs.from = 3;
    });
    await client.click("Undo");
    expect(await taxes()).toEqual([20, 40, 60, 80, 100, 120, 140, 160, 180]);
    while (await runDurableObjectAlarm(env.TENANT.getByName(DB))) if (!(await inObject((tenant) => tenant.derivedJobs.running))) break;
    expect(await taxes()).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});
