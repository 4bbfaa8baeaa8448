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
