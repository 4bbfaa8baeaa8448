/**
 * The Workbox queue behind a tag, read from the app's IndexedDB: listed before any fire, emptied by
 * a successful replay, one entry removed on request; bad entries shown safely or skipped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  clickButton,
  waitForTagListed,
  QUEUE_TAG,
  putRawEntry,
  queueEntries,
  sendFromApp,
  startWorkboxScenario,
  waitForQueueCount,
  type WorkboxScenario,
} from './support/index.ts';

describe('Workbox queues (debugger engine)', () => {
  let scenario: WorkboxScenario;
  let panel: Page;

  before(async () => {
    scenario = await startWorkboxScenario({ protocol: false });
    panel = await scenario.openPanel();
  });
  after(() => scenario?.close());

  test('a request queued while the server is down is listed under its tag', async () => {
    scenario.app.setMode('down');
    assert.equal(await sendFromApp(scenario.page, 'first'), 202, 'the worker queued it');
    await waitForTagListed(panel, QUEUE_TAG);
    await waitForQueueCount(panel, 'outbox', 1);
    const [entry] = await queueEntries(panel, 'outbox');
    assert.equal(entry!.method, 'POST');
    assert.equal(entry!.url, new URL('/api/messages', scenario.app.url).href);
    assert.match(entry!.bodySize, /^\d+ B$/);
  });

  test('a 10 MB body and a URL with markup are listed as text, nothing rendered', async () => {
    await putRawEntry(scenario.page, {
      queueName: 'outbox',
      timestamp: Date.now() - 8 * 24 * 3600_000,
      requestData: { url: 'https://example.com/<img src=x onerror="window.pwned=1">', method: 'PUT', headers: {} },
    });
    await scenario.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('workbox-background-sync');
        r.onsuccess = () => resolve(r.result);
      });
      const tx = db.transaction('requests', 'readwrite');
      tx.objectStore('requests').add({
        queueName: 'outbox',
        timestamp: Date.now(),
        requestData: {
          url: 'https://example.com/big',
          method: 'POST',
          headers: {},
          body: new ArrayBuffer(10 * 1024 * 1024),
        },
      });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await waitForQueueCount(panel, 'outbox', 3);
    const entries = await queueEntries(panel, 'outbox');
    assert.ok(entries.some((e) => e.url === 'https://example.com/<img src=x onerror="window.pwned=1">'));
    assert.ok(entries.some((e) => e.bodySize === '10.0 MB'));
    assert.equal(await panel.$('.queue img'), null, 'the markup stayed text');
    assert.equal(await panel.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    const expired = await panel.$$eval('[data-testid="queue-entry"]', (rows) =>
      rows.some((r) => /past the default retention/.test(r.textContent ?? '')),
    );
    assert.ok(expired, 'the 8-day-old entry is marked past the 7-day retention');
  });

  test('one entry is removed after a confirmation, the others stay', async () => {
    await clickButton(panel, 'Remove PUT https://example.com/<img src=x onerror="window.pwned=1">');
    await clickButton(panel, 'Remove for good');
    await waitForQueueCount(panel, 'outbox', 2);
    const urls = (await queueEntries(panel, 'outbox')).map((e) => e.url);
    assert.ok(urls.includes('https://example.com/big'));
    assert.ok(urls.includes(new URL('/api/messages', scenario.app.url).href));
  });
});

describe('A database of Workbox name that is not Workbox', () => {
  let scenario: WorkboxScenario;
  let panel: Page;

  before(async () => {
    scenario = await startWorkboxScenario({ protocol: false });
    panel = await scenario.openPanel();
    // Another origin of the same server: nothing of Workbox's ran there.
    await scenario.page.goto(`http://127.0.0.1:${scenario.app.port}/`);
    await scenario.page.evaluate(() =>
      (window as unknown as { app: { makeForeignDatabase(): Promise<void> } }).app.makeForeignDatabase(),
    );
  });
  after(() => scenario?.close());

  test('entries of other shapes are skipped with the reason, nothing thrown', async () => {
    await panel.waitForSelector('[data-testid="queue-skipped"]', { timeout: 15_000 });
    const text = await panel.$eval('[data-testid="queue-skipped"]', (e) => e.textContent ?? '');
    assert.match(text, /^3 entries of workbox-background-sync skipped/);
    assert.match(text, /not an object/);
    assert.match(text, /without a queueName string/);
    assert.match(text, /without requestData\.url/);
  });

  test('a database without the requests store is not read, and says why', async () => {
    await scenario.page.evaluate(async () => {
      await new Promise((resolve) => {
        const r = indexedDB.deleteDatabase('workbox-background-sync');
        r.onsuccess = r.onerror = r.onblocked = resolve;
      });
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('workbox-background-sync', 4);
        r.onupgradeneeded = () => r.result.createObjectStore('drafts');
        r.onsuccess = () => resolve(r.result);
      });
      db.close();
    });
    await panel.waitForFunction(
      () =>
        /has no "requests" store \(its stores: drafts\)/.test(
          document.querySelector('[data-testid="queue-problem"]')?.textContent ?? '',
        ),
      { timeout: 15_000 },
    );
  });
});
