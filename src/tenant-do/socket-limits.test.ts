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

  it("closes a steady flood above the rate even though a frame gets through now and then", () => {
    const budget = new FrameBudget();
    const outcomes: string[] = [];
    // 200 frames a second (ten times the rate), for up to ten seconds.
    for (let ms = 1000; ms < 11_000 && outcomes.at(-1) !== "close"; ms += 5) outcomes.push(budget.take(ms));
    expect(outcomes.at(-1)).toBe("close");
    expect(outcomes.filter((o) => o === "drop")).toHaveLength(MAX_DROPPED);
  });

  it("forgives drops once the socket has been quiet for a whole burst's refill", () => {
    const budget = new FrameBudget();
    for (let i = 0; i < FRAME_BURST + MAX_DROPPED; i++) budget.take(1000); // one short of closing
    const quiet = 1000 + (FRAME_BURST / FRAMES_PER_SECOND) * 1000;
    const again = Array.from({ length: FRAME_BURST + MAX_DROPPED }, () => budget.take(quiet));
    expect(again.filter((o) => o === "ok")).toHaveLength(FRAME_BURST);
    expect(again.filter((o) => o === "close")).toHaveLength(0);
  });
});
