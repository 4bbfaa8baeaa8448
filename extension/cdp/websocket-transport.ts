/**
 * A CDP transport over a WebSocket to Chrome's own debugging endpoint: a *trusted* client, so the
 * BackgroundService and ServiceWorker domains work here (they do not over chrome.debugger).
 */
import type { CdpIncoming, CdpRequest, Transport } from './transport.ts';

/** Chrome's largest frames here are replay bursts of small events; 16 M characters is far above them. */
export const MAX_FRAME_CHARS = 16 * 1024 * 1024;

function isCdpMessage(value: unknown): value is CdpIncoming {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { id?: unknown; method?: unknown; sessionId?: unknown };
  if (v.sessionId !== undefined && typeof v.sessionId !== 'string') return false;
  return typeof v.id === 'number' || typeof v.method === 'string';
}

export class WebSocketTransport implements Transport {
  private readonly messageListeners: Array<(m: CdpIncoming) => void> = [];
  private readonly closeListeners: Array<(reason: string) => void> = [];
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      // Whatever listens on the port may send anything: a frame that is not a CDP object, or is
      // larger than any answer we ask for, is dropped unread.
      if (typeof event.data !== 'string' || event.data.length > MAX_FRAME_CHARS) return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isCdpMessage(message)) return;
      for (const listener of this.messageListeners) listener(message);
    });
    socket.addEventListener('close', (event) => this.finish(`socket closed (code ${event.code})`));
  }

  /** Opens the socket; rejects with a reason a person can act on when Chrome refuses it. */
  static connect(url: string, timeoutMs = 3000): Promise<WebSocketTransport> {
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(url);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`no answer from ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new WebSocketTransport(socket));
      });
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        // 1006 before open: nothing listens on the port, or Chrome rejected our origin.
        reject(new Error(`could not open ${url} (code ${event.code})`));
      });
    });
  }

  send(message: CdpRequest): void {
    if (this.closed) throw new Error('socket is closed');
    this.socket.send(JSON.stringify(message));
  }

  onMessage(listener: (m: CdpIncoming) => void): void {
    this.messageListeners.push(listener);
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  close(): void {
    this.socket.close();
    this.finish('closed by Sync Inspector');
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener(reason);
  }
}
