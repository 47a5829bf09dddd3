// Public forms at /f/<database>/<form> (issue 5), over the worker's real HTTP surface:
// the sample orchestra's published "Join the orchestra" form for Musicians.

import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/schema/actions";
import type { FormDefinition } from "../../src/schema/forms/form";
import type { Tenant } from "../../src/tenant-do/tenant";
import { ORIGIN, postForm, sampleDatabase } from "./helpers";

const good = (extra: Record<string, string> = {}) => new URLSearchParams({ name: "Ada Lovelace", email: "ada@example.org", instrument: "Cello", ...extra });

/** Musicians' live record count and the change log's length, read inside the object. */
function counts(db: string) {
  return runInDurableObject(env.TENANT.getByName(db), (_i, state) => {
    const sql = state.storage.sql;
    const table = sql.exec<{ id: string }>("SELECT id FROM schema_tables WHERE json_extract(json, '$.name') = 'Musicians'").one().id;
    const records = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE table_id = ? AND deleted_at IS NULL", table).one().n;
    const changes = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes").one().n;
    const fromForms = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE user_id LIKE 'form:%'").one().n;
    return { records, changes, fromForms };
  });
}

/** Changes the join form as its owner would (through the updateForm action). */
function changeForm(db: string, change: (form: FormDefinition) => void) {
  return runInDurableObject(env.TENANT.getByName(db), (instance) => {
    const tenant = (instance as unknown as { tenant: Tenant }).tenant;
    const form = structuredClone(tenant.schema.forms!.find((f) => f.slug === "join")!);
    change(form);
    const owner = tenant.accounts.members()[0]!;
    const action: Action = { kind: "updateForm", tableId: form.tableId, form };
    const result = tenant.applyAction(owner, action);
    if (!result.ok) throw new Error(result.reason);
    return form;
  });
}

describe("the public form page", () => {
  it("renders a standalone, accessible page with a token and prefill, and no cookie", async () => {
    await sampleDatabase("forms-page");
    const response = await exports.default.fetch(`${ORIGIN}/f/forms-page/join?instrument=Viola`);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const html = await response.text();
    expect(html).toContain("Join the orchestra");
    expect(html).toMatch(/<label for="q-name">Your name/);
    expect(html).toMatch(/<input[^>]*name="_token"[^>]*value="[\w-]{16,}"/);
    expect(html).toMatch(/<option value="Viola" selected/);
    expect(html).not.toContain('name="active"'); // hidden with a fixed value: not asked
  });

  it("unknown databases and forms are 404s that write nothing", async () => {
    await sampleDatabase("forms-404");
    expect((await exports.default.fetch(`${ORIGIN}/f/nobody-here/join`)).status).toBe(404);
    expect((await postForm("nobody-here", "join", { body: good() })).status).toBe(404);
    expect(await env.TENANT.getByName("nobody-here").exists()).toBe(false);
    const before = await counts("forms-404");
    expect((await postForm("forms-404", "no-such-form", { body: good() })).status).toBe(404);
    expect(await counts("forms-404")).toEqual(before);
  });
});

describe("submissions", () => {
  it("500 concurrent submissions make exactly 500 records, attributed to the form", async () => {
    await sampleDatabase("forms-burst");
    await changeForm("forms-burst", (form) => {
      form.dailyCap = 0; // the sample's cap is 200 a day
    });
    const before = await counts("forms-burst");
    const responses = await Promise.all(Array.from({ length: 500 }, (_, i) =>
      postForm("forms-burst", "join", { body: JSON.stringify({ name: `Player ${i}`, email: `p${i}@example.org`, instrument: "Violin" }), type: "application/json", ip: `10.0.${i >> 8}.${i & 255}` })));
    expect(responses.map((r) => r.status)).toEqual(Array(500).fill(200));
    const after = await counts("forms-burst");
    expect(after.records - before.records).toBe(500);
    expect(after.fromForms).toBe(500);
  });

  it("a repeated token makes one record, and the retry gets the same success", async () => {
    await sampleDatabase("forms-token");
    const before = await counts("forms-token");
    const sends = await Promise.all([1, 2, 3].map(() => postForm("forms-token", "join", { body: good({ _token: "tok-abcdefgh-1234" }) })));
    expect(sends.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(sends[0]!.headers.get("location")).toBe(`${ORIGIN}/f/forms-token/join?sent=1`);
    expect((await counts("forms-token")).records - before.records).toBe(1);
    const thanks = await (await exports.default.fetch(sends[0]!.headers.get("location")!)).text();
    expect(thanks).toContain("The orchestra manager will be in touch");
  });

  it("refuses malformed, oversize, wrongly typed bodies and unknown fields with clear 4xx, writing nothing", async () => {
    await sampleDatabase("forms-bad");
    const before = await counts("forms-bad");
    const malformed = await postForm("forms-bad", "join", { body: "{not json", type: "application/json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, message: "The body is not valid JSON." });
    const big = await postForm("forms-bad", "join", { body: good({ name: "x".repeat(70_000) }) });
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/too large/);
    const text = await postForm("forms-bad", "join", { body: "name=Ada", type: "text/plain" });
    expect(text.status).toBe(415);
    const unknown = await postForm("forms-bad", "join", { body: JSON.stringify({ name: "Ada", email: "a@b.org", instrument: "Harp", salary: "lots" }), type: "application/json" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "unknown_fields", message: "This form has no question called “salary”." });
    const invalid = await postForm("forms-bad", "join", { body: JSON.stringify({ name: "", email: "ada at home", instrument: "Kazoo" }), type: "application/json" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ ok: false, error: "invalid", errors: { name: "Please fill this in.", email: "This is not an email address.", instrument: "This is not one of the options." } });
    expect(await counts("forms-bad")).toEqual(before);
  });

  it("a rejected HTML submission re-renders the form with every typed value and a message per field", async () => {
    await sampleDatabase("forms-redo");
    const response = await postForm("forms-redo", "join", { body: good({ email: "ada at home", phone: "555-0199", address: `<script>alert("x")</script>`, _token: "keep-this-token" }) });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<input[^>]*aria-describedby="q-email-help q-email-error"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="q-email-error">This is not an email address.');
    expect(html).toContain('href="#q-email"');
    expect(html).toContain('value="ada at home"');
    expect(html).toContain('value="555-0199"');
    expect(html).toContain('value="keep-this-token"');
    expect(html).toContain("value=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\"");
    expect(html).not.toContain("<script>alert");
  });

  it("a honeypot answer gets a pretend success and no record", async () => {
    await sampleDatabase("forms-honey");
    const before = await counts("forms-honey");
    const response = await postForm("forms-honey", "join", { body: good({ _hp: "http://spam.example" }) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Thank you");
    expect(await counts("forms-honey")).toEqual(before);
  });

  it("enforces conditional questions on the server: an answer to a question not shown is discarded", async () => {
    await sampleDatabase("forms-cond");
    await changeForm("forms-cond", (form) => {
      const phone = form.fields.find((q) => q.key === "phone")!;
      phone.condition = { fieldId: form.fields.find((q) => q.key === "instrument")!.fieldId, op: "is", value: "Harp" };
      phone.required = true;
    });
    const noHarp = await postForm("forms-cond", "join", { body: JSON.stringify({ name: "Vi", email: "vi@example.org", instrument: "Viola", phone: "(518) 555-0100" }), type: "application/json" });
    expect(noHarp.status).toBe(200);
    const harp = await postForm("forms-cond", "join", { body: JSON.stringify({ name: "Ha", email: "ha@example.org", instrument: "Harp" }), type: "application/json" });
    expect(await harp.json()).toMatchObject({ errors: { phone: "Please fill this in." } });
    const phones = await runInDurableObject(env.TENANT.getByName("forms-cond"), (_i, state) =>
      state.storage.sql.exec<{ cells: string }>("SELECT cells FROM records ORDER BY seq DESC LIMIT 1").one().cells);
    const texts = Object.values(JSON.parse(phones) as Record<string, { text: string }>).map((cell) => cell.text);
    expect(texts).toContain("Vi");
    expect(phones).not.toContain("555-0100");
  });

  it("a closed form shows its message and takes nothing", async () => {
    await sampleDatabase("forms-closed");
    await changeForm("forms-closed", (form) => {
      form.open = false;
    });
    const before = await counts("forms-closed");
    expect(await (await exports.default.fetch(`${ORIGIN}/f/forms-closed/join`)).text()).toContain("Auditions are closed for this season.");
    expect((await postForm("forms-closed", "join", { body: good() })).status).toBe(403);
    expect(await counts("forms-closed")).toEqual(before);
  });

  it("rate-limits an address per form (429 with Retry-After), and enforces the daily cap", async () => {
    await sampleDatabase("forms-rate");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postForm("forms-rate", "join", { body: good({ name: `R ${i}` }), ip: "198.51.100.7" })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    const limited = await postForm("forms-rate", "join", { body: good(), ip: "198.51.100.7" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postForm("forms-rate", "join", { body: good(), ip: "198.51.100.8" })).status).toBe(303); // another address
    await changeForm("forms-rate", (form) => {
      form.dailyCap = 11;
    });
    const capped = await postForm("forms-rate", "join", { body: good(), ip: "198.51.100.9" });
    expect(capped.status).toBe(429);
    expect(await capped.text()).toMatch(/all the answers it takes today/);
  });

  it("answers JSON with CORS only for origins the builder allowed, and handles the preflight", async () => {
    await sampleDatabase("forms-cors");
    await changeForm("forms-cors", (form) => {
      form.allowedOrigins = ["https://orchestra.example"];
    });
    const allowed = await postForm("forms-cors", "join", { body: JSON.stringify({ name: "C", email: "c@example.org", instrument: "Oboe" }), type: "application/json", headers: { origin: "https://orchestra.example" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://orchestra.example");
    const other = await postForm("forms-cors", "join", { body: JSON.stringify({ name: "D", email: "d@example.org", instrument: "Oboe" }), type: "application/json", headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await exports.default.fetch(new Request(`${ORIGIN}/f/forms-cors/join`, { method: "OPTIONS", headers: { origin: "https://orchestra.example", "access-control-request-method": "POST" } }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("POST");
  });
});
