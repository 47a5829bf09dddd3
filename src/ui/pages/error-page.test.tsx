// The error mapper: known errors by shape (a TroveError, or one that crossed an RPC boundary
// as a plain object or Error with its `code` copied), everything else a logged 500.

import { afterEach, describe, expect, it, vi } from "vitest";
import { TroveError } from "../../schema/errors";
import { errorAnswer } from "./error-page";

afterEach(() => vi.restoreAllMocks());

describe("errorAnswer", () => {
  it("maps a known error by its shape, even when it is no longer a TroveError (an RPC boundary)", async () => {
    const crossed = Object.assign(new Error("There is no database at this address."), { code: "not_found" });
    for (const error of [new TroveError("not_found", "There is no database at this address."), crossed, { code: "not_found", message: "There is no database at this address." }]) {
      const a = await errorAnswer(error, false);
      expect(a.status).toBe(404);
      expect(a.body).toContain("There is no database at this address.");
    }
    const limited = await errorAnswer({ code: "rate_limited", message: "Slow down.", retryAfterSeconds: 30 }, true);
    expect(limited).toMatchObject({ status: 429, headers: { "retry-after": "30" } });
    expect(JSON.parse(limited.body)).toEqual({ ok: false, error: "rate_limited", message: "Slow down." });
    expect((await errorAnswer(new TroveError("upgrade_required", "Needs a socket."), false)).status).toBe(426);
  });

  it("an unknown error (or an unknown code, or `internal`) is a 500 with a reference that is logged, and no detail", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const error of [new TypeError("x is undefined"), { code: "constructor", message: "m" }, { code: "internal", message: "db path /secret" }, "a string"]) {
      const a = await errorAnswer(error, false);
      expect(a.status).toBe(500);
      const ref = /reference ([0-9a-f]{8})/.exec(a.body)?.[1];
      expect(ref).toBeDefined();
      expect(a.body).not.toMatch(/undefined|secret/);
      expect(String(log.mock.calls.at(-1)?.[0])).toContain(ref!);
    }
  });
});
