/**
 * Pairs the worker's reported errors (ServiceWorker.workerErrorReported: a rejected waitUntil, an
 * uncaught throw) with the failed sync outcome they explain. Chrome reports them on separate
 * channels with no shared id, so the pairing is by registration and time.
 */
import type { SyncRecord } from '../extension/model.ts';
import { isFailure } from '../extension/record-facts.ts';

/** An error further than this from the outcome is not taken as its cause. */
export const PAIRING_WINDOW_MS = 5000;
const KEEP = 50;

export interface WorkerError {
  registrationId: string;
  message: string;
  url: string;
  line: number;
  column: number;
  /** When it was reported (ms). */
  at: number;
}

export class WorkerErrors {
  private readonly recent: WorkerError[] = [];

  note(error: WorkerError): void {
    this.recent.push(error);
    if (this.recent.length > KEEP) this.recent.shift();
  }

  /** The record with the nearest error of its registration attached, when it is a failure and one is near. */
  explain(record: SyncRecord): SyncRecord {
    if (!isFailure(record) || record.error) return record;
    let best: WorkerError | undefined;
    for (const e of this.recent) {
      if (e.registrationId !== record.registrationId) continue;
      const distance = Math.abs(e.at - record.time);
      if (distance <= PAIRING_WINDOW_MS && (!best || distance < Math.abs(best.at - record.time))) best = e;
    }
    if (!best) return record;
    return {
      ...record,
      error: best.message,
      // Chrome reports 1-based lines, and column -1 when it does not know the column.
      ...(best.url && best.line > 0
        ? { sourceLocation: { url: best.url, line: best.line, column: Math.max(1, best.column) } }
        : {}),
    };
  }
}
