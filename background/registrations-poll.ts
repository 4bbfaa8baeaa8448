/**
 * The debugger engine's re-read of the tag list, for changes no event tells it of (a tag registered
 * in another tab of the origin, a worker replaced from elsewhere, a permission changed). It backs off
 * while reads come back the same: every 2 s after a change, then 4, 8, 16, up to every 30 s on a tab
 * where nothing happens; a report, a navigation or a changed read brings it back to 2 s.
 */
export const POLL_MIN_MS = 2000;
export const POLL_MAX_MS = 30_000;

export class RegistrationsPoll {
  private delay = POLL_MIN_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private lastRead: string | undefined;

  constructor(
    private readonly poll: () => void,
    private readonly timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
  ) {
    this.arm();
  }

  /** Something changed, or may have: read again soon, and often for a while. */
  soon(): void {
    this.delay = POLL_MIN_MS;
    this.arm();
  }

  /** What a read found (any stable text of it): a change counts as `soon()`. */
  observed(read: string): void {
    if (this.lastRead !== undefined && read !== this.lastRead) this.soon();
    this.lastRead = read;
  }

  stop(): void {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
  }

  /** The wait before the next read (for tests). */
  get nextDelayMs(): number {
    return this.delay;
  }

  private arm(): void {
    if (this.stopped) return;
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.delay = Math.min(POLL_MAX_MS, this.delay * 2);
      this.arm();
      this.poll();
    }, this.delay);
  }
}
