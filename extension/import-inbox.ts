/**
 * The import inbox: a file the user picked, stored whole in the extension's IndexedDB by the panel
 * before the background is told of it. The panel and the extension's service worker share the
 * extension's origin, so they share this database: storing a File keeps a reference to its bytes
 * (nothing of it is packed, posted or copied through a runtime message), and the background reads
 * and checks the file itself. A file stays in the inbox until its records are stored as pages (or
 * it was refused): if the service worker dies in between, its next start imports the file again
 * (ids are stable, so nothing doubles).
 */

import { committed, promised, reopening } from './idb-requests.ts';

/** A database of its own: the record log's database keeps its version and upgrades apart. */
export const INBOX_DB_NAME = 'sync-inspector-imports';
const INBOX_DB_VERSION = 1;
const FILES = 'files';

export interface InboxEntry {
  key: number;
  /** The name the user's file had (the background makes it safe, as for any import). */
  fileName: string;
  file: Blob;
}

export interface ImportInbox {
  /** Stores the file; resolves with its key once the transaction committed. */
  put(file: Blob, fileName: string): Promise<number>;
  get(key: number): Promise<InboxEntry | undefined>;
  delete(key: number): Promise<void>;
  /** Every file waiting, oldest first. */
  list(): Promise<InboxEntry[]>;
}

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(INBOX_DB_NAME, INBOX_DB_VERSION);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(FILES))
      request.result.createObjectStore(FILES, { autoIncrement: true });
  };
  return promised(request);
}

function isEntry(value: unknown): value is { fileName: string; file: Blob } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { fileName?: unknown; file?: unknown };
  return typeof v.fileName === 'string' && v.file instanceof Blob;
}

/** The inbox in this origin's IndexedDB (the panel's page and the service worker alike). */
export function indexedDbImportInbox(): ImportInbox {
  const database = reopening(open);
  const transaction = async (mode: IDBTransactionMode) => (await database()).transaction(FILES, mode);

  return {
    async put(file, fileName) {
      const tx = await transaction('readwrite');
      const key = promised(tx.objectStore(FILES).add({ fileName, file }));
      await committed(tx);
      return Number(await key);
    },
    async get(key) {
      const value: unknown = await promised((await transaction('readonly')).objectStore(FILES).get(key));
      return isEntry(value) ? { key, fileName: value.fileName, file: value.file } : undefined;
    },
    async delete(key) {
      const tx = await transaction('readwrite');
      tx.objectStore(FILES).delete(key);
      await committed(tx);
    },
    async list() {
      const store = (await transaction('readonly')).objectStore(FILES);
      const [keys, values] = await Promise.all([promised(store.getAllKeys()), promised(store.getAll())]);
      const entries: InboxEntry[] = [];
      keys.forEach((key, i) => {
        const value: unknown = values[i];
        if (typeof key === 'number' && isEntry(value))
          entries.push({ key, fileName: value.fileName, file: value.file });
      });
      return entries;
    },
  };
}

/** An inbox in memory, for tests (and what a worker that outlives nothing would have). */
export function memoryImportInbox(): ImportInbox & { readonly size: number } {
  const files = new Map<number, { fileName: string; file: Blob }>();
  let next = 1;
  return {
    get size() {
      return files.size;
    },
    put(file, fileName) {
      const key = next++;
      files.set(key, { fileName, file });
      return Promise.resolve(key);
    },
    get(key) {
      const entry = files.get(key);
      return Promise.resolve(entry && { key, ...entry });
    },
    delete(key) {
      files.delete(key);
      return Promise.resolve();
    },
    list() {
      return Promise.resolve([...files].map(([key, entry]) => ({ key, ...entry })));
    },
  };
}
