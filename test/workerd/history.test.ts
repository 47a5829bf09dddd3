// History (issue 16): the activity feed, record history and restoring a value, the trash
// (restore with links, emptying, the 30-day expiry by the alarm) and point-in-time restore
// (before a type change, before a deleted table) — through the screens over HTTP where a
// person would, through the engine for what needs the clock moved.

import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Tenant } from "../../src/tenant-do/tenant";
import { ownerApp, SocketClient, tenantOf } from "./helpers";

const DAY = 86_400_000;

/** Runs `work` on the database's engine as its owner. */
function asOwner<T>(database: string, work: (tenant: Tenant, app: ReturnType<Tenant["appFor"]>) => T): Promise<T> {
  return runInDurableObject(env.TENANT.getByName(database), (instance) => {
    const tenant = tenantOf(instance);
    return work(tenant, tenant.appFor(tenant.accounts.members()[0]!));
  });
}

/** People (Name, Email) with Jo Smith, and Pets (Name, Owner → People) with Rex owned by Jo. */
async function peopleAndPets(database: string) {
  const { client, browser, current } = await ownerApp(database);
  const ids = await asOwner(database, (_t, app) => {
    const people = app.addTable("People");
    const pets = app.addTable("Pets");
    if (!people.ok || !pets.ok) throw new Error("tables");
    const name = { ok: true as const, fieldId: app.table(people.tableId)!.fields[0]!.id };
    const email = app.addField(people.tableId, "Email", "email", 1);
    const petName = { ok: true as const, fieldId: app.table(pets.tableId)!.fields[0]!.id };
    const owner = app.addField(pets.tableId, "Owner", "text", 1);
    if (!name.ok || !email.ok || !petName.ok || !owner.ok) throw new Error("fields");
    const jo = app.addRecord(people.tableId);
    const rex = app.addRecord(pets.tableId);
    if (!jo.ok || !rex.ok) throw new Error("records");
    app.setCell(people.tableId, jo.recordId, name.fieldId, "Jo Smith");
    app.setCell(people.tableId, jo.recordId, email.fieldId, "jo@example.org");
    app.setCell(pets.tableId, rex.recordId, petName.fieldId, "Rex");
    app.setCell(pets.tableId, rex.recordId, owner.fieldId, "Jo Smith");
    const link = app.changeFieldType(pets.tableId, owner.fieldId, "link", { tableId: people.tableId, multiple: false });
    if (!link.ok) throw new Error(link.reason);
    return { people: people.tableId, pets: pets.tableId, name: name.fieldId, email: email.fieldId, owner: owner.fieldId, jo: jo.recordId, rex: rex.recordId };
  });
  return { client, browser, current, ...ids };
}

/** Moves every logged change (and the database's birth) `ms` into the past. */
function pastAll(tenant: Tenant, ms: number): void {
  tenant.storage.sql.exec("UPDATE changes SET at = at - ?", ms);
  tenant.setMeta("created_at", String(Number(tenant.getMeta("created_at")) - ms));
}

describe("issue 16: activity and record history", () => {
  it("the feed says who changed what, from where, filtered by table and member, and updates live", async () => {
    const db = "hist-activity";
    const { client, browser, current, people, jo } = await peopleAndPets(db);
    await client.click("Activity");
    expect(client.text).toContain("Olive Owner set Email of “Jo Smith” to jo@example.org");
    expect(client.text).toContain("Olive Owner changed the type of “Owner” in Pets from Text to Link");
    expect(client.text).toContain("in the grid");
    expect(current()).toMatch(/\/t\/hist-activity\/activity\?/);

    // Filtered to People: the Pets changes go.
    client.fill("Table", people);
    await client.click("Show");
    expect(current()).toContain(`/activity/${people}?`);
    expect(client.text).toContain("History of “People”");
    expect(client.text).not.toContain("Rex");
    client.fill("Changes", "structure");
    await client.click("Show");
    expect(client.text).toContain("added the field “Email” (Email) to People");
    expect(client.text).not.toContain("jo@example.org");

    client.fill("Changes", "all");
    await client.click("Show");
    // Live: an edit in another tab's record form reaches the open activity page.
    const socket = await SocketClient.open(browser, db, current());
    const other = await browser.app(db, `/t/${db}/tables/${people}/records/${jo}`);
    other.client.fill("Email", "jo@smith.org");
    await other.client.click("Save");
    const frame = await socket.next((f) => f.t === "render" && (f.html ?? "").includes("jo@smith.org"));
    expect(frame.html).toContain("Olive Owner</strong> changed Email of “Jo Smith” from <del class=\"value-before\">jo@example.org</del> to <ins class=\"value-after\">jo@smith.org</ins>");
    expect(frame.html).toContain("in the record form");
    socket.ws.close();
  });

  it("a record's history shows each change; Restore puts a value back as an undoable edit", async () => {
    const db = "hist-record";
    const { client, people, jo, email } = await peopleAndPets(db);
    await asOwner(db, (_t, app) => app.setCell(people, jo, email, "joanna@example.org", "record"));
    await client.click("Tables");
    await client.click("People");
    await client.click("Open record 1");
    expect(client.text).toContain("Olive Owner changed Email of “Jo Smith” from jo@example.org to joanna@example.org");
    expect(client.text).toContain("in the record form");
    await client.click(`Restore “jo@example.org” (${client.query("#record-history-title")!.parentElement!.querySelector("time")!.textContent})`);
    expect(client.text).toContain("Restored Email: “jo@example.org”.");
    expect(client.query(`#record-field-${email}`)?.getAttribute("value")).toBe("jo@example.org");
    expect(client.text).toContain("from the record's history");
    await client.click("Undo");
    expect(client.query(`#record-field-${email}`)?.getAttribute("value")).toBe("joanna@example.org");

    // A seq from another record is refused.
    const refused = await asOwner(db, (tenant, app) => {
      const other = tenant.history.read({ limit: 50 }).find((c) => c.action.kind === "setCell" && c.action.recordId !== jo)!;
      return app.restoreValue(people, jo, other.seq);
    });
    expect(refused).toEqual({ ok: false, reason: "That change is no longer in this record's history." });
  });
});

describe("issue 16: trash", () => {
  it("a deleted table comes back from the trash with its records and the links to it", async () => {
    const db = "hist-trash";
    const { client, people, pets, rex, owner } = await peopleAndPets(db);
    await asOwner(db, (_t, app) => expect(app.deleteTable(people).ok).toBe(true));
    await client.click("Trash");
    expect(client.text).toMatch(/TablePeople\d+ \w+ 20\d\d, \d\d:\d\d by Olive Owner/);
    await client.click("Restore table People");
    expect(client.text).toContain("Restored “People”.");
    expect(client.text).toContain("The trash is empty.");
    const after = await asOwner(db, (_t, app) => {
      const field = app.table(pets)!.fields.find((f) => f.id === owner)!;
      return { people: app.table(people)?.name, rexOwner: app.display(field, app.record(pets, rex)!.cells[owner]) };
    });
    expect(after).toEqual({ people: "People", rexOwner: "Jo Smith" });
    // Restoring is an ordinary change: Undo sends it back to the trash.
    await client.click("Undo");
    expect(client.query("button[aria-label='Restore table People']")).not.toBeNull();
  });

  it("records, fields, forms and views come back; owners empty the trash for good", async () => {
    const db = "hist-empty";
    const { client, people, jo, email } = await peopleAndPets(db);
    await asOwner(db, (_t, app) => {
      const form = app.addForm(people, "Join us");
      if (!form.ok) throw new Error(form.reason);
      expect(app.deleteForm(form.formId).ok).toBe(true);
      expect(app.deleteField(people, email).ok).toBe(true);
      expect(app.deleteRecord(people, jo).ok).toBe(true);
    });
    await client.click("Trash");
    for (const label of ["Restore form Join us", "Restore field Email", "Restore record Jo Smith"]) expect(client.query(`button[aria-label='${label}']`)).not.toBeNull();
    await client.click("Restore form Join us");
    expect(client.text).toContain("Restored “Join us”.");
    expect(await asOwner(db, (_t, app) => app.forms().map((f) => f.title))).toEqual(["Join us"]);
    await client.click("Empty trash…");
    await client.click("Erase for good");
    expect(client.text).toContain("Erased 2 things for good.");
    const left = await asOwner(db, (tenant) => ({
      records: tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE id = ?", jo).one().n,
      logged: tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE record_id = ? OR json_extract(action, '$.fieldId') = ?", jo, email).one().n,
      field: tenant.schema.tables.find((t) => t.id === people)!.fields.some((f) => f.id === email),
    }));
    expect(left).toEqual({ records: 0, logged: 0, field: false });
  });

  it("the alarm erases what was deleted more than 30 days ago, keeps the rest, and compacts the log beyond 30 days", async () => {
    const db = "hist-expiry";
    const { people, pets, jo } = await peopleAndPets(db);
    const stub = env.TENANT.getByName(db);
    await runInDurableObject(stub, async (instance, state) => {
      const tenant = tenantOf(instance);
      const app = tenant.appFor(tenant.accounts.members()[0]!);
      app.deleteRecord(people, jo);
      app.deleteTable(pets);
      // The record was deleted 31 days ago; the table yesterday.
      tenant.storage.sql.exec("UPDATE records SET deleted_at = ? WHERE id = ?", Date.now() - 31 * DAY, jo);
      // The first five changes were made 40 days ago: compaction takes them out of the log.
      tenant.storage.sql.exec("UPDATE changes SET at = ? WHERE seq <= 5", Date.now() - 40 * DAY);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await asOwner(db, (tenant, app) => ({
      jo: tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE id = ?", jo).one().n,
      trash: app.trash().map((e) => `${e.kind} ${e.name}`),
      oldest: tenant.storage.sql.exec<{ seq: number }>("SELECT MIN(seq) AS seq FROM changes").one().seq,
      alarm: tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE at < ?", Date.now() - 30 * DAY).one().n,
    }));
    expect(left).toEqual({ jo: 0, trash: ["table Pets"], oldest: 6, alarm: 0 });
  });
});

describe("issue 16: point-in-time", () => {
  it("shows a table as it was before a type change, and restores it to then as one undoable step", async () => {
    const db = "hist-pit-type";
    const { client, pets, owner } = await peopleAndPets(db);
    const at = await asOwner(db, (tenant, app) => {
      pastAll(tenant, 2 * 3600_000);
      // An hour ago, before the Owner field was turned back into text… then, now, a number.
      expect(app.changeFieldType(pets, owner, "number", {}).ok).toBe(true);
      return Date.now() - 3600_000;
    });
    const seen = await asOwner(db, (_t, app) => app.tableAt(pets, at));
    expect(seen.ok && seen.table.fields.find((f) => f.id === owner)?.type).toBe("link");
    expect(await asOwner(db, (_t, app) => app.table(pets)!.fields.find((f) => f.id === owner)?.type)).toBe("number"); // looking wrote nothing
    const restored = await asOwner(db, (_t, app) => app.restoreTo(at, pets));
    expect(restored).toMatchObject({ ok: true, changes: 1 });
    const after = await asOwner(db, (_t, app) => {
      const table = app.table(pets)!;
      const field = table.fields.find((f) => f.id === owner)!;
      return { type: field.type, shown: app.display(field, app.records(pets, { offset: 0, limit: 5 }).records[0]!.cells[owner]) };
    });
    expect(after).toEqual({ type: "link", shown: "Jo Smith" });
    await client.click("Tables");
    await client.click("Undo");
    expect(client.text).toContain("Undone: restore the table “Pets” to");
    expect(await asOwner(db, (_t, app) => app.table(pets)!.fields.find((f) => f.id === owner)?.type)).toBe("number");
  });

  it("restores the whole database to before a table was deleted; the page shows the table as it was", async () => {
    const db = "hist-pit-table";
    const { client, browser, people } = await peopleAndPets(db);
    const at = await asOwner(db, (tenant, app) => {
      pastAll(tenant, 2 * 3600_000);
      expect(app.deleteTable(people).ok).toBe(true);
      return Date.now() - 3600_000;
    });
    // The table's page at that moment opens even though it is deleted, and shows it as it was.
    const page = await browser.open(`/t/${db}/activity/${people}/at/${at}`);
    expect(page.html).toContain("“People” as it was on");
    expect(page.html).toContain("jo@example.org");
    expect(page.html).toContain("Restore this table to this moment");
    // The whole database then: both tables, People marked as deleted since.
    const whole = await browser.open(`/t/${db}/activity/at/${at}`);
    expect(whole.html).toContain("The database as it was on");
    expect(whole.html).toMatch(/People<\/a><\/td><td>2<\/td><td>1<\/td><td class="muted">deleted since/);
    expect(whole.html).toContain(`/t/${db}/activity/${people}/at/${at}`);
    const restored = await asOwner(db, (_t, app) => app.restoreTo(at));
    expect(restored).toMatchObject({ ok: true });
    expect(await asOwner(db, (_t, app) => app.table(people)?.name)).toBe("People");
    // Too far back is refused with the reason.
    const refused = await asOwner(db, (_t, app) => app.restoreTo(Date.now() - 40 * DAY));
    expect(refused.ok).toBe(false);
    await client.click("Activity");
    expect(client.text).toContain("restore the database to");
  });
});
