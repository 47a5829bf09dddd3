// Issue 9, item 9: one place per process turns errors into answers. Known errors (by shape:
// a `code` from src/schema/errors.ts) answer their 4xx with a clear message; anything else
// answers a 500 page with a short reference that is also logged.

import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { router } from "../../src/tenant-do/routes";
import type { Tenant } from "../../src/tenant-do/tenant";
import { ORIGIN, ownerApp } from "./helpers";

describe("errors inside the tenant object", () => {
  it("GET /t/<db>/ws without an Upgrade header answers 426 with a clear message, not 500", async () => {
    const { browser, sessionUrl } = await ownerApp("errors-ws");
    const sid = sessionUrl.split("/").pop();
    const response = await browser.fetch(`/t/errors-ws/ws?s=${sid}`);
    expect(response.status).toBe(426);
    expect(response.headers.get("upgrade")).toBe("websocket");
    expect(await response.text()).toContain("needs a WebSocket upgrade");
    const json = await browser.fetch(`/t/errors-ws/ws?s=${sid}`, { headers: { accept: "application/json" } });
    expect(json.status).toBe(426);
    expect(await json.json()).toMatchObject({ error: "upgrade_required" });
  });

  it("a socket upgrade without a sign-in is a 401 from the one error mapper", async () => {
    await ownerApp("errors-ws-anon");
    const response = await exports.default.fetch(new Request(`${ORIGIN}/t/errors-ws-anon/ws?s=nobody`, { headers: { upgrade: "websocket" } }));
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Sign in again.");
  });

  it("an unexpected error in a route answers a 500 page with a short reference, also logged", async () => {
    await ownerApp("errors-500");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await runInDurableObject(env.TENANT.getByName("errors-500"), async () => {
        // A tenant whose every property read fails: the router's `before` trips over it.
        const broken = new Proxy({}, { get: () => { throw new TypeError("boom: secret detail"); } }) as Tenant;
        const r = await router.fetch(new Request(`${ORIGIN}/t/errors-500/`), { tenant: broken, acceptSocket: () => new Response(null) });
        return { status: r.status, body: await r.text() };
      });
      expect(response.status).toBe(500);
      const reference = /reference ([0-9a-f]{8})/.exec(response.body)?.[1];
      expect(reference).toBeDefined();
      expect(response.body).not.toContain("secret detail");
      expect(logged.mock.calls.some((call) => String(call[0]).includes(reference!))).toBe(true);
    } finally {
      logged.mockRestore();
    }
  });
});

describe("errors in the worker", () => {
  it("a refused cross-site POST still answers its 403 (by shape, not class)", async () => {
    const response = await exports.default.fetch(new Request(`${ORIGIN}/t/some-db/signin`, { method: "POST", body: "x=1", headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" } }));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("This request came from another site.");
  });
});
