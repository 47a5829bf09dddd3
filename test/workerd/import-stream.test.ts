// Issue 15: a file over 5 MB goes up in chunks (as the browser sends it: POST
// /t/<db>/import-chunks, ~1 MiB each, in order, a retry taken once), is previewed from its
// first rows, and is imported by a job that reads one chunk at a time — through the object's
// eviction mid-way — with every row and the report right, the chunks deleted at the end.

import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STREAM_LIMITS } from "../../src/schema/import/stream";
import { ownerApp, tenantOf } from "./helpers";

const SECTIONS = ["Strings", "Brass", "Woodwinds", "Percussion"];
const NOTE = "Plays in the autumn and spring concerts and brings the folder and a pencil. ".repeat(3);

/** About 12 MB of CSV: every 20th fee not understood; a quoted note with a comma and a line break every 7th row; non-ASCII names. */
function bigCsv(rows: number): Uint8Array {
  const lines = ["Name,Fee,Section,Note"];
  for (let i = 0; i < rows; i++) {
    const note = i % 7 === 0 ? `"${NOTE}, line one\nline two ""quoted"""` : NOTE;
    lines.push(`Zoë Person ${i},${i % 20 === 0 ? "ask Maria" : `$${i % 1000}.50`},${SECTIONS[i % 4]},${note}`);
  }
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}

const ROWS = 48_000;

describe("a file over 5 MB, uploaded in chunks (issue 15)", () => {
  it("is sent in chunks, previewed, and imported with every row through an eviction; its chunks go at the end", async () => {
    const db = "import-stream";
    const { browser } = await ownerApp(db);
    const bytes = bigCsv(ROWS);
    expect(bytes.length).toBeGreaterThan(12_000_000);
    const count = Math.ceil(bytes.length / STREAM_LIMITS.chunkBytes);
    const send = (i: number) => {
      const query = new URLSearchParams({ upload: "testupload0123456789", index: String(i), last: i === count - 1 ? "1" : "0", size: String(bytes.length), name: "members.csv" });
      return browser.fetch(`/t/${db}/import-chunks?${query}`, { method: "POST", body: bytes.slice(i * STREAM_LIMITS.chunkBytes, (i + 1) * STREAM_LIMITS.chunkBytes) });
    };
    for (let i = 0; i < count; i++) {
      const answer = await (await send(i)).json();
      expect(answer).toEqual({ ok: true, received: i + 1, done: i === count - 1 });
      // A chunk sent again (a retry) is taken once; one out of order is refused.
      if (i === 3) expect(await (await send(2)).json()).toEqual({ ok: true, received: 4, done: false });
      if (i === 4) expect(await (await send(6)).json()).toMatchObject({ ok: false, reason: expect.stringContaining("came before") });
    }
    // The form names the upload; the preview reads its first rows and counts them all.
    const page = await browser.open(`/t/${db}/tables/import`);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.html)![1]!.replace(/&amp;/g, "&");
    const upload = /<input type="hidden" name="([^"]+)" value="" data-upload-id=""/.exec(page.html)![1]!;
    const submit = /<button class="button primary" type="submit" name="([^"]+)" value="([^"]+)">Preview</.exec(page.html)!;
    const posted = await browser.fetch(action, { method: "POST", body: new URLSearchParams({ [upload]: "testupload0123456789", [submit[1]!]: submit[2]! }) });
    expect(posted.status).toBe(303);
    const preview = await browser.open(posted.headers.get("location")!);
    expect(preview.html).toContain(`${ROWS.toLocaleString("en")} records`);
    expect(preview.html).toContain('<option value="money" selected="">');
    expect(preview.html).toContain('<option value="choice" selected="">');
    const { client } = await browser.app(db, posted.headers.get("location")!);
    expect(client.query("#import-name")?.getAttribute("value")).toBe("members");
    await client.click(`Import ${ROWS.toLocaleString("en")} records`);
    expect(client.text).toContain("Importing into “members”");

    const stub = env.TENANT.getByName(db);
    const jobOf = () => runInDurableObject(stub, (instance) => tenantOf(instance).importJobs.running()[0]);
    // A few slices, then the object goes away mid-import; the alarm wakes it and the job goes on from SQLite.
    await runDurableObjectAlarm(stub);
    const midway = await jobOf();
    expect(midway?.done).toBeGreaterThan(0);
    expect(midway?.done).toBeLessThan(ROWS);
    await evictDurableObject(stub);
    for (let i = 0; i < 200 && (await jobOf()) !== undefined; i++) await runDurableObjectAlarm(stub);
    const stored = await runInDurableObject(stub, (instance) => {
      const tenant = tenantOf(instance);
      const sql = tenant.storage.sql;
      const job = sql.exec<{ id: string }>("SELECT id FROM import_jobs").one();
      const view = tenant.importJobs.get(job.id)!;
      const table = tenant.schema.tables.find((t) => t.id === view.tableId)!;
      const [name, fee, section, note] = table.fields.map((f) => f.id);
      const texts = (field: string) => sql.exec<{ t: string }>("SELECT json_extract(cells, '$.' || ? || '.text') AS t FROM records WHERE table_id = ? ORDER BY seq", field, table.id).toArray().map((r) => r.t);
      return {
        view,
        types: table.fields.map((f) => f.type),
        names: texts(name!),
        sections: new Set(texts(section!)),
        notes: texts(note!).filter((t) => t.includes("line two")).length,
        quoted: texts(note!)[0],
        fees: texts(fee!).filter((t) => t === "ask Maria").length,
        invalid: tenant.records.invalidCounts(table.id),
        uploads: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_uploads").one().n,
        chunks: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_upload_chunks").one().n,
      };
    });
    expect(stored.view).toMatchObject({ state: "done", done: ROWS, total: ROWS });
    expect(stored.types).toEqual(["text", "money", "choice", "longText"]);
    expect(stored.names.length).toBe(ROWS);
    expect(stored.names.every((n, i) => n === `Zoë Person ${i}`)).toBe(true);
    expect([...stored.sections].sort()).toEqual([...SECTIONS].sort());
    expect(stored.notes).toBe(Math.ceil(ROWS / 7));
    expect(stored.quoted).toBe(`${NOTE}, line one\nline two "quoted"`);
    expect(stored.fees).toBe(ROWS / 20);
    expect(stored.view.report.columns.find((c) => c.name === "Fee")).toMatchObject({ type: "money", flagged: ROWS / 20 });
    expect(stored.view.report.columns.find((c) => c.name === "Section")).toMatchObject({ flagged: 0 });
    expect(Object.values(stored.invalid)).toEqual([ROWS / 20]);
    expect(stored).toMatchObject({ uploads: 0, chunks: 0 });
  });

  it("refuses a chunk too large, a file over the limit and a binary file, keeping nothing", async () => {
    const db = "import-stream-bad";
    const { browser } = await ownerApp(db);
    const post = (query: Record<string, string>, body: Uint8Array<ArrayBuffer>) => browser.fetch(`/t/${db}/import-chunks?${new URLSearchParams(query)}`, { method: "POST", body });
    const base = { upload: "badupload0123456789", index: "0", last: "1", size: "8", name: "x.csv" };
    expect(await (await post({ ...base, size: String(STREAM_LIMITS.fileBytes + 1) }, new Uint8Array(8))).json()).toMatchObject({ ok: false, reason: expect.stringContaining("too large") });
    const binary = await post(base, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    expect(await binary.json()).toMatchObject({ ok: false, reason: expect.stringContaining("binary") });
    const tooBig = await post({ ...base, upload: "badupload9999999999" }, new Uint8Array(STREAM_LIMITS.chunkBytes + 1));
    expect(tooBig.status).toBe(413);
    const left = await runInDurableObject(env.TENANT.getByName(db), (instance) => tenantOf(instance).storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM import_upload_chunks").one().n);
    expect(left).toBe(0);
  });
});
