/**
 * How long to wait before trying again, and whether to tell the user: an exponential delay with a
 * cap, reset by success. Used for the engine reconnect (an endpoint that keeps hanging up right
 * after it opens must not make a tight loop of attempts and notices) and the protocol-engine retry.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly firstMs: number,
    private readonly maxMs: number,
  ) {}

  /** Failures in a row so far. */
  get count(): number {
    return this.failures;
  }

  /** One more failure: the delay before the next try (first, 2 x first, 4 x first... up to the cap). */
  fail(): number {
    this.failures++;
    return Math.min(this.firstMs * 2 ** (this.failures - 1), this.maxMs);
  }

  reset(): void {
    this.failures = 0;
  }
}

/**
 * Reconnecting after an engine was lost: at once after one that lived a while, then, while each new
 * engine is lost soon after it opened (a flaky or hostile endpoint), longer and longer; told once.
 */
export class ReconnectPolicy {
  private readonly backoff: Backoff;
  private openedAt = -Infinity;

  constructor(
    private readonly stableMs: number,
    maxMs: number,
  ) {
    this.backoff = new Backoff(1000, maxMs);
  }

  opened(now: number): void {
    this.openedAt = now;
  }

  reset(): void {
    this.backoff.reset();
  }

  /** An engine was lost: how long to wait before reconnecting, and whether to tell the user. */
  lost(now: number): { delayMs: number; tell: boolean } {
    if (now - this.openedAt >= this.stableMs) this.backoff.reset();
    const tell = this.backoff.count === 0;
    const delayMs = this.backoff.fail();
    return { delayMs: tell ? 0 : delayMs, tell };
  }
}
