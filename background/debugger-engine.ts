/**
 * The debugger engine: `chrome.debugger` on the inspected tab, available in any Chrome without flags.
 * Chrome refuses it the BackgroundService and ServiceWorker domains, so it lists tags from the page
 * (getTags) and holds workers offline through their own sessions.
 */
import { capabilities } from '../extension/capabilities.ts';
import { CdpClient } from '../extension/cdp/client.ts';
import { DebuggerTransport } from '../extension/cdp/debugger-transport.ts';
import type { FireParams, FireResult } from '../extension/messages.ts';
import type { OriginRegistrations } from '../extension/model.ts';
import { UnsupportedError, type Engine, type EngineSink } from './engine.ts';
import { NetworkHold, type HeldWorker } from './network-hold.ts';
import { registerTagInPage, unregisterPeriodicInPage } from './page-actions.ts';
import { readRegistrations } from './registrations-reader.ts';
import { WorkerAttacher } from './worker-attacher.ts';

export const NEEDS_PROTOCOL_ENGINE =
  'Needs the protocol engine: start Chrome with the debugging flags shown in the status line.';

/** Without events from Chrome's log, the tag list is re-read on this period while a panel is open. */
const POLL_MS = 2000;

export class DebuggerEngine implements Engine {
  readonly kind = 'debugger' as const;
  readonly capabilities = capabilities(['hold', 'reregister'], NEEDS_PROTOCOL_ENGINE);
  private readonly attacher: WorkerAttacher;
  private readonly networkHold: NetworkHold;
  private readonly poll: ReturnType<typeof setInterval>;

  private constructor(
    private readonly client: CdpClient,
    sink: EngineSink,
  ) {
    this.attacher = new WorkerAttacher(client);
    this.networkHold = new NetworkHold(client, this.attacher, (scope) => this.wakeWorker(scope));
    this.poll = setInterval(() => sink.registrationsMayHaveChanged(), POLL_MS);
    client.on('Page.frameNavigated', ({ frame }) => {
      if (!frame.parentId) sink.registrationsMayHaveChanged();
    });
    client.onClose((reason) => {
      clearInterval(this.poll);
      sink.closed(reason);
    });
  }

  static async attach(tabId: number, sink: EngineSink): Promise<DebuggerEngine> {
    const transport = await DebuggerTransport.attach(tabId);
    const client = new CdpClient(transport);
    const engine = new DebuggerEngine(client, sink);
    await client.send('Page.enable').catch(() => {});
    return engine;
  }

  async readRegistrations(): Promise<OriginRegistrations> {
    const snapshot = await readRegistrations(this.client);
    const held = new Set(this.networkHold.heldScopes());
    for (const scope of snapshot.scopes) scope.heldOffline = held.has(scope.scope);
    return snapshot;
  }

  fire(_params: FireParams): Promise<FireResult> {
    return Promise.reject(new UnsupportedError('Fire sync now', this.capabilities.fire.reason));
  }

  hold(worker: HeldWorker, offline: boolean): Promise<void> {
    return this.networkHold.set(worker, offline);
  }

  heldScopes(): string[] {
    return this.networkHold.heldScopes();
  }

  setRecording(): Promise<void> {
    return Promise.reject(new UnsupportedError('Recording control', this.capabilities.recording.reason));
  }

  eraseChromeLog(): Promise<void> {
    return Promise.reject(new UnsupportedError("Erasing Chrome's log", this.capabilities.eraseChromeLog.reason));
  }

  allowPeriodic(): Promise<void> {
    return Promise.reject(new UnsupportedError('Allowing periodic sync', this.capabilities.periodicPermission.reason));
  }

  async reregister(scope: string, tag: string): Promise<FireResult> {
    await registerTagInPage(this.client, scope, tag);
    return { how: 'Registered again from the page (registration.sync.register): Chrome fires it as a new registration.' };
  }

  unregisterPeriodic(scope: string, tag: string): Promise<boolean> {
    return unregisterPeriodicInPage(this.client, scope, tag);
  }

  dispose(): void {
    clearInterval(this.poll);
    this.networkHold.dispose();
    this.attacher.dispose();
    this.client.close();
  }

  /** A message to a stopped worker starts it; the ServiceWorker domain is not ours here. */
  private async wakeWorker(scope: string): Promise<void> {
    const expression = `navigator.serviceWorker.getRegistration(${JSON.stringify(scope)}).then((r) => {
      if (r && r.active) r.active.postMessage({ source: 'sync-inspector', type: 'wake' });
      return Boolean(r && r.active);
    })`;
    await this.client.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, silent: true });
  }
}
