/**
 * "Hold offline": offline network emulation on a service worker's own session keeps new one-shot
 * syncs pending; going back online makes Chrome fire them for real (~2 ms later). Offline on the
 * tab alone does not hold sync, and detaching releases the hold (platform facts, section 5).
 */
import type { CdpClient } from '../extension/cdp/client.ts';
import type { AttachedWorker, WorkerAttacher } from './worker-attacher.ts';

/**
 * The protocol marks Network.emulateNetworkConditions deprecated; it works in Chromium 156. Every
 * use goes through here, so a Chromium that drops it fails in one place, loudly.
 */
export function emulateWorkerOffline(client: CdpClient, sessionId: string, offline: boolean): Promise<unknown> {
  return client.send(
    'Network.emulateNetworkConditions',
    { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
    sessionId,
  );
}

export interface HeldWorker {
  scope: string;
  scriptURL: string;
}

export class NetworkHold {
  /** scope -> script URL of the worker held. */
  private readonly held = new Map<string, string>();
  /** sessionId -> scope, for each worker session taken offline. */
  private readonly sessions = new Map<string, string>();
  private readonly off: Array<() => void>;

  constructor(
    private readonly client: CdpClient,
    private readonly attacher: WorkerAttacher,
    /** Starts the scope's worker if it is stopped, so it can be attached and held. */
    private readonly wake: (scope: string) => Promise<void>,
    /**
     * A held worker stopped under us (a crash, or stopped from outside). Chrome then keeps the
     * scope's new one-shot syncs pending even after release, and nothing we can send frees them
     * (platform facts §8): the user must be told.
     */
    private readonly onHeldWorkerStopped: (scope: string) => void = () => {},
  ) {
    this.off = [
      attacher.addHandler((worker) => this.onWorkerAttached(worker), 'hold'),
      // A worker that stops while attached reports it on its session (crash or forced stop) ...
      client.on('Inspector.targetCrashed', (_event, sessionId) => sessionId && this.stopped(sessionId)),
      // ... or its session ends without our asking (we forget a session before we detach it).
      client.on('Target.detachedFromTarget', ({ sessionId }) => this.stopped(sessionId)),
    ];
  }

  heldScopes(): string[] {
    return [...this.held.keys()];
  }

  async set(worker: HeldWorker, offline: boolean): Promise<void> {
    if (offline) await this.hold(worker);
    else await this.releaseScope(worker.scope);
  }

  /**
   * The session ends: every hold is undone now, not left to the detach (a chrome.debugger attach
   * shared with another engine of ours outlives this one). Queued, not awaited: commands are
   * delivered in order, before the detach.
   */
  dispose(): void {
    for (const off of this.off) off();
    const sessions = [...this.sessions.keys()];
    this.sessions.clear();
    this.held.clear();
    for (const sessionId of sessions) {
      emulateWorkerOffline(this.client, sessionId, false).catch(() => {});
      void this.attacher.release(sessionId, 'hold');
    }
  }

  private stopped(sessionId: string): void {
    const scope = this.sessions.get(sessionId);
    if (scope === undefined) return;
    this.sessions.delete(sessionId);
    if (this.held.has(scope)) this.onHeldWorkerStopped(scope);
  }

  private async hold({ scope, scriptURL }: HeldWorker): Promise<void> {
    this.held.set(scope, scriptURL);
    await this.attacher.want('hold', true);
    const matches = (w: AttachedWorker) => w.url === scriptURL;
    const attached = this.attacher.attachedWorkers().find(matches);
    if (attached) {
      // Attached for something else (instrumentation) so far: now also for the hold.
      this.attacher.keep(attached.sessionId, 'hold');
      this.sessions.set(attached.sessionId, scope);
      await emulateWorkerOffline(this.client, attached.sessionId, true);
      return;
    }
    // A stopped worker is not held: Chrome decides to fire before it starts the worker. Start it,
    // and the attach handler takes it offline before its script runs.
    await this.wake(scope);
    const worker = await this.attacher.waitFor(matches, 5000);
    if (!worker) {
      this.held.delete(scope);
      if (this.held.size === 0) await this.attacher.want('hold', false);
      throw new Error(`The service worker of ${scope} did not start, so it could not be held offline.`);
    }
  }

  private async releaseScope(scope: string): Promise<void> {
    const scriptURL = this.held.get(scope);
    this.held.delete(scope);
    if (scriptURL === undefined) return;
    const stillHeldScripts = new Set(this.held.values());
    for (const worker of this.attacher.attachedWorkers()) {
      if (worker.url !== scriptURL || stillHeldScripts.has(worker.url)) continue;
      this.sessions.delete(worker.sessionId);
      await emulateWorkerOffline(this.client, worker.sessionId, false).catch(() => {});
      await this.attacher.release(worker.sessionId, 'hold');
    }
    if (this.held.size === 0) await this.attacher.want('hold', false);
  }

  private onWorkerAttached(worker: AttachedWorker): boolean {
    const scope = [...this.held].find(([, scriptURL]) => scriptURL === worker.url)?.[0];
    if (scope === undefined) return false;
    this.sessions.set(worker.sessionId, scope);
    // Queued before the resume, not awaited (see WorkerAttacher).
    emulateWorkerOffline(this.client, worker.sessionId, true).catch((error) =>
      console.error('could not hold worker offline', error),
    );
    return true;
  }
}
