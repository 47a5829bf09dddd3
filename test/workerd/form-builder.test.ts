// Building forms through the screens (issue 5), over HTTP with the TestClient: the Forms
// page, the builder and its preview and snippets, the "new from forms" badge, escaping of
// submitted HTML everywhere in the app, and who may build.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openNewTable, ORIGIN, ownerApp, postForm, tenantOf, withMember, ownerWithNewForm } from "./helpers";

describe("the form builder", () => {
  it("lists the sample's published form with its public link, and edits it: label, order, condition", async () => {
    const { client } = await ownerApp("build-sample", { sample: true });
    await client.click("Forms");
    expect(client.text).toContain("Join the orchestra");
    expect(client.query("a[href='http://trove.test/f/build-sample/join']")).not.toBeNull();
    await client.click("Edit Join the orchestra");
    expect(client.query(".preview label[for='preview-q-name']")?.textContent).toContain("Your name");
    // (linkedom keeps a textarea's text as written: escaped.)
    expect(client.query("#snippet-iframe")?.textContent).toContain("&lt;iframe src=&quot;http://trove.test/f/build-sample/join&quot;");
    expect(client.query("#snippet-html")?.textContent).toContain("&lt;form action=&quot;http://trove.test/f/build-sample/join&quot; method=&quot;post&quot;&gt;");
    client.fill("Label for Phone", "Phone number");
    await client.click("Move Phone up");
    client.fill("Show for Address", "Only when “Instrument”…");
    await client.click("Update preview");
    client.fill("Condition for Address", "is");
    client.fill("Value for Address", "Harp");
    await client.click("Save form");
    expect(client.text).toContain("Form saved.");
    const labels = client.queryAll(".preview label").map((l) => l.textContent?.replace(/\s*\*|\s*\(optional\)/g, ""));
    expect(labels.slice(0, 4)).toEqual(["Your name", "Email", "Phone number", "Instrument"]);
    const page = await (await exports.default.fetch(`${ORIGIN}/f/build-sample/join`)).text();
    expect(page).toContain("Phone number");
    expect(page).toContain("Answer only if “Instrument” is “Harp”.");
    // Undo brings the old form back: forms are structure, in the change log.
    await client.click("Undo");
    expect(client.text).toContain("Undone: change form “Join the orchestra”");
  });

  it("creates a form, opens it, and a submission shows up with a badge on the table until it is opened; HTML stays text", async () => {
    const { client } = await ownerWithNewForm("build-new", "RSVP <b>now</b>");
    client.fill("Taking answers", "open");
    client.fill("Answer for Name", "required");
    await client.click("Save form");
    expect(client.text).toContain("Form saved.");
    expect(client.html).toContain("RSVP &lt;b&gt;now&lt;/b&gt;");
    const slug = "rsvp-b-now-b";
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    expect((await postForm("build-new", slug, { body: new URLSearchParams({ name: evil }) })).status).toBe(303);
    expect((await postForm("build-new", slug, { body: new URLSearchParams({ name: "" }) })).status).toBe(422);
    await client.click("← Forms");
    await client.click("Tables");
    expect(client.text).toContain("1 new from a form");
    await client.click("Guests");
    const cell = client.query("input[aria-label='Name of record 1']");
    expect(cell?.getAttribute("value")).toBe(evil);
    expect(client.queryAll("main script, main img")).toEqual([]);
    await client.click("← Tables");
    expect(client.text).not.toContain("new from");
  });

  it("only builders and owners build forms; the object refuses anyone else", async () => {
    const { member, ownerClient } = await withMember("build-roles", "editor");
    await ownerClient.click("Tables");
    await openNewTable(ownerClient, "Guests");
    const { client } = await member.app("build-roles");
    await client.click("Forms");
    expect(client.query("#new-form-title")).toBeNull();
    expect(client.text).toContain("No forms yet.");
    // Asked directly, the object refuses the editor too.
    const outcome = await runInDurableObject(env.TENANT.getByName("build-roles"), (instance) => {
      const tenant = tenantOf(instance);
      const editor = tenant.accounts.members().find((m) => m.role === "editor")!;
      const app = tenant.appFor(editor);
      const table = app.tables().find((t) => t.name === "Guests")!;
      return { added: app.addForm(table.id, "Sneaky"), forms: app.forms().length };
    });
    expect(outcome).toEqual({ added: { ok: false, reason: "Your role does not allow this." }, forms: 0 });
  });
});
