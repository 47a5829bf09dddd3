// A public form's read-only summary lines (issue 14: derived fields "appear in forms'
// read-only summaries"), over the worker's real HTTP surface: the sample "Join the
// orchestra" form asks for a fee and shows the computed "Fee with tax" once sent.

import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { Action } from "../../src/schema/actions";
import type { Tenant } from "../../src/tenant-do/tenant";
import { ORIGIN, ownerApp, postForm, sampleDatabase } from "./helpers";

/** Adds "Fee with tax" (Fee × 1.08, computed) to Musicians; with `onForm`, also asks for the
 *  fee on the join form and shows the computed field as its summary line, as an owner would. */
async function withSummary(db: string, onForm = true, sample = true) {
  if (sample) await sampleDatabase(db);
  await runInDurableObject(env.TENANT.getByName(db), (instance) => {
    const tenant = (instance as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members()[0]!;
    const form = structuredClone(tenant.schema.forms!.find((f) => f.slug === "join")!);
    const table = tenant.schema.tables.find((t) => t.id === form.tableId)!;
    const fee = table.fields.find((f) => f.name === "Fee")!;
    const steps: Action[] = [
      { kind: "addField", tableId: table.id, index: table.fields.length, field: { id: "withtax", name: "Fee with tax", type: "money", options: { currency: "USD" }, derived: { expr: { k: "op", op: "multiply", args: [{ k: "field", fieldId: fee.id }, { k: "lit", type: "number", text: "1.08" }] } } } },
      {
        kind: "updateForm", tableId: table.id,
        form: { ...form, fields: [...form.fields, { fieldId: fee.id, key: "fee", label: "Fee", help: "", required: true, hidden: false, fixedValue: "", defaultValue: "", prefillParam: "" }], summary: [{ fieldId: "withtax", key: "fee_with_tax", label: "Fee with tax" }] },
      },
    ];
    for (const action of onForm ? steps : steps.slice(0, 1)) {
      const result = tenant.applyAction(owner, action);
      if (!result.ok) throw new Error(result.reason);
    }
  });
}

/** Musicians' live records and the change log's length. */
function counts(db: string) {
  return runInDurableObject(env.TENANT.getByName(db), (_i, state) => {
    const sql = state.storage.sql;
    return {
      records: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE deleted_at IS NULL").one().n,
      changes: sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes").one().n,
    };
  });
}

const answers = (extra: Record<string, string> = {}) => ({ name: "Ada Lovelace", email: "ada@example.org", instrument: "Cello", fee: "$100", ...extra });

it("a submission's confirmation shows each summary line with the value computed for its record", async () => {
  await withSummary("forms-summary");
  const form = await (await exports.default.fetch(`${ORIGIN}/f/forms-summary/join`)).text();
  expect(form).not.toContain('name="fee_with_tax"'); // not a question: nothing to type
  // HTML with a token (the page's own form, with or without JavaScript): the receipt address.
  const sent = await postForm("forms-summary", "join", { body: new URLSearchParams(answers({ _token: "summary-token-0001" })) });
  expect(sent.status).toBe(303);
  expect(sent.headers.get("location")).toBe(`${ORIGIN}/f/forms-summary/join?sent=1&t=summary-token-0001`);
  const thanks = await (await exports.default.fetch(sent.headers.get("location")!)).text();
  expect(thanks).toContain("The orchestra manager will be in touch");
  expect(thanks).toMatch(/<dt>Fee with tax<\/dt><dd>\$108\.00<\/dd>/);
  // A guessed or unknown token shows the message only.
  const guessed = await (await exports.default.fetch(`${ORIGIN}/f/forms-summary/join?sent=1&t=not-the-token-01`)).text();
  expect(guessed).toContain("The orchestra manager will be in touch");
  expect(guessed).not.toContain("Fee with tax");
  // JSON: the summary in the answer.
  const json = await postForm("forms-summary", "join", { body: JSON.stringify(answers({ fee: "$50" })), type: "application/json", ip: "203.0.113.2" });
  expect(json.status).toBe(200);
  expect(await json.json()).toMatchObject({ ok: true, summary: [{ key: "fee_with_tax", label: "Fee with tax", value: "$54.00" }] });
  // A plain HTML post without a token (the copy-paste snippet): the receipt at once.
  const plain = await postForm("forms-summary", "join", { body: new URLSearchParams(answers({ fee: "$10" })), ip: "203.0.113.3" });
  expect(plain.status).toBe(200);
  expect(await plain.text()).toMatch(/<dt>Fee with tax<\/dt><dd>\$10\.80<\/dd>/);
});

it("a value posted for a summary line is refused like an unknown question, writing nothing", async () => {
  await withSummary("forms-summary-refused");
  const before = await counts("forms-summary-refused");
  const json = await postForm("forms-summary-refused", "join", { body: JSON.stringify(answers({ fee_with_tax: "$1" })), type: "application/json" });
  expect(json.status).toBe(400);
  expect(await json.json()).toMatchObject({ ok: false, error: "unknown_fields", message: "This form has no question called “fee_with_tax”." });
  const html = await postForm("forms-summary-refused", "join", { body: new URLSearchParams(answers({ fee_with_tax: "$1", _token: "summary-token-0002" })), ip: "203.0.113.4" });
  expect(html.status).toBe(400);
  expect(await html.text()).toContain("no question called “fee_with_tax”");
  expect(await counts("forms-summary-refused")).toEqual(before);
});

it("the builder (without JavaScript) adds a summary line, not a question, and Undo takes it away", async () => {
  const { client } = await ownerApp("forms-summary-build", { sample: true });
  await withSummary("forms-summary-build", false, false);
  await client.click("Forms");
  await client.click("Edit Join the orchestra");
  expect(client.text).not.toContain("Ask “Fee with tax”");
  await client.click("Show “Fee with tax”");
  client.fill("Label for “Fee with tax”", "Yearly fee <with tax>");
  await client.click("Save form");
  expect(client.text).toContain("Form saved.");
  expect(client.query(".preview-receipt dt")?.textContent).toBe("Yearly fee <with tax>");
  const stored = () => runInDurableObject(env.TENANT.getByName("forms-summary-build"), (instance) => (instance as unknown as { tenant: Tenant }).tenant.schema.forms![0]!.summary);
  expect(await stored()).toEqual([{ fieldId: "withtax", key: "fee_with_tax", label: "Yearly fee <with tax>" }]);
  await client.click("Undo");
  expect(await stored()).toBeUndefined();
});
