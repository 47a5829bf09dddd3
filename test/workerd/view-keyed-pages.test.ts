// Issue 12, "big pages page by key, not OFFSET", in a view grouped by a multiple choice: a
// record lies under each of its options, so a page turn names the row — the record and the
// option it lies under — in the page's address. Next, Previous and the address opened
// again (a reload, a colleague's link) show the same rows, none skipped or repeated, and
// the rows after that row even when records before it were deleted meanwhile.

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { NewField } from "../../src/schema/field-actions";
import type { TestClient } from "../../src/ui/engine/test-client";
import { ownerApp, tenantOf, newSharedView } from "./helpers";

const DB = "view-each-pages";
const choices = [{ id: "o-cello", label: "Cello", color: "blue" }, { id: "o-viola", label: "Viola", color: "green" }, { id: "o-harp", label: "Harp", color: "red" }];
// 60 players: 120 rows grouped by part (Cello 40, Viola 60, Harp 20), three pages of 50.
const PARTS = ["Cello, Viola", "Viola", "Cello, Harp, Viola"];
const names = (client: TestClient) => client.queryAll("input[aria-label^='Name of record']").map((e) => e.getAttribute("value"));
const pathOf = (address: string) => new URL(address, "http://x").pathname;

describe("a view grouped by a multiple choice, paged by key", () => {
  it("turns pages by the row (record and option) in the address; the address opened again shows the same rows", async () => {
    const { browser, client, current } = await ownerApp(DB);
    await runInDurableObject(env.TENANT.getByName(DB), (instance) => {
      const tenant = tenantOf(instance);
      const owner = tenant.accounts.members()[0]!;
      const records = Array.from({ length: 60 }, (_, i) => ({ id: `p${String(i + 1).padStart(3, "0")}`, texts: [`Player ${String(i + 1).padStart(3, "0")}`, PARTS[i % 3]!] }));
      const fields: NewField[] = [{ id: "f-name", name: "Name", type: "text", options: {} }, { id: "f-parts", name: "Parts", type: "multiChoice", options: { choices } }];
      const done = tenant.applyAction(owner, { kind: "importTable", tableId: "players", name: "Players", at: 1, fields, records, recordCount: records.length });
      if (!done.ok) throw new Error(done.reason);
    });
    await client.click("Tables");
    await client.click("Players");
    await newSharedView(client, "By part");
    await client.click("Group");
    client.fill("Group", "f-parts");
    await client.click("Group records");
    expect(client.text).toContain("60 records in 120 rows");
    const first = names(client);
    expect(first).toHaveLength(50);
    // Cello's 40 rows, then Viola's first 10: Player 010 is the last, and lies under Cello too.
    expect(first.slice(38, 42)).toEqual(["Player 058", "Player 060", "Player 001", "Player 002"]);

    await client.click("Next");
    expect(current()).toMatch(/\/views\/[\w-]+\/page\/2\/after\/p010~o-viola\?k=/);
    const second = names(client);
    expect(second).toHaveLength(50);
    expect(second[0]).toBe("Player 011");
    const secondAddress = pathOf(current());
    await client.click("Next");
    expect(current()).toMatch(/\/page\/3\/after\/p060~o-viola\?k=/);
    const third = names(client);
    // Harp's 20 rows: players 3, 6, … 60.
    expect(third).toEqual(Array.from({ length: 20 }, (_, i) => `Player ${String(3 * (i + 1)).padStart(3, "0")}`));
    // Every row once: 120 rows, each player under each of its options.
    expect([...first, ...second, ...third]).toHaveLength(120);
    expect(new Set([...first, ...second, ...third].map((n, i) => `${n} ${i < 40 ? "C" : i < 100 ? "V" : "H"}`)).size).toBe(120);

    // Previous names the first row of page 3 (under Harp): page 2 again, by key.
    await client.click("Previous");
    expect(current()).toMatch(/\/page\/2\/before\/p003~o-harp\?k=/);
    expect(names(client)).toEqual(second);
    // The address alone (a reload; a link sent to a colleague) shows the same rows — even
    // once a record before the page is deleted (by position, page 2 would start a row later).
    await runInDurableObject(env.TENANT.getByName(DB), (instance) => {
      const tenant = tenantOf(instance);
      const done = tenant.applyAction(tenant.accounts.members()[0]!, { kind: "deleteRecord", tableId: "players", recordId: "p001", at: 2 });
      if (!done.ok) throw new Error(done.reason);
    });
    const again = await browser.app(DB, secondAddress);
    expect(pathOf(again.current())).toBe(secondAddress);
    expect(names(again.client)).toEqual(second);
  });
});
