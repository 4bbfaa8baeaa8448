/**
 * Chrome's BackgroundService events on their way from the protocol socket to the session: each
 * checked against the import limits (the ones dropped are counted in one notice, not one per event),
 * batched over the replay burst (thousands of events at once), and a failure paired with the worker
 * error that explains it, in whichever order the two arrive.
 */
import type { CdpClient } from '../extension/cdp/client.ts';
import { recordFromProtocolEvent } from '../extension/codecs/background-service-event.ts';
import { isPlainObject } from '../extension/codecs/validate.ts';
import { isSyncService, type SyncRecord } from '../extension/model.ts';
import { isFailure } from '../extension/record-facts.ts';
import { realClock, type Clock } from './clock.ts';
import type { EngineSink } from './engine.ts';
import { texts } from './session-texts.ts';
import { PAIRING_WINDOW_MS, WorkerErrors, type WorkerError } from './worker-errors.ts';

/**
 * A record is sent at once when nothing was sent in the last RECORD_FLUSH_MS, else with the others
 * at its end: few messages to the panel during the replay.
 */
const RECORD_FLUSH_MS = 16;
/** At most this many sent failures wait for a worker error that explains them. */
const UNEXPLAINED_KEEP = 50;
/** The first notice of dropped events waits this long, so the replay burst is counted in one. */
export const DROPPED_GATHER_MS = 1000;
/** Later drops are told at most this often, as one notice with their count. */
export const DROPPED_NOTICE_EVERY_MS = 10 * 60_000;

export class ProtocolRecords {
  private pending: SyncRecord[] = [];
  private readonly workerErrors = new WorkerErrors();
  private flushTimer: unknown;
  private lastFlushAt = -Infinity;
  /** Failures sent without an error: a worker error reported after them sends them again with it. */
  private unexplained: SyncRecord[] = [];
  private droppedUntold = 0;
  private droppedTold = 0;
  private droppedTimer: unknown;
  private droppedToldAt = -Infinity;

  constructor(
    private readonly sink: Pick<EngineSink, 'records' | 'notice'>,
    private readonly clock: Clock = realClock,
  ) {}

  /** Takes the client's BackgroundService events and the worker errors that explain their failures. */
  listen(client: CdpClient): void {
    client.on('BackgroundService.backgroundServiceEventReceived', ({ backgroundServiceEvent }) =>
      this.event(backgroundServiceEvent),
    );
    client.on('ServiceWorker.workerErrorReported', ({ errorMessage: e }) =>
      this.workerError({
        registrationId: e.registrationId,
        message: e.errorMessage,
        url: e.sourceURL,
        line: e.lineNumber,
        column: e.columnNumber,
        at: Date.now(),
      }),
    );
  }

  /** One BackgroundService event as the socket delivered it (anything: it is checked here). */
  event(value: unknown): void {
    const record = recordFromProtocolEvent(value);
    if (record) this.queue(record);
    else if (!ofAnotherService(value)) this.dropped();
  }

  /** A rejected waitUntil or a throw in a handler: kept to explain the failure Chrome logs beside it. */
  workerError(error: WorkerError): void {
    this.workerErrors.note(error);
    this.resendExplained();
  }

  dispose(): void {
    this.clock.clearTimeout(this.flushTimer);
    this.clock.clearTimeout(this.droppedTimer);
    this.flushTimer = undefined;
    this.droppedTimer = undefined;
    this.pending = [];
  }

  /** Counted, and told in one notice: the first after the burst it came in, later ones rate-limited. */
  private dropped(): void {
    this.droppedUntold++;
    if (this.droppedTimer !== undefined) return;
    const now = this.clock.now();
    const wait = Math.max(DROPPED_GATHER_MS, this.droppedToldAt + DROPPED_NOTICE_EVERY_MS - now);
    this.droppedTimer = this.clock.setTimeout(() => {
      this.droppedTimer = undefined;
      this.droppedToldAt = this.clock.now();
      this.sink.notice('warning', texts.protocolEventsDropped(this.droppedUntold, this.droppedTold > 0));
      this.droppedTold += this.droppedUntold;
      this.droppedUntold = 0;
    }, wait);
  }

  private queue(record: SyncRecord): void {
    this.pending.push(record);
    if (this.flushTimer !== undefined) return;
    // Leading edge: a lone event is not held back.
    const wait = this.lastFlushAt + RECORD_FLUSH_MS - this.clock.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    this.lastFlushAt = this.clock.now();
    const batch = this.pending.map((r) => this.workerErrors.explain(r));
    this.pending = [];
    const now = Date.now();
    for (const r of batch) {
      if (isFailure(r) && r.error === undefined && now - r.time <= PAIRING_WINDOW_MS) this.unexplained.push(r);
    }
    if (this.unexplained.length > UNEXPLAINED_KEEP)
      this.unexplained.splice(0, this.unexplained.length - UNEXPLAINED_KEEP);
    this.sink.records(batch);
  }

  /**
   * The outcome and the worker's error arrive apart, in either order: a failure already sent is sent
   * again with the error that explains it (the log and the panel replace a record of the same id).
   */
  private resendExplained(): void {
    const now = Date.now();
    const explained: SyncRecord[] = [];
    this.unexplained = this.unexplained.filter((r) => {
      if (now - r.time > PAIRING_WINDOW_MS) return false;
      const withError = this.workerErrors.explain(r);
      if (withError === r) return true;
      explained.push(withError);
      return false;
    });
    if (explained.length) this.sink.records(explained);
  }
}

/** Chrome sends only the services observed; an event that says it is of another one is not ours to count. */
function ofAnotherService(value: unknown): boolean {
  return isPlainObject(value) && typeof value.service === 'string' && !isSyncService(value.service);
}
