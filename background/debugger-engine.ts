/**
 * The debugger engine: `chrome.debugger` on the inspected tab, available in any Chrome without flags.
 * Chrome refuses it the BackgroundService and ServiceWorker domains, so it lists tags from the page
 * (getTags), sees sync events through instrumentation injected into the page and its service
 * workers, holds workers offline through their own sessions, re-registers tags from the page and
 * simulates dispatches with synthetic events. Beside the protocol engine it runs for the
 * instrumentation alone: what only it sees (reasons, durations, callers) joins Chrome's log.
 */
import { capabilities } from '../extension/capabilities.ts';
import { CdpClient } from '../extension/cdp/client.ts';
import { DebuggerTransport } from '../extension/cdp/debugger-transport.ts';
import type { FireResult } from '../extension/messages.ts';
import type { OriginRegistrations } from '../extension/model.ts';
import { DebuggerRereads } from './debugger-engine-rereads.ts';
import type { Engine, EngineSink } from './engine.ts';
import { ReportIntake } from './instrumentation/intake.ts';
import { PageInstrumenter } from './instrumentation/page-instrumenter.ts';
import { WorkerInstrumenter, type SimulationOutcome } from './instrumentation/worker-instrumenter.ts';
import { NetworkHold, type HeldWorker } from './network-hold.ts';
import { unregisterPeriodicInPage } from './page-actions.ts';
import { readRegistrations } from './registrations-reader.ts';
import { texts } from './session-texts.ts';
import { FaultInjector } from './sync-activity/fault-injector.ts';
import { HandlerProbe } from './sync-activity/handler-probe.ts';
import { SyncActivityRecorder } from './sync-activity/recorder.ts';
import { WorkerAttacher } from './worker-attacher.ts';

export class DebuggerEngine implements Engine {
  readonly kind = 'debugger' as const;
  readonly capabilities = capabilities(['hold', 'reregister', 'simulate', 'outcomeDetail'], texts.needsProtocolEngine);
  private readonly attacher: WorkerAttacher;
  private readonly networkHold: NetworkHold;
  private readonly page: PageInstrumenter;
  private readonly workers: WorkerInstrumenter;
  /** What handlers send and log during each dispatch (beside the protocol engine too). */
  readonly activity: SyncActivityRecorder;
  /** "Make this sync fail" through the Fetch domain on the workers' sessions. */
  readonly faults: FaultInjector;
  /** The workers' sync listeners, for "Is there a handler?". */
  readonly handlers: HandlerProbe;
  /** Without events from Chrome's log: re-reads of the tag list when reports say it may have changed. */
  private readonly rereads: DebuggerRereads;
  private readonly intake: ReportIntake;
  private topOrigin: string | undefined;

  get pageClient(): CdpClient {
    return this.client;
  }

  private constructor(
    private readonly client: CdpClient,
    private readonly sink: EngineSink,
    private readonly transport: DebuggerTransport,
  ) {
    this.attacher = new WorkerAttacher(client);
    this.rereads = new DebuggerRereads(() => sink.registrationsMayHaveChanged());
    this.networkHold = new NetworkHold(
      client,
      this.attacher,
      (scope) => this.wakeWorker(scope),
      (scope) => {
        sink.notice('warning', texts.heldWorkerStopped(scope));
        this.rereads.changed();
      },
    );
    this.activity = new SyncActivityRecorder(client, this.attacher);
    this.handlers = new HandlerProbe(client, this.attacher, () => sink.registrationsMayHaveChanged());
    this.faults = new FaultInjector(client, this.attacher, this.activity.requests, (armed) =>
      sink.failureChanged?.(armed),
    );
    this.intake = new ReportIntake({
      emit: (records) => {
        void this.activity.decorate(records).then((decorated) => {
          this.faults.noteOutcomes(decorated);
          sink.records(decorated);
        });
        // Every report, a dispatch's too: Chrome changes the tag's state when its handler settles.
        this.rereads.changed();
      },
      notice: (text) => sink.notice('warning', text),
    });
    this.page = new PageInstrumenter(
      client,
      this.intake,
      (sessionId) => this.attacher.attachedWorkers().find((w) => w.sessionId === sessionId)?.url,
    );
    this.workers = new WorkerInstrumenter(client, this.attacher);
    client.on('Page.frameNavigated', ({ frame }) => {
      if (frame.parentId) return;
      this.onTopNavigation(frame.securityOrigin ?? frame.url);
      this.rereads.changed();
    });
    client.onClose((reason) => {
      this.rereads.dispose();
      sink.closed(reason);
    });
  }

  static async attach(tabId: number, sink: EngineSink): Promise<DebuggerEngine> {
    const transport = await DebuggerTransport.attach(tabId);
    const client = new CdpClient(transport);
    const engine = new DebuggerEngine(client, sink, transport);
    try {
      // A session an earlier instance of our worker left: its worker sessions (kept for a hold or
      // instrumentation) would keep workers alive with nobody to let them go. Auto-attach off
      // detaches them all; the instrumenter turns it on again.
      if (transport.reused)
        await client.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: true });
      await client.send('Page.enable');
      const { frameTree } = await client.send('Page.getFrameTree');
      engine.topOrigin = frameTree.frame.securityOrigin;
      await engine.page.start();
      await engine.workers.start();
    } catch (error) {
      engine.dispose();
      throw error;
    }
    return engine;
  }

  async readRegistrations(): Promise<OriginRegistrations> {
    const snapshot = await readRegistrations(this.client);
    const held = new Set(this.networkHold.heldScopes());
    for (const scope of snapshot.scopes) scope.heldOffline = held.has(scope.scope);
    return snapshot;
  }

  hold(worker: HeldWorker, offline: boolean): Promise<void> {
    return this.networkHold.set(worker, offline);
  }

  heldScopes(): string[] {
    return this.networkHold.heldScopes();
  }

  /** Fires a completed tag again, for real: the page registers it anew and Chrome dispatches it. */
  async reregister(scope: string, tag: string): Promise<FireResult> {
    await this.page.reregister(scope, tag);
    return {
      how: 'Registered again from the page (registration.sync.register): Chrome fires it as a new registration.',
    };
  }

  unregisterPeriodic(scope: string, tag: string): Promise<boolean> {
    return unregisterPeriodicInPage(this.client, scope, tag);
  }

  /** A synthetic sync event in the scope's worker; the records it produces are marked simulated. */
  simulate(worker: HeldWorker, tag: string, lastChance: boolean): Promise<SimulationOutcome> {
    return this.workers.simulate(worker.scriptURL, tag, lastChance, () => this.wakeWorker(worker.scope));
  }

  dispose(): void {
    this.rereads.dispose();
    this.intake.flush();
    this.networkHold.dispose();
    this.workers.dispose();
    this.activity.dispose();
    this.faults.dispose();
    this.handlers.dispose();
    this.attacher.dispose();
    // The page's instrumentation is undone first: chrome.debugger delivers commands in order, so the
    // page runs the uninstall before the detach lands. Detaching now (not after the answer) keeps a
    // quick re-attach from finding this session still open.
    // A session shared with another engine of ours keeps the page's instrumentation: it is that one's too.
    this.page.dispose(!this.transport.shared);
    // Detaching resumes anything paused and ends every worker session and hold with it.
    this.client.close();
  }

  /** Another origin in the tab: holds on the old origin's workers end (nothing of ours stays behind). */
  private onTopNavigation(origin: string): void {
    const previous = this.topOrigin;
    this.topOrigin = origin;
    if (!previous || previous === origin) return;
    const held = this.networkHold.heldScopes();
    if (!held.length) return;
    void Promise.all(held.map((scope) => this.networkHold.set({ scope, scriptURL: '' }, false).catch(() => {}))).then(
      () => this.sink.notice('info', `The tab went to ${origin}: the offline hold on ${held.join(', ')} was released.`),
    );
  }

  /**
   * Starts a stopped worker (a message starts it; the ServiceWorker domain is not ours here), and
   * attaches to it again if it was running: we let go of every worker once its events settle.
   */
  private async wakeWorker(scope: string): Promise<void> {
    const expression = `navigator.serviceWorker.getRegistration(${JSON.stringify(scope)}).then((r) => {
      if (r && r.active) r.active.postMessage({ source: 'sync-inspector', type: 'wake' });
      return Boolean(r && r.active);
    })`;
    await this.client.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, silent: true });
    await this.attacher.sweep();
  }
}
