/**
 * One typed CDP client over any transport. Commands and events are typed from devtools-protocol's
 * ProtocolMapping; errors name the method; every pending call rejects when the transport closes
 * (extension/pending-calls.ts). A child target (flatten mode) is a CdpSession with its own send.
 */
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping';
import { errorMessage } from '../error-message.ts';
import { PendingCalls } from '../pending-calls.ts';
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

type Listener = (params: unknown, sessionId: string | undefined) => void;

export class CdpClient {
  private readonly pending = new PendingCalls({
    timeout: (method, ms) => new CdpError(method, -2, `no answer within ${ms} ms`),
    sendFailed: (method, error) => new CdpError(method, -1, errorMessage(error)),
  });
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
    return this.call(method, params, sessionId) as Promise<CommandResult<M>>;
  }

  /** The untyped call under `send` and CdpSession's send. */
  call(method: string, params: object | undefined, sessionId: string | undefined): Promise<unknown> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new CdpError(method, -1, `connection closed (${this.closedReason})`));
    }
    return this.pending.call(method, this.timeoutMs, (id) =>
      this.transport.send({ id, method, ...(params ? { params } : {}), ...(sessionId ? { sessionId } : {}) }),
    );
  }

  /** The child target attached as `sessionId` (Target.attachedToTarget, flatten): commands and events of it alone. */
  session(sessionId: string): CdpSession {
    return new CdpSession(this, sessionId);
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

  private dispatch(message: CdpIncoming): void {
    if ('id' in message && typeof message.id === 'number') {
      const { error } = message;
      if (error) this.pending.reject(message.id, (method) => new CdpError(method, error.code, error.message));
      else this.pending.resolve(message.id, message.result ?? {});
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
    this.pending.rejectAll((method) => new CdpError(method, -1, `connection closed (${reason})`));
    for (const listener of [...this.closeListeners]) listener(reason);
  }
}

/** One attached child target: the client's send and events, bound to its session id. */
export class CdpSession {
  constructor(
    private readonly client: CdpClient,
    readonly id: string,
  ) {}

  send<M extends CommandName>(
    method: M,
    ...args: [] extends ProtocolMapping.Commands[M]['paramsType']
      ? [params?: CommandParams<M>]
      : [params: CommandParams<M>]
  ): Promise<CommandResult<M>> {
    return this.client.call(method, args[0], this.id) as Promise<CommandResult<M>>;
  }

  /** Subscribes to an event of this target only; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): () => void {
    return this.client.on(event, (params, sessionId) => {
      if (sessionId === this.id) listener(params);
    });
  }
}
