/// <reference types="vite/client" />
// Issue 16, migrations on first use: every committed fixture (test/fixtures/migration-*.json,
// a database made by the code of its day: scripts/make-fixture.mjs) is loaded into a fresh
// object exactly as it was at its migration version, the object is evicted, and the next
// request wakes it under today's code — which must migrate it and serve its pages, records,
// views, sessions and public form. Every new migration adds its fixture (docs/architecture.md).

import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LATEST_MIGRATION } from "../../src/tenant-do/migrations";
import type { FixtureDump } from "../fixtures/fixture-entry";
import { Browser, postForm, tenantOf } from "./helpers";

interface Fixture {
  made: string;
  name: string;
  email: string;
  password: string;
  cookie: string;
  dump: FixtureDump;
}

const fixtures = Object.entries(import.meta.glob<Fixture>("../fixtures/migration-*.json", { eager: true, import: "default" }));

describe("migration fixtures (issue 16)", () => {
  it("there is a fixture of the latest migration", () => {
    expect(fixtures.map(([, f]) => f.dump.migration)).toContain(LATEST_MIGRATION);
  });

  for (const [file, fixture] of fixtures) {
    it(`${file.split("/").pop()} (made ${fixture.made}) wakes, migrates and serves`, async () => {
      const { name } = fixture;
      const stub = env.TENANT.getByName(name);
      await runInDurableObject(stub, (_instance, state) => {
        const sql = state.storage.sql;
        state.storage.transactionSync(() => {
          for (const statement of fixture.dump.statements) sql.exec(statement);
          for (const table of fixture.dump.tables) {
            const insert = `INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(", ")}) VALUES (${table.columns.map(() => "?").join(", ")})`;
            for (const row of table.rows) sql.exec(insert, ...row);
          }
        });
      });
      await evictDurableObject(stub);
      // The first request wakes it under today's code.
      const person = new Browser();
      expect((await person.signIn(name, fixture.email, fixture.password)).status).toBe(303);
      const version = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ v: number }>("SELECT MAX(version) AS v FROM _migrations").one().v);
      expect(version).toBe(LATEST_MIGRATION);
      const tables = await person.open(`/t/${name}/tables`);
      for (const table of ["Sections", "Every type", "Imported members"]) expect(tables.html).toContain(table);
      // Places stored before a value kept its display text were given it on that wake.
      const places = await runInDurableObject(stub, (_i, state) =>
        state.storage.sql.exec<{ cells: string }>("SELECT cells FROM records").toArray().flatMap((row) =>
          Object.values(JSON.parse(row.cells) as Record<string, { value?: { countryCode?: string; shown?: unknown } }>).filter((cell) => typeof cell.value?.countryCode === "string")));
      expect(places.length).toBeGreaterThan(0);
      for (const cell of places) expect(typeof cell.value?.shown).toBe("string");
      const grid = await person.open(`/t/${name}/tables/everything`);
      expect(grid.response.status).toBe(200);
      expect(grid.html).toContain("not understood");
      expect((await person.open(`/t/${name}/tables/everything/records/r1`)).response.status).toBe(200);
      const view = await person.open(`/t/${name}/tables/everything/views/v-shared`);
      expect(view.html).toContain("By number");
      // The imported table's id: in the schema document before migration 11, a row of
      // schema_tables since.
      const dumped = (table: string) => fixture.dump.tables.find((t) => t.name === table);
      const jsonOf = (table: NonNullable<ReturnType<typeof dumped>>) => table.rows.map((row) => JSON.parse(String(row[table.columns.indexOf("json")])));
      const doc = dumped("schema_doc")!;
      const rows = dumped("schema_tables");
      const stored = [...(jsonOf(doc)[0] as { tables: { id: string; name: string }[] }).tables, ...((rows ? jsonOf(rows) : []) as { id: string; name: string }[])];
      const imported = await person.open(`/t/${name}/tables/${stored.find((t) => t.name === "Imported members")!.id}`);
      expect(imported.html).toContain("ask Maria");
      // The sign-in and the session made before the upgrade still work.
      const old = new Browser();
      const [cookieName, cookieValue] = fixture.cookie.split("=");
      old.cookies.set(cookieName!, cookieValue!);
      const resumed = await old.open(`/t/${name}/tables/everything`);
      expect(resumed.url).toContain(`/t/${name}/tables/everything`);
      expect(resumed.html).toContain("Every type");
      // Its public form still answers.
      const form = await person.open(`/f/${name}/join-us`);
      expect(form.response.status).toBe(200);
      expect(form.html).toContain("Join us");
      await recordHistories(name, fixture);
    });
  }
});

/** Each record's whole history, for records made before the upgrade (by its code: before
 *  the migration that adds `created_seq` their creation was found by the log's by-record
 *  index, since then through the record's `created_seq`) and after it: added, edited, deleted, pasted over, sent by the
 *  public form; and erasing a record for good forgets its creation too. */
async function recordHistories(name: string, fixture: Fixture): Promise<void> {
  const sent = await postForm(name, "join-us", { body: new URLSearchParams({ text: "Sent after the upgrade" }) });
  expect(sent.status).toBe(303);
  const seen = await runInDurableObject(env.TENANT.getByName(name), (instance) => {
    const tenant = tenantOf(instance);
    const app = tenant.appFor(tenant.accounts.members().find((m) => m.role === "owner")!);
    const lines = (table: string, record: string) => app.recordHistory(table, record).map((e) => `${e.text}${e.from ? ` ${e.from}` : ""}`);
    const formRecords = (text: string) => tenant.storage.sql.exec<{ id: string }>("SELECT id FROM records WHERE json_extract(cells, '$.\"f-text\".text') = ?", text).toArray().map((r) => r.id);
    // After the upgrade: a record added and edited in the grid.
    const added = app.addRecord("everything");
    if (!added.ok) throw new Error(added.reason);
    app.setCell("everything", added.recordId, "f-number", "42");
    const before = [formRecords("Sent through the form"), formRecords("Sent after the upgrade")];
    const histories = {
      r1: lines("everything", "r1"),
      r6: lines("everything", "r6"),
      s3: lines("sections", "s3"),
      added: lines("everything", added.recordId),
      sentBefore: before[0]!.map((id) => lines("everything", id)),
      sentAfter: before[1]!.map((id) => lines("everything", id)),
    };
    // Erasing for good: r2 (added before the upgrade) and the record just sent, deleted and the
    // trash emptied; nothing about them stays in the log, their creations included.
    const erased = [before[1]![0]!, "r2"];
    for (const id of erased) app.deleteRecords("everything", [id]);
    const emptied = app.emptyTrash();
    const left = erased.map((id) => tenant.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE record_id = ? OR action LIKE ?", id, `%"${id}"%`).one().n);
    return { ...histories, emptied: emptied.ok, left };
  });
  expect(seen.emptied).toBe(true);
  expect(seen.left).toEqual([0, 0]);
  expect(seen.r1).toEqual([expect.stringMatching(/^added the record .* to Every type$/)]);
  expect(seen.r6).toEqual([expect.stringMatching(/^deleted the record .* from Every type$/), expect.stringMatching(/^added the record /)]);
  // Fixtures since migration 16 hold a paste over s1 and s3 (one step of two parts).
  const pasted = fixture.dump.tables.find((t) => t.name === "changes")!.rows.some((row) => row.some((v) => typeof v === "string" && v.includes('"kind":"recordBatch"')));
  expect(seen.s3).toEqual(pasted ? ["changed Name of “Woodwinds”", "added the record “Woodwinds” to Sections"] : ["added the record “Wood winds” to Sections"]);
  expect(seen.added).toEqual(["set number of “a record” in the grid", "added the record “a record” to Every type"]);
  // Newer fixtures hold a record a visitor sent before the upgrade (a change by `form:…`).
  const submitted = fixture.dump.tables.find((t) => t.name === "changes")!.rows.some((row) => row.some((v) => typeof v === "string" && v.startsWith("form:")));
  expect(seen.sentBefore).toEqual(submitted ? [["added the record “Sent through the form” to Every type by a form submission"]] : []);
  expect(seen.sentAfter).toEqual([["added the record “Sent after the upgrade” to Every type by a form submission"]]);
}
