/**
 * The record log's IndexedDB: where the timeline outlives the extension's service worker and the
 * browser. One store of records keyed by id, one small store of facts about the log (what retention
 * dropped). Nothing here decides anything; RecordLog does.
 */
import type { SyncRecord } from '../extension/model.ts';
import type { DropHistory, RecordStore } from './record-log.ts';

const DB_NAME = 'sync-inspector';
const DB_VERSION = 1;
const RECORDS = 'records';
const META = 'meta';
const DROPS_KEY = 'drops';
/** One transaction per this many writes: a 100,000-record import does not sit in one huge transaction. */
const WRITES_PER_TRANSACTION = 10_000;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
  };
  return promised(request);
}

export function indexedDbRecordStore(): RecordStore {
  let db: Promise<IDBDatabase> | undefined;
  const database = () => (db ??= open());

  return {
    async load() {
      const tx = (await database()).transaction([RECORDS, META], 'readonly');
      const [records, drops] = await Promise.all([
        promised(tx.objectStore(RECORDS).getAll() as IDBRequest<SyncRecord[]>),
        promised(tx.objectStore(META).get(DROPS_KEY) as IDBRequest<DropHistory | undefined>),
      ]);
      return { records, drops: drops ?? { droppedTotal: 0 } };
    },

    async save(put, remove, drops) {
      const idb = await database();
      const writes: Array<{ put?: SyncRecord; remove?: string }> = [
        ...remove.map((id) => ({ remove: id })),
        ...put.map((record) => ({ put: record })),
      ];
      for (let start = 0; start < writes.length || (start === 0 && drops); start += WRITES_PER_TRANSACTION) {
        const tx = idb.transaction([RECORDS, META], 'readwrite');
        const records = tx.objectStore(RECORDS);
        for (const write of writes.slice(start, start + WRITES_PER_TRANSACTION)) {
          if (write.remove !== undefined) records.delete(write.remove);
          else if (write.put) records.put(write.put);
        }
        if (drops && start === 0) tx.objectStore(META).put(drops, DROPS_KEY);
        await finished(tx);
      }
    },
  };
}
