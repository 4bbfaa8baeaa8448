/**
 * A CDP transport over `chrome.debugger` for one tab: an *untrusted* client (no BackgroundService,
 * no ServiceWorker domain), but available in any Chrome. Child sessions (service workers reached
 * through Target.setAutoAttach with flatten) are addressed as `{tabId, sessionId}`.
 */
import type { CdpIncoming, CdpRequest, Transport } from './transport.ts';

/** Tabs a live transport of this worker instance serves (count: one per transport). */
const liveTabs = new Map<number, number>();

/** One chrome.debugger session per tab, shared by this worker's transports of that tab. */
interface Attachment {
  users: number;
  /** Resolves once attached: true when an earlier instance's session was reused. */
  attached: Promise<boolean>;
}
const attachments = new Map<number, Attachment>();

async function attachOnce(tabId: number): Promise<boolean> {
  try {
    await chrome.debugger.attach({ tabId }, '1.3');
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/already attached/i.test(message) || !(await attachedByUs(tabId))) throw error;
    return true;
  }
}

/**
 * Our chrome.debugger session outlives the extension's service worker: after a restart, Chrome
 * still auto-attaches the tab's service workers paused, and nobody here would resume them (the
 * app's worker would hang in "starting" forever). Installed at the worker's top level, this resumes
 * and lets go of every worker attached on a tab no transport serves.
 */
export function resumeOrphanedWorkers(): void {
  chrome.debugger.onEvent.addListener((source, method, params) => {
    if (
      method !== 'Target.attachedToTarget' ||
      source.tabId === undefined ||
      source.sessionId ||
      liveTabs.has(source.tabId)
    )
      return;
    const { sessionId, waitingForDebugger } = params as { sessionId: string; waitingForDebugger: boolean };
    const tab = { tabId: source.tabId };
    if (waitingForDebugger)
      chrome.debugger.sendCommand({ ...tab, sessionId }, 'Runtime.runIfWaitingForDebugger').catch(() => {});
    chrome.debugger.sendCommand(tab, 'Target.detachFromTarget', { sessionId }).catch(() => {});
  });
}

/** Whether a transport of this worker instance serves the tab. */
export function isServed(tabId: number): boolean {
  return liveTabs.has(tabId);
}

/** Tabs our extension is attached to that no transport of this instance serves (left by a dead worker). */
export async function strayAttachedTabs(): Promise<number[]> {
  const targets = await chrome.debugger.getTargets();
  const candidates = targets
    .filter((t) => t.attached && t.tabId !== undefined && !liveTabs.has(t.tabId))
    .map((t) => t.tabId!);
  const ours = await Promise.all(candidates.map((tabId) => attachedByUs(tabId)));
  return candidates.filter((_, i) => ours[i]);
}

/**
 * Whether this extension holds a debugger session on the tab. getTargets() cannot say: its
 * `attached` counts any client (DevTools, another extension) and it names no extension. A command
 * answers only to the extension attached.
 */
async function attachedByUs(tabId: number): Promise<boolean> {
  try {
    await chrome.debugger.sendCommand({ tabId }, 'Runtime.evaluate', { expression: '0', silent: true });
    return true;
  } catch {
    return false;
  }
}

export class DebuggerTransport implements Transport {
  private readonly messageListeners: Array<(m: CdpIncoming) => void> = [];
  private readonly closeListeners: Array<(reason: string) => void> = [];
  private closed = false;
  private readonly onEvent = (source: chrome.debugger.DebuggerSession, method: string, params?: object) => {
    if (source.tabId !== this.tabId) return;
    const message: CdpIncoming = { method, params, ...(source.sessionId ? { sessionId: source.sessionId } : {}) };
    for (const listener of this.messageListeners) listener(message);
  };
  private readonly onDetach = (source: chrome.debugger.Debuggee, reason: string) => {
    if (source.tabId !== this.tabId) return;
    // Chrome ended the session: for every transport sharing it.
    attachments.delete(this.tabId);
    this.finish(reason);
  };

  private constructor(readonly tabId: number) {
    liveTabs.set(tabId, (liveTabs.get(tabId) ?? 0) + 1);
    chrome.debugger.onEvent.addListener(this.onEvent);
    chrome.debugger.onDetach.addListener(this.onDetach);
  }

  /**
   * Attaches to the tab. The chrome.debugger session is shared: a second transport of this worker
   * for the same tab (an engine made while another is let go, a reconnect during a connect) joins
   * it, and only the last one closing detaches. When our own extension is attached already from an
   * earlier instance of this worker (the session survived it), that session is reused.
   */
  static async attach(tabId: number): Promise<DebuggerTransport> {
    const shared = attachments.get(tabId);
    if (shared) {
      const reused = await shared.attached;
      if (attachments.get(tabId) === shared) {
        shared.users++;
        const transport = new DebuggerTransport(tabId);
        transport.reused = reused;
        return transport;
      }
    }
    const attachment: Attachment = { users: 0, attached: attachOnce(tabId) };
    attachments.set(tabId, attachment);
    let reused: boolean;
    try {
      reused = await attachment.attached;
    } catch (error) {
      if (attachments.get(tabId) === attachment) attachments.delete(tabId);
      throw error;
    }
    attachment.users++;
    const transport = new DebuggerTransport(tabId);
    transport.reused = reused;
    return transport;
  }

  /** True when the session was left by an earlier instance of our worker: it may hold stale state. */
  reused = false;

  /** Whether another transport of this worker shares the tab's session (closing this one leaves it attached). */
  get shared(): boolean {
    return !this.closed && (attachments.get(this.tabId)?.users ?? 0) > 1;
  }

  send(message: CdpRequest): void {
    if (this.closed) throw new Error('debugger is detached');
    const target: chrome.debugger.DebuggerSession = {
      tabId: this.tabId,
      ...(message.sessionId ? { sessionId: message.sessionId } : {}),
    };
    chrome.debugger.sendCommand(target, message.method, message.params as { [key: string]: unknown } | undefined).then(
      (result) => this.deliver({ id: message.id, result: result ?? {} }),
      (error: unknown) =>
        this.deliver({
          id: message.id,
          error: { code: -32000, message: error instanceof Error ? error.message : String(error) },
        }),
    );
  }

  onMessage(listener: (m: CdpIncoming) => void): void {
    this.messageListeners.push(listener);
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  close(): void {
    if (this.closed) return;
    const attachment = attachments.get(this.tabId);
    if (attachment && --attachment.users <= 0) {
      attachments.delete(this.tabId);
      // Our own detach() fires no onDetach: finish here.
      chrome.debugger.detach({ tabId: this.tabId }).catch(() => {});
    }
    this.finish('detached by Sync Inspector');
  }

  private deliver(message: CdpIncoming): void {
    for (const listener of this.messageListeners) listener(message);
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const count = (liveTabs.get(this.tabId) ?? 1) - 1;
    if (count > 0) liveTabs.set(this.tabId, count);
    else liveTabs.delete(this.tabId);
    chrome.debugger.onEvent.removeListener(this.onEvent);
    chrome.debugger.onDetach.removeListener(this.onDetach);
    for (const listener of this.closeListeners) listener(reason);
  }
}
