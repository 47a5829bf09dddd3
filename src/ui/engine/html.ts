// hono/jsx renders to a string or to a promise of one (when a component is async): one place
// that waits for either.

import type { Child } from "hono/jsx";

export async function toHtml(node: Child): Promise<string> {
  return String(await Promise.resolve(node?.toString() ?? ""));
}
