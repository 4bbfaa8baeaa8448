/**
 * Every sync record the extension knows, across origins (Chrome's log is per storage partition,
 * not per tab). Keyed by record id, so a replay of Chrome's log never duplicates.
 */
import type { SyncRecord } from '../extension/model.ts';

type Listener = (added: SyncRecord[]) => void;

export class RecordLog {
  private readonly byId = new Map<string, SyncRecord>();
  private readonly listeners = new Set<Listener>();

  /** Adds what is new; tells listeners only about records not seen before. */
  add(records: readonly SyncRecord[]): SyncRecord[] {
    const added: SyncRecord[] = [];
    for (const record of records) {
      if (this.byId.has(record.id)) continue;
      this.byId.set(record.id, record);
      added.push(record);
    }
    if (added.length) for (const listener of this.listeners) listener(added);
    return added;
  }

  all(): SyncRecord[] {
    return [...this.byId.values()];
  }

  visible(clearedBefore: number): SyncRecord[] {
    return this.all().filter((r) => r.time > clearedBefore);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
