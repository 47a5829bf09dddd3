// Bounds on what one signed-in member can make the object do over sockets: frames per socket
// (a token bucket: a burst, then a steady rate; frames beyond it are dropped, and a socket
// that keeps flooding is closed with a reason) and open sockets per member (the oldest is
// closed when one more opens). Counts live in memory: after an eviction they start again.

/** Frames a socket may send a second by default (wrangler.toml's SOCKET_FRAMES_PER_SECOND),
 *  and at once: a burst of three seconds' worth. */
export const FRAMES_PER_SECOND = 20;
export const FRAME_BURST = 3 * FRAMES_PER_SECOND;
/** Frames dropped (since the socket was last quiet) before it is closed. */
export const MAX_DROPPED = 100;
/** Open sockets (tabs) per member; one more closes the oldest. */
export const MAX_SOCKETS_PER_MEMBER = 24;
/** The close code and reason a flooding socket gets. */
export const FLOOD_CLOSE = { code: 4008, reason: "Too many messages: reload the page." } as const;
export const TOO_MANY_TABS_CLOSE = { code: 4009, reason: "Too many open pages: this one was closed." } as const;

export class FrameBudget {
  private readonly burst: number;
  private tokens: number;
  private at = 0;
  private dropped = 0;

  constructor(private readonly perSecond = FRAMES_PER_SECOND) {
    this.burst = 3 * perSecond;
    this.tokens = this.burst;
  }

  /** Whether a frame arriving at `now` may run: "ok", "drop" it, or "close" the socket. */
  take(now: number): "ok" | "drop" | "close" {
    if (this.at > 0) this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    // Drops are forgiven only once the socket has been quiet long enough to refill its whole
    // burst: a steady flood above the rate gets a frame through now and then, and is closed.
    if (this.tokens >= this.burst) this.dropped = 0;
    if (this.tokens >= 1) {
      this.tokens--;
      return "ok";
    }
    return ++this.dropped > MAX_DROPPED ? "close" : "drop";
  }
}
