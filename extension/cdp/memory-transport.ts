/**
 * A transport in memory, for tests of whatever speaks CDP: what the client sent is in `sent`, the
 * test plays the browser with `receive` (answers, events) and `closeFromPeer`; `answer`, when set,
 * answers each request as it is sent.
 */
import type { CdpIncoming, CdpRequest, Transport } from './transport.ts';

export class MemoryTransport implements Transport {
  readonly sent: CdpRequest[] = [];
  answer: ((request: CdpRequest) => CdpIncoming | undefined) | undefined;
  private messageListener: ((message: CdpIncoming) => void) | undefined;
  private closeListener: ((reason: string) => void) | undefined;
  private closed = false;

  send(message: CdpRequest): void {
    if (this.closed) throw new Error('transport closed');
    this.sent.push(message);
    const reply = this.answer?.(message);
    if (reply) queueMicrotask(() => this.receive(reply));
  }

  onMessage(listener: (message: CdpIncoming) => void): void {
    this.messageListener = listener;
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListener = listener;
  }

  close(): void {
    this.closeFromPeer('closed by the client');
  }

  receive(message: CdpIncoming): void {
    if (!this.closed) this.messageListener?.(message);
  }

  closeFromPeer(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeListener?.(reason);
  }
}
