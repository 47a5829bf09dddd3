// A per-key limit of so many hits a minute, kept in the object's memory. Addresses never
// reach storage, and checking costs no query; if the object is evicted the counts start
// again, which at worst lets a few more submissions through in that minute.

const WINDOW_MS = 60_000;
const MAX_KEYS = 10_000;

export class MinuteLimiter {
  private readonly windows = new Map<string, { window: number; hits: number }>();

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait before `key` may hit again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const window = Math.floor(now / WINDOW_MS);
    const entry = this.windows.get(key);
    if (!entry || entry.window !== window || entry.hits < this.perMinute) return 0;
    return Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
  }

  /** Counts one hit for `key`. */
  hit(key: string, now: number): void {
    const window = Math.floor(now / WINDOW_MS);
    const entry = this.windows.get(key);
    if (entry && entry.window === window) {
      entry.hits++;
      return;
    }
    this.windows.delete(key);
    this.windows.set(key, { window, hits: 1 });
    if (this.windows.size > MAX_KEYS) this.forgetBefore(window);
  }

  /** Drops every key whose window has passed; if all are current, the oldest half. */
  private forgetBefore(window: number): void {
    for (const [key, entry] of this.windows) if (entry.window < window) this.windows.delete(key);
    if (this.windows.size <= MAX_KEYS) return;
    let drop = this.windows.size - MAX_KEYS / 2;
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}
