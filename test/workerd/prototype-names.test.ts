// Issue 9, item 5: fields named after Object.prototype's and Array.prototype's properties
// ("Constructor" made the form builder and the public form answer 500: `values[key]` found
// Object.prototype.constructor). Through the real screens and the public endpoint.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addField, openNewTable, ORIGIN, ownerApp, postForm, tenantOf } from "./helpers";

const NAMES = ["Constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "length", "concat"];

describe("prototype property names on forms", () => {
  it("a field named “Constructor” (and friends) does not make the form builder or the public form answer 500", async () => {
    const { client } = await ownerApp("proto-forms");
    await openNewTable(client, "__proto__");
    for (const name of NAMES) await addField(client, name, "text");
    await client.click("← Tables");
    await client.click("Forms");
    client.fill("New form", "constructor");
    await client.click("Create form"); // the builder: its preview used to throw
    expect(client.query(".preview label[for='preview-q-constructor']")?.textContent).toContain("Constructor");
    client.fill("Taking answers", "open");
    await client.click("Save form");
    expect(client.text).toContain("Form saved.");
    const page = await exports.default.fetch(`${ORIGIN}/f/proto-forms/constructor`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<input type="text" value="" autocomplete="off" id="q-constructor" name="constructor"/>`);
    expect(html).not.toContain("[native code]");

    // Answers posted under those names land in their fields.
    const sent = await postForm("proto-forms", "constructor", { body: new URLSearchParams({ constructor: "built", tostring: "text", proto: "p" }) });
    expect(sent.status).toBe(303);
    // A rejected submission re-renders the form: no answer comes from a prototype.
    const unknown = await postForm("proto-forms", "constructor", { body: '{"__proto__": "x", "constructor": "y", "toString": "z"}', type: "application/json" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "unknown_fields" });
    const texts = await runInDurableObject(env.TENANT.getByName("proto-forms"), (instance) => {
      const tenant = tenantOf(instance);
      const table = tenant.schema.tables.find((t) => t.name === "__proto__")!;
      const record = tenant.records.list(table.id, 0, 10)[0]!;
      return Object.fromEntries(table.fields.map((f) => [f.name, record.cells[f.id]?.text ?? ""]));
    });
    expect(texts).toMatchObject({ Constructor: "built", toString: "text", ["__proto__"]: "p", hasOwnProperty: "" });
  });
});
