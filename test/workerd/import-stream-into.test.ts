// Issue 15: a file over 5 MB, uploaded in chunks, merged into an EXISTING table by a key
// field — through the same mapping step as a small import (columns by name, a new field,
// add or merge) — by a job that reads one chunk at a time through the object's eviction;
// the report counts every row, and one Undo takes the whole import back (Redo puts it again).
// And a JSON array of objects over 5 MB goes up in chunks as CSV does.

import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STREAM_LIMITS } from "../../src/schema/import/stream";
import type { TestClient } from "../../src/ui/engine/test-client";
import { type Browser, ownerApp, tenantOf } from "./helpers";

const NOTE = "Brings the folder, a pencil and the stand light; plays the spring and autumn concerts. ".repeat(3);
const ROWS = 24_000;
/** Members already in the table: every 400th of the file's people, and one the file lacks. */
const KNOWN = Array.from({ length: ROWS / 400 }, (_, i) => i * 400 + 7);

/** About 7 MB: Name (the key, its case changed), Fee (every 20th not understood), Note, Email (a new field); the last row repeats the 6th's key. */
function bigCsv(): Uint8Array {
  const lines = ["NAME,Fee,Note,Email"];
  for (let i = 0; i < ROWS; i++) lines.push(`person ${i},${i % 20 === 0 ? "ask Maria" : `$${i % 1000}.50`},"${NOTE}",p${i}@example.org`);
  // A key a row many chunks earlier added: that record is updated, no other is made.
  lines.push("Person 5,$9.99,,");
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}

async function send(browser: Browser, db: string, bytes: Uint8Array, upload: string, name = "members.csv"): Promise<void> {
  const count = Math.ceil(bytes.length / STREAM_LIMITS.chunkBytes);
  for (let i = 0; i < count; i++) {
    const query = new URLSearchParams({ upload, index: String(i), last: i === count - 1 ? "1" : "0", size: String(bytes.length), name });
    const answer = await (await browser.fetch(`/t/${db}/import-chunks?${query}`, { method: "POST", body: bytes.slice(i * STREAM_LIMITS.chunkBytes, (i + 1) * STREAM_LIMITS.chunkBytes) })).json();
    expect(answer).toMatchObject({ ok: true, received: i + 1 });
  }
}

/** The table "Members" (Name, Fee) of the KNOWN people, fee $1, and Zed; its id. */
async function members(client: TestClient): Promise<string> {
  await client.click("Import…");
  client.fill("Paste from a spreadsheet", ["Name\tFee", ...KNOWN.map((i) => `Person ${i}\t$1`), "Zed\t$2"].join("\n"));
  await client.click("Preview");
  client.fill("Table name", "Members");
  await client.click(`Import ${KNOWN.length + 1} records`);
  const href = client.query("a.button.primary")?.getAttribute("href") ?? "";
  return /tables\/([\w-]+)/.exec(href)![1]!;
}

describe("files over 5 MB in chunks: into an existing table, and JSON (issue 15)", () => {
  it("is mapped, merged by a key field part by part through an eviction, reported, and undone in one step", async () => {
    const db = "import-stream-into";
    const { browser, client } = await ownerApp(db);
    const tableId = await members(client);
    const bytes = bigCsv();
    expect(bytes.length).toBeGreaterThan(6_000_000);
    await send(browser, db, bytes, "intoupload0123456789");
    // The table's import page names the upload; the mapping step reads its first rows.
    const page = await browser.open(`/t/${db}/tables/${tableId}/import`);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)![1]!.replace(/&amp;/g, "&");
    const upload = /<input type="hidden" name="([^"]+)" value="" data-upload-id=""/.exec(page.html)![1]!;
    const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(page.html)!;
    const posted = await browser.fetch(action, { method: "POST", body: new URLSearchParams({ [upload]: "intoupload0123456789", [submit[1]!]: submit[2]! }) });
    expect(posted.status).toBe(303);
    const { client: importer, current } = await browser.app(db, posted.headers.get("location")!);
    expect(importer.text).toContain("Import into “Members”");
    expect(importer.text).toContain(`${(ROWS + 1).toLocaleString("en")} records`);
    const target = (column: string) => importer.queryAll("table.import-mapping tbody tr").find((tr) => tr.querySelector("th")?.textContent === column)?.querySelector("option[selected]")?.textContent;
    expect([target("NAME"), target("Fee"), target("Email")]).toEqual(["Name", "Fee", "New field “Email”"]);
    importer.fill("Where “Note” goes", "skip");
    importer.fill("Rows", "merge");
    await importer.click("Update preview");
    // Counted in the first 20,000 rows: 50 known people among them.
    expect(importer.text).toContain("In the first 20,000 rows: will add 19,950 records, update 50 records, add 1 field.");
    await importer.click("Import");
    expect(importer.text).toContain("Importing into “Members”");

    const stub = env.TENANT.getByName(db);
    const running = () => runInDurableObject(stub, (instance) => tenantOf(instance).importJobs.running()[0]);
    await runDurableObjectAlarm(stub);
    const midway = await running();
    expect(midway?.done).toBeGreaterThan(0);
    expect(midway?.done).toBeLessThan(ROWS);
    await evictDurableObject(stub);
    for (let i = 0; i < 200 && (await running()) !== undefined; i++) await runDurableObjectAlarm(stub);

    const read = () =>
      runInDurableObject(stub, (instance) => {
        const tenant = tenantOf(instance);
        const table = tenant.schema.tables.find((t) => t.id === tableId)!;
        const live = table.fields.filter((f) => f.deletedAt === undefined);
        const byName = new Map(tenant.records.list(tableId, 0, ROWS + 100).map((r) => [r.cells[live[0]!.id]?.text ?? "", Object.fromEntries(live.map((f) => [f.name, r.cells[f.id]?.text ?? ""]))]));
        const job = tenant.storage.sql.exec<{ id: string }>("SELECT id FROM import_jobs WHERE plan LIKE '{\"kind\":\"into\"%'").one();
        return { fields: live.map((f) => `${f.name}:${f.type}`), count: byName.size, person7: byName.get("Person 7"), person407: byName.get("Person 407"), person0: byName.get("person 0"), person5: byName.get("person 5"), zed: byName.get("Zed"), last: byName.get(`person ${ROWS - 1}`), job: tenant.importJobs.get(job.id)!, chunks: tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_upload_chunks").one().n };
      });
    const after = await read();
    expect(after.fields).toEqual(["Name:text", "Fee:money", "Email:email"]);
    expect(after.count).toBe(ROWS + 1);
    // Matched by name (case aside): the name stays as it was, the fee and email are the file's.
    expect(after.person7).toEqual({ Name: "Person 7", Fee: "$7.50", Email: "p7@example.org" });
    expect(after.person407).toEqual({ Name: "Person 407", Fee: "$407.50", Email: "p407@example.org" });
    expect(after.person0).toEqual({ Name: "person 0", Fee: "ask Maria", Email: "p0@example.org" });
    expect(after.last?.Email).toBe(`p${ROWS - 1}@example.org`);
    expect(after.person5).toEqual({ Name: "person 5", Fee: "$9.99", Email: "p5@example.org" });
    expect(after.zed).toEqual({ Name: "Zed", Fee: "$2", Email: "" });
    expect(after.job).toMatchObject({ state: "done", done: ROWS + 1, total: ROWS + 1 });
    expect(after.job.into).toMatchObject({ added: ROWS - KNOWN.length, updated: KNOWN.length, skipped: ["Note"] });
    expect(after.job.into?.columns.map((c) => [c.field, c.isNew, c.flagged])).toEqual([["Name", false, 0], ["Fee", false, ROWS / 20], ["Email", true, 0]]);
    expect(after.chunks).toBe(0);

    // The report, on the page that started the import.
    const { client: report } = await browser.app(db, current());
    expect(report.text).toContain(`${(ROWS - KNOWN.length).toLocaleString("en")} records added, ${KNOWN.length} records updated`);
    expect(report.text).toContain(`Fee: ${(ROWS / 20).toLocaleString("en")} values kept but flagged`);
    expect(report.text).toContain("Rows not imported: none");

    // One Undo takes the whole import back: the records it added, the cells it changed, its field.
    await report.click("Undo");
    const undone = await read();
    expect(undone.fields).toEqual(["Name:text", "Fee:money"]);
    expect(undone.count).toBe(KNOWN.length + 1);
    expect(undone.person7).toEqual({ Name: "Person 7", Fee: "$1" });
    expect(undone.zed).toEqual({ Name: "Zed", Fee: "$2" });
    await report.click("Redo");
    const redone = await read();
    expect(redone.count).toBe(ROWS + 1);
    expect(redone.person407).toEqual({ Name: "Person 407", Fee: "$407.50", Email: "p407@example.org" });
  }, 240_000);

  it("undone while its job runs: the job stops, and what it had done is taken back", async () => {
    const db = "import-stream-into-undo";
    const { browser, client } = await ownerApp(db);
    const tableId = await members(client);
    const bytes = bigCsv().slice(0, 2_500_000);
    const cut = bytes.lastIndexOf(10) + 1;
    await send(browser, db, bytes.slice(0, cut), "intoundo012345678901");
    const page = await browser.open(`/t/${db}/tables/${tableId}/import`);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)![1]!.replace(/&amp;/g, "&");
    const upload = /<input type="hidden" name="([^"]+)" value="" data-upload-id=""/.exec(page.html)![1]!;
    const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(page.html)!;
    const posted = await browser.fetch(action, { method: "POST", body: new URLSearchParams({ [upload]: "intoundo012345678901", [submit[1]!]: submit[2]! }) });
    const { client: importer } = await browser.app(db, posted.headers.get("location")!);
    importer.fill("Rows", "merge");
    await importer.click("Update preview");
    await importer.click("Import");
    expect(importer.text).toContain("Importing into “Members”");
    // The request wrote the first chunk (2,000 rows); Undo now takes it back and stops the job.
    await importer.click("Undo");
    const stub = env.TENANT.getByName(db);
    await runDurableObjectAlarm(stub);
    const state = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      const job = tenant.storage.sql.exec<{ id: string }>("SELECT id FROM import_jobs WHERE plan LIKE '{\"kind\":\"into\"%'").one();
      const table = tenant.schema.tables.find((t) => t.id === tableId)!;
      const fee = table.fields.find((f) => f.name === "Fee")!.id;
      return { job: tenant.importJobs.get(job.id)!, count: tenant.records.count(tableId), fees: new Set(tenant.records.list(tableId, 0, 1000).map((r) => r.cells[fee]?.text)), fields: table.fields.filter((f) => f.deletedAt === undefined).map((f) => f.name) };
    });
    expect(state.job).toMatchObject({ state: "cancelled", reason: "The import was undone, so it stopped." });
    expect(state.job.done).toBeLessThan(state.job.total);
    expect(state.count).toBe(KNOWN.length + 1);
    expect([...state.fees].sort()).toEqual(["$1", "$2"]);
    expect(state.fields).toEqual(["Name", "Fee"]);
    // Emptying the trash erases the records the import added (undone): its journal forgets them.
    const journal = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      const count = () => tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_journal WHERE cells IS NULL").one().n;
      const before = count();
      tenant.housekeeping.eraseTrash(Number.POSITIVE_INFINITY);
      return { before, after: count() };
    });
    expect(journal.before).toBeGreaterThan(0);
    expect(journal.after).toBe(0);
  });

  it("a JSON array of objects over 5 MB goes up in chunks too, its columns every key of the file", async () => {
    const db = "import-stream-json";
    const { browser } = await ownerApp(db);
    const N = 20_000;
    // A key only the last record has: the scan of every chunk makes it a column.
    const records = Array.from({ length: N }, (_, i) => ({ Name: `Zoë ${i}`, Fee: i % 20 === 0 ? "ask" : i % 300, Note: NOTE, ...(i === N - 1 ? { Late: "yes" } : {}) }));
    const bytes = new TextEncoder().encode(JSON.stringify(records, null, 1));
    expect(bytes.length).toBeGreaterThan(5_500_000);
    await send(browser, db, bytes, "jsonupload0123456789", "members.json");
    const page = await browser.open(`/t/${db}/tables/import`);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)![1]!.replace(/&amp;/g, "&");
    const upload = /<input type="hidden" name="([^"]+)" value="" data-upload-id=""/.exec(page.html)![1]!;
    const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(page.html)!;
    const posted = await browser.fetch(action, { method: "POST", body: new URLSearchParams({ [upload]: "jsonupload0123456789", [submit[1]!]: submit[2]! }) });
    const { client } = await browser.app(db, posted.headers.get("location")!);
    expect(client.text).toContain(`${N.toLocaleString("en")} records · 4 columns`);
    await client.click(`Import ${N.toLocaleString("en")} records`);
    const stub = env.TENANT.getByName(db);
    for (let i = 0; i < 100 && (await runInDurableObject(stub, (instance) => tenantOf(instance).importJobs.running().length)) > 0; i++) await runDurableObjectAlarm(stub);
    const stored = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      const table = tenant.schema.tables.find((t) => t.name === "members")!;
      const rows = tenant.records.list(table.id, 0, N + 10);
      const [name, fee, , late] = table.fields.map((f) => f.id);
      return { fields: table.fields.map((f) => `${f.name}:${f.type}`), count: rows.length, first: rows[0]!.cells[name!]?.text, asks: rows.filter((r) => r.cells[fee!]?.text === "ask").length, late: rows.filter((r) => r.cells[late!]?.text === "yes").length };
    });
    expect(stored).toEqual({ fields: ["Name:text", "Fee:number", "Note:longText", "Late:checkbox"], count: N, first: "Zoë 0", asks: N / 20, late: 1 });
  });
});
