/**
 * The extension's background, seen from a test: drive its commands over a port of their own (the
 * same messages the panel sends), read what its IndexedDB holds (from inside an extension page, as
 * the panel would), and which tabs it is attached to.
 */
import type { Page } from 'puppeteer-core';
import { PANEL_PORT_NAME, PROTOCOL_VERSION, type CommandName, type Commands } from '../../../extension/messages.ts';
import type { SyncRecord } from '../../../extension/model.ts';
import { testRecord } from '../../../extension/test-record.ts';
import { DB_NAME, PAGES } from '../../../background/record-db.ts';
import type { Scenario } from './scenario.ts';
import { waitUntil } from './wait.ts';

/** Sends one command the way the panel does: a port, hello, the welcome, then the command. */
export function backgroundCommand<K extends CommandName>(
  extensionPage: Page,
  tabId: number,
  name: K,
  params: Commands[K]['params'],
): Promise<Commands[K]['result']> {
  return extensionPage.evaluate(
    (portName, version, tab, commandName, commandParams) =>
      new Promise((resolve, reject) => {
        const port = chrome.runtime.connect(chrome.runtime.id, { name: portName });
        let done = false;
        port.onMessage.addListener(
          (m: { type: string; id?: number; ok?: boolean; value?: unknown; error?: string; reason?: string }) => {
            if (m.type === 'welcome')
              port.postMessage({ type: 'command', id: 1, name: commandName, params: commandParams });
            else if (m.type === 'refused') reject(new Error(m.reason));
            else if (m.type === 'result' && m.id === 1) {
              done = true;
              port.disconnect();
              if (m.ok) resolve(m.value);
              else reject(new Error(m.error));
            }
          },
        );
        port.onDisconnect.addListener(() => done || reject(new Error('the background closed the port')));
        port.postMessage({ type: 'hello', version, tabId: tab });
      }),
    PANEL_PORT_NAME,
    PROTOCOL_VERSION,
    tabId,
    name,
    params as unknown,
  ) as Promise<Commands[K]['result']>;
}

/** Every record a panel's welcome delivers now (the welcome and its chunks), through a port of its own. */
export function welcomeRecordCount(extensionPage: Page, tabId: number): Promise<number> {
  return extensionPage.evaluate(
    (portName, version, tab) =>
      new Promise<number>((resolve, reject) => {
        const port = chrome.runtime.connect(chrome.runtime.id, { name: portName });
        let count = 0;
        // Many records come packed (extension/port-records.ts): then count the rows. (No named helper
        // here: tsx would wrap it in a __name call the page does not have.)
        port.onMessage.addListener((m: { type: string; records?: unknown[] | { json: string }; id?: number }) => {
          const size = Array.isArray(m.records)
            ? m.records.length
            : m.records
              ? (JSON.parse(m.records.json) as { r: unknown[] }).r.length
              : 0;
          if (m.type === 'welcome') {
            count += size;
            // The older records come when asked; messages on a port keep their order: the chunks
            // come before this command's answer.
            port.postMessage({ type: 'sendOlder' });
            port.postMessage({
              type: 'command',
              id: 1,
              name: 'removeImport',
              params: { fileName: 'no-such-file.json' },
            });
          } else if (m.type === 'records' || m.type === 'older') count += size;
          else if (m.type === 'result' && m.id === 1) {
            port.disconnect();
            resolve(count);
          }
        });
        port.onDisconnect.addListener(() => reject(new Error('the background closed the port')));
        port.postMessage({ type: 'hello', version, tabId: tab });
      }),
    PANEL_PORT_NAME,
    PROTOCOL_VERSION,
    tabId,
  );
}

/** What the extension's IndexedDB holds: every record of every stored page (see background/record-db.ts). */
export function storedRecords(extensionPage: Page): Promise<SyncRecord[]> {
  return extensionPage.evaluate(
    (dbName, pagesStore) =>
      new Promise<SyncRecord[]>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(pagesStore)) return (db.close(), resolve([]));
          const all = db.transaction(pagesStore).objectStore(pagesStore).getAll();
          all.onsuccess = () => (db.close(), resolve((all.result as SyncRecord[][]).flat()));
          all.onerror = () => reject(all.error);
        };
      }),
    DB_NAME,
    PAGES,
  );
}

export async function storedRecordCount(extensionPage: Page): Promise<number> {
  return (await storedRecords(extensionPage)).length;
}

/** Waits until IndexedDB holds a record matching (a tag and event name), e.g. before killing the worker. */
export async function waitForStored(
  extensionPage: Page,
  tag: string,
  eventName: RegExp,
  timeoutMs = 15_000,
): Promise<void> {
  let held = 0;
  await waitUntil(
    async () => {
      const records = await storedRecords(extensionPage);
      held = records.length;
      return records.some((r) => r.tag === tag && eventName.test(r.eventName));
    },
    () => `IndexedDB never held ${tag} ${eventName}; it holds ${held} records`,
    { timeoutMs, everyMs: 50 },
  );
}

/** Records as a file would hold them, for an origin, `count` of them a second apart. */
export function makeRecords(
  origin: string,
  tagPrefix: string,
  count: number,
  start = Date.now() - count * 1000,
): SyncRecord[] {
  return Array.from({ length: count }, (_, i) =>
    testRecord({ id: `test|${tagPrefix}|${i}`, time: start + i * 1000, origin, tag: `${tagPrefix}-${i}` }),
  );
}

/** Tabs our extension is attached to now (chrome.debugger.getTargets in its worker). */
export async function attachedTabs(s: Scenario): Promise<number[]> {
  const worker = await s.launched.extensionWorker();
  // getTargets() says attached for any client and names none: a command answers only to the one attached.
  return worker.evaluate(async () => {
    const tabs = (await chrome.debugger.getTargets())
      .filter((t) => t.attached && t.tabId !== undefined)
      .map((t) => t.tabId!);
    const ours = await Promise.all(
      tabs.map((tabId) =>
        chrome.debugger.sendCommand({ tabId }, 'Runtime.evaluate', { expression: '0' }).then(
          () => true,
          () => false,
        ),
      ),
    );
    return tabs.filter((_, i) => ours[i]);
  });
}

/** Waits until our extension is no longer attached to the tab. */
export async function waitUntilDetached(s: Scenario, tabId: number, timeoutMs = 10_000): Promise<void> {
  await waitUntil(
    async () => !(await attachedTabs(s)).includes(tabId),
    () => `Sync Inspector is still attached to tab ${tabId}`,
    { timeoutMs, everyMs: 50 },
  );
}
