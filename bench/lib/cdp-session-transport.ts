/**
 * A Transport over a puppeteer CDPSession, so the extension's own CdpClient and readers can run in
 * the bench against a trusted session (e.g. to record what the real registrations reader returns).
 */
import type { CDPSession } from 'puppeteer-core';
import type { CdpIncoming, CdpRequest, Transport } from '../../extension/cdp/transport.ts';

export class CdpSessionTransport implements Transport {
  private readonly listeners: Array<(m: CdpIncoming) => void> = [];
  constructor(private readonly session: CDPSession) {}

  send(message: CdpRequest): void {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (this.session.send as any)(message.method, message.params).then(
      (result: unknown) => this.deliver({ id: message.id, result }),
      (error: Error) => this.deliver({ id: message.id, error: { code: -1, message: error.message } }),
    );
  }

  onMessage(listener: (m: CdpIncoming) => void): void {
    this.listeners.push(listener);
  }

  onClose(): void {}

  close(): void {
    void this.session.detach().catch(() => {});
  }

  private deliver(message: CdpIncoming): void {
    for (const l of this.listeners) l(message);
  }
}
