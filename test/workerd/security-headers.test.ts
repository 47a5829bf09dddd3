// Issue 9, item 7: security headers, set in one place (the worker's securityHeaders). The
// app and sign-in pages may not be framed and load code only from Trove; a public form page
// may be framed by the sites its builder allowed, or by any site when the builder says so.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../../src/schema/forms/form";
import { ORIGIN, sampleDatabase, tenantOf, ownerWithNewForm } from "./helpers";

const get = (path: string, origin = ORIGIN) => exports.default.fetch(new Request(new URL(path, origin)));

/** The page's policy as directive → sources. */
function csp(response: Response): Map<string, string> {
  const header = response.headers.get("content-security-policy") ?? "";
  return new Map(header.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));
}

/** Inline code a script-src 'self' / style-src 'self' policy would block. */
function inlineCode(html: string): string[] {
  return [
    ...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g),
    ...html.matchAll(/<style\b/g),
    ...html.matchAll(/<[^>]*\son[a-z]+=/g),
    ...html.matchAll(/<[^>]*\sstyle=/g),
    ...html.matchAll(/<[^>]*="javascript:/g),
  ].map((m) => m[0]);
}

function expectAppHeaders(response: Response) {
  const policy = csp(response);
  expect(policy.get("frame-ancestors")).toBe("'none'");
  expect(policy.get("script-src")).toBe("'self'");
  expect(policy.get("style-src")).toBe("'self'");
  expect(policy.get("form-action")).toBe("'self'");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
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

describe("security headers", () => {
  it("the sign-up, sign-in and app pages (and error pages) cannot be framed, run no inline code, and say nosniff", async () => {
    const { browser, client } = await ownerWithNewForm("headers-app", "RSVP");
    const pages = [await get("/"), await get("/t/headers-app/"), await get("/t/headers-app/nowhere"), await get("/no/such/page")];
    const app = await browser.open("/t/headers-app/");
    for (const response of [...pages, app.response]) expectAppHeaders(response);
    for (const response of pages) expect(inlineCode(await response.text())).toEqual([]);
    expect(inlineCode(app.html)).toEqual([]);
    // The builder's page, as rendered over the socket or fetch, has no inline code either.
    expect(inlineCode(client.html)).toEqual([]);
  });

  it("HSTS is sent on https only", async () => {
    expect((await get("/", "https://trove.test")).headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect((await get("/")).headers.get("strict-transport-security")).toBeNull();
  });

  it("a public form page may be framed by its allowed sites, or by any site when the builder says so", async () => {
    await sampleDatabase("headers-form");
    // The sample's published form says any site.
    const before = await get("/f/headers-form/join");
    expect(csp(before).get("frame-ancestors")).toBe("*");
    expect(before.headers.get("x-frame-options")).toBeNull();
    expect(before.headers.get("x-content-type-options")).toBe("nosniff");
    expect(csp(before).get("script-src")).toBe("'self'");
    expect(inlineCode(await before.text())).toEqual([]);
    await changeJoinForm("headers-form", (form) => {
      form.embedAnywhere = false;
      form.allowedOrigins = ["https://orchestra.example", "https://friends.example:8443"];
    });
    const listed = await get("/f/headers-form/join");
    expect(csp(listed).get("frame-ancestors")).toBe("'self' https://orchestra.example https://friends.example:8443");
    await changeJoinForm("headers-form", (form) => {
      form.embedAnywhere = true;
    });
    expect(csp(await get("/f/headers-form/join")).get("frame-ancestors")).toBe("*");
    // A form saved before the setting existed (no embedAnywhere): any site, as before.
    await runInDurableObject(env.TENANT.getByName("headers-form"), (instance) => {
      delete tenantOf(instance).schema.forms![0]!.embedAnywhere;
    });
    expect(csp(await get("/f/headers-form/join")).get("frame-ancestors")).toBe("*");
    // A form that does not exist: not framed.
    expect(csp(await get("/f/headers-form/nope")).get("frame-ancestors")).toBe("'none'");
  });

  it("a new form is framed only by its own sites until the builder says any site", async () => {
    const { client } = await ownerWithNewForm("headers-new", "RSVP");
    client.fill("Taking answers", "open");
    await client.click("Save form");
    expect(csp(await get("/f/headers-new/rsvp")).get("frame-ancestors")).toBe("'self'");
    expect(client.query("#snippet-iframe-where")?.textContent).toContain("Works only on the sites you list");
    client.fill("Sites that may show the form in a frame", "anywhere");
    await client.click("Save form");
    expect(client.text).toContain("Form saved.");
    expect(csp(await get("/f/headers-new/rsvp")).get("frame-ancestors")).toBe("*");
    expect(client.query("#snippet-iframe-where")?.textContent).toBe("Works on any site.");
  });
});
