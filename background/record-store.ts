/** What the record log stores and loads (record-db.ts is the IndexedDB one, tests use fakes). */
import type { RetentionState } from '../extension/messages.ts';
import type { SyncRecord } from '../extension/model.ts';

/** What retention has dropped so far; kept with the records so a panel opened later still learns of it. */
export type DropHistory = Omit<RetentionState, 'maxAgeMs' | 'maxRecords'>;

/** One stored value: a page of records under its key. */
export interface StoredPage {
  key: number;
  records: SyncRecord[];
}

export interface RecordStore {
  /** `setAside`: keys of stored pages that could not be read as records; they are left as they are. */
  load(): Promise<{ pages: StoredPage[]; drops: DropHistory; setAside?: number[] }>;
  /** Writes each page whole (a page without records is deleted), and `drops` when it changed: all or nothing. */
  save(pages: StoredPage[], drops?: DropHistory): Promise<void>;
}
