// The IndexedDB outbox, shared by the page (app.js) and the worker (sw.js).
// db "demo-outbox", store "outbox", keyPath "id".
const DB_NAME = 'demo-outbox';
const STORE = 'outbox';

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Runs fn(store) in one transaction; resolves with fn's request result once committed. */
async function withStore(mode, fn) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close(); // don't hold the connection: keeps future version upgrades unblocked
  }
}

export const putItem = (item) => withStore('readwrite', (s) => s.put(item));
export const deleteItem = (id) => withStore('readwrite', (s) => s.delete(id));
export const getAllItems = () => withStore('readonly', (s) => s.getAll());
