/**
 * One typed CDP client over any transport (borrowed habit: puppeteer's CallbackRegistry).
 * Commands and events are typed from devtools-protocol's ProtocolMapping; errors name the method;
 * every pending call rejects when the transport closes.
 */
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping';
import type { CdpIncoming, Transport } from './transport.ts';

export type CommandName = keyof ProtocolMapping.Commands;
export type CommandParams<M extends CommandName> = ProtocolMapping.Commands[M]['paramsType'][0];
export type CommandResult<M extends CommandName> = ProtocolMapping.Commands[M]['returnType'];
export type EventName = keyof ProtocolMapping.Events;
export type EventParams<E extends EventName> = ProtocolMapping.Events[E][0];

export class CdpError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly protocolMessage: string,
  ) {
    super(`${method}: ${protocolMessage}`);
    this.name = 'CdpError';
  }
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

type Listener = (params: unknown, sessionId: string | undefined) => void;

export class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closedReason: string | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly timeoutMs = 15_000,
  ) {
    transport.onMessage((message) => this.dispatch(message));
    transport.onClose((reason) => this.handleClose(reason));
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  send<M extends CommandName>(
    method: M,
    ...args: [] extends ProtocolMapping.Commands[M]['paramsType']
      ? [params?: CommandParams<M>, sessionId?: string]
      : [params: CommandParams<M>, sessionId?: string]
  ): Promise<CommandResult<M>> {
    const [params, sessionId] = args;
    if (this.closedReason !== undefined) {
      return Promise.reject(new CdpError(method, -1, `connection closed (${this.closedReason})`));
    }
    const id = this.nextId++;
    return new Promise<CommandResult<M>>((resolve, reject) => {
      const entry: Pending = { method, resolve: resolve as (v: unknown) => void, reject };
      if (this.timeoutMs > 0) {
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new CdpError(method, -2, `no answer within ${this.timeoutMs} ms`));
        }, this.timeoutMs);
      }
      this.pending.set(id, entry);
      try {
        this.transport.send({ id, method, ...(params ? { params } : {}), ...(sessionId ? { sessionId } : {}) });
      } catch (error) {
        this.settle(id);
        reject(new CdpError(method, -1, error instanceof Error ? error.message : String(error)));
      }
    });
  }

  /** Subscribes to an event; the returned function unsubscribes. */
  on<E extends EventName>(
    event: E,
    listener: (params: EventParams<E>, sessionId: string | undefined) => void,
  ): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closedReason !== undefined) {
      queueMicrotask(() => listener(this.closedReason!));
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.transport.close();
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    return entry;
  }

  private dispatch(message: CdpIncoming): void {
    if ('id' in message && typeof message.id === 'number') {
      const entry = this.settle(message.id);
      if (!entry) return;
      if (message.error) entry.reject(new CdpError(entry.method, message.error.code, message.error.message));
      else entry.resolve(message.result ?? {});
      return;
    }
    if ('method' in message) {
      const set = this.listeners.get(message.method);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(message.params, message.sessionId);
        } catch (error) {
          console.error(`CDP listener for ${message.method} failed`, error);
        }
      }
    }
  }

  private handleClose(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const [id, entry] of [...this.pending]) {
      this.settle(id);
      entry.reject(new CdpError(entry.method, -1, `connection closed (${reason})`));
    }
    for (const listener of [...this.closeListeners]) listener(reason);
  }
}
