/**
 * Calls that wait for an answer by id: the CDP client's and the panel's (borrowed habit: puppeteer's
 * CallbackRegistry). Each call has a timeout; a call whose sending throws fails at once; when the
 * channel closes, every call still waiting is rejected, so nothing spins forever.
 */
interface Waiting {
  label: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export interface PendingCallErrors {
  /** The error a call gets when no answer came within `ms`. */
  timeout(label: string, ms: number): Error;
  /** The error a call gets when sending it threw. */
  sendFailed(label: string, error: unknown): Error;
}

export class PendingCalls {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly errors: PendingCallErrors) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Starts a call named `label`: `send(id)` posts it. `timeoutMs` 0 waits without limit. */
  call<T>(label: string, timeoutMs: number, send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { label, resolve: resolve as (value: unknown) => void, reject };
      if (timeoutMs > 0) {
        entry.timer = setTimeout(() => {
          this.waiting.delete(id);
          reject(this.errors.timeout(label, timeoutMs));
        }, timeoutMs);
      }
      this.waiting.set(id, entry);
      try {
        send(id);
      } catch (error) {
        this.take(id);
        reject(this.errors.sendFailed(label, error));
      }
    });
  }

  /** Answers call `id`; false when no such call waits (already answered, timed out, or never made). */
  resolve(id: number, value: unknown): boolean {
    const entry = this.take(id);
    entry?.resolve(value);
    return entry !== undefined;
  }

  /** Fails call `id` with the error made from its label. */
  reject(id: number, error: (label: string) => Error): boolean {
    const entry = this.take(id);
    entry?.reject(error(entry.label));
    return entry !== undefined;
  }

  /** Fails every waiting call: the channel they were sent on is gone. */
  rejectAll(error: (label: string) => Error): void {
    for (const id of [...this.waiting.keys()]) this.reject(id, error);
  }

  private take(id: number): Waiting | undefined {
    const entry = this.waiting.get(id);
    if (!entry) return undefined;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    return entry;
  }
}
