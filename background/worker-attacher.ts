/**
 * Auto-attaches to the inspected tab's service workers (Target.setAutoAttach, flatten) so features
 * can act on a worker before its script runs: the network hold now, instrumentation later.
 *
 * Rules from the platform facts: while a worker waits for the debugger, commands are sent WITHOUT
 * awaiting between them (awaiting stalls until the resume); a worker we paused is always resumed;
 * staying attached keeps a worker alive, so a worker no feature needs is detached at once.
 */
import type { Protocol } from 'devtools-protocol';
import type { CdpClient } from '../extension/cdp/client.ts';

export interface AttachedWorker {
  sessionId: string;
  targetId: string;
  /** The worker's script URL. */
  url: string;
  /** Attached before its script ran (it started under us), rather than while running. */
  startedPaused?: boolean;
}

/**
 * Called for every service worker attached, before it is resumed. It may queue commands on the
 * worker's session (without awaiting them) and returns whether it needs the session kept. A kept
 * session stays until every handler that kept it has released it (release(sessionId, reason)).
 */
export type AttachHandler = (worker: AttachedWorker, client: CdpClient) => boolean;

export class WorkerAttacher {
  private readonly handlers = new Map<AttachHandler, string>();
  private readonly workers = new Map<string, AttachedWorker>();
  /** sessionId -> the reasons (handler names) it is kept for. */
  private readonly keptFor = new Map<string, Set<string>>();
  private readonly wanters = new Set<string>();
  private readonly waiters = new Set<(worker: AttachedWorker) => void>();
  private enabled = false;
  private filterRefused = false;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly client: CdpClient) {
    this.unsubscribe = [
      client.on('Target.attachedToTarget', (event, parentSession) => {
        // Only direct children of the page session: nested targets are not ours to manage.
        if (parentSession) return;
        this.onAttached(event);
      }),
      client.on('Target.detachedFromTarget', (event) => {
        this.workers.delete(event.sessionId);
        this.keptFor.delete(event.sessionId);
      }),
    ];
  }

  /** `reason` names what the handler keeps sessions for; release() with it lets them go. */
  addHandler(handler: AttachHandler, reason = 'default'): () => void {
    this.handlers.set(handler, reason);
    return () => this.handlers.delete(handler);
  }

  /** Keeps an attached worker's session for one more reason (e.g. a command running in it). */
  keep(sessionId: string, reason: string): boolean {
    const reasons = this.keptFor.get(sessionId);
    if (!reasons) return false;
    reasons.add(reason);
    return true;
  }

  /** Lets a worker's session go whatever keeps it (the worker stopped under it). */
  async drop(sessionId: string): Promise<void> {
    this.keptFor.delete(sessionId);
    this.workers.delete(sessionId);
    await this.client.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }

  /** Whether anything but `except` keeps this session. */
  keptByOthers(sessionId: string, except: string): boolean {
    return [...(this.keptFor.get(sessionId) ?? [])].some((r) => r !== except);
  }

  /**
   * Asks Chrome to auto-attach again: workers already running that we detached from (we never keep
   * one alive) are attached again, not paused. Sessions we hold stay as they are.
   */
  async sweep(): Promise<void> {
    if (!this.enabled) return;
    await this.setAutoAttach(true);
  }

  /**
   * Auto-attach asks Chrome for service workers only (a filter): the page's iframes and dedicated
   * workers are then never paused waiting for us. Where the filter is refused, every target is
   * attached and all but service workers are resumed and let go at once (onAttached).
   */
  private async setAutoAttach(on: boolean): Promise<void> {
    const params = { autoAttach: on, waitForDebuggerOnStart: on, flatten: true };
    if (this.filterRefused || !on) {
      await this.client.send('Target.setAutoAttach', params);
      return;
    }
    try {
      await this.client.send('Target.setAutoAttach', {
        ...params,
        filter: [{ type: 'service_worker', exclude: false }],
      });
    } catch {
      this.filterRefused = true;
      await this.client.send('Target.setAutoAttach', params);
    }
  }

  /** Auto-attach is on while at least one feature wants it. */
  async want(reason: string, wanted: boolean): Promise<void> {
    if (wanted) this.wanters.add(reason);
    else this.wanters.delete(reason);
    const shouldEnable = this.wanters.size > 0;
    if (shouldEnable === this.enabled) return;
    this.enabled = shouldEnable;
    await this.setAutoAttach(shouldEnable);
  }

  attachedWorkers(): AttachedWorker[] {
    return [...this.workers.values()];
  }

  /** Resolves with the first worker attached whose script URL matches, or undefined after timeoutMs. */
  waitFor(match: (w: AttachedWorker) => boolean, timeoutMs: number): Promise<AttachedWorker | undefined> {
    const existing = this.attachedWorkers().find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const waiter = (worker: AttachedWorker) => {
        if (!match(worker)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(worker);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * Lets a worker go for this reason; once nothing keeps it, detaches: it may then stop when idle,
   * as it would without us.
   */
  async release(sessionId: string, reason = 'default'): Promise<void> {
    const reasons = this.keptFor.get(sessionId);
    if (!reasons) return;
    reasons.delete(reason);
    if (reasons.size > 0) return;
    this.keptFor.delete(sessionId);
    if (!this.workers.delete(sessionId)) return;
    await this.client.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.waiters.clear();
  }

  private onAttached(event: Protocol.Target.AttachedToTargetEvent): void {
    const { sessionId, targetInfo, waitingForDebugger } = event;
    const resume = () => {
      if (waitingForDebugger) this.client.send('Runtime.runIfWaitingForDebugger', undefined, sessionId).catch(() => {});
    };
    if (targetInfo.type !== 'service_worker') {
      resume();
      this.client.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      return;
    }
    const worker: AttachedWorker = {
      sessionId,
      targetId: targetInfo.targetId,
      url: targetInfo.url,
      startedPaused: waitingForDebugger,
    };
    const reasons = new Set<string>();
    for (const [handler, reason] of this.handlers) {
      try {
        if (handler(worker, this.client)) reasons.add(reason);
      } catch (error) {
        console.error('worker attach handler failed', error);
      }
    }
    resume();
    if (!reasons.size) {
      this.client.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      return;
    }
    this.workers.set(sessionId, worker);
    this.keptFor.set(sessionId, reasons);
    for (const waiter of [...this.waiters]) waiter(worker);
  }
}
