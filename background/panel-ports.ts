/**
 * The panels (runtime ports) watching one session: the welcome, pushes to all of them (or all but
 * the panel that already shows what is pushed), and a port that cannot take a message let go with a
 * reason. Chrome refuses a runtime message over 64 MiB, so records go in chunks measured by their
 * serialized size, not their number: 5,000 records with 10,240-character tags are 50 MB.
 */
import { PROTOCOL_VERSION, WELCOME_RECORDS, type BackgroundToPanel, type SessionState } from '../extension/messages.ts';
import type { OriginRegistrations, SyncRecord } from '../extension/model.ts';
import { packMessage } from '../extension/port-records.ts';
import { errorMessage } from './session-texts.ts';

export type Port = Pick<chrome.runtime.Port, 'postMessage' | 'disconnect'>;

/** A message carries at most this many serialized bytes of records (Chrome's limit is 64 MiB). */
export const CHUNK_BYTES = 8 * 1024 * 1024;
/** And at most this many records (the panel applies each message in one go). */
export const CHUNK_RECORDS = 5000;

/** Splits records into runs of at most maxBytes serialized (a single bigger record goes alone) and maxRecords. */
export function chunkRecords(
  records: readonly SyncRecord[],
  maxBytes = CHUNK_BYTES,
  maxRecords = CHUNK_RECORDS,
): SyncRecord[][] {
  const chunks = [...recordChunks(records, maxBytes, maxRecords)];
  return chunks.length ? chunks : [[]];
}

/** The same runs one at a time, so the first can be posted before the rest are measured. */
export function* recordChunks(
  records: readonly SyncRecord[],
  maxBytes = CHUNK_BYTES,
  maxRecords = CHUNK_RECORDS,
): Generator<SyncRecord[]> {
  let chunk: SyncRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    // UTF-16 length as bytes: an upper bound for the ASCII most records are, close enough for the rest.
    const size = JSON.stringify(record).length + 1;
    if (chunk.length && (bytes + size > maxBytes || chunk.length >= maxRecords)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(record);
    bytes += size;
  }
  if (chunk.length) yield chunk;
}

export class PanelPorts<P extends Port = chrome.runtime.Port> {
  private readonly ports = new Set<P>();
  /** Per panel, the older records of its welcome, until it asks for them (sendOlder). */
  private readonly older = new Map<P, readonly SyncRecord[]>();

  constructor(
    private readonly chunk: (records: readonly SyncRecord[]) => Iterable<SyncRecord[]> = (r) => recordChunks(r),
  ) {}

  get size(): number {
    return this.ports.size;
  }

  has(port: P): boolean {
    return this.ports.has(port);
  }

  /**
   * Adds a panel and welcomes it: the state, the registrations and the newest records with the log's
   * total, so it paints at once. The older records wait for `sendOlder` (the panel asks once it has
   * painted): 100,000 of them take the worker ~0.7 s to measure, pack and post, and the browser as
   * long to pass on, which on two cores held back the panel's first frame.
   */
  welcome(
    port: P,
    state: SessionState,
    records: readonly SyncRecord[],
    registrations: OriginRegistrations | null,
  ): void {
    this.ports.add(port);
    const newest = [...this.chunk(records.slice(-WELCOME_RECORDS))];
    const first = newest[newest.length - 1] ?? [];
    const total = records.length;
    if (!this.post(port, { type: 'welcome', version: PROTOCOL_VERSION, state, records: first, total, registrations }))
      return;
    if (total > first.length) this.older.set(port, records.slice(0, total - first.length));
  }

  /** The older records of the panel's welcome, oldest first, in chunks counting down (once). */
  sendOlder(port: P): void {
    const older = this.older.get(port);
    this.older.delete(port);
    if (!older || !this.ports.has(port)) return;
    let remaining = older.length;
    for (const chunk of this.chunk(older)) {
      remaining -= chunk.length;
      if (!this.post(port, { type: 'older', records: chunk, remaining })) return;
    }
  }

  remove(port: P): void {
    this.ports.delete(port);
    this.older.delete(port);
  }

  /** Sends to every panel but `except` (the panel that already shows what this says). */
  broadcast(message: BackgroundToPanel, except?: P): void {
    for (const port of [...this.ports]) if (port !== except) this.post(port, message);
  }

  /** Pushes records to every panel but `except`, in chunks. */
  pushRecords(records: readonly SyncRecord[], except?: P): void {
    // Measuring the chunks costs a stringify per record: not for an import nobody else watches.
    if (!records.length || ![...this.ports].some((port) => port !== except)) return;
    const chunks = [...this.chunk(records)];
    for (const port of [...this.ports]) {
      if (port === except) continue;
      for (const chunk of chunks) if (!this.post(port, { type: 'records', records: chunk })) break;
    }
  }

  /**
   * Posts one message; a port that refuses it (too big, gone) is let go with the reason, so the panel
   * says what happened and connects again rather than showing a timeline with a hole in it.
   */
  post(port: P, message: BackgroundToPanel): boolean {
    try {
      port.postMessage(packMessage(message));
      return true;
    } catch (error) {
      this.ports.delete(port);
      this.older.delete(port);
      try {
        port.postMessage({
          type: 'notice',
          level: 'error',
          text: `Sync Inspector could not send this panel a ${message.type} message (${errorMessage(error)}); it reconnects.`,
        } satisfies BackgroundToPanel);
      } catch {
        // The port is gone altogether: nobody to tell.
      }
      try {
        port.disconnect();
      } catch {
        // Already disconnected.
      }
      return false;
    }
  }
}
