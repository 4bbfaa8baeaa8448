/**
 * Where reports arrive, from the worker binding and the page binding alike. Everything in a report
 * is the page's word, so: its origin is where it ran (the caller names the execution context's or
 * the worker target's origin; the payload's is ignored), its time is clamped to what can be true
 * (no older than retention, no later than a minute ahead), a report heard twice (binding and
 * channel) is one, a flood is dropped before it is parsed (rate and size limits, one notice), and
 * records go on in batches, not one call per report.
 */
import type { SyncRecord } from '../../extension/model.ts';
import { DEFAULT_RETENTION } from '../../extension/settings.ts';
import { realClock, type Clock } from '../clock.ts';
import { webOrigin } from '../web-origin.ts';
import { DEFAULT_LIMITS, TokenBuckets, type Limits } from './report-limits.ts';
import { parseReport, recordsFromReport, type Report } from './reports.ts';

/** Ids remembered to drop a report heard twice; both copies arrive within milliseconds. */
const REMEMBERED_IDS = 2000;
/** Reports wait this long for company before they go to the log together. */
export const BATCH_MS = 16;
/** A report may be this far ahead of our clock (the page's clock and ours are one machine's). */
export const FUTURE_SLACK_MS = 60_000;
/** After this long without a drop, a flood is over: the next one is told again. */
const FLOOD_OVER_MS = 30_000;

export interface IntakeOptions {
  /** A batch of records, and whether any report in it may have changed the registrations. */
  emit(records: SyncRecord[], registrationsMayHaveChanged: boolean): void;
  notice(text: string): void;
  clock?: Clock;
  /** The oldest a report may say it is (the log's retention). */
  maxAgeMs?: () => number;
  limits?: Limits;
}

export class ReportIntake {
  private readonly seen = new Set<string>();
  private readonly clock: Clock;
  private readonly buckets: TokenBuckets;
  private batch: SyncRecord[] = [];
  private batchChanges = false;
  private timer: unknown;
  private dropped = 0;
  private lastDropAt = -Infinity;

  constructor(private readonly options: IntakeOptions) {
    this.clock = options.clock ?? realClock;
    this.buckets = new TokenBuckets(options.limits ?? DEFAULT_LIMITS, this.clock.now());
  }

  /** Reports dropped by the limits so far. */
  get droppedCount(): number {
    return this.dropped;
  }

  /**
   * One binding payload, and the origin of where it ran (undefined when unknown: dropped).
   * Returns the report when it was new and valid.
   */
  take(payload: unknown, ranIn: string | undefined): Report | undefined {
    if (typeof payload !== 'string') return undefined;
    const now = this.clock.now();
    if (!this.buckets.take(payload.length, now)) {
      this.onDrop(now);
      return undefined;
    }
    const origin = webOrigin(ranIn);
    if (!origin) return undefined;
    const parsed = parseReport(payload);
    if (!parsed) return undefined;
    const maxAge = this.options.maxAgeMs?.() ?? DEFAULT_RETENTION.maxAgeMs;
    const time = Math.min(Math.max(parsed.time, now - maxAge), now + FUTURE_SLACK_MS);
    const report: Report = { ...parsed, origin, time };
    const key = `${origin}|${report.id}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value!);
    this.batch.push(...recordsFromReport(report));
    if (report.type !== 'dispatch') this.batchChanges = true;
    this.timer ??= this.clock.setTimeout(() => this.flush(), BATCH_MS);
    return report;
  }

  /** Hands on what is waiting now. */
  flush(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.batch.length) return;
    const records = this.batch;
    const changes = this.batchChanges;
    this.batch = [];
    this.batchChanges = false;
    this.options.emit(records, changes);
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = [];
  }

  private onDrop(now: number): void {
    this.dropped++;
    const newFlood = now - this.lastDropAt > FLOOD_OVER_MS;
    this.lastDropAt = now;
    if (newFlood)
      this.options.notice(
        'The inspected page sent more instrumentation reports than Sync Inspector takes (a script flooding its ' +
          'reporting binding?): reports beyond the limit are dropped until it calms down. Chrome’s own log is unaffected.',
      );
  }
}
