/**
 * When a session re-reads the inspected page's registrations: soon after something may have changed
 * them (a debounce), at most every so often while events of the origin stream in (a throttle: the
 * debounce never let a read through a stream of 1,000 events/s), and one read at a time (a request
 * during a read runs once more after it). Only a read that changed something is published.
 */
import type { OriginRegistrations } from '../extension/model.ts';
import { realClock, type Clock } from './clock.ts';
import { texts } from './session-texts.ts';

export const REFRESH_DEBOUNCE_MS = 50;
/** Events of the inspected origin re-read its registrations at most this often. */
export const RECORDS_REFRESH_MIN_MS = 250;

export interface RegistrationsSource {
  readRegistrations(): Promise<OriginRegistrations>;
}

export class RegistrationsRefresh {
  current: OriginRegistrations | null = null;
  private debounceTimer: unknown;
  private throttleTimer: unknown;
  private throttledAt = -Infinity;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private disposed = false;

  constructor(
    /** The engine to read from now, if any. */
    private readonly source: () => RegistrationsSource | undefined,
    private readonly publish: (registrations: OriginRegistrations) => void,
    /** Whether anybody watches (a tab kept recording with no panel open is not re-read). */
    private readonly watched: () => boolean,
    private readonly clock: Clock = realClock,
    /** Adds what the engine's read cannot know (e.g. which sync listeners the worker's script added). */
    private readonly annotate: (registrations: OriginRegistrations) => OriginRegistrations = (r) => r,
  ) {}

  /** Something may have changed the registrations: read them soon (debounced). */
  schedule(): void {
    if (!this.watched() || this.disposed) return;
    this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = this.clock.setTimeout(() => void this.read(), REFRESH_DEBOUNCE_MS);
  }

  /** Records of the inspected origin arrived: read soon after the first, then at most every RECORDS_REFRESH_MIN_MS. */
  forRecords(): void {
    if (this.throttleTimer !== undefined || !this.watched() || this.disposed) return;
    const wait = Math.max(REFRESH_DEBOUNCE_MS, this.throttledAt + RECORDS_REFRESH_MIN_MS - this.clock.now());
    this.throttleTimer = this.clock.setTimeout(() => {
      this.throttleTimer = undefined;
      this.throttledAt = this.clock.now();
      void this.read();
    }, wait);
  }

  /** Reads now (or joins the read under way, and reads once more after it). */
  async read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    const source = this.source();
    if (!source || this.disposed) return;
    const previous = this.current;
    this.reading = (async () => {
      let next: OriginRegistrations;
      try {
        next = this.annotate(await source.readRegistrations());
      } catch (error) {
        // A read of an engine that went meanwhile says nothing about the page.
        if (source !== this.source()) return;
        next = {
          origin: '',
          url: '',
          secureContext: false,
          permissions: {},
          scopes: [],
          readAt: this.clock.now(),
          error: texts.readRegistrationsFailed(error),
        };
      }
      if (this.disposed) return;
      this.current = next;
      // An unchanged read (most reads a stream of events causes) would only make the panels render again.
      if (!sameRegistrations(previous, next)) this.publish(next);
    })().finally(() => (this.reading = undefined));
    await this.reading;
    if (this.readAgain) {
      this.readAgain = false;
      await this.read();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clock.clearTimeout(this.debounceTimer);
    this.clock.clearTimeout(this.throttleTimer);
  }
}

/** Equal but for when they were read. */
function sameRegistrations(a: OriginRegistrations | null, b: OriginRegistrations): boolean {
  return a !== null && JSON.stringify({ ...a, readAt: 0 }) === JSON.stringify({ ...b, readAt: 0 });
}
