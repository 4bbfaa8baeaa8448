/** IndexedDB's request and transaction events as promises: one copy for the record log and the import inbox. */

export function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Settles when the transaction commits (or fails, or is aborted). */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * One open database, opened on first use and again after it closed or failed to open. A newer
 * version of the extension upgrading the database must not wait on this page or worker.
 */
export function reopening(open: () => Promise<IDBDatabase>): () => Promise<IDBDatabase> {
  let db: Promise<IDBDatabase> | undefined;
  return () =>
    (db ??= open().then(
      (idb) => {
        idb.onversionchange = () => {
          idb.close();
          db = undefined;
        };
        idb.onclose = () => (db = undefined);
        return idb;
      },
      (error: unknown) => {
        // A failed open is not kept: the next use opens again.
        db = undefined;
        throw error;
      },
    ));
}
