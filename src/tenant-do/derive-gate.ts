// One password derivation at a time. PBKDF2 at 100,000 iterations holds the object's only
// thread for ~15 ms, so sixteen anonymous clients posting sign-ins side by side would queue
// a member's page behind hundreds of milliseconds of hashing. Derivations go one after
// another with a pause as long as a derivation between them, in which the object serves
// everything else; so sign-in can take at most about half the object's time, and a page
// waits for at most one derivation. When too many attempts already wait, the next is
// refused at once (the caller answers "busy, try again").

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
