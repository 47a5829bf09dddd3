// Issue 9, "Errors": one place per process turns errors into answers (`errorAnswer`, called
// by the worker's onError/notFound and the object's router catch). No handler builds its own
// error response: a request that cannot go on throws a TroveError. The only other 4xx answers
// are forms shown again with what was typed and why it was refused (a sign-in with a wrong
// password, a public form's refused submission), listed here by the page they re-show.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** A status from 400 to 599 written into an answer: `status: 404`, `page(<X />, 429)`,
 *  `c.json({…}, 400)`, `c.text("…", 403)`. */
const ERROR_STATUS = /status: [45]\d\d\b|(\/>|\}|"|`), [45]\d\d\b/;

/** Forms re-shown with their message (the status says the input was refused). */
const FORM_RESHOWN = /\b(page|html)\(<(SignUpPage|SignInPage|InvitationPage|ResetPage|RecoverPage|OperatorSignInPage)\b|this\.refuse\(request\b|<PublicFormBody\b/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function offending(path: string): string[] {
  if (relative(ROOT, path) === "src/ui/pages/error-page.tsx") return []; // the mapper itself
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line, i) => ({ line, at: `${relative(ROOT, path)}:${i + 1}` }))
    .filter(({ line }) => ERROR_STATUS.test(line) && !FORM_RESHOWN.test(line) && !/^\s*(\/\/|\*)/.test(line))
    .map(({ line, at }) => `${at}: ${line.trim()}`);
}

describe("error answers", () => {
  it("no handler builds its own error response: errors are thrown and mapped in one place", () => {
    expect(sources(join(ROOT, "src")).flatMap(offending)).toEqual([]);
  });

  it("the rule catches a handler that answers an error itself", () => {
    const lines = [
      'return new Response("Too many", { status: 429 });',
      "return page(<MessagePage title=\"x\" />, 404);",
      "return c.json({ error: 1 }, 400)",
      'return c.text("no", 403);',
      'return page(<Thing />, 429, { "retry-after": "1" });',
    ];
    for (const line of lines) expect(ERROR_STATUS.test(line) && !FORM_RESHOWN.test(line), line).toBe(true);
    for (const line of ["return html(<SignInPage error={reason} />, 400);", "LIMIT ?\", prefix, Math.min(limit, 500),"]) {
      expect(ERROR_STATUS.test(line) && !FORM_RESHOWN.test(line), line).toBe(false);
    }
  });
});
