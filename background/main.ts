/**
 * The extension's service worker. It may die at any moment: everything it knows is in
 * chrome.storage, in IndexedDB (the timeline, see record-log.ts) or comes back with Chrome's log replay.
 */
import { PANEL_PORT_NAME } from '../extension/messages.ts';
import { isValidRetention, readSettings } from '../extension/settings.ts';
import { resumeOrphanedWorkers, strayAttachedTabs } from '../extension/cdp/debugger-transport.ts';
import { keepOrphanReports } from './instrumentation/orphan-reports.ts';
import { keptTabs } from './keep-recording.ts';
import { indexedDbImportInbox } from '../extension/import-inbox.ts';
import { indexedDbRecordStore } from './record-db.ts';
import { RecordLog } from './record-log.ts';
import { StoredImports } from './stored-imports.ts';
import { Router } from './router.ts';
import { extensionSessionDeps } from './session-deps.ts';

/** Panels reconnect within ~2 s of a worker restart (panel/connection.ts); give them ample time. */
const STRAY_SESSION_GRACE_MS = 10_000;

// First, synchronously: events that woke this worker must find their listener (see the function).
resumeOrphanedWorkers();

const log = new RecordLog(indexedDbRecordStore());
// Files the panel handed over (the import inbox); at start, the ones a previous worker left unstored.
const imports = new StoredImports(log, indexedDbImportInbox());
void log.load().then(() => imports.replay());
// Loading starts with the worker; the router answers a panel's hello once it is done.
void log.load(readSettings().then((settings) => settings.retention));
// Also synchronously: a sync event reported while no engine serves its tab (this worker just woke).
keepOrphanReports((records) => void log.load().then(() => log.add(records)));
const router = new Router(log, { ...extensionSessionDeps(), imports });
// Tabs the user keeps recording while DevTools is closed: attach again after a worker restart.
void log.load().then(async () => router.restoreKept(await keptTabs()));
// A session left attached by a previous instance of this worker, that no panel came back for,
// is let go: nothing of ours stays attached (Chrome's debugging bar goes away).
setTimeout(() => {
  void strayAttachedTabs().then((tabs) => tabs.forEach((tabId) => chrome.debugger.detach({ tabId }).catch(() => {})));
}, STRAY_SESSION_GRACE_MS);

// Retention set from anywhere (the panel's command, a test writing chrome.storage) applies at once.
chrome.storage.onChanged.addListener((changes, area) => {
  const retention: unknown = changes.retention?.newValue;
  if (area === 'local' && isValidRetention(retention)) void log.load().then(() => log.setRetention(retention));
});

/** Only our own extension pages may talk to the background (no externally_connectable either). */
function isOwnPage(sender: chrome.runtime.MessageSender | undefined): boolean {
  return (
    sender?.id === chrome.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(chrome.runtime.getURL(''))
  );
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PANEL_PORT_NAME || !isOwnPage(port.sender)) {
    port.disconnect();
    return;
  }
  router.accept(port);
});
