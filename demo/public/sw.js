// Service worker for the Sync Inspector demo (registered as a module worker).
//
// No fetch handler and no caches on purpose: the demo must always show what
// the server really holds, so only the sync handlers do any work here.
import { getAllItems, deleteItem } from './outbox-db.js';
import { replay, TAG_PREFIX } from './workbox-style-queue.js';

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// One-shot Background Sync. If the promise given to waitUntil rejects, Chrome
// keeps the registration and retries later (with event.lastChance true on the
// final attempt) - which is exactly what Sync Inspector makes visible.
self.addEventListener('sync', (event) => {
  event.waitUntil(handleSync(event.tag, event.lastChance));
});

self.addEventListener('periodicsync', (event) => {
  event.waitUntil(handlePeriodicSync(event.tag));
});

async function handleSync(tag, lastChance) {
  let error = null;
  try {
    if (tag === 'sync-messages') await flushOutbox(tag, lastChance);
    else if (tag.startsWith(TAG_PREFIX)) await replay(tag.slice(TAG_PREFIX.length));
    // Any other tag just gets logged, so tests can register arbitrary tags.
  } catch (err) {
    error = err;
  }
  const outcome = error ? 'failed' : 'ok';
  // Log before rethrowing, so the server sees every run, including failed ones.
  await report({ tag, lastChance, periodic: false, outcome, time: Date.now(), error: error?.message });
  await notifyClients({ type: 'sync', tag, lastChance, outcome, error: error?.message });
  if (error) throw error; // rejects waitUntil -> Chrome schedules a retry
}

/** POSTs every queued message; deletes the ones the server accepted. */
async function flushOutbox(tag, lastChance) {
  const failures = [];
  for (const item of await getAllItems()) {
    try {
      const res = await fetch('/api/messages', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Sync-Tag': tag,
          'X-Last-Chance': String(lastChance),
        },
        body: JSON.stringify({ id: item.id, to: item.to, subject: item.subject, body: item.body }),
      });
      if (!res.ok) throw new Error(`server answered ${res.status}`);
      await deleteItem(item.id);
    } catch (err) {
      failures.push(err); // keep trying the rest; the failed ones stay queued
    }
  }
  if (failures.length) throw failures[0];
}

async function handlePeriodicSync(tag) {
  let error = null;
  let count = 0;
  try {
    const res = await fetch('/api/inbox');
    if (!res.ok) throw new Error(`server answered ${res.status}`);
    count = (await res.json()).length;
  } catch (err) {
    error = err;
  }
  const outcome = error ? 'failed' : 'ok';
  // PeriodicSyncEvent has no lastChance; log false to keep entries uniform.
  await report({ tag, lastChance: false, periodic: true, outcome, time: Date.now(), error: error?.message });
  await notifyClients({ type: 'periodicsync', tag, lastChance: false, outcome, count, error: error?.message });
  if (error) throw error;
}

/** Logging must never change the handler's outcome, so errors are swallowed. */
async function report(entry) {
  try {
    await fetch('/api/sync-log', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(entry),
    });
  } catch (err) {
    console.warn('[sw] could not report to /api/sync-log', err);
  }
}

async function notifyClients(message) {
  // includeUncontrolled: a page opened before the worker claimed it still hears.
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage(message);
}
