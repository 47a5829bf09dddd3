// One password derivation at a time. PBKDF2 at 100,000 iterations holds the object's only
// thread for ~15 ms, so sixteen anonymous clients posting sign-ins side by side would queue
// a member's page behind hundreds of milliseconds of hashing. Derivations go one after
// another with a 40 ms pause between them (time does not advance while workerd computes, so
// the pause is fixed, not measured), in which the object serves everything else: sign-in
// takes at most about a quarter of the object's time, and each step of a page's request
// waits for at most one derivation. A member signing in during a flood waits about 55 ms per
// attempt queued before theirs. When too many attempts already wait, the next is refused at
// once (the caller answers "busy, try again").
// Measured with bench/signin-flood.mjs (16 anonymous clients on the same 2 loaded cores): a
// member's page median went from 15–28× its quiet time to 0.9–5.3× (see bench/README.md).

const PAUSE_MS = 40;

export class DeriveGate {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly maxWaiting = 32,
    private readonly pauseMs = PAUSE_MS,
  ) {}

  /** Runs `work` after the derivations before it; undefined (nothing run) when full. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.waiting >= this.maxWaiting) return undefined;
    this.waiting++;
    const previous = this.tail;
    let release = () => {};
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      return await work();
    } finally {
      this.waiting--;
      // The next derivation starts after a pause in which other requests run.
      setTimeout(release, this.pauseMs);
    }
  }
}
