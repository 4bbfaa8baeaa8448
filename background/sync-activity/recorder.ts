/**
 * Inside each sync: records what service workers send and log on their sessions (Network and
 * Runtime domains, platform facts §8) and joins it to the dispatch it happened in, by origin and
 * time (dispatch to outcome), onto the outcome record. A worker is only seen while we are attached
 * to it: from its start until its events settle, while held offline, while failures are armed, and
 * for a dispatch we cause (Fire, releasing a hold), for which watch() attaches first.
 */
import type { CdpClient } from '../../extension/cdp/client.ts';
import {
  MAX_CONSOLE_PER_DISPATCH,
  MAX_REQUESTS_PER_DISPATCH,
  type RequestDetail,
  type SyncActivity,
} from '../../extension/activity-model.ts';
import { normalizeOrigin, type SyncRecord } from '../../extension/model.ts';
import type { AttachedWorker, WorkerAttacher } from '../worker-attacher.ts';
import { ConsoleLog } from './console-log.ts';
import { RequestLog } from './request-log.ts';

const REASON = 'activity';
/** Request bodies up to this size come with requestWillBeSent (shown on demand). */
const MAX_POST_DATA = 16 * 1024;
/** The two clocks (the worker's Date.now, the network stack's wallTime) may differ by a little. */
const SLACK_MS = 5;
/**
 * A handler's rejection is reported (Runtime.exceptionThrown, "Uncaught (in promise)") just after
 * the outcome: console lines this soon after it still belong to the dispatch.
 */
const CONSOLE_AFTER_MS = 100;
/** An outcome waits at most this long for the requests of its dispatch still loading. */
const SETTLE_MS = 2000;
/** A watched worker is let go after this long even if no outcome came. */
const WATCH_MS = 30_000;

export class SyncActivityRecorder {
  readonly requests = new RequestLog();
  private readonly consoleLog = new ConsoleLog();
  /** sessionId -> the worker's origin (with a trailing slash, as records have it). */
  private readonly origins = new Map<string, string>();
  private readonly networkReady = new Map<string, Promise<unknown>>();
  private readonly watched = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly flushing = new Map<string, Promise<void>>();
  private readonly off: Array<() => void>;

  constructor(
    private readonly client: CdpClient,
    private readonly attacher: WorkerAttacher,
  ) {
    const origin = (sessionId: string | undefined) => (sessionId ? this.origins.get(sessionId) : undefined);
    this.off = [
      attacher.addHandler((worker) => this.onAttached(worker), REASON),
      client.on('Network.requestWillBeSent', (e, s) => {
        const o = origin(s);
        if (o) this.requests.willBeSent(s!, o, e);
      }),
      client.on('Network.responseReceived', (e, s) => origin(s) && this.requests.responded(s!, e)),
      client.on('Network.loadingFinished', (e, s) => origin(s) && this.requests.finished(s!, e)),
      client.on('Network.loadingFailed', (e, s) => origin(s) && this.requests.failed(s!, e)),
      client.on('Runtime.consoleAPICalled', (e, s) => {
        const o = origin(s);
        if (o) this.consoleLog.consoleCalled(o, e);
      }),
      client.on('Runtime.exceptionThrown', (e, s) => {
        const o = origin(s);
        if (o) this.consoleLog.exceptionThrown(o, e);
      }),
      client.on('Target.detachedFromTarget', ({ sessionId }) => {
        this.origins.delete(sessionId);
        this.networkReady.delete(sessionId);
        clearTimeout(this.watched.get(sessionId));
        this.watched.delete(sessionId);
      }),
    ];
  }

  /**
   * Before a dispatch we cause: makes sure the scope's worker is attached with the Network domain on,
   * and keeps it until the dispatch's outcome. A stopped worker needs nothing: Chrome starts it for
   * the dispatch, and it is attached paused and recorded from its first line.
   */
  async watch(scriptURL: string): Promise<void> {
    const matches = (w: AttachedWorker) => w.url === scriptURL;
    let worker = this.attacher.attachedWorkers().find(matches);
    if (!worker) {
      await this.attacher.sweep();
      worker = this.attacher.attachedWorkers().find(matches);
    }
    if (!worker || !this.attacher.keep(worker.sessionId, REASON)) return;
    await this.networkReady.get(worker.sessionId);
    const { sessionId } = worker;
    clearTimeout(this.watched.get(sessionId));
    this.watched.set(
      sessionId,
      setTimeout(() => this.unwatch(sessionId), WATCH_MS),
    );
  }

  /** Outcome records get the requests and console lines of their dispatch. */
  async decorate(records: SyncRecord[]): Promise<SyncRecord[]> {
    const out: SyncRecord[] = [];
    for (const record of records) {
      const isOutcome = record.kind === 'failed' || record.kind === 'completed';
      if (!isOutcome || record.durationMs === undefined) {
        out.push(record);
        continue;
      }
      const origin = normalizeOrigin(record.origin);
      const from = record.time - record.durationMs - SLACK_MS;
      const to = record.time + SLACK_MS;
      const requests = this.requests.within(origin, from, to);
      await this.requests.settled(requests, SETTLE_MS);
      await this.flush(origin);
      const lines = this.consoleLog.within(origin, from, record.time + CONSOLE_AFTER_MS);
      const activity: SyncActivity = {
        requests: requests.slice(0, MAX_REQUESTS_PER_DISPATCH).map((r) => ({ ...r })),
        console: lines.slice(0, MAX_CONSOLE_PER_DISPATCH),
        ...(requests.length > MAX_REQUESTS_PER_DISPATCH
          ? { droppedRequests: requests.length - MAX_REQUESTS_PER_DISPATCH }
          : {}),
        ...(lines.length > MAX_CONSOLE_PER_DISPATCH ? { droppedConsole: lines.length - MAX_CONSOLE_PER_DISPATCH } : {}),
      };
      out.push(requests.length || lines.length ? { ...record, activity } : record);
      for (const [sessionId, o] of this.origins)
        if (o === origin && this.watched.has(sessionId)) this.unwatch(sessionId);
    }
    return out;
  }

  /**
   * Waits for one round trip on the origin's worker sessions: what a worker reported before our
   * command (a rejection reported at the end of the outcome's task) has arrived once it answers.
   */
  private flush(origin: string): Promise<void> {
    // One round trip at a time per origin, shared by the outcomes waiting on it (a flood of reports).
    let pending = this.flushing.get(origin);
    if (!pending) {
      pending = this.roundTrip(origin).finally(() => this.flushing.delete(origin));
      this.flushing.set(origin, pending);
    }
    return pending;
  }

  private async roundTrip(origin: string): Promise<void> {
    const sessions = [...this.origins].filter(([, o]) => o === origin).map(([sessionId]) => sessionId);
    await Promise.all(
      sessions.map((sessionId) =>
        this.client.send('Runtime.evaluate', { expression: '0', silent: true }, sessionId).catch(() => {}),
      ),
    );
  }

  detail(key: string): RequestDetail | undefined {
    return this.requests.detail(key);
  }

  dispose(): void {
    for (const off of this.off) off();
    for (const timer of this.watched.values()) clearTimeout(timer);
    this.watched.clear();
  }

  private onAttached(worker: AttachedWorker): boolean {
    let origin: string;
    try {
      origin = normalizeOrigin(new URL(worker.url).origin);
    } catch {
      return false;
    }
    this.origins.set(worker.sessionId, origin);
    // Queued, not awaited: the worker is waiting for the debugger (see WorkerAttacher).
    this.networkReady.set(
      worker.sessionId,
      this.client.send('Network.enable', { maxPostDataSize: MAX_POST_DATA }, worker.sessionId).catch(() => {}),
    );
    return false;
  }

  private unwatch(sessionId: string): void {
    clearTimeout(this.watched.get(sessionId));
    this.watched.delete(sessionId);
    void this.attacher.release(sessionId, REASON);
  }
}
