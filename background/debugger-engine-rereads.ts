/**
 * When the debugger engine re-reads the tag list. Chrome tells this engine nothing of its own
 * (no BackgroundService domain), so the list is read when something that can change it is seen:
 * a report of the instrumentation (a register in the page; a dispatch or an outcome in the
 * worker), a navigation, a held worker stopping, a listener probe. What settles only after a
 * report (Chrome drops a completed tag or puts a failed one in back-off once the handler's promise
 * settles; Workbox puts a failed request back in its queue) is caught by follow-up reads a little
 * after each report. A slow safety re-read catches what no report shows (a tab of the same origin
 * we do not instrument registering a tag). Nothing happening: one read per SAFETY_REREAD_MS.
 */
import { realClock, type Clock } from './clock.ts';

/** After a report: read soon (the session debounces), then again at these delays. */
export const FOLLOW_UP_MS: readonly number[] = [1000, 3000];
/** With nothing reported, the tag list is still re-read this often. */
export const SAFETY_REREAD_MS = 30_000;

export class DebuggerRereads {
  private followUps: unknown[] = [];
  private safety: unknown;
  private disposed = false;

  constructor(
    private readonly read: () => void,
    private readonly clock: Clock = realClock,
  ) {
    this.armSafety();
  }

  /** Something that may change the tag list happened (a report, a navigation): read now and a little after. */
  changed(): void {
    if (this.disposed) return;
    this.read();
    for (const timer of this.followUps) this.clock.clearTimeout(timer);
    this.followUps = FOLLOW_UP_MS.map((ms) => this.clock.setTimeout(() => this.fire(), ms));
    this.armSafety();
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.followUps) this.clock.clearTimeout(timer);
    this.clock.clearTimeout(this.safety);
  }

  private fire(): void {
    if (this.disposed) return;
    this.read();
    this.armSafety();
  }

  /** The safety read runs SAFETY_REREAD_MS after the last read of any kind. */
  private armSafety(): void {
    this.clock.clearTimeout(this.safety);
    this.safety = this.clock.setTimeout(() => this.fire(), SAFETY_REREAD_MS);
  }
}
