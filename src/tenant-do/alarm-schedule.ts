// The object has one alarm (Durable Objects allow one). Every part asks for it by a time
// ("run by `at`"): the earliest ask wins, a later one changes nothing, and asks are chained
// so a slow read of the stored alarm never lets a later time overwrite an earlier one. The
// shell passes the platform's alarm by shape; the engine (./tenant.ts) owns one of these.

/** The platform's alarm and a way to keep the object alive until a write lands. */
export interface AlarmPort {
  getAlarm(): Promise<number | null>;
  setAlarm(at: number): Promise<void>;
  waitUntil(work: Promise<unknown>): void;
}

export class AlarmSchedule {
  /** The earliest alarm asked for since the last one ran (undefined: none asked for). The
   *  stored alarm is at or before it once `settled()` resolves. */
  private asked: number | undefined;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly port: AlarmPort) {}

  /** Makes the alarm run by `at`: sets it, or moves it earlier; a later `at` changes nothing. */
  schedule(at: number): void {
    if (this.asked !== undefined && this.asked <= at) return;
    this.asked = at;
    this.work = this.work
      .then(async () => {
        const current = await this.port.getAlarm();
        if (current === null || at < current) await this.port.setAlarm(at);
      })
      .catch((error: unknown) => console.error("alarm", error));
    this.port.waitUntil(this.work);
  }

  /** The alarm is running: the platform cleared it, so the next ask sets it afresh. */
  ran(): void {
    this.asked = undefined;
  }

  /** Resolves once every ask so far has reached storage. */
  settled(): Promise<void> {
    return this.work;
  }
}
