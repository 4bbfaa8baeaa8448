/**
 * Instruments the inspected tab's documents: register calls with their callers and errors, and the
 * reports of the origin's service workers relayed over a BroadcastChannel (so a worker we are not
 * attached to is still heard while its page is open). Across reloads: the script is also added to
 * every new document.
 */
import type { CdpClient } from '../../extension/cdp/client.ts';
import { PAGE_BINDING, PAGE_KEY, WORKER_BINDING } from './in-scope.ts';
import { pageInstrumentationSource } from './page-in-scope.ts';
import type { ReportIntake } from './intake.ts';

export class PageInstrumenter {
  private readonly off: Array<() => void> = [];
  private scriptId: string | undefined;
  /** The page session's execution contexts (frames, iframes) and their origins: where a report ran. */
  private readonly contexts = new Map<number, string>();
  /**
   * Page reports that came before Runtime.enable told us their context (a session that outlived our
   * previous instance calls the binding at once): taken once the contexts are known, not dropped.
   */
  private early: Array<{ payload: string; contextId: number }> | undefined = [];

  constructor(
    private readonly client: CdpClient,
    private readonly intake: ReportIntake,
    /** The script URL of an attached worker session, if it is one of ours. */
    workerURL: (sessionId: string) => string | undefined,
  ) {
    this.off.push(
      client.on('Runtime.executionContextCreated', ({ context }, sessionId) => {
        if (!sessionId) this.contexts.set(context.id, context.origin);
      }),
      client.on('Runtime.executionContextDestroyed', ({ executionContextId }, sessionId) => {
        if (!sessionId) this.contexts.delete(executionContextId);
      }),
      client.on('Runtime.executionContextsCleared', (_event, sessionId) => {
        if (!sessionId) this.contexts.clear();
      }),
      client.on('Runtime.bindingCalled', ({ name, payload, executionContextId }, sessionId) => {
        if (name !== PAGE_BINDING && name !== WORKER_BINDING) return;
        // Where it ran, never what it says: a worker session's target URL, or the calling frame's origin.
        if (sessionId) return intake.take(payload, workerURL(sessionId));
        const origin = this.contexts.get(executionContextId);
        if (!origin && this.early) this.early.push({ payload, contextId: executionContextId });
        else intake.take(payload, origin);
      }),
    );
  }

  async start(): Promise<void> {
    const source = pageInstrumentationSource();
    // A chrome.debugger session can outlive our previous worker instance with Runtime still enabled, and
    // a second enable reports no contexts: without their origins every page report would be dropped.
    // Disabling first makes enable report each context again (the binding is added again below).
    await this.client.send('Runtime.disable').catch(() => {});
    await this.client.send('Runtime.addBinding', { name: PAGE_BINDING });
    await this.client.send('Runtime.enable');
    // Enable has reported every context by now: what is still unknown ran nowhere we can name.
    const early = this.early ?? [];
    this.early = undefined;
    for (const { payload, contextId } of early) this.intake.take(payload, this.contexts.get(contextId));
    const { identifier } = await this.client.send('Page.addScriptToEvaluateOnNewDocument', { source });
    this.scriptId = identifier;
    // The document already loaded: instrument it now (a restricted or blank page just refuses).
    await this.client.send('Runtime.evaluate', { expression: source, silent: true }).catch(() => {});
  }

  /** Registers the tag again from the page (through the page's own SyncManager). */
  async reregister(scope: string, tag: string): Promise<void> {
    const expression = `(async () => {
      const hook = globalThis[Symbol.for(${JSON.stringify(PAGE_KEY)})];
      if (hook) return hook.reregister(${JSON.stringify(scope)}, ${JSON.stringify(tag)});
      const registration = await navigator.serviceWorker.getRegistration(${JSON.stringify(scope)});
      if (!registration || !registration.sync) throw new Error('No service worker with Background Sync is registered for ' + ${JSON.stringify(scope)} + '.');
      return registration.sync.register(${JSON.stringify(tag)});
    })()`;
    const { exceptionDetails } = await this.client.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      silent: true,
      // register() needs no activation; one handed over would let the page's code (which runs here)
      // open windows or prompts as if the user had clicked in it.
      userGesture: false,
    });
    if (exceptionDetails) {
      const text = exceptionDetails.exception?.description?.split('\n')[0] ?? exceptionDetails.text;
      throw new Error(`Re-registering "${tag}" failed in the page: ${text}`);
    }
  }

  /** Stops instrumenting: new documents get nothing, and the current one is restored (native register methods, no channel). */
  dispose(undo = true): void {
    for (const off of this.off) off();
    if (!undo || this.client.closed) return;
    if (this.scriptId) {
      this.client.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.scriptId }).catch(() => {});
    }
    const expression = `globalThis[Symbol.for(${JSON.stringify(PAGE_KEY)})]?.uninstall?.()`;
    this.client.send('Runtime.evaluate', { expression, silent: true }).catch(() => {});
  }
}
