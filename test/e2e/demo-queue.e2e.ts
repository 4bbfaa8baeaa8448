/**
 * The demo PWA's Workbox-style queue (`npm start` shows it): a read receipt queued while the server
 * fails is listed under its tag; fired once the server is back, its details show the replayed
 * request and the handler's line, and the queue is empty.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  clickButton,
  openPanel,
  queueEntries,
  selectRow,
  shownConsole,
  shownRequests,
  startScenario,
  waitForLogRow,
  waitForQueueCount,
  type Scenario,
} from './support/index.ts';

const TAG = 'workbox-background-sync:read-receipts';

describe('The demo PWA: its Workbox-style queue (protocol engine)', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 600 });
    panel = await openPanel(s);
  });
  after(() => s?.close());

  test('a receipt queued while the server fails waits in the queue, then is replayed by Fire', async () => {
    s.demo.setMode('fail');
    await s.page.evaluate(() =>
      (window as unknown as { demo: { queueReadReceipt(): Promise<void> } }).demo.queueReadReceipt(),
    );
    await waitForLogRow(panel, TAG, /^sync event failed$/);
    await waitForQueueCount(panel, 'read-receipts', 1);
    const receipts = new URL('/api/read-receipts', s.demo.url).href;
    assert.deepEqual(
      (await queueEntries(panel, 'read-receipts')).map((e) => [e.method, e.url]),
      [['POST', receipts]],
    );
    s.demo.setMode('ok');
    await clickButton(panel, `Fire sync now: ${TAG}`);
    await waitForLogRow(panel, TAG, /^Sync completed$/, /requests?, 1 console line/);
    await selectRow(panel, TAG, /^Sync completed$/, /./);
    const requests = await shownRequests(panel);
    assert.ok(requests.some((r) => r.method === 'POST' && r.url === receipts && /^200/.test(r.outcome)));
    assert.deepEqual(await shownConsole(panel), [`replayed POST ${receipts}: 200`]);
    await waitForQueueCount(panel, 'read-receipts', 0);
  });
});
