// Issue 9, "tenant.ts as a composition root with narrow ports": only the composition root
// (./tenant.ts) and the Durable Object shell (./index.ts) see the whole engine. Every other
// part names what it uses as a port (`type FeedsPort = Pick<Tenant, "document" | …>`), so a
// reader sees its dependencies and a new one shows in the diff.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = import.meta.dirname;
const WHOLE = new Set(["tenant.ts", "index.ts"]);

/** Where a source uses the whole Tenant type other than to pick its port from it. */
function wholeTenantUses(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/^import[\s\S]*?from\s+"[^"]+";/gm, "")
    .replace(/Pick<\s*Tenant\s*,/g, "");
  return code.split("\n").filter((line) => /\bTenant\b/.test(line)).map((line) => line.trim());
}

describe("parts receive narrow ports, not the whole engine", () => {
  it("no module but the composition root and the shell uses the Tenant type whole", () => {
    const found = readdirSync(DIR)
      .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !WHOLE.has(name))
      .flatMap((name) => wholeTenantUses(readFileSync(join(DIR, name), "utf8")).map((line) => `${name}: ${line}`));
    expect(found).toEqual([]);
  });

  it("catches a part that takes the whole engine", () => {
    expect(wholeTenantUses('import type { Tenant } from "./tenant";\nexport function f(tenant: Tenant) {}')).toEqual(["export function f(tenant: Tenant) {}"]);
    expect(wholeTenantUses('import type { Tenant } from "./tenant";\nexport type P = Pick<\n  Tenant,\n  "schema"\n>;\nfunction f(t: P) {}')).toEqual([]);
  });
});
