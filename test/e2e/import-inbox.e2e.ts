/**
 * Import through the panel's own Import control: the picked file goes into the import inbox (the
 * extension's IndexedDB, extension/import-inbox.ts), the background reads and checks it there and
 * stores its records; the inbox empties once they are stored. A malformed file is refused problem by
 * problem and leaves nothing behind. A file handed over but not yet imported when the extension's
 * worker dies is imported by the next worker.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { exportRecords } from '../../extension/codecs/index.ts';
import { INBOX_DB_NAME } from '../../extension/import-inbox.ts';
import {
  launchWithExtension,
  openPanelPage,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';
import { startDemoServer } from '../../demo/server.mjs';
import {
  makeRecords,
  storedRecords,
  waitForEngine,
  waitForLogRow,
  waitUntil,
  type DemoServer,
  type DemoWindow,
} from './support/index.ts';

/** How many files the import inbox holds (read from an extension page: the same origin). */
function inboxCount(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(
    (dbName) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('files')) return (db.close(), resolve(0));
          const count = db.transaction('files').objectStore('files').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
    INBOX_DB_NAME,
  );
}

async function pick(panel: Page, file: string): Promise<void> {
  const input = (await panel.$('input[type="file"][aria-label="Import file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

const summary = (panel: Page) =>
  panel.evaluate(() => document.querySelector('[data-testid="import-summary"]')?.textContent ?? '');

describe('import through the import inbox', () => {
  let demo: DemoServer;
  let launched: Launched;
  let folder: string;
  let tabId: number;
  let panel: Page;

  const openPanel = async () => {
    const opened = await openPanelPage(launched, tabId);
    await waitForEngine(opened, 'Debugger engine');
    return opened;
  };
  const storedFrom = async (fileName: string) =>
    (await storedRecords(panel)).filter((r) => r.sourceFile === fileName).length;

  before(async () => {
    demo = (await startDemoServer()) as DemoServer;
    folder = await mkdtemp(join(tmpdir(), 'sync-inspector-inbox-'));
    launched = await launchWithExtension();
    await writeExtensionSettings(launched, { port: 1 });
    const page = await launched.browser.newPage();
    await page.goto(demo.url);
    await page.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true));
    tabId = await tabIdOf(launched, page);
    panel = await openPanel();
  });

  after(async () => {
    await launched?.close();
    await demo?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('imports a picked file: shown, stored as pages, and the inbox empties once they are stored', async () => {
    const records = makeRecords(demo.url, 'picked', 3000, Date.now() - 3000 * 1000);
    const file = join(folder, 'picked.json');
    await writeFile(file, exportRecords(records, 'json', { now: Date.now(), filtered: false }).text);
    await pick(panel, file);
    await waitUntil(
      async () => (await summary(panel)) === 'Imported picked.json: 3000 added, 0 already there.',
      async () => `the panel says "${await summary(panel)}"`,
    );
    await waitForLogRow(panel, 'picked-2999', /^Registered sync$/);
    await waitUntil(
      async () => (await storedFrom('picked.json')) === 3000 && (await inboxCount(panel)) === 0,
      async () => `stored ${await storedFrom('picked.json')} of 3000; the inbox holds ${await inboxCount(panel)}`,
    );
  });

  it('refuses a malformed picked file problem by problem, and leaves nothing stored or in the inbox', async () => {
    const before = (await storedRecords(panel)).length;
    const [good] = makeRecords(demo.url, 'bad', 2);
    const file = join(folder, 'bad.json');
    const doc = { format: 'sync-inspector', version: 1, records: [good, { ...good, id: 'b2', tag: 7, time: 'soon' }] };
    await writeFile(file, JSON.stringify(doc));
    await pick(panel, file);
    const problems = () =>
      panel.evaluate(() =>
        [...document.querySelectorAll('[aria-label="Import refused"] .problems li')].map((li) => li.textContent),
      );
    await waitUntil(
      async () => (await problems()).length > 0,
      () => 'no refusal shown',
    );
    assert.deepEqual(await problems(), [
      'records[1]: "time" must be a number from 0 to 7258118400000, not "soon".',
      'records[1]: "tag" must be a string, not a number.',
    ]);
    // The background refuses it too, and drops it from the inbox.
    await waitUntil(
      async () => (await inboxCount(panel)) === 0,
      async () => `the inbox still holds ${await inboxCount(panel)}`,
    );
    assert.equal((await storedRecords(panel)).length, before);
  });

  it('a file handed over but not imported when the worker died is imported by the next worker', async () => {
    const records = makeRecords(demo.url, 'orphan', 50, Date.now() - 50_000);
    const text = exportRecords(records, 'json', { now: Date.now(), filtered: false }).text;
    // What a panel leaves when the worker dies before it read the file: the file in the inbox, nothing stored.
    await panel.evaluate(
      (dbName, body) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('files', 'readwrite');
            tx.objectStore('files').add({ fileName: 'orphan.json', file: new Blob([body]) });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      INBOX_DB_NAME,
      text,
    );
    await panel.close();
    await (await launched.extensionWorker()).close();
    panel = await openPanel();
    await waitForLogRow(panel, 'orphan-49', /^Registered sync$/);
    await waitUntil(
      async () => (await storedFrom('orphan.json')) === 50 && (await inboxCount(panel)) === 0,
      async () => `stored ${await storedFrom('orphan.json')} of 50; the inbox holds ${await inboxCount(panel)}`,
    );
  });
});
