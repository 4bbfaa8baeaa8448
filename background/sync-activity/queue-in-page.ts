/**
 * Code run in the inspected page to read, export and remove Workbox queue entries (IndexedDB
 * `workbox-background-sync`, store `requests`). Each function is sent as source text, so it is
 * self-contained. It never creates, upgrades or changes the app's database, except removeInPage on
 * the user's explicit request: a database that does not exist is not opened (opening would create
 * it), and an upgrade that would start (it was deleted meanwhile) is aborted.
 */

/** Reads every entry of the store as summaries (no bodies cross over: only their sizes). */
export async function readQueuesInPage(maxEntries: number, maxUrl: number, timeoutMs: number) {
  const NAME = 'workbox-background-sync';
  const STORE = 'requests';
  const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  const sizeOf = (body: unknown): number => {
    if (body === undefined || body === null) return 0;
    if (body instanceof ArrayBuffer) return body.byteLength;
    if (ArrayBuffer.isView(body)) return body.byteLength;
    if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size;
    if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
    return -1;
  };
  const work = async () => {
    if (typeof indexedDB === 'undefined') return { state: 'unreadable', reason: 'This page has no IndexedDB.' };
    if (typeof indexedDB.databases === 'function') {
      const databases = await indexedDB.databases();
      if (!databases.some((d) => d.name === NAME)) return { state: 'none' };
    }
    const db = await new Promise<IDBDatabase | undefined>((resolve, reject) => {
      const request = indexedDB.open(NAME);
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => (request.error?.name === 'AbortError' ? resolve(undefined) : reject(request.error));
    });
    if (!db) return { state: 'none' };
    // The app upgrading its database must not wait for us.
    db.onversionchange = () => db.close();
    try {
      if (!db.objectStoreNames.contains(STORE)) {
        const stores = [...db.objectStoreNames].slice(0, 10).join(', ') || 'none';
        return {
          state: 'unreadable',
          reason: `A database named "${NAME}" (version ${db.version}) has no "${STORE}" store (its stores: ${stores}): not Workbox's, so it was not read.`,
        };
      }
      const entries: Array<Record<string, unknown>> = [];
      const skippedReasons: string[] = [];
      let skipped = 0;
      let notListed = 0;
      const skip = (reason: string) => {
        skipped++;
        if (skippedReasons.length < 5 && !skippedReasons.includes(reason)) skippedReasons.push(reason);
      };
      await new Promise<void>((resolve, reject) => {
        const request = db.transaction(STORE, 'readonly').objectStore(STORE).openCursor();
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve();
          const v = cursor.value as Record<string, unknown> | null;
          const data = (v && typeof v === 'object' ? v.requestData : undefined) as Record<string, unknown> | undefined;
          if (!v || typeof v !== 'object') skip('an entry that is not an object');
          else if (typeof cursor.primaryKey !== 'number') skip('an entry whose key is not a number');
          else if (typeof v.queueName !== 'string') skip('an entry without a queueName string');
          else if (typeof v.timestamp !== 'number' || !Number.isFinite(v.timestamp))
            skip('an entry without a numeric timestamp');
          else if (!data || typeof data !== 'object' || typeof data.url !== 'string')
            skip('an entry without requestData.url');
          else if (entries.length >= maxEntries) notListed++;
          else {
            const headers = data.headers && typeof data.headers === 'object' ? Object.keys(data.headers).length : 0;
            entries.push({
              id: cursor.primaryKey,
              queueName: v.queueName.slice(0, maxUrl),
              queuedAt: v.timestamp,
              method: typeof data.method === 'string' ? data.method.slice(0, 20) : 'GET',
              url: data.url.slice(0, maxUrl),
              urlTruncated: data.url.length > maxUrl,
              bodySize: sizeOf(data.body),
              headerCount: headers,
            });
          }
          cursor.continue();
        };
      });
      return { state: 'read', entries, skipped, skippedReasons, notListed };
    } finally {
      db.close();
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(
      () => resolve({ state: 'unreadable', reason: `Reading "${NAME}" took over ${timeoutMs} ms (blocked?).` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work(), timeout]);
  } catch (e) {
    return { state: 'unreadable', reason: `Could not read "${NAME}": ${describe(e)}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Deletes one entry, only when it is still the one the user saw (same queue and timestamp): the
 * user's explicit removal, the only write Sync Inspector makes to the app's database.
 */
export async function removeInPage(id: number, queueName: string, queuedAt: number) {
  const NAME = 'workbox-background-sync';
  const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  if (!databases.some((d) => d.name === NAME)) return { removed: false, reason: 'The queue database is gone.' };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains('requests')) return { removed: false, reason: 'Not a Workbox database.' };
    return await new Promise<{ removed: boolean; reason?: string }>((resolve, reject) => {
      const tx = db.transaction('requests', 'readwrite');
      const store = tx.objectStore('requests');
      let answer: { removed: boolean; reason?: string } = { removed: false, reason: 'The entry is gone.' };
      const get = store.get(id);
      get.onsuccess = () => {
        const v = get.result as { queueName?: unknown; timestamp?: unknown } | undefined;
        if (!v) return;
        if (v.queueName !== queueName || v.timestamp !== queuedAt) {
          answer = { removed: false, reason: 'The entry changed since it was listed: read the queue again.' };
          return;
        }
        store.delete(id);
        answer = { removed: true };
      };
      tx.oncomplete = () => resolve(answer);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Everything of one queue's entries for an export: headers and bodies (base64, each capped). */
export async function exportInPage(queueName: string, maxBody: number) {
  const NAME = 'workbox-background-sync';
  const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  if (!databases.some((d) => d.name === NAME)) return [];
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const base64 = (bytes: Uint8Array) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      text += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
    return btoa(text);
  };
  const plain = (v: unknown) => {
    try {
      return JSON.parse(JSON.stringify(v) ?? 'null');
    } catch {
      return 'not serialisable';
    }
  };
  try {
    if (!db.objectStoreNames.contains('requests')) return [];
    const out: Array<Record<string, unknown>> = [];
    const values: Array<{ key: IDBValidKey; value: Record<string, unknown> }> = [];
    await new Promise<void>((resolve, reject) => {
      const request = db.transaction('requests', 'readonly').objectStore('requests').openCursor();
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        const v = cursor.value as Record<string, unknown> | null;
        if (v && typeof v === 'object' && v.queueName === queueName) values.push({ key: cursor.primaryKey, value: v });
        cursor.continue();
      };
    });
    for (const { key, value } of values) {
      const data = (value.requestData ?? {}) as Record<string, unknown>;
      let bytes: Uint8Array | undefined;
      const body = data.body;
      if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
      else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      else if (typeof Blob !== 'undefined' && body instanceof Blob) bytes = new Uint8Array(await body.arrayBuffer());
      else if (typeof body === 'string') bytes = new TextEncoder().encode(body);
      const headers: Record<string, string> = {};
      if (data.headers && typeof data.headers === 'object')
        for (const [k, h] of Object.entries(data.headers as Record<string, unknown>)) headers[k] = String(h);
      out.push({
        id: typeof key === 'number' ? key : String(key),
        queueName,
        timestamp: value.timestamp,
        method: typeof data.method === 'string' ? data.method : 'GET',
        url: String(data.url),
        headers,
        ...(value.metadata !== undefined ? { metadata: plain(value.metadata) } : {}),
        ...(bytes
          ? {
              bodySize: bytes.length,
              bodyBase64: base64(bytes.subarray(0, maxBody)),
              bodyTruncated: bytes.length > maxBody,
            }
          : {}),
      });
    }
    return out;
  } finally {
    db.close();
  }
}
