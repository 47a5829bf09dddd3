// Issue 9's fuzz test at the object's boundary: random socket frames (malformed JSON, frames
// of every kind with random fields, events naming callbacks that do not exist) and random
// form posts to a page's address. Whatever arrives, the object never answers 5xx nor records
// an error, the socket keeps working, and no record, field or logged change appears: only a valid callback may
// change data, and a random one never names one.

import { env, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ownerApp, SocketClient } from "./helpers";

const DB = "fuzzdb";

/** Everything a change could touch: records, the schema's rows, the change log. */
async function dataOf(): Promise<string> {
  return runInDurableObject(env.TENANT.getByName(DB), (_instance, state) => {
    const rows = (sql: string) => state.storage.sql.exec(sql).toArray();
    return JSON.stringify([rows("SELECT * FROM records ORDER BY id"), rows("SELECT * FROM schema_tables ORDER BY id"), rows("SELECT * FROM schema_doc"), rows("SELECT COUNT(*) AS n FROM changes")]);
  });
}

const text = fc.string({ maxLength: 40 });
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Frames of the shapes the runtime sends, with random contents, and anything else. */
function frames(key: string) {
  const k = fc.oneof(fc.constant(key), text);
  return fc.oneof(
    anyJson.map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.record({ t: fc.constantFrom("event", "hello", "ping", "bye", ""), seq: fc.oneof(fc.integer(), fc.double(), text), k, fields: fc.oneof(fc.array(fc.tuple(text, text), { maxLength: 4 }), anyJson), action: fc.oneof(fc.constant(null), text, anyJson), path: fc.oneof(text, fc.constantFrom(`/t/${DB}/tables`, `/t/${DB}/members`, "/t/other/tables")), full: fc.boolean() }, { requiredKeys: ["t"] }).map((f) => JSON.stringify(f)),
  );
}

describe("fuzzing the object", () => {
  it("random socket frames never break the socket or change data", async () => {
    const { browser, sessionUrl } = await ownerApp(DB, { sample: true });
    const before = await dataOf();
    let socket = await SocketClient.open(browser, DB, sessionUrl);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(frames(socket.key), async (frame) => {
        // A fresh socket well within the frame budget, so every frame is read, not dropped.
        if (++sent % 25 === 0) {
          socket.ws.close(1000, "next");
          socket = await SocketClient.open(browser, DB, sessionUrl);
        }
        socket.ws.send(frame);
      }),
      { numRuns: 150, seed: 2026 },
    );
    // The socket still answers a hello with the page, and nothing changed.
    socket.send({ t: "hello", seq: 9999, k: socket.key, path: `/t/${DB}/tables`, full: true });
    expect((await socket.next((f) => f.t === "render")).t).toBe("render");
    expect(await dataOf()).toBe(before);
    // No frame made the object fail: its ring buffer of errors (what an operator sees) is empty.
    const errors = await runInDurableObject(env.TENANT.getByName(DB), (_i, state) => state.storage.sql.exec("SELECT * FROM recent_errors").toArray());
    expect(errors).toEqual([]);
  });

  it("random form posts to a page's address answer below 500 and change nothing", async () => {
    const { browser } = await ownerApp(`${DB}-posts`, { sample: true });
    const db = `${DB}-posts`;
    const snapshot = () => runInDurableObject(env.TENANT.getByName(db), (_i, state) => JSON.stringify([state.storage.sql.exec("SELECT * FROM records ORDER BY id").toArray(), state.storage.sql.exec("SELECT COUNT(*) AS n FROM changes").toArray()]));
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("tables", "members", "forms", "activity", "trash", "constants", "tables/import", "account"), fc.dictionary(text, text, { maxKeys: 6 }), async (place, form) => {
        const response = await browser.post(`/t/${db}/${place}?k=${encodeURIComponent(form.k ?? "")}`, form);
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60, seed: 2026 },
    );
    expect(await snapshot()).toBe(before);
  });
});
