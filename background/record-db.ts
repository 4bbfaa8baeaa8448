/**
 * The record log's IndexedDB: where the timeline outlives the extension's service worker and the
 * browser. One store of pages of records (one value per page of up to PAGE_RECORDS records, keyed by
 * page number: see record-pages.ts for why), one small store of facts about the log (what retention
 * dropped). Nothing here decides anything; RecordLog does.
 */
import type { SyncRecord } from '../extension/model.ts';
import type { DropHistory, RecordStore, StoredPage } from './record-log.ts';
import { PAGE_RECORDS } from './record-pages.ts';
import { committed, promised, reopening } from '../extension/idb-requests.ts';

export const DB_NAME = 'sync-inspector';
/** 1: one value per record (store "records"); 2: pages (store "pages"), version 1's records moved over. */
const DB_VERSION = 2;
const LEGACY_RECORDS = 'records';
/** Exported with DB_NAME for the tests that read what is stored. */
export const PAGES = 'pages';
const META = 'meta';
const DROPS_KEY = 'drops';

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    const upgrade = request.transaction!;
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    const pages = db.objectStoreNames.contains(PAGES) ? upgrade.objectStore(PAGES) : db.createObjectStore(PAGES);
    if (db.objectStoreNames.contains(LEGACY_RECORDS)) {
      // Version 1's records move into pages inside the upgrade's transaction: all or nothing.
      const legacy = upgrade.objectStore(LEGACY_RECORDS);
      legacy.getAll().onsuccess = (event) => {
        const records = (event.target as IDBRequest<SyncRecord[]>).result;
        for (let start = 0, key = 0; start < records.length; start += PAGE_RECORDS, key++) {
          pages.put(records.slice(start, start + PAGE_RECORDS), key);
        }
        db.deleteObjectStore(LEGACY_RECORDS);
      };
    }
  };
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    // Another connection on an older version (an older Sync Inspector's page) holds the upgrade up:
    // say so rather than wait forever; the next load opens again.
    request.onblocked = () =>
      reject(
        new Error('the timeline database is held open by another Sync Inspector window; close it and reopen the panel'),
      );
  });
}

/** A stored page as records: an array of objects with an id and a time; anything else is not ours to read. */
function isPage(value: unknown): value is SyncRecord[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as SyncRecord).id === 'string' &&
        typeof (r as SyncRecord).time === 'number',
    )
  );
}

export function indexedDbRecordStore(): RecordStore {
  const database = reopening(open);

  return {
    async load() {
      const tx = (await database()).transaction([PAGES, META], 'readonly');
      const store = tx.objectStore(PAGES);
      const [keys, values, drops] = await Promise.all([
        promised(store.getAllKeys()),
        promised(store.getAll() as IDBRequest<SyncRecord[][]>),
        promised(tx.objectStore(META).get(DROPS_KEY) as IDBRequest<DropHistory | undefined>),
      ]);
      const pages: StoredPage[] = [];
      const setAside: number[] = [];
      keys.forEach((key, i) => {
        // A page that is not records (corrupted, or written by something else) is set aside, never overwritten.
        if (typeof key !== 'number') return;
        if (isPage(values[i])) pages.push({ key, records: values[i] });
        else setAside.push(key);
      });
      return { pages, drops: drops ?? { droppedTotal: 0 }, setAside };
    },

    async save(pages, drops) {
      // One transaction: the pages and the drop history change together or not at all.
      const tx = (await database()).transaction([PAGES, META], 'readwrite');
      const store = tx.objectStore(PAGES);
      for (const page of pages) {
        if (page.records.length) store.put(page.records, page.key);
        else store.delete(page.key);
      }
      if (drops) tx.objectStore(META).put(drops, DROPS_KEY);
      await committed(tx);
    },
  };
}
