// Issue 9, item 8: public form defaults and methods. HEAD went down the submit path (422 on
// the sample form, an empty record on an all-optional one); new forms had no daily cap; the
// plain-HTML embed (no token) made a duplicate record on every resubmit.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../../src/schema/forms/form";
import { ORIGIN, postForm, sampleDatabase, tenantOf, ownerWithNewForm } from "./helpers";

const good = (extra: Record<string, string> = {}) => new URLSearchParams({ name: "Ada Lovelace", email: "ada@example.org", instrument: "Cello", ...extra });

/** Live records in the sample's Musicians table, and tokenless submissions remembered. */
function counts(db: string) {
  return runInDurableObject(env.TENANT.getByName(db), (instance, state) => {
    const tenant = tenantOf(instance);
    const table = tenant.schema.tables.find((t) => t.name === "Musicians")!;
    const records = state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE table_id = ? AND deleted_at IS NULL", table.id).one().n;
    const repeats = state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM form_repeats").one().n;
    return { records, repeats };
  });
}

function changeJoinForm(db: string, change: (form: FormDefinition) => void) {
  return runInDurableObject(env.TENANT.getByName(db), (instance) => {
    const tenant = tenantOf(instance);
    const form = structuredClone(tenant.schema.forms!.find((f) => f.slug === "join")!);
    change(form);
    const result = tenant.applyAction(tenant.accounts.members()[0]!, { kind: "updateForm", tableId: form.tableId, form });
    if (!result.ok) throw new Error(result.reason);
  });
}

const head = (db: string) =>
  exports.default.fetch(new Request(`${ORIGIN}/f/${db}/join`, { method: "HEAD", headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "203.0.113.5" }}));

describe("HEAD on a public form", () => {
  it("HEAD on the sample form answers like GET (200, no body) and does not go down the submit path", async () => {
    await sampleDatabase("head-sample");
    const before = await counts("head-sample");
    const response = await head("head-sample");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(await counts("head-sample")).toEqual(before);
  });

  it("HEAD on a form whose questions are all optional makes no empty record", async () => {
    await sampleDatabase("head-optional");
    await changeJoinForm("head-optional", (form) => {
      form.fields = form.fields.filter((q) => !q.hidden).map((q) => ({ ...q, required: false }));
    });
    const before = await counts("head-optional");
    expect((await head("head-optional")).status).toBe(200);
    expect(await counts("head-optional")).toEqual(before);
    // …while a POST of nothing does submit (the form allows an empty answer).
    expect((await postForm("head-optional", "join", { body: new URLSearchParams() })).status).toBe(303);
    expect((await counts("head-optional")).records).toBe(before.records + 1);
  });
});

describe("a new form's daily cap", () => {
  it("a new form takes at most 1,000 answers a day, and the builder can change it", async () => {
    const { client } = await ownerWithNewForm("cap-default", "RSVP");
    expect(client.query("#form-cap")?.getAttribute("value")).toBe("1000");
    client.fill("Daily cap (0 for none)", "25");
    await client.click("Save form");
    expect(client.text).toContain("Form saved.");
    const cap = await runInDurableObject(env.TENANT.getByName("cap-default"), (instance) => tenantOf(instance).schema.forms![0]!.dailyCap);
    expect(cap).toBe(25);
  });
});

describe("tokenless resubmits (the plain-HTML embed)", () => {
  it("a tokenless resubmit of the same answers from the same address within minutes lands once", async () => {
    await sampleDatabase("repeat-html");
    const before = await counts("repeat-html");
    const first = await postForm("repeat-html", "join", { body: good(), ip: "203.0.113.77" });
    const again = await postForm("repeat-html", "join", { body: good(), ip: "203.0.113.77" });
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect((await counts("repeat-html")).records).toBe(before.records + 1);
    // The same answers from another address, or other answers from this one, are new.
    expect((await postForm("repeat-html", "join", { body: good(), ip: "203.0.113.78" })).status).toBe(303);
    expect((await postForm("repeat-html", "join", { body: good({ phone: "555-0100" }), ip: "203.0.113.77" })).status).toBe(303);
    // JSON the same way.
    const json = JSON.stringify({ name: "J", email: "j@example.org", instrument: "Oboe" });
    for (let i = 0; i < 2; i++) expect((await postForm("repeat-html", "join", { body: json, type: "application/json", ip: "203.0.113.79" })).status).toBe(200);
    expect(await counts("repeat-html")).toEqual({ records: before.records + 4, repeats: 4 });
  });

  it("remembers a salted hash, never the address, and forgets it once the window has passed", async () => {
    await sampleDatabase("repeat-expiry");
    await postForm("repeat-expiry", "join", { body: good(), ip: "198.51.100.23" });
    const keys = await runInDurableObject(env.TENANT.getByName("repeat-expiry"), (_i, state) =>
      state.storage.sql.exec<{ key: string }>("SELECT key FROM form_repeats").toArray().map((r) => r.key));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[0]).not.toContain("198.51.100.23");
    // The window passes: the same answers land again, and the alarm's sweep forgets old keys.
    await runInDurableObject(env.TENANT.getByName("repeat-expiry"), (_i, state) => {
      state.storage.sql.exec("UPDATE form_repeats SET expires_at = 1");
    });
    const before = await counts("repeat-expiry");
    expect((await postForm("repeat-expiry", "join", { body: good(), ip: "198.51.100.23" })).status).toBe(303);
    expect((await counts("repeat-expiry")).records).toBe(before.records + 1);
    await runInDurableObject(env.TENANT.getByName("repeat-expiry"), (instance, state) => {
      state.storage.sql.exec("UPDATE form_repeats SET expires_at = 1");
      tenantOf(instance).forms.expire();
    });
    expect((await counts("repeat-expiry")).repeats).toBe(0);
  });

  it("a submission with a token is unaffected: a new token with the same answers is a new record", async () => {
    await sampleDatabase("repeat-token");
    const before = await counts("repeat-token");
    expect((await postForm("repeat-token", "join", { body: good({ _token: "token-one-123456" }) })).status).toBe(303);
    expect((await postForm("repeat-token", "join", { body: good({ _token: "token-two-123456" }) })).status).toBe(303);
    expect(await counts("repeat-token")).toEqual({ records: before.records + 2, repeats: 0 });
  });
});
