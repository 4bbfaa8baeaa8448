/**
 * The protocol engine: a trusted CDP socket to Chrome's own debugging endpoint (Chrome started with
 * --remote-debugging-port and --remote-allow-origins=chrome-extension://<our id>). It sees Chrome's
 * BackgroundService log (replayed, 3 days), dispatches sync events and grants periodic sync.
 */
import type { Protocol } from 'devtools-protocol';
import { capabilities } from '../extension/capabilities.ts';
import { CdpClient } from '../extension/cdp/client.ts';
import { WebSocketTransport } from '../extension/cdp/websocket-transport.ts';
import type { FireParams, FireResult } from '../extension/messages.ts';
import type { OriginRegistrations } from '../extension/model.ts';
import type { Engine, EngineSink } from './engine.ts';
import { verifyEndpoint } from './endpoint-check.ts';
import { NetworkHold, type HeldWorker } from './network-hold.ts';
import { ProtocolRecords } from './protocol-engine-records.ts';
import { registerTagInPage, unregisterPeriodicInPage } from './page-actions.ts';
import { readRegistrations } from './registrations-reader.ts';
import { texts } from './session-texts.ts';
import { WorkerAttacher } from './worker-attacher.ts';
import { errorMessage } from '../extension/error-message.ts';

const SERVICES: Protocol.BackgroundService.ServiceName[] = ['backgroundSync', 'periodicBackgroundSync'];

/** The extension's service worker dies after ~30 s idle even with the socket open: keep it busy. */
const KEEPALIVE_MS = 20_000;

export class ProtocolEngine implements Engine {
  readonly kind = 'protocol' as const;
  readonly capabilities = capabilities(
    [
      'history',
      'fire',
      'fireInBackoff',
      'lastChance',
      'firePeriodic',
      'periodicPermission',
      'hold',
      'reregister',
      'recording',
      'eraseChromeLog',
    ],
    texts.onlyInstrumentation,
  );
  private readonly registrations = new Map<string, Protocol.ServiceWorker.ServiceWorkerRegistration>();
  private readonly versions = new Map<string, Protocol.ServiceWorker.ServiceWorkerVersion>();
  private readonly attacher: WorkerAttacher;
  private readonly networkHold: NetworkHold;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly records: ProtocolRecords;
  /** The page's first read, started beside the domains' enabling: the panel's first view waits for it. */
  private firstRead: Promise<OriginRegistrations> | undefined;

  get pageClient(): CdpClient {
    return this.client;
  }

  private constructor(
    readonly client: CdpClient,
    private readonly sink: EngineSink,
  ) {
    this.records = new ProtocolRecords(sink);
    this.attacher = new WorkerAttacher(client);
    this.networkHold = new NetworkHold(
      client,
      this.attacher,
      (scope) => this.startWorker(scope),
      (scope) => {
        sink.notice('warning', texts.heldWorkerStopped(scope));
        sink.registrationsMayHaveChanged();
      },
    );
    this.keepalive = setInterval(() => client.send('Browser.getVersion').catch(() => {}), KEEPALIVE_MS);
    client.onClose((reason) => {
      clearInterval(this.keepalive);
      sink.closed(reason);
    });
  }

  /** Finds the tab's target id and opens the socket; rejects with a reason when Chrome is not reachable. */
  static async connect(tabId: number, port: number, sink: EngineSink): Promise<ProtocolEngine> {
    const targets = await chrome.debugger.getTargets();
    const target = targets.find((t) => t.tabId === tabId);
    if (!target) throw new Error(`tab ${tabId} has no debugging target (closed?)`);
    const transport = await WebSocketTransport.connect(`ws://127.0.0.1:${port}/devtools/page/${target.id}`).catch(
      (error: unknown) => {
        // A refused origin and a closed port look the same from here (code 1006): name both causes.
        throw new Error(
          `${errorMessage(error)}: nothing listens on port ${port}, ` +
            `or Chrome was started without --remote-allow-origins=chrome-extension://${chrome.runtime.id}`,
        );
      },
    );
    const engine = new ProtocolEngine(new CdpClient(transport), sink);
    try {
      await verifyEndpoint(engine.client, target);
      engine.firstRead = readRegistrations(engine.client);
      // A rejection is the first readRegistrations()'s to report, not an unhandled one meanwhile.
      engine.firstRead.catch(() => {});
      await engine.start();
    } catch (error) {
      engine.dispose();
      throw error;
    }
    return engine;
  }

  private async start(recording = true): Promise<void> {
    const c = this.client;
    this.records.listen(c);
    c.on('BackgroundService.recordingStateChanged', ({ isRecording, service }) => {
      if (service === 'backgroundSync') this.sink.recordingChanged(isRecording);
    });
    c.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      for (const r of registrations) {
        if (r.isDeleted) this.registrations.delete(r.registrationId);
        else this.registrations.set(r.registrationId, r);
      }
      this.sink.registrationsMayHaveChanged();
    });
    c.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (v.status === 'redundant') this.versions.delete(v.versionId);
        else this.versions.set(v.versionId, v);
      }
      this.sink.registrationsMayHaveChanged();
    });
    c.on('Page.frameNavigated', ({ frame }) => {
      if (!frame.parentId) this.sink.registrationsMayHaveChanged();
    });
    await Promise.all([
      c.send('ServiceWorker.enable'),
      c.send('Page.enable'),
      ...SERVICES.map((service) => c.send('BackgroundService.startObserving', { service })),
      ...(recording
        ? SERVICES.map((service) => c.send('BackgroundService.setRecording', { shouldRecord: true, service }))
        : []),
    ]);
  }

  async readRegistrations(): Promise<OriginRegistrations> {
    // The first read's page script ran while ServiceWorker.enable was under way: the ids and running
    // states below come from that domain's events, which had arrived by the time start() returned.
    // Whatever those events changed is re-read after them (they schedule a refresh).
    const prefetched = this.firstRead;
    this.firstRead = undefined;
    const snapshot = await (prefetched ?? readRegistrations(this.client));
    const held = new Set(this.networkHold.heldScopes());
    for (const scope of snapshot.scopes) {
      const registration = [...this.registrations.values()].find((r) => r.scopeURL === scope.scope);
      if (registration) {
        scope.registrationId = registration.registrationId;
        const newest = [...this.versions.values()]
          .filter((v) => v.registrationId === registration.registrationId)
          .sort((a, b) => Number(b.versionId) - Number(a.versionId))[0];
        if (newest) scope.runningStatus = newest.runningStatus;
      }
      scope.heldOffline = held.has(scope.scope);
    }
    return snapshot;
  }

  async fire(params: FireParams): Promise<FireResult> {
    const registrationId = params.registrationId ?? this.registrationIdFor(params.scope);
    if (!registrationId) throw new Error(`No service-worker registration is known for ${params.scope}.`);
    const origin = new URL(params.origin).origin;
    if (params.periodic) {
      await this.client.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin, registrationId, tag: params.tag });
      return { how: 'Chrome dispatched a periodicsync event (ServiceWorker.dispatchPeriodicSyncEvent).' };
    }
    await this.client.send('ServiceWorker.dispatchSyncEvent', {
      origin,
      registrationId,
      tag: params.tag,
      lastChance: params.lastChance,
    });
    return {
      how: `Chrome dispatched a sync event with lastChance ${params.lastChance} (ServiceWorker.dispatchSyncEvent).`,
    };
  }

  async reregister(scope: string, tag: string): Promise<FireResult> {
    await registerTagInPage(this.client, scope, tag);
    return {
      how: 'Registered again from the page (registration.sync.register): Chrome fires it as a new registration.',
    };
  }

  unregisterPeriodic(scope: string, tag: string): Promise<boolean> {
    return unregisterPeriodicInPage(this.client, scope, tag);
  }

  hold(worker: HeldWorker, offline: boolean): Promise<void> {
    return this.networkHold.set(worker, offline);
  }

  heldScopes(): string[] {
    return this.networkHold.heldScopes();
  }

  async setRecording(on: boolean): Promise<void> {
    await Promise.all(
      SERVICES.map((service) => this.client.send('BackgroundService.setRecording', { shouldRecord: on, service })),
    );
  }

  async eraseChromeLog(): Promise<void> {
    await Promise.all(SERVICES.map((service) => this.client.send('BackgroundService.clearEvents', { service })));
  }

  async allowPeriodic(origin: string): Promise<void> {
    // setPermission, never grantPermissions: that one denies everything it does not list,
    // one-shot Background Sync included.
    await this.client.send('Browser.setPermission', {
      permission: { name: 'periodic-background-sync' },
      setting: 'granted',
      origin: new URL(origin).origin,
    });
  }

  dispose(): void {
    clearInterval(this.keepalive);
    this.records.dispose();
    this.networkHold.dispose();
    this.attacher.dispose();
    this.client.close();
  }

  private registrationIdFor(scope: string): string | undefined {
    return [...this.registrations.values()].find((r) => r.scopeURL === scope)?.registrationId;
  }

  private async startWorker(scope: string): Promise<void> {
    await this.client.send('ServiceWorker.startWorker', { scopeURL: scope });
  }
}
