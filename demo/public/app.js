// Page script for the Outbox demo. Sending never talks to the server directly:
// it queues the message in IndexedDB and registers the one-shot sync tag
// "sync-messages"; the service worker delivers it when Chrome fires the sync.
// All data is rendered with textContent, never innerHTML.
import { pushRequest, TAG_PREFIX } from './workbox-style-queue.js';
import { putItem, getAllItems } from './outbox-db.js';

const SYNC_TAG = 'sync-messages';
const PERIODIC_TAG = 'refresh-inbox';
const PERIODIC_INTERVAL = 12 * 60 * 60 * 1000; // 12 h
const REFRESH_MS = 3000;
const MAX_EVENTS = 8;

const $ = (id) => document.getElementById(id);

// --- Service worker --------------------------------------------------------

/** Resolves with the registration once it has an active worker. */
const ready = (async () => {
  if (!('serviceWorker' in navigator)) {
    throw new Error('Service workers are unavailable (a secure context such as http://localhost is required).');
  }
  // type "module" because sw.js imports outbox-db.js; updateViaCache "none" so
  // edits to the worker or its imports are always picked up.
  await navigator.serviceWorker.register('./sw.js', { scope: './', type: 'module', updateViaCache: 'none' });
  const reg = await navigator.serviceWorker.ready;
  // `ready` resolves while the worker may still be "activating"; wait for
  // "activated" so clients.claim() has run and sync events can be handled.
  const worker = reg.active;
  if (worker.state !== 'activated') {
    await new Promise((resolve) => {
      const onChange = () => {
        if (worker.state === 'activated' || worker.state === 'redundant') {
          worker.removeEventListener('statechange', onChange);
          resolve();
        }
      };
      worker.addEventListener('statechange', onChange);
      onChange();
    });
  }
  return reg;
})();
ready.catch((err) => logEvent(`page: ${err.message}`, 'failed'));

navigator.serviceWorker?.addEventListener('message', (event) => {
  const m = event.data ?? {};
  if (m.type !== 'sync' && m.type !== 'periodicsync') return;
  let text = `${m.type} "${m.tag}" → ${m.outcome}`;
  if (m.type === 'sync') text += ` (lastChance ${m.lastChance})`;
  if (m.type === 'periodicsync' && m.outcome === 'ok') text += ` (${m.count} inbox messages)`;
  if (m.error) text += `: ${m.error}`;
  logEvent(text, m.outcome);
  refresh();
});
// Messages from the worker are queued until this is called (or onmessage is set).
navigator.serviceWorker?.startMessages();

// --- Actions (also exposed as window.demo) ---------------------------------

async function send({ to, subject = '', body = '' }) {
  const reg = await ready;
  if (!reg.sync) throw new Error('Background Sync (registration.sync) is not supported by this browser.');
  const item = { id: crypto.randomUUID(), to, subject, body, createdAt: Date.now() };
  await putItem(item);
  try {
    await reg.sync.register(SYNC_TAG);
  } finally {
    refresh(); // show the queued item even if registering failed
  }
  return item;
}

async function registerTag(tag) {
  const reg = await ready;
  await reg.sync.register(tag);
  refresh();
}

async function registerPeriodic(tag, minInterval) {
  const reg = await ready;
  if (!reg.periodicSync) throw new Error('Periodic Background Sync is not supported by this browser.');
  await reg.periodicSync.register(tag, { minInterval });
  refresh();
}

async function getTags() {
  const reg = await ready;
  return {
    sync: reg.sync ? await reg.sync.getTags() : [],
    periodic: reg.periodicSync ? await reg.periodicSync.getTags() : [],
  };
}

async function setMode(mode) {
  const res = await fetch('/api/mode', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ?? `server answered ${res.status}`);
  showMode(data.mode);
  return data;
}

const RECEIPTS_QUEUE = 'read-receipts';

/** A read receipt through a Workbox-style queue (workbox-style-queue.js): stored, then a sync replays it. */
async function queueReadReceipt(messageId = crypto.randomUUID()) {
  const reg = await ready;
  await pushRequest(RECEIPTS_QUEUE, {
    url: new URL('/api/read-receipts', location.href).href,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ messageId, readAt: Date.now() }),
  });
  await reg.sync.register(TAG_PREFIX + RECEIPTS_QUEUE);
  refresh();
}

window.demo = { ready, send, registerTag, registerPeriodic, getTags, outbox: getAllItems, setMode, queueReadReceipt };

// --- Periodic sync -----------------------------------------------------------

let watchingPermission = false;

/** Registers "refresh-inbox" if allowed; otherwise explains why not. */
async function setupPeriodic() {
  const status = $('periodic-status');
  const reg = await ready;
  if (!reg.periodicSync) {
    status.textContent = 'Periodic Background Sync is not supported by this browser.';
    return;
  }
  let perm;
  try {
    perm = await navigator.permissions.query({ name: 'periodic-background-sync' });
  } catch {
    status.textContent = 'Cannot query the "periodic-background-sync" permission in this browser.';
    return;
  }
  // Retry by itself when the permission changes, e.g. right after installing the app.
  if (!watchingPermission) {
    watchingPermission = true;
    perm.onchange = () => setupPeriodic();
  }
  if (perm.state !== 'granted') {
    status.textContent = `Permission "periodic-background-sync" is "${perm.state}". Chrome grants it only to an installed app: install this page (address bar → Install), then press the button.`;
    return;
  }
  try {
    await registerPeriodic(PERIODIC_TAG, PERIODIC_INTERVAL);
    status.textContent = `"${PERIODIC_TAG}" registered (minInterval 12 h).`;
  } catch (err) {
    status.textContent = `Registering "${PERIODIC_TAG}" failed: ${err.message}`;
  }
}

// --- Rendering -------------------------------------------------------------

function logEvent(text, kind = '') {
  const li = document.createElement('li');
  li.className = kind;
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  const list = $('events');
  list.prepend(li);
  while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
}

function showMode(mode) {
  const el = $('mode');
  el.textContent = mode;
  el.className = `mode-${mode}`;
  $('fail-toggle').checked = mode === 'fail';
}

function renderList(listId, items, meta) {
  const list = $(listId);
  list.replaceChildren(
    ...items.map((m) => {
      const li = document.createElement('li');
      const title = document.createElement('div');
      title.textContent = m.subject || '(no subject)';
      const info = document.createElement('div');
      info.className = 'meta';
      info.textContent = meta(m);
      li.append(title, info);
      return li;
    }),
  );
  $(`${listId}-count`).textContent = String(items.length);
  $(`${listId}-empty`).hidden = items.length > 0;
}

const time = (t) => new Date(t).toLocaleTimeString();

let refreshing = null;
/** Re-reads outbox, sent messages, mode and tags. Coalesces concurrent calls. */
function refresh() {
  refreshing ??= (async () => {
    try {
      const [items, sent, mode, tags] = await Promise.all([
        getAllItems(),
        fetch('/api/messages').then((r) => r.json()),
        fetch('/api/mode').then((r) => r.json()),
        getTags(),
      ]);
      renderList(
        'outbox',
        items.sort((a, b) => a.createdAt - b.createdAt),
        (m) => `to ${m.to} · queued ${time(m.createdAt)}`,
      );
      renderList(
        'sent',
        sent.slice().reverse(),
        (m) => `to ${m.to} · received ${time(m.receivedAt)} · tag ${m.syncTag} · lastChance ${m.lastChance}`,
      );
      showMode(mode.mode);
      $('sync-tags').textContent = tags.sync.join(', ') || 'none';
      $('periodic-tags').textContent = tags.periodic.join(', ') || 'none';
    } catch (err) {
      console.warn('[demo] refresh failed', err);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// --- Wiring ----------------------------------------------------------------

$('compose').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const item = await send({ to: form.get('to'), subject: form.get('subject'), body: form.get('body') });
    logEvent(`page: queued "${item.subject}" and registered "${SYNC_TAG}"`);
  } catch (err) {
    logEvent(`page: send failed: ${err.message}`, 'failed');
  }
});

$('fail-toggle').addEventListener('change', (event) => {
  setMode(event.target.checked ? 'fail' : 'ok').catch((err) => logEvent(`page: ${err.message}`, 'failed'));
});

$('periodic-btn').addEventListener('click', () => setupPeriodic().catch(() => {}));

$('receipt-btn').addEventListener('click', () =>
  queueReadReceipt().then(
    () => logEvent(`page: queued a read receipt in "${TAG_PREFIX}${RECEIPTS_QUEUE}"`),
    (err) => logEvent(`page: ${err.message}`, 'failed'),
  ),
);

ready.then(
  () => {
    setupPeriodic();
    refresh();
    setInterval(refresh, REFRESH_MS);
  },
  () => {},
);
