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
import { Browser } from "./helpers";

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
    });
  }
});
