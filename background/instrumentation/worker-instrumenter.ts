/**
 * Instruments every service worker of the inspected tab as it starts: the worker is auto-attached
 * paused, the instrumentation queued before it resumes (so it runs before the worker's own script),
 * and the session let go once the worker's events settle: staying attached would keep the worker
 * alive forever (platform facts §5).
 *
 * A worker that stops while we are attached (a crash, a forced stop) would restart as the same
 * version under the same session, with no new attach: it comes back waiting for the debugger and,
 * seen in Chromium 156, never runs its events if left so, while a Runtime.evaluate at that point
 * crashes its renderer. So when a worker session reports the stop (Inspector.targetCrashed), we
 * let the session go: the next start is auto-attached afresh, paused, and instrumented as usual
 * (a hold is applied again then). Should a restart still come under a session of ours, the worker
 * is resumed at once (uninstrumented: better than hung).
 */
import type { CdpClient } from '../../extension/cdp/client.ts';
import type { AttachedWorker, WorkerAttacher } from '../worker-attacher.ts';
import { WORKER_BINDING, WORKER_KEY, workerInstrumentationSource } from './in-scope.ts';

/** A worker counts as settled after this long with no event in flight and nothing new. */
const QUIET_MS = 1000;
/** One idle probe waits at most this long (below the CDP client's 15 s answer timeout). */
const PROBE_MS = 10_000;
/** A sync handler may run 3 minutes before Chrome times it out: probe that long, then let go anyway. */
const MAX_PROBES = 20;

const REASON = 'instrument';
const HOOK = `globalThis[Symbol.for(${JSON.stringify(WORKER_KEY)})]`;

export interface SimulationOutcome {
  outcome: 'resolved' | 'rejected';
  reason?: string;
  durationMs: number;
}

export class WorkerInstrumenter {
  private readonly source = workerInstrumentationSource();
  private readonly off: Array<() => void> = [];

  constructor(
    private readonly client: CdpClient,
    private readonly attacher: WorkerAttacher,
  ) {
    this.off.push(
      attacher.addHandler((worker) => this.onAttached(worker), REASON),
      client.on('Runtime.executionContextCreated', (_event, sessionId) => {
        if (sessionId && this.attacher.attachedWorkers().some((w) => w.sessionId === sessionId))
          this.onRestarted(sessionId);
      }),
      client.on('Inspector.targetCrashed', (_event, sessionId) => {
        if (sessionId && this.attacher.attachedWorkers().some((w) => w.sessionId === sessionId))
          void this.attacher.drop(sessionId);
      }),
    );
  }

  start(): Promise<void> {
    return this.attacher.want(REASON, true);
  }

  /**
   * Runs a synthetic `sync` event in the worker of this script URL (started first if stopped):
   * its handlers run, Chrome's registration is untouched. Resolves with the handlers' outcome.
   */
  async simulate(
    scriptURL: string,
    tag: string,
    lastChance: boolean,
    wake: () => Promise<void>,
  ): Promise<SimulationOutcome> {
    const matches = (w: AttachedWorker) => w.url === scriptURL;
    let worker = this.attacher.attachedWorkers().find(matches);
    if (!worker) {
      const attached = this.attacher.waitFor(matches, 5000);
      await wake();
      await this.attacher.sweep();
      worker = await attached;
    }
    if (!worker || !this.attacher.keep(worker.sessionId, 'simulate')) {
      throw new Error('The service worker did not start, so nothing could be simulated in it.');
    }
    try {
      const expression = `(async () => {
        const hook = ${HOOK};
        if (!hook) throw new Error('Sync Inspector is not installed in this worker.');
        return hook.simulate(${JSON.stringify(tag)}, ${lastChance ? 'true' : 'false'});
      })()`;
      const { result, exceptionDetails } = await this.client.send(
        'Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true, silent: true },
        worker.sessionId,
      );
      if (exceptionDetails)
        throw new Error(exceptionDetails.exception?.description?.split('\n')[0] ?? exceptionDetails.text);
      return checkOutcome(result.value);
    } finally {
      await this.attacher.release(worker.sessionId, 'simulate');
    }
  }

  dispose(): void {
    for (const off of this.off) off();
  }

  private onAttached(worker: AttachedWorker): boolean {
    const { sessionId } = worker;
    const c = this.client.session(sessionId);
    const ignore = () => {};
    // Queued, not awaited: while the worker waits for us, an awaited command stalls until the resume.
    c.send('Runtime.addBinding', { name: WORKER_BINDING }).catch(ignore);
    c.send('Runtime.enable').catch(ignore);
    c.send('Runtime.evaluate', { expression: this.source, silent: true }).catch(ignore);
    void this.releaseWhenSettled(sessionId);
    return true;
  }

  /** A restart under a session we still hold: never leave the worker waiting for us. */
  private onRestarted(sessionId: string): void {
    this.client.send('Runtime.runIfWaitingForDebugger', undefined, sessionId).catch(() => {});
  }

  private async releaseWhenSettled(sessionId: string): Promise<void> {
    // No hook: a context our instrumentation has not reached yet (a restart under way): ask again.
    const expression = `(${HOOK} ? ${HOOK}.whenIdle(${QUIET_MS}, ${PROBE_MS}) : 'not yet')`;
    const attached = () => this.attacher.attachedWorkers().some((w) => w.sessionId === sessionId);
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      try {
        const { result } = await this.client.send(
          'Runtime.evaluate',
          { expression, awaitPromise: true, returnByValue: true, silent: true },
          sessionId,
        );
        if (result.value === true) break;
        if (result.value === 'not yet') await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      } catch {
        // The worker stopped under the probe (its context went) or the session is gone.
        if (!attached()) return;
        await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      }
    }
    await this.attacher.release(sessionId, REASON);
  }
}

function checkOutcome(value: unknown): SimulationOutcome {
  const v = (value ?? {}) as Record<string, unknown>;
  const outcome = v.outcome === 'rejected' ? 'rejected' : 'resolved';
  const durationMs = typeof v.durationMs === 'number' && Number.isFinite(v.durationMs) ? v.durationMs : 0;
  return { outcome, durationMs, ...(typeof v.reason === 'string' ? { reason: v.reason.slice(0, 2000) } : {}) };
}
