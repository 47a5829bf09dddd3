import { describe, expect, it } from "vitest";
import { type AlarmPort, AlarmSchedule } from "./alarm-schedule";

/** A platform alarm in memory that answers a moment later, like storage does. */
function fakeAlarm(): AlarmPort & { stored: number | null; sets: number } {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const port = {
    stored: null as number | null,
    sets: 0,
    async getAlarm() {
      await tick();
      return port.stored;
    },
    async setAlarm(at: number) {
      await tick();
      port.stored = at;
      port.sets++;
    },
    waitUntil() {},
  };
  return port;
}

describe("the object's alarm", () => {
  it("moves earlier when asked for an earlier time, and never later, however the asks interleave", async () => {
    const port = fakeAlarm();
    const alarms = new AlarmSchedule(port);
    alarms.schedule(86_400_000);
    alarms.schedule(60_000);
    alarms.schedule(3_600_000);
    await alarms.settled();
    expect(port.stored).toBe(60_000);
    expect(port.sets).toBe(2);
  });

  it("keeps a stored alarm that is earlier than the ask", async () => {
    const port = fakeAlarm();
    port.stored = 5_000;
    const alarms = new AlarmSchedule(port);
    alarms.schedule(9_000);
    await alarms.settled();
    expect(port.stored).toBe(5_000);
    expect(port.sets).toBe(0);
  });

  it("after the alarm ran, a later time is set again", async () => {
    const port = fakeAlarm();
    const alarms = new AlarmSchedule(port);
    alarms.schedule(1_000);
    await alarms.settled();
    port.stored = null; // the platform clears the alarm when it fires
    alarms.ran();
    alarms.schedule(2_000);
    await alarms.settled();
    expect(port.stored).toBe(2_000);
  });
});
