/**
 * "Make this sync fail": while armed, the requests of the tab's service workers that match a URL
 * pattern are paused by the Fetch domain on the worker's session (platform facts §8: allowed to
 * chrome.debugger there) and answered by us, with a network error (Fetch.failRequest) or a chosen
 * HTTP status (Fetch.fulfillRequest), for the next N attempts or until turned off. Armed workers stay
 * attached (a worker stopped and started again is armed before its script runs); every faked answer
 * is marked in the requests list. Disarmed when the session's last panel closes.
 */
import type { Protocol } from 'devtools-protocol';
import type { CdpClient } from '../../extension/cdp/client.ts';
import { describeFakedAnswer, type ArmedFailure, type FailurePlan } from '../../extension/activity-model.ts';
import type { SyncRecord } from '../../extension/model.ts';
import type { AttachedWorker, WorkerAttacher } from '../worker-attacher.ts';
import type { RequestLog } from './request-log.ts';

const REASON = 'faults';
const FAKED_BODY = btoa('Faked by Sync Inspector ("Make this sync fail").');

export class FaultInjector {
  private armed: ArmedFailure | undefined;
  private readonly off: Array<() => void>;

  constructor(
    private readonly client: CdpClient,
    private readonly attacher: WorkerAttacher,
    private readonly requests: RequestLog,
    private readonly changed: (armed: ArmedFailure | undefined) => void,
  ) {
    this.off = [
      attacher.addHandler((worker) => this.onAttached(worker), REASON),
      client.on('Fetch.requestPaused', (event, sessionId) => {
        if (sessionId) void this.onPaused(event, sessionId);
      }),
    ];
  }

  get state(): ArmedFailure | undefined {
    return this.armed;
  }

  async arm(plan: FailurePlan): Promise<ArmedFailure> {
    this.armed = { plan, remaining: plan.attempts, faked: 0 };
    // Workers running but let go of are attached again; each attached one gets the new patterns.
    await this.attacher.sweep();
    await Promise.all(
      this.attacher.attachedWorkers().map((w) => {
        this.attacher.keep(w.sessionId, REASON);
        return this.enable(w.sessionId, plan);
      }),
    );
    this.changed(this.armed);
    return this.armed;
  }

  async disarm(): Promise<void> {
    if (!this.armed) return;
    this.armed = undefined;
    this.changed(undefined);
    await Promise.all(
      this.attacher.attachedWorkers().map(async (w) => {
        await this.client.send('Fetch.disable', undefined, w.sessionId).catch(() => {});
        await this.attacher.release(w.sessionId, REASON);
      }),
    );
  }

  /** Counts the attempts that got a faked answer; the last one disarms. */
  noteOutcomes(records: SyncRecord[]): void {
    const armed = this.armed;
    if (!armed || armed.remaining === null) return;
    for (const r of records) if (r.activity?.requests.some((q) => q.faked)) armed.remaining--;
    if (armed.remaining <= 0) void this.disarm();
    else this.changed(armed);
  }

  dispose(): void {
    for (const off of this.off) off();
    this.armed = undefined;
  }

  private enable(sessionId: string, plan: FailurePlan): Promise<unknown> {
    return this.client
      .send('Fetch.enable', { patterns: [{ urlPattern: plan.urlPattern, requestStage: 'Request' }] }, sessionId)
      .catch(() => {});
  }

  private onAttached(worker: AttachedWorker): boolean {
    if (!this.armed) return false;
    // Queued before the worker resumes (not awaited): its first request is already covered.
    void this.enable(worker.sessionId, this.armed.plan);
    return true;
  }

  private async onPaused(event: Protocol.Fetch.RequestPausedEvent, sessionId: string): Promise<void> {
    const armed = this.armed;
    const { requestId } = event;
    if (!armed) {
      await this.client.send('Fetch.continueRequest', { requestId }, sessionId).catch(() => {});
      return;
    }
    armed.faked++;
    const what = `${describeFakedAnswer(armed.plan)}, faked by Sync Inspector`;
    if (event.networkId) this.requests.markFaked(sessionId, event.networkId, what);
    this.changed(armed);
    const answer = armed.plan.answer;
    if (answer.kind === 'network') {
      await this.client.send('Fetch.failRequest', { requestId, errorReason: 'Failed' }, sessionId).catch(() => {});
      return;
    }
    await this.client
      .send(
        'Fetch.fulfillRequest',
        {
          requestId,
          responseCode: answer.status,
          responseHeaders: [
            { name: 'Content-Type', value: 'text/plain; charset=utf-8' },
            { name: 'X-Faked-By', value: 'Sync Inspector' },
          ],
          body: FAKED_BODY,
        },
        sessionId,
      )
      .catch(() => {});
  }
}
