/**
 * A CDP transport over `chrome.debugger` for one tab: an *untrusted* client (no BackgroundService,
 * no ServiceWorker domain), but available in any Chrome. Child sessions (service workers reached
 * through Target.setAutoAttach with flatten) are addressed as `{tabId, sessionId}`.
 */
import type { CdpIncoming, CdpRequest, Transport } from './transport.ts';

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
    if (source.tabId === this.tabId) this.finish(reason);
  };

  private constructor(readonly tabId: number) {
    chrome.debugger.onEvent.addListener(this.onEvent);
    chrome.debugger.onDetach.addListener(this.onDetach);
  }

  /**
   * Attaches to the tab. When our own extension is already attached (the extension's service worker
   * restarted while the session survived), reuse that session instead of failing.
   */
  static async attach(tabId: number): Promise<DebuggerTransport> {
    try {
      await chrome.debugger.attach({ tabId }, '1.3');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/already attached/i.test(message) || !(await DebuggerTransport.attachedByUs(tabId))) throw error;
    }
    return new DebuggerTransport(tabId);
  }

  private static async attachedByUs(tabId: number): Promise<boolean> {
    const targets = await chrome.debugger.getTargets();
    return targets.some((t) => t.tabId === tabId && t.attached && t.extensionId === chrome.runtime.id);
  }

  send(message: CdpRequest): void {
    if (this.closed) throw new Error('debugger is detached');
    const target: chrome.debugger.DebuggerSession = { tabId: this.tabId, ...(message.sessionId ? { sessionId: message.sessionId } : {}) };
    chrome.debugger.sendCommand(target, message.method, message.params as { [key: string]: unknown } | undefined).then(
      (result) => this.deliver({ id: message.id, result: result ?? {} }),
      (error: unknown) => this.deliver({ id: message.id, error: { code: -32000, message: error instanceof Error ? error.message : String(error) } }),
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
    // Our own detach() fires no onDetach: finish here.
    chrome.debugger.detach({ tabId: this.tabId }).catch(() => {});
    this.finish('detached by Sync Inspector');
  }

  private deliver(message: CdpIncoming): void {
    for (const listener of this.messageListeners) listener(message);
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    chrome.debugger.onEvent.removeListener(this.onEvent);
    chrome.debugger.onDetach.removeListener(this.onDetach);
    for (const listener of this.closeListeners) listener(reason);
  }
}
