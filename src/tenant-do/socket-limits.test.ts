import { describe, expect, it } from "vitest";
import { FRAME_BURST, FRAMES_PER_SECOND, FrameBudget, MAX_DROPPED } from "./socket-limits";

describe("frame budget", () => {
  it("lets a burst through, drops the rest, and closes a socket that keeps flooding", () => {
    const budget = new FrameBudget();
    const outcomes = Array.from({ length: FRAME_BURST + MAX_DROPPED + 1 }, () => budget.take(1000));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(FRAME_BURST);
    expect(outcomes.filter((o) => o === "drop")).toHaveLength(MAX_DROPPED);
    expect(outcomes.at(-1)).toBe("close");
  });

  it("refills at the steady rate", () => {
    const budget = new FrameBudget();
    for (let i = 0; i < FRAME_BURST; i++) budget.take(1000);
    expect(budget.take(1000)).toBe("drop");
    const later = Array.from({ length: FRAMES_PER_SECOND + 5 }, () => budget.take(2000));
    expect(later.filter((o) => o === "ok")).toHaveLength(FRAMES_PER_SECOND);
  });
});
