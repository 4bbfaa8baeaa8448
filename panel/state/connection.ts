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
import { errorMessage } from '../../extension/error-message.ts';
import { olderQueue } from './older-queue.ts';
import { PendingCalls } from '../../extension/pending-calls.ts';

const COMMAND_TIMEOUT_MS = 20_000;
/** A message every 20 s keeps the extension's service worker awake while the panel is open. */
const PING_MS = 20_000;
const RECONNECT_DELAYS_MS = [50, 200, 500, 1000, 2000];

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionHandlers {
  message(message: BackgroundToPanel): void;
  status(status: ConnectionStatus): void;
}

/** Opens the runtime port to the extension's service worker (a fake one in tests). */
export type Connect = () => chrome.runtime.Port;
const connectToWorker: Connect = () => chrome.runtime.connect(chrome.runtime.id, { name: PANEL_PORT_NAME });

export class Connection {
  private port: chrome.runtime.Port | undefined;
  private readonly pending = new PendingCalls({
    timeout: (name, ms) => new Error(`${name}: no answer from the extension within ${ms / 1000} s`),
    sendFailed: (name, error) => new Error(`${name}: ${errorMessage(error)}`),
  });
  private attempt = 0;
  private ping: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly deliver = olderQueue(
    (message) => this.handlers.message(message),
    undefined,
    () => this.post({ type: 'sendOlder' }),
  );

  constructor(
    private readonly tabId: number,
    private readonly handlers: ConnectionHandlers,
    private readonly connect: Connect = connectToWorker,
  ) {}

  open(): void {
    this.handlers.status(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const port = this.connect();
    this.port = port;
    port.onMessage.addListener((posted: BackgroundToPanel) => {
      if (posted.type === 'welcome') {
        this.attempt = 0;
        this.handlers.status('connected');
      }
      // A result carries no packed records; the others are unpacked there (older ones after the welcome's paint).
      if (posted.type === 'result') this.settle(posted);
      else this.deliver(posted);
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
    return this.pending.call(name, COMMAND_TIMEOUT_MS, (id) => {
      // Between a dropped port and the next, say so now rather than after the timeout.
      if (!this.port) throw new Error('not connected to the extension; try again in a moment');
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
    if (message.ok) this.pending.resolve(message.id, message.value);
    else this.pending.reject(message.id, () => new Error(message.error));
  }

  private onDisconnect(port: chrome.runtime.Port): void {
    if (port !== this.port) return;
    this.port = undefined;
    clearInterval(this.ping);
    // Commands in flight died with the worker: fail them rather than leave buttons spinning.
    this.pending.rejectAll(() => new Error('The extension restarted while this was running; try again.'));
    if (this.closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt++;
    this.handlers.status('reconnecting');
    setTimeout(() => this.open(), delay);
  }
}
