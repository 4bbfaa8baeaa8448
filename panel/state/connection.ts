/**
 * The panel's end of the runtime port. The extension's service worker may die at any moment: when
 * the port drops, reconnect (which wakes the worker) and say hello again. Commands are typed
 * request/response with ids and a timeout.
 */
import {
  PANEL_PORT_NAME,
  PROTOCOL_VERSION,
  type BackgroundToPanel,
  type CommandName,
  type Commands,
  type PanelToBackground,
} from '../../extension/messages.ts';
import { unpackMessage } from '../../extension/port-records.ts';

const COMMAND_TIMEOUT_MS = 20_000;
/** A message every 20 s keeps the extension's service worker awake while the panel is open. */
const PING_MS = 20_000;
const RECONNECT_DELAYS_MS = [50, 200, 500, 1000, 2000];

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface ConnectionHandlers {
  message(message: BackgroundToPanel): void;
  status(status: ConnectionStatus): void;
}

export class Connection {
  private port: chrome.runtime.Port | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private attempt = 0;
  private ping: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly tabId: number,
    private readonly handlers: ConnectionHandlers,
  ) {}

  open(): void {
    this.handlers.status(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const port = chrome.runtime.connect(chrome.runtime.id, { name: PANEL_PORT_NAME });
    this.port = port;
    port.onMessage.addListener((posted: BackgroundToPanel) => {
      const message = unpackMessage(posted);
      if (message.type === 'welcome') {
        this.attempt = 0;
        this.handlers.status('connected');
      }
      if (message.type === 'result') this.settle(message);
      else this.handlers.message(message);
    });
    port.onDisconnect.addListener(() => this.onDisconnect(port));
    this.post({ type: 'hello', version: PROTOCOL_VERSION, tabId: this.tabId });
    clearInterval(this.ping);
    this.ping = setInterval(() => this.post({ type: 'ping' }), PING_MS);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.ping);
    this.port?.disconnect();
  }

  request<K extends CommandName>(name: K, params: Commands[K]['params']): Promise<Commands[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${name}: no answer from the extension within ${COMMAND_TIMEOUT_MS / 1000} s`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.post({ type: 'command', id, name, params } as PanelToBackground);
    });
  }

  private post(message: PanelToBackground): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // The port is gone; onDisconnect reconnects and pending commands fail there.
    }
  }

  private settle(message: Extract<BackgroundToPanel, { type: 'result' }>): void {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    clearTimeout(entry.timer);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(message.error));
  }

  private onDisconnect(port: chrome.runtime.Port): void {
    if (port !== this.port) return;
    this.port = undefined;
    clearInterval(this.ping);
    // Commands in flight died with the worker: fail them rather than leave buttons spinning.
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error('The extension restarted while this was running; try again.'));
      this.pending.delete(id);
    }
    if (this.closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt++;
    this.handlers.status('reconnecting');
    setTimeout(() => this.open(), delay);
  }
}
