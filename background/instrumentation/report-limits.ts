/**
 * How much a page may report. Any script in the inspected page (or one of its iframes, or its
 * worker) can call our binding or post on our channel: a flood must cost us little and be dropped,
 * said once. Two token buckets, one for reports and one for bytes, refilled with time.
 */
export interface Limits {
  /** Reports per second kept up, and how many may come at once. */
  reportsPerSecond: number;
  reportBurst: number;
  /** Payload characters per second kept up, and at once. */
  bytesPerSecond: number;
  byteBurst: number;
}

/** Far above what sync events make (a handful a minute; a test storm of hundreds), far below a flood. */
export const DEFAULT_LIMITS: Limits = {
  reportsPerSecond: 200,
  reportBurst: 1000,
  bytesPerSecond: 512 * 1024,
  byteBurst: 2 * 1024 * 1024,
};

export class TokenBuckets {
  private reports: number;
  private bytes: number;
  private at: number;

  constructor(
    private readonly limits: Limits,
    now: number,
  ) {
    this.reports = limits.reportBurst;
    this.bytes = limits.byteBurst;
    this.at = now;
  }

  /** Takes one report of this size if the buckets hold enough; false: drop it. */
  take(size: number, now: number): boolean {
    const seconds = Math.max(0, now - this.at) / 1000;
    this.at = now;
    const l = this.limits;
    this.reports = Math.min(l.reportBurst, this.reports + seconds * l.reportsPerSecond);
    this.bytes = Math.min(l.byteBurst, this.bytes + seconds * l.bytesPerSecond);
    if (this.reports < 1 || this.bytes < size) return false;
    this.reports -= 1;
    this.bytes -= size;
    return true;
  }
}
