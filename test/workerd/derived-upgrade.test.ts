// Issue 14: a derived field saved by older code keeps working. A lookup through a link to
// several records used to give the first linked record's value in its own kind (a money
// lookup was stored as money); it now gives every linked value as text, so such a stored
// field said "cannot compute" until saved again. On wake it is stored as text and
// recomputed, and an undo bringing back the older definition stores it as today's.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/schema/actions";
import type { Schema } from "../../src/schema/model";
import { saveSchema } from "../../src/tenant-do/schema-store";
import { ownerApp, tenantOf } from "./helpers";

const DB = "derived-upgrade";
const inObject = <T>(work: (tenant: ReturnType<typeof tenantOf>) => T) => runInDurableObject(env.TENANT.getByName(DB), (instance) => work(tenantOf(instance)));
const lookup = { k: "lookup", linkId: "ord-items", fieldId: "item-price" } as const;

describe("issue 14: derived fields stored before a change of meaning", () => {
  it("a money lookup through a link to several records, saved before, gives every value after a wake, follows edits, and survives undo", async () => {
    await ownerApp(DB);
    await inObject((tenant) => {
      const owner = tenant.accounts.members()[0]!;
      const act = (action: Action) => {
        const got = tenant.applyAction(owner, action);
        if (!got.ok) throw new Error(`${action.kind}: ${got.reason}`);
      };
      act({ kind: "addTable", tableId: "items", name: "Items", at: 1 });
      act({ kind: "addField", tableId: "items", field: { id: "item-name", name: "Name", type: "text", options: {} }, index: 0 });
      act({ kind: "addField", tableId: "items", field: { id: "item-price", name: "Price", type: "money", options: { currency: "USD" } }, index: 1 });
      act({ kind: "addRecord", tableId: "items", recordId: "cello", at: 2, cells: { "item-name": "Cello", "item-price": "$2" } });
      act({ kind: "addRecord", tableId: "items", recordId: "bow", at: 3, cells: { "item-name": "Bow", "item-price": "$3" } });
      act({ kind: "addTable", tableId: "orders", name: "Orders", at: 4 });
      act({ kind: "addField", tableId: "orders", field: { id: "ord-name", name: "Order", type: "text", options: {} }, index: 0 });
      act({ kind: "addField", tableId: "orders", field: { id: "ord-items", name: "Items", type: "link", options: { tableId: "items", multiple: true } }, index: 1 });
      act({ kind: "addRecord", tableId: "orders", recordId: "o1", at: 5, cells: { "ord-name": "First" } });
      act({ kind: "addRecord", tableId: "orders", recordId: "o2", at: 6, cells: { "ord-name": "Second" } });
      const types = { "ord-items": "link" } as const;
      tenant.records.setCells("orders", "o1", { "ord-items": { text: "Cello, Bow", value: ["cello", "bow"] } }, types);
      tenant.records.setCells("orders", "o2", { "ord-items": { text: "Bow", value: ["bow"] } }, types);
      // As older code stored it: a money field, holding the first linked record's price.
      const before = tenant.schema;
      const old: Schema = {
        ...before,
        tables: before.tables.map((t) => (t.id === "orders" ? { ...t, fields: [...t.fields, { id: "ord-price", name: "Price", type: "money", options: { currency: "USD" }, derived: { expr: lookup } }] } : t)),
      };
      saveSchema(tenant.storage, before, old);
      tenant.records.setCells("orders", "o1", { "ord-price": { text: "$2.00", value: { amount: 2, currency: "USD" } } }, { "ord-price": "money" });
      tenant.deleteMeta("derived_upgrade");
    });

    // The object wakes with that storage (start() is what a wake runs).
    const woken = await inObject((tenant) => {
      tenant.start();
      const orders = tenant.schema.tables.find((t) => t.id === "orders")!;
      const field = orders.fields.find((f) => f.id === "ord-price")!;
      return { type: field.type, o1: tenant.records.get("orders", "o1")?.cells["ord-price"], o2: tenant.records.get("orders", "o2")?.cells["ord-price"] };
    });
    expect(woken.type).toBe("text");
    expect(woken.o1).toEqual({ text: "$2.00, $3.00", value: "$2.00, $3.00" });
    expect(woken.o2).toEqual({ text: "$3.00", value: "$3.00" });

    const after = await inObject((tenant) => {
      const owner = tenant.accounts.members()[0]!;
      // A linked record's edit recomputes it (before the upgrade: "cannot compute").
      const edited = tenant.applyAction(owner, { kind: "setCell", tableId: "items", recordId: "bow", fieldId: "item-price", text: "$4" });
      const o1 = tenant.records.get("orders", "o1")?.cells["ord-price"];
      // The older definition coming back (as an undo's setDerived would bring it) is stored as today's.
      const back = tenant.applyAction(owner, { kind: "setDerived", tableId: "orders", fieldId: "ord-price", expr: lookup, type: "money", options: { currency: "USD" } });
      const field = tenant.schema.tables.find((t) => t.id === "orders")!.fields.find((f) => f.id === "ord-price")!;
      return { edited: edited.ok, o1, back: back.ok ? "ok" : back.reason, type: field.type, stored: tenant.storage.sql.exec<{ v: string }>("SELECT value AS v FROM meta WHERE key = 'derived_upgrade'").one().v };
    });
    expect(after).toEqual({ edited: true, o1: { text: "$2.00, $4.00", value: "$2.00, $4.00" }, back: "ok", type: "text", stored: "1" });
  });
});
