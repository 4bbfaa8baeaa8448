// A request queue in Workbox's own IndexedDB shape (workbox-background-sync's QueueDb: database
// "workbox-background-sync" version 3, store "requests" keyed by an auto-increment "id", index
// "queueName"), so Sync Inspector shows the demo's queue as it shows a real Workbox app's. The demo
// has no bundler, hence this small copy instead of the library (test/fixtures/workbox-app uses the
// real one).

const DB_NAME = 'workbox-background-sync';
const STORE = 'requests';
export const TAG_PREFIX = 'workbox-background-sync:';

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 3);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { autoIncrement: true, keyPath: 'id' });
      store.createIndex('queueName', 'queueName', { unique: false });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, work) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result.result ?? result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Queues a request as Workbox's Queue.pushRequest stores it. */
export async function pushRequest(queueName, { url, method = 'POST', headers = {}, body = '' }) {
  const requestData = { url, method, headers, body: new TextEncoder().encode(body).buffer, mode: 'cors' };
  await withStore('readwrite', (store) => store.add({ queueName, timestamp: Date.now(), requestData }));
}

export async function entries(queueName) {
  const all = await withStore('readonly', (store) => store.index('queueName').getAll(queueName));
  return all.sort((a, b) => a.id - b.id);
}

export async function removeEntry(id) {
  await withStore('readwrite', (store) => store.delete(id));
}

/** Replays a queue in order, as Workbox does; an HTTP error counts as a failure and keeps the entry. */
export async function replay(queueName) {
  for (const entry of await entries(queueName)) {
    const { url, method, headers, body } = entry.requestData;
    const response = await fetch(url, { method, headers, body });
    console.log(`replayed ${method} ${url}: ${response.status}`);
    if (!response.ok) throw new Error(`server answered ${response.status}`);
    await removeEntry(entry.id);
  }
}
