// Issue 16, a record's history of what changed many records at once: a paste and a bulk
// delete (one step for undo) show in each record's own history, its part only, restorable;
// an imported record's history starts with the import (file or pasted text, who, when);
// errors in socket messages reach the operator's ring buffer, alike ones on one row.

import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { migrationVersion } from "../../src/tenant-do/migrations";
import { RECORD_SEQS } from "../../src/tenant-do/history";
import type { Tenant } from "../../src/tenant-do/tenant";
import { ownerApp, SocketClient, tenantOf } from "./helpers";

function asOwner<T>(database: string, work: (tenant: Tenant, app: ReturnType<Tenant["appFor"]>) => T): Promise<T> {
  return runInDurableObject(env.TENANT.getByName(database), (instance) => {
    const tenant = tenantOf(instance);
    return work(tenant, tenant.appFor(tenant.accounts.members()[0]!));
  });
}

/** People (Name, Email) with Jo and Al. */
async function people(database: string) {
  const owner = await ownerApp(database);
  const ids = await asOwner(database, (_t, app) => {
    const table = app.addTable("People");
    if (!table.ok) throw new Error(table.reason);
    const name = app.table(table.tableId)!.fields[0]!.id;
    const email = app.addField(table.tableId, "Email", "email", 1);
    const jo = app.addRecord(table.tableId);
    const al = app.addRecord(table.tableId);
    if (!email.ok || !jo.ok || !al.ok) throw new Error("setup");
    app.setCell(table.tableId, jo.recordId, name, "Jo Smith");
    app.setCell(table.tableId, al.recordId, name, "Al Jones");
    app.setCell(table.tableId, jo.recordId, email.fieldId, "jo@example.org");
    return { people: table.tableId, name, email: email.fieldId, jo: jo.recordId, al: al.recordId };
  });
  return { ...owner, ...ids };
}

describe("issue 16: a record's history of pastes and bulk deletes", () => {
  it("a paste over two records shows in each one's history, its own cells only, and Restore puts one back", async () => {
    const db = "hist-paste";
    const { client, people: table, email, jo, al } = await people(db);
    const pasted = await asOwner(db, (_t, app) => app.pasteCells(table, { fieldIds: [email], recordIds: [jo, al], rows: [["jo@smith.org"], ["al@jones.org"]] }));
    expect(pasted).toMatchObject({ ok: true, cells: 2 });
    await client.click("Tables");
    await client.click("People");
    await client.click("Open record 1");
    const history = () => client.query("#record-history-title")!.parentElement!;
    const text = history().textContent!.replace(/\s+/g, " ");
    expect(text).toContain("Olive Owner changed Email of “Jo Smith” from jo@example.org to jo@smith.org");
    expect(text).toMatch(/as part of “paste 2 cells/);
    // Jo's history does not show Al's cell.
    expect(text).not.toContain("al@jones.org");
    // Restore the value before the paste, for this record only.
    const pasteLine = [...history().querySelectorAll("li")].find((li) => li.textContent!.includes("jo@smith.org"))!;
    await client.click(pasteLine.querySelector("button.restore-value")!.getAttribute("aria-label")!);
    expect(client.text).toContain("Restored Email: “jo@example.org”.");
    expect(client.query(`#record-field-${email}`)?.getAttribute("value")).toBe("jo@example.org");
    const alEmail = await asOwner(db, (_t, app) => app.record(table, al)!.cells[email]?.text);
    expect(alEmail).toBe("al@jones.org");

    // Al's history has its own part of the same paste.
    const alEntries = await asOwner(db, (_t, app) => app.recordHistory(table, al));
    expect(alEntries[0]).toMatchObject({ text: "set Email of “Al Jones”", after: "al@jones.org", restorable: true });
    expect(alEntries[0]!.within).toMatch(/^paste 2 cells/);
    // A part index that is not this record's value change is refused.
    const seq = alEntries[0]!.seq;
    const refused = await asOwner(db, (_t, app) => app.restoreValue(table, jo, seq, alEntries[0]!.part));
    expect(refused).toEqual({ ok: false, reason: "That change is no longer in this record's history." });

    // A database from before the index (migration 15) finds its old batches once migrated.
    const stub = env.TENANT.getByName(db);
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("DROP TABLE change_records");
      state.storage.sql.exec("ALTER TABLE recent_errors DROP COLUMN repeats");
      // And from before records kept their creation's seq (the migration after it).
      state.storage.sql.exec("ALTER TABLE records DROP COLUMN created_seq");
      state.storage.sql.exec("DROP INDEX changes_by_record");
      state.storage.sql.exec("CREATE INDEX changes_by_record ON changes(record_id, seq) WHERE record_id IS NOT NULL");
      state.storage.sql.exec("DELETE FROM _migrations WHERE version >= ?", migrationVersion("CREATE TABLE change_records"));
    });
    await evictDurableObject(stub);
    const migrated = await asOwner(db, (_t, app) => app.recordHistory(table, al).map((e) => e.text));
    expect(migrated[0]).toBe("set Email of “Al Jones”");
    expect(migrated.at(-1)).toBe("added the record “Al Jones” to People");
  });

  it("a bulk delete shows in each record's history and the trash says who deleted each", async () => {
    const db = "hist-bulk";
    const { client, people: table, jo, al } = await people(db);
    const deleted = await asOwner(db, (_t, app) => app.deleteRecords(table, [jo, al]));
    expect(deleted).toEqual({ ok: true, count: 2 });
    const histories = await asOwner(db, (_t, app) => [app.recordHistory(table, jo)[0], app.recordHistory(table, al)[0]]);
    expect(histories.map((e) => e?.text)).toEqual(["deleted the record “Jo Smith” from People", "deleted the record “Al Jones” from People"]);
    expect(histories[0]!.within).toBe("delete 2 records from “People”");
    await client.click("Trash");
    expect(client.text).toMatch(/RecordJo SmithPeople\d+ \w+ 20\d\d, \d\d:\d\d by Olive Owner/);
    // Undo brings both back; each record's history says so.
    await client.click("Undo");
    const after = await asOwner(db, (_t, app) => app.recordHistory(table, al).slice(0, 2).map((e) => [e.text, e.from, e.undone]));
    expect(after).toEqual([["restored the record “Al Jones” in People", "by Undo", false], ["deleted the record “Al Jones” from People", "", true]]);
  });

  it("finds a record's batches through the index, not by reading every batch", async () => {
    const db = "hist-index";
    const { people: table, email, jo, al } = await people(db);
    const plan = await asOwner(db, (tenant, app) => {
      app.pasteCells(table, { fieldIds: [email], recordIds: [al], rows: [["al@x.org"]] });
      // The query record history runs (its own changes, its batches, its creation).
      const rows = tenant.storage.sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT seq FROM changes WHERE ${RECORD_SEQS}`, jo, jo, jo).toArray();
      return rows.map((r) => r.detail).join(" | ");
    });
    expect(plan).toContain("changes_by_record");
    expect(plan).toMatch(/change_records USING PRIMARY KEY|SEARCH change_records/);
    // The creation: the record's row by its id, then its change by seq.
    expect(plan).toMatch(/SEARCH r USING INDEX sqlite_autoindex_records_1/);
    expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN change_records|SCAN changes(?! USING)|SCAN r\b|SCAN c\b/);
  });
});

describe("issue 16: a record's creation, found through its row", () => {
  it("shows each record's creation even when the newest logged steps were erased before it was added", async () => {
    const db = "hist-created";
    const { people: table, jo } = await people(db);
    const seen = await asOwner(db, (tenant, app) => {
      const sql = tenant.storage.sql;
      // Erasing the newest steps (as emptying the trash may): the log's highest seq is gone,
      // and the next change still takes a higher one (AUTOINCREMENT), never a freed seq.
      const newest = sql.exec<{ seq: number }>("SELECT seq FROM changes ORDER BY seq DESC LIMIT 2").toArray().map((r) => r.seq);
      tenant.history.forgetSeqs(newest);
      const ed = app.addRecord(table);
      if (!ed.ok) throw new Error(ed.reason);
      const row = sql.exec<{ created_seq: number; logged: number }>(
        "SELECT r.created_seq AS created_seq, (SELECT seq FROM changes WHERE record_id = r.id AND kind = 'addRecord') AS logged FROM records r WHERE r.id = ?", ed.recordId,
      ).one();
      return { row, newest: newest[0]!, ed: app.recordHistory(table, ed.recordId).map((e) => e.text), jo: app.recordHistory(table, jo).map((e) => e.text) };
    });
    expect(seen.row.created_seq).toBe(seen.row.logged);
    expect(seen.row.created_seq).toBeGreaterThan(seen.newest);
    expect(seen.ed).toEqual(["added the record “a record” to People"]);
    expect(seen.jo.at(-1)).toBe("added the record “Jo Smith” to People");
  });
});

describe("issue 16: an imported record's history starts with its import", () => {
  it("says the file, who and when for a record that came with the import, and nothing for one added after", async () => {
    const { browser, client } = await ownerApp("hist-import");
    const page = await browser.open("/t/hist-import/tables/import");
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)![1]!.replace(/&amp;/g, "&");
    const file = /<input id="import-file" type="file" name="([^"]+)"/.exec(page.html)![1]!;
    const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(page.html)!;
    const body = new FormData();
    body.append(file, new File(["Name,Town\nZoe,Paris\nAnn,Rome\n"], "players <2026>.csv", { type: "text/csv" }));
    body.append(submit[1]!, submit[2]!);
    const posted = await browser.fetch(action, { method: "POST", body });
    const { client: importer } = await browser.app("hist-import", posted.headers.get("location")!);
    importer.fill("Table name", "Players");
    await importer.click("Import 2 records");
    await importer.click("Open “Players”");
    await importer.click("Open record 1");
    const history = importer.query("#record-history-title")!.parentElement!;
    expect(history.textContent!.replace(/\s+/g, " ")).toContain("Olive Owner imported this record from the file “players <2026>.csv” with the table “Players”");
    expect(history.innerHTML).toContain("players &lt;2026&gt;.csv");
    expect(history.querySelector("button.restore-value")).toBeNull();

    // An edit comes before it (newest first); a record added later has no import line.
    const entries = await asOwner("hist-import", (_t, app) => {
      const table = app.tables().find((t) => t.name === "Players")!;
      const first = app.records(table.id, { offset: 0, limit: 1 }).records[0]!;
      app.setCell(table.id, first.id, table.fields[0]!.id, "Zoë");
      const added = app.addRecord(table.id);
      if (!added.ok) throw new Error(added.reason);
      return { first: app.recordHistory(table.id, first.id).map((e) => e.text), added: app.recordHistory(table.id, added.recordId).map((e) => e.text) };
    });
    expect(entries.first).toEqual(["changed Name of “Zoë”", "imported this record from the file “players <2026>.csv” with the table “Players”"]);
    expect(entries.added.some((t) => t.startsWith("imported"))).toBe(false);
    expect(client).toBeDefined();
  });

  it("says pasted text for a pasted import", async () => {
    const { client } = await ownerApp("hist-import-paste");
    await client.click("Import…");
    client.fill("Paste from a spreadsheet", "Name\tFee\nAnn\t$1\nBo\t$2");
    await client.click("Preview");
    client.fill("Table name", "Fees");
    await client.click("Import 2 records");
    await client.click("Open “Fees”");
    await client.click("Open record 2");
    expect(client.text).toContain("Olive Owner imported this record from pasted text with the table “Fees”");
  });
});

describe("issue 16: errors in socket messages are kept for the operator", () => {
  it("a flood of failing frames costs one row with a count, and the socket stays open", async () => {
    const db = "hist-socket-errors";
    const { browser, sessionUrl } = await ownerApp(db);
    const stub = env.TENANT.getByName(db);
    const socket = await SocketClient.open(browser, db, sessionUrl);
    // A fault in handling a frame (as a bug would make): from now on every frame fails.
    await runInDurableObject(stub, (instance) => {
      const live = tenantOf(instance).live;
      live.socketMessage = async () => {
        throw new TypeError("a test fault in a frame");
      };
    });
    const path = new URL(sessionUrl, "http://x").pathname;
    for (let i = 0; i < 40; i++) socket.send({ t: "hello", seq: i + 1, k: socket.key, path, full: true });
    const kept = () => runInDurableObject(stub, (instance) => tenantOf(instance).errors.list());
    let errors = await kept();
    for (let tries = 0; tries < 200 && (errors[0]?.repeats ?? 0) < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      errors = await kept();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ place: "socket message", repeats: 40 });
    expect(errors[0]!.message).toContain("TypeError: a test fault in a frame");
    // The count is written at most once a second: rows written stay few.
    const rows = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ n: number; repeats: number }>("SELECT COUNT(*) AS n, MAX(repeats) AS repeats FROM recent_errors").one());
    expect(rows.n).toBe(1);
    expect(rows.repeats).toBeLessThanOrEqual(40);
    const open = await runInDurableObject(stub, (_i, state) => state.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length);
    expect(open).toBe(1);
    // A different error starts its own row (and writes the first one's count).
    await runInDurableObject(stub, (instance) => tenantOf(instance).errors.record("alarm", new Error("another fault")));
    const after = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ place: string; repeats: number }>("SELECT place, repeats FROM recent_errors ORDER BY id").toArray());
    expect(after).toEqual([{ place: "socket message", repeats: 40 }, { place: "alarm", repeats: 1 }]);
    socket.ws.close();
  });
});
