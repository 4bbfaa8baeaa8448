/**
 * "Is there a handler?": how many `sync` and `periodicsync` listeners a service worker adds, whether
 * `onsync` / `onperiodicsync` are set, and whether a listener came after the worker's first
 * evaluation (Chrome then only warns, platform facts §5). chrome.debugger has no way to list a
 * worker's listeners (the console's getEventListeners and DOMDebugger.getEventListeners are not
 * there), so a probe queued before the worker's script wraps addEventListener and reports through
 * a binding when the first event arrives (the first evaluation is over by then) and at each late
 * addition. Only a worker that starts under us (attached paused) can be counted; the last count of
 * a script URL is kept.
 */
import type { CdpClient } from '../../extension/cdp/client.ts';
import type { WorkerHandlers } from '../../extension/activity-model.ts';
import type { AttachedWorker, WorkerAttacher } from '../worker-attacher.ts';

const BINDING = '__syncInspectorHandlers';
const PROBE_KEY = 'sync-inspector.handlers';

/** Runs in the worker before its script. Self-contained: sent as source text. */
function installProbe(binding: string, key: string) {
  const g = globalThis as unknown as Record<string | symbol, unknown>;
  if (g[Symbol.for(key)]) return;
  const counts = { sync: 0, periodicsync: 0, lateSync: 0, latePeriodicsync: 0 };
  let initial = true;
  const snapshot = () => {
    return {
      sync: counts.sync,
      periodicsync: counts.periodicsync,
      lateSync: counts.lateSync,
      latePeriodicsync: counts.latePeriodicsync,
      onsync: typeof g.onsync === 'function',
      onperiodicsync: typeof g.onperiodicsync === 'function',
    };
  };
  const original = EventTarget.prototype.addEventListener;
  const report = () => {
    const send = g[binding];
    if (typeof send === 'function') (send as (s: string) => void)(JSON.stringify(snapshot()));
  };
  EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<typeof original>) {
    const type = args[0];
    // Listeners added by evaluated code (no script URL in the caller's frame) are ours, not the app's.
    const fromScript = () => /\w:\/\//.test(String(new Error().stack ?? '').split('\n')[3] ?? '');
    if (this === (g as unknown) && (type === 'sync' || type === 'periodicsync') && args[1] && fromScript()) {
      counts[type]++;
      if (!initial) {
        counts[type === 'sync' ? 'lateSync' : 'latePeriodicsync']++;
        report();
      }
    }
    return original.apply(this, args);
  };
  // No event reaches a worker before its script's first evaluation is over: the first one ends it.
  const endInitial = () => {
    if (!initial) return;
    initial = false;
    report();
  };
  for (const type of ['install', 'activate', 'fetch', 'message', 'sync', 'periodicsync', 'push'])
    original.call(g as unknown as EventTarget, type, endInitial, { capture: true });
  Object.defineProperty(g, Symbol.for(key), {
    value: Object.freeze({ snapshot: () => (initial ? null : snapshot()) }),
  });
}

const PROBE = `(${installProbe.toString()})(${[BINDING, PROBE_KEY].map((k) => JSON.stringify(k)).join(', ')})`;

export class HandlerProbe {
  /** Worker script URL -> what was last counted. */
  private readonly byScript = new Map<string, WorkerHandlers>();
  private readonly sessions = new Map<string, string>();
  private readonly off: Array<() => void>;

  constructor(
    private readonly client: CdpClient,
    attacher: WorkerAttacher,
    private readonly changed: () => void,
  ) {
    this.off = [
      attacher.addHandler((worker) => this.onAttached(worker), 'handlers'),
      client.on('Runtime.bindingCalled', ({ name, payload }, sessionId) => {
        const url = sessionId && this.sessions.get(sessionId);
        if (name === BINDING && url) this.take(url, payload);
      }),
      client.on('Target.detachedFromTarget', ({ sessionId }) => this.sessions.delete(sessionId)),
    ];
  }

  handlersOf(scriptURL: string): WorkerHandlers | undefined {
    return this.byScript.get(scriptURL);
  }

  dispose(): void {
    for (const off of this.off) off();
  }

  private onAttached(worker: AttachedWorker): boolean {
    // A running worker added its listeners before we came: they cannot be counted now.
    if (!worker.startedPaused) return false;
    this.sessions.set(worker.sessionId, worker.url);
    const ignore = () => {};
    // Queued before the resume, not awaited (see WorkerAttacher).
    this.client.send('Runtime.addBinding', { name: BINDING }, worker.sessionId).catch(ignore);
    this.client.send('Runtime.evaluate', { expression: PROBE, silent: true }, worker.sessionId).catch(ignore);
    return false;
  }

  /** The worker's report: checked (the page controls that environment), kept, told. */
  private take(url: string, payload: unknown): void {
    let v: Record<string, unknown>;
    try {
      v = (typeof payload === 'string' ? JSON.parse(payload.slice(0, 1000)) : payload) as Record<string, unknown>;
    } catch {
      return;
    }
    if (!v || typeof v !== 'object') return;
    const n = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
    this.byScript.set(url, {
      sync: n(v.sync),
      periodicsync: n(v.periodicsync),
      onsync: v.onsync === true,
      onperiodicsync: v.onperiodicsync === true,
      lateSync: n(v.lateSync),
      latePeriodicsync: n(v.latePeriodicsync),
      readAt: Date.now(),
    });
    this.changed();
  }
}
