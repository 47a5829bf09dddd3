// Views through the screens, over HTTP, as a person without JavaScript would use them
// (issue 12): build a view of the sample's Musicians with a filter, a grouping and a summary,
// save it, and open it by its address as another member.

import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { resolveView } from "../../src/schema/views/query";
import type { SqlValue } from "../../src/schema/views/cell-sql";
import { aggregateQuery, groupRowsQuery, rowsQuery } from "../../src/schema/views/sql";
import { invite, ownerApp, SocketClient, tenantOf, newSharedView } from "./helpers";

async function musiciansView(database: string) {
  const { browser, client, current } = await ownerApp(database, { sample: true });
  await client.click("Musicians");
  await newSharedView(client, "Well paid, by country");
  return { browser, client, current };
}

describe("views", () => {
  it("a builder makes a shared view: filter, group by a part of a value, summaries per currency", async () => {
    const { client, current } = await musiciansView("views-build");
    expect(current()).toMatch(/\/t\/views-build\/tables\/[\w-]+\/views\/[\w-]+/);
    expect(client.query("nav.view-tabs [aria-current=page]")?.textContent).toBe("Well paid, by country");
    const all = Number(/([\d,]+) records/.exec(client.text)?.[1]?.replace(",", ""));
    await client.click("+ Filter");
    client.fill("Filter", "Fee >");
    client.fill("Value", "100");
    await client.click("Add filter");
    expect(client.query(".view-chips")?.textContent).toContain("Fee > 100");
    const filtered = Number(/([\d,]+) records/.exec(client.text)?.[1]?.replace(",", ""));
    expect(filtered).toBeLessThan(all);
    expect(filtered).toBeGreaterThan(0);
    await client.click("Group");
    client.fill("Group", "Address: country");
    await client.click("Group records");
    await client.click("+ Summary");
    client.fill("Summary", "sum of Fee");
    await client.click("Add summary");
    const heads = client.queryAll("tr.group-head");
    expect(heads.length).toBeGreaterThan(1);
    expect(heads.every((h) => h.getAttribute("data-region") !== null && /^grp-\d+$/.test(h.id))).toBe(true);
    expect(heads[0]?.textContent).toMatch(/\d+ records? ?sum of Fee: \$[\d,.]+/);
    expect(client.query("#view-totals")?.textContent).toContain(`All ${filtered} records`);
    // Saved at once (a builder may change a shared view), and undoable.
    expect(client.text).toContain("Changes save to this view for everyone.");
    // Renamed, and the rename undone.
    await client.click("Rename view");
    client.fill("Rename “Well paid, by country” to", "Fees by country");
    await client.click("Save name");
    expect(client.query("nav.view-tabs [aria-current=page]")?.textContent).toBe("Fees by country");
    await client.click("Undo");
    expect(client.query("nav.view-tabs [aria-current=page]")?.textContent).toBe("Well paid, by country");
    // Deleted: the page goes back to all records; undo brings the view back.
    await client.click("Delete view");
    expect(client.query("nav.view-tabs [aria-current=page]")?.textContent).toBe("All records");
    expect(client.queryAll("nav.view-tabs a").map((a) => a.textContent)).not.toContain("Well paid, by country");
    await client.click("Undo");
    expect(client.queryAll("nav.view-tabs a").map((a) => a.textContent)).toContain("Well paid, by country");
  });

  it("a member opens a shared view by its address; personal views stay their maker's", async () => {
    const { browser, client: owner, current } = await musiciansView("views-share");
    await owner.click("Group");
    owner.fill("Group", "Instrument");
    await owner.click("Group records");
    const address = new URL(current(), "http://x").pathname;
    const { member } = await invite(owner, "editor", "ed@views-share.org");
    const { client, current: memberAt } = await member.app("views-share", address);
    expect(new URL(memberAt(), "http://x").pathname).toBe(address);
    expect(client.query("nav.view-tabs [aria-current=page]")?.textContent).toBe("Well paid, by country");
    expect(client.queryAll("tr.group-head").length).toBeGreaterThan(1);
    // An editor may not change a shared view: their change stays theirs until they save it.
    await client.click("Group");
    client.fill("Group", "Active");
    await client.click("Group within the groups");
    expect(client.text).toContain("You changed this view for yourself.");
    expect(client.queryAll("button").map((b) => b.textContent)).not.toContain("Update the view for everyone who sees it");
    await client.click("Save as a new view…");
    client.fill("Name of the new view", "Mine by activity");
    await client.click("Create my view");
    const personal = new URL(memberAt(), "http://x").pathname;
    expect(personal).not.toBe(address);
    expect(client.query("nav.view-tabs [aria-current=page]")?.textContent).toContain("Mine by activity");
    // The owner's shared view did not change, and the member's own view is not theirs to see.
    const shared = await browser.open(address);
    expect(shared.html).toContain("grouped by Instrument");
    const refused = await browser.open(personal);
    expect(refused.response.status).toBe(404);
    expect(refused.html).toContain("someone else&#39;s personal view");
  });

  it("is live: another member's open view gets only the changed group and row", async () => {
    const { client: owner, current } = await musiciansView("views-live");
    await owner.click("Group");
    owner.fill("Group", "Instrument");
    await owner.click("Group records");
    await owner.click("+ Summary");
    owner.fill("Summary", "sum of Fee");
    await owner.click("Add summary");
    const { member } = await invite(owner, "viewer", "vi@views-live.org");
    await owner.click("Tables");
    await owner.click("Musicians");
    await owner.click("Well paid, by country");
    const address = new URL(current(), "http://x").pathname;
    const socket = await SocketClient.open(member, "views-live", address);
    const firstGroup = owner.query("tr.group-head")!;
    expect(firstGroup.id).toBe("grp-0");
    owner.fill("Fee of record 1", "$1,000,000");
    await owner.click("Save changes");
    const pushed = await socket.next((f) => f.t === "render" && f.regions.some(([id]) => id === "grp-0"));
    if (pushed.t !== "render") throw new Error("not a render");
    const sent = pushed.regions.map(([id]) => id);
    // The changed row, its group's header and the totals: not the other groups, not the page.
    expect(sent).toEqual(expect.arrayContaining(["grp-0", "view-totals"]));
    expect(sent.filter((id) => id.startsWith("grp-"))).toEqual(["grp-0"]);
    expect(sent.filter((id) => id.startsWith("rec-"))).toHaveLength(1);
    expect(pushed.html).toContain("$1,000,000.00");
    expect(pushed.bytes).toBeLessThan(12_000);
  });

  it("a view sorted by a field gets an index of that field's keys, dropped with the view", async () => {
    const { client } = await musiciansView("views-index");
    await client.click("+ Sort");
    client.fill("Sort", "Fee ↑");
    await client.click("Add sort");
    const stub = env.TENANT.getByName("views-index");
    const plan = await runInDurableObject(stub, (instance, state) => {
      const tenant = tenantOf(instance);
      const view = tenant.schema.views![0]!;
      const table = tenant.schema.tables.find((t) => t.id === view.tableId)!;
      const query = rowsQuery(resolveView(view, table, tenant.document().context), { offset: 0, limit: 50 });
      const indexes = state.storage.sql.exec<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'vx_%'").toArray();
      const steps = state.storage.sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${query.sql}`, ...query.params).toArray().map((r) => r.detail);
      return { indexes, steps, fee: view.sorts[0]!.fieldId };
    });
    const sortIndex = plan.indexes.find((i) => i.sql.includes(`'$."${plan.fee}".k'`));
    expect(sortIndex).toBeDefined();
    expect(plan.steps.join(" | ")).toContain(`USING INDEX ${sortIndex!.name}`);
    expect(plan.steps.join(" | ")).not.toContain("TEMP B-TREE");
    await client.click("Delete view");
    const after = await runInDurableObject(stub, (_instance, state) => state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'vx_%'").toArray().length);
    expect(after).toBe(0);
  });

  it("a grouped view's groups, summaries and first page are read from its indexes, not the records", async () => {
    const { client } = await musiciansView("views-group-index");
    await client.click("+ Sort");
    client.fill("Sort", "Fee ↓");
    await client.click("Add sort");
    const stub = env.TENANT.getByName("views-group-index");
    const got = await runInDurableObject(stub, (instance, state) => {
      const tenant = tenantOf(instance);
      const found = tenant.schema.views![0]!;
      const table = tenant.schema.tables.find((t) => t.id === found.tableId)!;
      const fee = found.sorts[0]!.fieldId;
      const place = table.fields.find((f) => f.type === "location") ?? table.fields.find((f) => f.type === "choice")!;
      const view = { ...found, group: { fieldId: place.id, part: place.type === "location" ? "country" : null }, summaries: [{ fieldId: fee, kind: "sum" as const }] };
      const applied = tenant.applyAction(tenant.accounts.members()[0]!, { kind: "updateView", tableId: view.tableId, view });
      if (!applied.ok) throw new Error(applied.reason);
      const resolved = resolveView(view, table, tenant.document().context);
      const plan = (f: { sql: string; params: SqlValue[] }) => state.storage.sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${f.sql}`, ...f.params).toArray().map((r) => r.detail).join(" | ");
      const calls = (f: { sql: string; params: SqlValue[] }) => state.storage.sql.exec<{ opcode: string; p4: string | null }>(`EXPLAIN ${f.sql}`, ...f.params).toArray().filter((r) => r.opcode === "Function" && String(r.p4).includes("json_extract")).length;
      const rows = rowsQuery(resolved, { offset: 0, limit: 50 });
      const groups = aggregateQuery(resolved);
      // A page inside a group is found by the group's keys, from either end of it.
      const inside = [false, true].map((fromEnd) => plan(groupRowsQuery(resolved, [{ kind: 0, key: "Canada" }], { fromEnd, skip: 10, limit: 50 })));
      return { rows: plan(rows), groups: plan(groups), groupCalls: calls(groups), inside };
    });
    expect(got.rows).toContain("USING INDEX vx_");
    expect(got.rows).not.toContain("TEMP B-TREE");
    expect(got.groups).toContain("USING INDEX vx_");
    expect(got.groups).not.toContain("TEMP B-TREE");
    // Every group key and summarised value comes from the index: no record's JSON is read.
    expect(got.groupCalls).toBe(0);
    for (const inside of got.inside) {
      expect(inside).toMatch(/USING INDEX vx_\w+ \(table_id=\? AND <expr>=\? AND <expr>=\?\)/);
      expect(inside).not.toContain("TEMP B-TREE");
    }
  });
});
