import { describe, expect, it } from "vitest";
import { MinuteLimiter } from "./rate-limit";

describe("MinuteLimiter", () => {
  it("allows so many hits a minute per key, then says how long to wait", () => {
    const limiter = new MinuteLimiter(3);
    const t = 10 * 60_000 + 15_000; // 15 s into a minute
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("a", t)).toBe(0);
      limiter.hit("a", t);
    }
    expect(limiter.retryAfter("a", t)).toBe(45);
    expect(limiter.retryAfter("b", t)).toBe(0); // another key
    expect(limiter.retryAfter("a", t + 45_000)).toBe(0); // the next minute
  });

  it("stays bounded however many keys it sees", () => {
    const limiter = new MinuteLimiter(1);
    for (let i = 0; i < 25_000; i++) limiter.hit(`k${i}`, 1_000);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10_000);
  });
});
