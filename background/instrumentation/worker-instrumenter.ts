/**
 * Instruments every service worker of the inspected tab as it starts: the worker is auto-attached
 * paused, the instrumentation queued before it resumes (so it runs before the worker's own script),
 * and the session let go once the worker's events settle: staying attached would keep the worker
 * alive forever (platform facts §5). A session something else keeps (Hold offline) also gets an
 * instrumentation breakpoint, so a same-version restart — which brings no new attach — is
 * instrumented again before its script runs.
 */
import type { Protocol } from 'devtools-protocol';
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
  /** Sessions with the restart breakpoint armed. */
  private readonly armed = new Set<string>();

  constructor(
    private readonly client: CdpClient,
    private readonly attacher: WorkerAttacher,
  ) {
    this.off.push(
      attacher.addHandler((worker) => this.onAttached(worker), REASON),
      client.on('Debugger.paused', (event, sessionId) => {
        if (sessionId && this.armed.has(sessionId)) this.onPaused(event, sessionId);
      }),
      client.on('Target.detachedFromTarget', ({ sessionId }) => this.armed.delete(sessionId)),
    );
  }

  start(): Promise<void> {
    return this.attacher.want(REASON, true);
  }

  /**
   * Runs a synthetic `sync` event in the worker of this script URL (started first if stopped):
   * its handlers run, Chrome's registration is untouched. Resolves with the handlers' outcome.
   */
  async simulate(scriptURL: string, tag: string, lastChance: boolean, wake: () => Promise<void>): Promise<SimulationOutcome> {
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
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description?.split('\n')[0] ?? exceptionDetails.text);
      return checkOutcome(result.value);
    } finally {
      await this.attacher.release(worker.sessionId, 'simulate');
    }
  }

  dispose(): void {
    for (const off of this.off) off();
    this.armed.clear();
  }

  private onAttached(worker: AttachedWorker): boolean {
    const { sessionId } = worker;
    const c = this.client;
    const ignore = () => {};
    // Queued, not awaited: while the worker waits for us, an awaited command stalls until the resume.
    c.send('Runtime.addBinding', { name: WORKER_BINDING }, sessionId).catch(ignore);
    c.send('Runtime.enable', undefined, sessionId).catch(ignore);
    c.send('Runtime.evaluate', { expression: this.source, silent: true }, sessionId).catch(ignore);
    void this.releaseWhenSettled(sessionId);
    return true;
  }

  private async releaseWhenSettled(sessionId: string): Promise<void> {
    const expression = `(${HOOK} ? ${HOOK}.whenIdle(${QUIET_MS}, ${PROBE_MS}) : true)`;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      try {
        const { result } = await this.client.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, silent: true }, sessionId);
        if (result.value !== false) break;
      } catch {
        return; // the session is gone (worker stopped, tab closed): nothing to release
      }
    }
    if (this.attacher.keptByOthers(sessionId, REASON)) await this.armRestartBreakpoint(sessionId);
    await this.attacher.release(sessionId, REASON);
  }

  private async armRestartBreakpoint(sessionId: string): Promise<void> {
    this.armed.add(sessionId);
    await this.client.send('Debugger.enable', {}, sessionId).catch(() => {});
    await this.client
      .send('Debugger.setInstrumentationBreakpoint', { instrumentation: 'beforeScriptExecution' }, sessionId)
      .catch(() => {});
  }

  /** We are no debugger UI: inject on our breakpoint, and always resume, whatever paused it. */
  private onPaused(event: Protocol.Debugger.PausedEvent, sessionId: string): void {
    const c = this.client;
    const resume = () => c.send('Debugger.resume', {}, sessionId).catch(() => {});
    const frame = event.callFrames[0];
    if (event.reason !== 'instrumentation' || !frame) {
      void resume();
      return;
    }
    c.send('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: this.source, silent: true }, sessionId)
      .catch(() => {})
      .finally(resume);
  }
}

function checkOutcome(value: unknown): SimulationOutcome {
  const v = (value ?? {}) as Record<string, unknown>;
  const outcome = v.outcome === 'rejected' ? 'rejected' : 'resolved';
  const durationMs = typeof v.durationMs === 'number' && Number.isFinite(v.durationMs) ? v.durationMs : 0;
  return { outcome, durationMs, ...(typeof v.reason === 'string' ? { reason: v.reason.slice(0, 2000) } : {}) };
}
