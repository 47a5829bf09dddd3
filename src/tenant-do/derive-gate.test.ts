import { describe, expect, it } from "vitest";
import { DeriveGate } from "./derive-gate";

describe("DeriveGate", () => {
  it("runs one derivation at a time, in order, and lets other work run between them", async () => {
    const gate = new DeriveGate(8, 5);
    const log: string[] = [];
    let running = 0;
    const work = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 2));
      // A page request that arrived while this derivation ran: served before the next one.
      if (name === "a") setTimeout(() => log.push("page"), 0);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = Promise.all([gate.run(work("a")), gate.run(work("b"))]);
    expect(await results).toEqual(["a", "b"]);
    expect(log).toEqual(["start a", "end a", "page", "start b", "end b"]);
  });

  it("refuses at once when too many wait, and serves again once they are through", async () => {
    const gate = new DeriveGate(2, 1);
    let release = () => {};
    const blocker = new Promise<void>((r) => {
      release = r;
    });
    const first = gate.run(() => blocker.then(() => 1));
    const second = gate.run(async () => 2);
    expect(await gate.run(async () => 3)).toBeUndefined();
    release();
    expect([await first, await second]).toEqual([1, 2]);
    expect(await gate.run(async () => 4)).toBe(4);
  });
});
