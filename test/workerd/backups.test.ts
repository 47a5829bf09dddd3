// Issue 16, backups: an owner (only) downloads the whole database as a backup file, and a
// new database is signed up from it — all of it, or, for a corrupt, cut-short, newer or too
// large file, nothing at all (the name stays free, the person sees why).

import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { Browser, databaseContents, sampleDatabase, withMember } from "./helpers";

/** Signs up `database` restoring `file`, as the sign-up page's multipart form does. */
async function restore(browser: Browser, database: string, file: Uint8Array, email = "new.owner@example.org") {
  const body = new FormData();
  body.set("database", database);
  body.set("name", "Nora New");
  body.set("email", email);
  body.set("password", "restoring password");
  body.set("backup", new File([file.slice()], "backup.trove-backup.gz", { type: "application/gzip" }));
  return browser.fetch("/", { method: "POST", body });
}

async function download(browser: Browser, database: string): Promise<Uint8Array> {
  const response = await browser.fetch(`/t/${database}/backup`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/gzip");
  expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="${database}-\\d{4}-\\d{2}-\\d{2}\\.trove-backup\\.gz"`));
  return new Uint8Array(await response.arrayBuffer());
}

const lines = (text: string[]) => gzipSync(new TextEncoder().encode(`${text.join("\n")}\n`));
const header = JSON.stringify({ format: "trove-backup", version: 1, database: "x", madeAt: 1 });

describe("backups (issue 16)", () => {
  it("an owner downloads the sample database and a new database restored from it holds the same", async () => {
    const owner = await sampleDatabase("backup-source");
    const file = await download(owner, "backup-source");
    expect(file.length).toBeLessThan(200_000);
    const person = new Browser();
    const answer = await restore(person, "backup-copy", file);
    expect(answer.status).toBe(201);
    const [before, after] = [await databaseContents("backup-source"), await databaseContents("backup-copy")];
    expect(after.schema).toEqual(before.schema);
    expect(after.records).toEqual(before.records);
    expect(after.stats).toEqual(before.stats);
    // The person restoring is the owner; the backup's owner is kept, without a password.
    expect(after.members).toEqual([
      { id: expect.any(String), email: "new.owner@example.org", name: "Nora New", role: "owner" },
      ...before.members,
    ]);
    const page = await person.open("/t/backup-copy/tables");
    expect(page.html).toContain("Musicians");
    const old = new Browser();
    expect((await old.signIn("backup-copy", "owner@backup-source.org", "correct horse")).status).toBe(401);
  });

  it("the person restoring keeps their own member (id, personal views) when the backup has their email", async () => {
    const owner = await sampleDatabase("backup-same");
    const file = await download(owner, "backup-same");
    const answer = await restore(new Browser(), "backup-same-copy", file, "owner@backup-same.org");
    expect(answer.status).toBe(201);
    const [before, after] = [await databaseContents("backup-same"), await databaseContents("backup-same-copy")];
    expect(after.members).toEqual([{ ...before.members[0], name: "Nora New" }]);
  });

  it("only owners download; signed-out people are asked to sign in", async () => {
    const { member } = await withMember("backup-roles", "builder");
    const refused = await member.fetch("/t/backup-roles/backup");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only owners of this database can download a backup.");
    expect((await new Browser().fetch("/t/backup-roles/backup")).status).toBe(401);
  });

  it("a corrupt, cut-short, newer or oversized file restores nothing and says why; the name stays free", async () => {
    const owner = await sampleDatabase("backup-bad");
    const good = await download(owner, "backup-bad");
    const cases: [Uint8Array, number, string][] = [
      [new TextEncoder().encode("name,email\nAnn,ann@example.org\n"), 400, "not a Trove backup (it is not a compressed backup file)"],
      [good.slice(0, Math.floor(good.length * 0.6)), 400, "damaged"],
      [lines([JSON.stringify({ format: "trove-backup", version: 2, database: "x", madeAt: 1 })]), 400, "made by a newer version of Trove (format 2)"],
      [lines([header, JSON.stringify({ settings: [] }), JSON.stringify({ schema: { tables: [] } }), JSON.stringify(["r1", "nope", 1, null, {}])]), 400, "a record of table nope, which the schema does not have"],
      [lines([header, JSON.stringify({ settings: [] }), JSON.stringify({ schema: { tables: [{ id: "x'); DROP TABLE users; --", name: "T", fields: [] }] } })]), 400, "its schema"],
    ];
    for (const [file, status, message] of cases) {
      const answer = await restore(new Browser(), "backup-target", file);
      const html = await answer.text();
      expect(answer.status, message).toBe(status);
      expect(html).toContain(message);
      expect(html).toContain("Choose the file again to retry.");
      expect(html).toContain('value="backup-target"');
    }
    // Nothing was written: not even the migrated tables.
    const tables = await runInDurableObject(env.TENANT.getByName("backup-target"), (_i, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%'").one().n);
    expect(tables).toBe(0);
    const big = new Uint8Array(24_200_000);
    big.set([0x1f, 0x8b]);
    const tooBig = await restore(new Browser(), "backup-target", big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain("That backup is too large (at most 24 MB).");
    // The name is still free.
    expect((await restore(new Browser(), "backup-target", good)).status).toBe(201);
  });
});
