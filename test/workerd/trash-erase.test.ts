// Issue 16: a record (or a field) erased for good (the trash emptied, or deleted 30 days ago)
// leaves none of its values in the change log — not in the steps that changed it alone, nor
// in a paste or a bulk delete that changed it among others, nor in an import's undo. The
// others' parts of those steps stay, in their history and on their member's undo stack.

import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Tenant } from "../../src/tenant-do/tenant";
import { ownerApp, tenantOf } from "./helpers";

const DAY = 86_400_000;

function asOwner<T>(database: string, work: (tenant: Tenant, app: ReturnType<Tenant["appFor"]>) => T): Promise<T> {
  return runInDurableObject(env.TENANT.getByName(database), (instance) => {
    const tenant = tenantOf(instance);
    return work(tenant, tenant.appFor(tenant.accounts.members()[0]!));
  });
}

/** People (Name, Email) with Jo, Al and Bo; a paste gives all three an email, and a bulk
 *  delete takes Jo and Bo to the trash. */
async function pastedAndDeleted(database: string) {
  await ownerApp(database);
  return asOwner(database, (_t, app) => {
    const table = app.addTable("People");
    if (!table.ok) throw new Error(table.reason);
    const name = app.table(table.tableId)!.fields[0]!.id;
    const email = app.addField(table.tableId, "Email", "email", 1);
    if (!email.ok) throw new Error(email.reason);
    const ids = ["Jo Smith", "Al Jones", "Bo Brown"].map((n) => {
      const added = app.addRecord(table.tableId);
      if (!added.ok) throw new Error(added.reason);
      app.setCell(table.tableId, added.recordId, name, n);
      return added.recordId;
    });
    const [jo, al, bo] = ids as [string, string, string];
    const pasted = app.pasteCells(table.tableId, { fieldIds: [email.fieldId], recordIds: [jo, al, bo], rows: [["jo@secret.org"], ["al@jones.org"], ["bo@secret.org"]] });
    if (!pasted.ok) throw new Error(pasted.reason);
    const deleted = app.deleteRecords(table.tableId, [jo, bo]);
    if (!deleted.ok) throw new Error(deleted.reason);
    return { table: table.tableId, email: email.fieldId, jo, al, bo };
  });
}

/** What the log still holds about `ids` (their ids or the given texts, anywhere in a row). */
function mentions(tenant: Tenant, needles: readonly string[]): number {
  let n = 0;
  for (const needle of needles) {
    n += tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE instr(action, ?) > 0 OR instr(inverse, ?) > 0", needle, needle).one().n;
    n += tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM change_records WHERE record_id = ?", needle).one().n;
  }
  return n;
}

describe("issue 16: erasing a record or a field erases its values from every logged step", () => {
  it("emptying the trash takes the records' parts out of a paste and drops the bulk delete; the rest still shows and undoes", async () => {
    const db = "erase-batches";
    const { table, email, jo, al, bo } = await pastedAndDeleted(db);
    const before = await asOwner(db, (tenant) => mentions(tenant, [jo, bo, "jo@secret.org", "bo@secret.org", "Jo Smith", "Bo Brown"]));
    expect(before).toBeGreaterThan(0);

    const emptied = await asOwner(db, (_t, app) => app.emptyTrash());
    expect(emptied).toEqual({ ok: true, count: 2 });
    const after = await asOwner(db, (tenant, app) => ({
      left: mentions(tenant, [jo, bo, "jo@secret.org", "bo@secret.org", "Jo Smith", "Bo Brown"]),
      al: app.recordHistory(table, al).map((e) => `${e.text} → ${e.after ?? ""}${e.within ? ` (${e.within})` : ""}`),
      activity: app.activity({}).entries.map((e) => e.text),
    }));
    expect(after.left).toBe(0);
    // Al's part of the paste is still in Al's history, as part of the same step.
    expect(after.al[0]).toMatch(/^set Email of “Al Jones” → al@jones\.org \(paste 3 cells/);
    expect(after.activity.some((t) => t.includes("delete 2 records"))).toBe(false);

    // The owner's last step is now the paste (the bulk delete is gone with its records): Undo
    // takes back Al's part of it, and nothing refuses over the records that are gone.
    const undone = await asOwner(db, (_t, app) => app.undo());
    expect(undone).toMatchObject({ ok: true });
    expect(await asOwner(db, (_t, app) => app.record(table, al)?.cells[email]?.text)).toBeUndefined();
    const redone = await asOwner(db, (_t, app) => app.redo());
    expect(redone).toMatchObject({ ok: true });
    expect(await asOwner(db, (_t, app) => app.record(table, al)?.cells[email]?.text)).toBe("al@jones.org");
  });

  it("the alarm's 30-day erase does the same, and keeps records deleted since", async () => {
    const db = "erase-expiry";
    const { table, jo, al, bo } = await pastedAndDeleted(db);
    const stub = env.TENANT.getByName(db);
    await runInDurableObject(stub, async (instance, state) => {
      const tenant = tenantOf(instance);
      // Jo went to the trash 31 days ago, Bo (in the same bulk delete, as far as the trash knows) yesterday.
      tenant.storage.sql.exec("UPDATE records SET deleted_at = ? WHERE id = ?", Date.now() - 31 * DAY, jo);
      tenant.storage.sql.exec("UPDATE records SET deleted_at = ? WHERE id = ?", Date.now() - DAY, bo);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await asOwner(db, (tenant, app) => ({
      jo: mentions(tenant, [jo, "jo@secret.org", "Jo Smith"]),
      bo: mentions(tenant, [bo, "bo@secret.org"]) > 0,
      trash: app.trash().map((e) => `${e.kind} ${e.name}`),
      al: app.recordHistory(table, al)[0]?.after,
    }));
    expect(left).toEqual({ jo: 0, bo: true, trash: ["record Bo Brown"], al: "al@jones.org" });
    // Bo is still restorable from the trash: the bulk delete's part about Bo is kept.
    const restored = await asOwner(db, (_t, app) => app.restoreFromTrash(`record:${table}:${bo}`));
    expect(restored).toMatchObject({ ok: true, name: "Bo Brown" });
  });

  it("emptying the trash of a field takes its values out of the pastes and new records that held them", async () => {
    const db = "erase-field";
    const { table, email, al } = await pastedAndDeleted(db);
    const added = await asOwner(db, (_t, app) => app.addRecord(table, new Map([[email, "new@secret.org"]])));
    expect(added).toMatchObject({ ok: true });
    expect(await asOwner(db, (_t, app) => app.deleteField(table, email))).toMatchObject({ ok: true });
    expect(await asOwner(db, (tenant) => mentions(tenant, ["al@jones.org", "new@secret.org"]))).toBeGreaterThan(0);
    expect(await asOwner(db, (_t, app) => app.emptyTrash())).toMatchObject({ ok: true });
    const left = await asOwner(db, (tenant, app) => ({
      values: mentions(tenant, ["al@jones.org", "jo@secret.org", "bo@secret.org", "new@secret.org"]),
      // Al's own changes (made, named) are still in Al's history.
      al: app.recordHistory(table, al).map((e) => e.text),
    }));
    expect(left.values).toBe(0);
    expect(left.al).toContain("set Name of “Al Jones”");
  });
});
