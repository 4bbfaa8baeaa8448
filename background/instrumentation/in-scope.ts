/**
 * Code that runs inside the inspected service worker (the page's is in page-in-scope.ts). Each function here is sent as
 * source text (Function.prototype.toString), so it must be self-contained: no imports, no helpers
 * from outside its own body. Everything it reports is checked again in reports.ts: the page controls
 * this environment and may have tampered with it.
 */
import { wrapRegisterCalls } from './register-wrapper.ts';

/** The report channel between a service worker and the pages of its origin (BroadcastChannel name). */
export const REPORT_CHANNEL = 'sync-inspector-reports';
/** Runtime.addBinding name in the service worker. */
export const WORKER_BINDING = '__syncInspectorWorkerReport';
/** Runtime.addBinding name in the page. */
export const PAGE_BINDING = '__syncInspectorPageReport';
/** Symbol.for() keys of what we install: a second injection finds the first and does nothing. */
export const WORKER_KEY = 'sync-inspector.worker';
export const PAGE_KEY = 'sync-inspector.page';

/**
 * Installed in the service worker, before its own script when we caught it paused. Reports every
 * trusted `sync` / `periodicsync` event: its start, and once every promise given to waitUntil has
 * settled (or a listener threw), its outcome and duration. Also runs Simulate: a synthetic event
 * whose waitUntil is an own property (a script event's waitUntil throws InvalidStateError).
 *
 * Reports go through the binding while we are attached and through a BroadcastChannel to the pages
 * of the origin always: a worker we detached from (we never keep one alive) still gets heard.
 */
export function installWorkerInstrumentation(
  bindingName: string,
  channelName: string,
  key: string,
  wrapCalls: typeof wrapRegisterCalls,
) {
  const g = globalThis as unknown as Record<string | symbol, unknown> & typeof globalThis;
  const KEY = Symbol.for(key);
  if (g[KEY]) return 'already installed';
  const describe = (value: unknown): string => {
    try {
      if (value && typeof value === 'object' && 'name' in value && 'message' in value) {
        return `${String((value as Error).name)}: ${String((value as Error).message)}`.slice(0, 2000);
      }
      return String(value).slice(0, 2000);
    } catch {
      return 'an unprintable value';
    }
  };
  const prefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let seq = 0;
  // Created on first use, never before the worker's script has started: in Chromium 156 a
  // BroadcastChannel made while a newly installed worker waits for the debugger crashes its renderer.
  let channel: BroadcastChannel | null | undefined;
  const channelNow = () => {
    if (channel === undefined) {
      try {
        channel = new BroadcastChannel(channelName);
      } catch {
        channel = null;
      }
    }
    return channel;
  };
  const send = (report: Record<string, unknown>): string => {
    const id = `${prefix}-${++seq}`;
    const registration = (g as unknown as { registration?: { scope?: string } }).registration;
    const text = JSON.stringify({ ...report, v: 1, id, origin: location.origin, scope: registration?.scope ?? '' });
    const binding = g[bindingName];
    if (typeof binding === 'function') {
      try {
        (binding as (s: string) => void)(text);
      } catch {
        // Not attached any more: the channel still carries it.
      }
    }
    try {
      channelNow()?.postMessage(text);
    } catch {
      // No page listening: nothing to do.
    }
    return id;
  };

  interface Entry {
    dispatchId: string;
    start: number;
    promises: Array<Promise<unknown>>;
    thrown?: string;
  }
  const entries = new WeakMap<Event, Entry>();
  const synthetic = new WeakSet<Event>();
  let inflight = 0;
  let lastActivity = Date.now();
  /** The event being dispatched right now: an error thrown by a listener belongs to it. */
  let current: Entry | undefined;

  const settle = async (
    entry: Entry,
    service: string,
    tag: string,
    lastChance: boolean | undefined,
    simulated: boolean,
  ) => {
    let rejected = entry.thrown !== undefined;
    let reason = entry.thrown;
    // waitUntil may be called again while earlier promises are pending: settle until none is added.
    for (let done = 0; done < entry.promises.length;) {
      const batch = entry.promises.slice(done);
      done = entry.promises.length;
      for (const result of await Promise.allSettled(batch)) {
        if (result.status === 'rejected' && !rejected) {
          rejected = true;
          reason = describe(result.reason);
        }
      }
    }
    const time = Date.now();
    send({
      type: 'outcome',
      dispatchId: entry.dispatchId,
      service,
      tag,
      ...(lastChance === undefined ? {} : { lastChance }),
      time,
      durationMs: time - entry.start,
      outcome: rejected ? 'rejected' : 'resolved',
      ...(reason === undefined ? {} : { reason }),
      ...(simulated ? { simulated: true } : {}),
    });
    return { outcome: rejected ? 'rejected' : 'resolved', reason, durationMs: time - entry.start };
  };

  const track = (event: Event): Entry | undefined => {
    if (event.type !== 'sync' && event.type !== 'periodicsync') return undefined;
    if (!event.isTrusted || synthetic.has(event)) return undefined;
    let entry = entries.get(event);
    if (entry) return entry;
    const e = event as Event & { tag?: unknown; lastChance?: unknown };
    const tag = String(e.tag);
    const lastChance = event.type === 'sync' ? e.lastChance === true : undefined;
    const start = Date.now();
    const dispatchId = send({
      type: 'dispatch',
      service: event.type,
      tag,
      ...(lastChance === undefined ? {} : { lastChance }),
      time: start,
    });
    entry = { dispatchId, start, promises: [] };
    entries.set(event, entry);
    inflight++;
    lastActivity = start;
    current = entry;
    const mine = entry;
    // A task later every listener has run (a microtask would run between listeners).
    setTimeout(() => {
      if (current === mine) current = undefined;
      settle(mine, event.type, tag, lastChance, false)
        .catch(() => undefined)
        .finally(() => {
          inflight--;
          lastActivity = Date.now();
        });
    }, 0);
    return entry;
  };

  const proto = (g as unknown as { ExtendableEvent?: { prototype: { waitUntil(p: unknown): void } } }).ExtendableEvent
    ?.prototype;
  const originalWaitUntil = proto?.waitUntil;
  if (proto && originalWaitUntil) {
    const apply = Reflect.apply;
    const resolved = Promise.resolve.bind(Promise);
    // A method, as the original is: named waitUntil, length 1, not a constructor, no prototype.
    const wrapper = {
      waitUntil(this: Event, promise: unknown) {
        // The original first, with the very arguments given (waitUntil() without one is a TypeError):
        // if it throws (too late, not active), that is the worker's error, and untracked.
        // eslint-disable-next-line prefer-rest-params -- a rest parameter would change waitUntil.length
        const result = apply(originalWaitUntil, this, arguments);
        try {
          track(this)?.promises.push(resolved(promise));
        } catch {
          // The worker broke what a report needs: this event goes unreported, its waitUntil does not change.
        }
        return result;
      },
    };
    proto.waitUntil = wrapper.waitUntil;
  }
  const trackSafely = (event: Event) => {
    try {
      track(event);
    } catch {
      // As above: never an exception in the worker's dispatch.
    }
  };
  for (const type of ['sync', 'periodicsync']) g.addEventListener(type, trackSafely);
  g.addEventListener('error', (event) => {
    if (current && current.thrown === undefined)
      current.thrown = describe((event as ErrorEvent).error ?? (event as ErrorEvent).message);
  });
  wrapCalls(
    (report) => {
      try {
        send(report);
      } catch {
        // Lost report, untouched call.
      }
    },
    'worker',
    () => false,
  );

  /** A synthetic event: handlers run, Chrome's registration is untouched. */
  const simulate = async (tag: string, lastChance: boolean) => {
    const Ctor = (g as unknown as { SyncEvent?: new (type: string, init: object) => Event }).SyncEvent;
    if (!Ctor) throw new Error('This worker has no SyncEvent: Background Sync is not supported here.');
    const event = new Ctor('sync', { tag, lastChance });
    const start = Date.now();
    const entry: Entry = { dispatchId: '', start, promises: [] };
    entry.dispatchId = send({ type: 'dispatch', service: 'sync', tag, lastChance, time: start, simulated: true });
    synthetic.add(event);
    Object.defineProperty(event, 'waitUntil', {
      value: (promise: unknown) => void entry.promises.push(Promise.resolve(promise)),
    });
    inflight++;
    const previous = current;
    current = entry;
    try {
      g.dispatchEvent(event);
    } finally {
      current = previous;
    }
    try {
      return await settle(entry, 'sync', tag, lastChance, true);
    } finally {
      inflight--;
      lastActivity = Date.now();
    }
  };

  /** Resolves true once no event is in flight and nothing happened for quietMs, false after maxMs. */
  const whenIdle = async (quietMs: number, maxMs: number) => {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const now = Date.now();
      if (inflight === 0 && now - lastActivity >= quietMs) return true;
      if (now >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, quietMs)));
    }
  };

  Object.defineProperty(g, KEY, { value: Object.freeze({ simulate, whenIdle }) });
  return 'installed';
}

/** The source text of an installer call, ready for Runtime.evaluate or addScriptToEvaluateOnNewDocument. */
export function workerInstrumentationSource(): string {
  return `(${installWorkerInstrumentation.toString()})(${JSON.stringify(WORKER_BINDING)}, ${JSON.stringify(REPORT_CHANNEL)}, ${JSON.stringify(WORKER_KEY)}, ${wrapRegisterCalls.toString()})`;
}
