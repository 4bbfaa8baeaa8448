/**
 * Code that runs inside the inspected page. Like in-scope.ts, each function is sent as source text
 * (Function.prototype.toString), so it must be self-contained; what it reports is checked again in
 * reports.ts, since the page controls this environment.
 */
import { PAGE_BINDING, PAGE_KEY, REPORT_CHANNEL } from './in-scope.ts';
import { wrapRegisterCalls } from './register-wrapper.ts';

/**
 * Installed in every document of the inspected tab (now and on each new document): wraps the
 * register calls, and forwards the reports of the origin's service workers (BroadcastChannel) to our
 * page binding, so a worker we are not attached to is still heard while its page is open.
 */
export function installPageInstrumentation(
  bindingName: string,
  channelName: string,
  key: string,
  wrapCalls: typeof wrapRegisterCalls,
) {
  const g = globalThis as unknown as Record<string | symbol, unknown> & typeof globalThis;
  const KEY = Symbol.for(key);
  if (g[KEY]) return 'already installed';
  const forward = (text: string) => {
    const binding = g[bindingName];
    if (typeof binding !== 'function') return;
    try {
      (binding as (s: string) => void)(text);
    } catch {
      // Detached: nobody listens.
    }
  };
  const prefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let seq = 0;
  let inspectorCall = false;
  const send = (report: Record<string, unknown>) =>
    forward(JSON.stringify({ ...report, v: 1, id: `${prefix}-${++seq}`, origin: location.origin }));
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = (event) => {
      if (typeof event.data === 'string') forward(event.data);
    };
  } catch {
    // No BroadcastChannel (opaque origin): the worker binding is all we have.
  }
  const unwrap = wrapCalls(send, 'page', () => inspectorCall);

  /** Registers a tag again from this page: Chrome fires a completed tag for real. */
  const reregister = async (scope: string, tag: string) => {
    const registration = await navigator.serviceWorker.getRegistration(scope);
    const sync = (registration as unknown as { sync?: { register(t: string): Promise<void> } } | undefined)?.sync;
    if (!registration || !sync) throw new Error(`No service worker with Background Sync is registered for ${scope}.`);
    inspectorCall = true;
    let pending: Promise<void>;
    try {
      pending = sync.register(tag);
    } finally {
      inspectorCall = false;
    }
    await pending;
  };
  /** Leaves the page as it was before us: a closed panel costs the page nothing (bench measure 6). */
  const uninstall = () => {
    unwrap();
    channel?.close();
    delete g[KEY];
  };
  Object.defineProperty(g, KEY, { value: Object.freeze({ reregister, uninstall }), configurable: true });
  return 'installed';
}

export function pageInstrumentationSource(): string {
  return `(${installPageInstrumentation.toString()})(${JSON.stringify(PAGE_BINDING)}, ${JSON.stringify(REPORT_CHANNEL)}, ${JSON.stringify(PAGE_KEY)}, ${wrapRegisterCalls.toString()})`;
}
