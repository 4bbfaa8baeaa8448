/**
 * Inside a sync, on both engines, with the real Workbox app: a request queued while the server is
 * down is listed under its tag; once fired (protocol engine) or released from a hold (debugger
 * engine) the dispatch's details show the replayed request with the server's status and the line
 * the handler logged, and the queue is empty.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { clickButton, waitForLogRow, waitForTagListed } from '../../scripts/lib/panel-driver.ts';
import {
  QUEUE_TAG,
  queueEntries,
  selectRow,
  sendFromApp,
  shownConsole,
  shownRequests,
  startWorkboxScenario,
  waitForQueueCount,
  type WorkboxScenario,
} from './workbox-scenario.ts';

for (const protocol of [true, false]) {
  describe(`Inside a sync (${protocol ? 'protocol' : 'debugger'} engine)`, () => {
    let scenario: WorkboxScenario;
    let panel: Page;
    let apiURL: string;

    before(async () => {
      scenario = await startWorkboxScenario({ protocol });
      panel = await scenario.openPanel();
      apiURL = new URL('/api/messages', scenario.app.url).href;
    });
    after(() => scenario?.close());

    test('the queued request is listed under its tag before any fire', async () => {
      scenario.app.setMode('down');
      if (!protocol) {
        // Without the protocol engine nothing fires a tag in back-off: hold the worker offline so the tag waits.
        await clickButton(panel, 'Hold offline');
        await panel.waitForSelector('.held[role="status"]');
      }
      assert.equal(await sendFromApp(scenario.page, 'hello'), 202);
      await waitForTagListed(panel, QUEUE_TAG);
      await waitForQueueCount(panel, 'outbox', 1);
      const [entry] = await queueEntries(panel, 'outbox');
      assert.deepEqual([entry!.method, entry!.url], ['POST', apiURL]);
    });

    test('after the dispatch its details show the request, the answer and the handler console line', async () => {
      scenario.app.setMode('ok');
      if (protocol) await clickButton(panel, `Fire sync now: ${QUEUE_TAG}`);
      else await clickButton(panel, 'Hold offline');
      await waitForLogRow(panel, QUEUE_TAG, /^Sync completed$/, /1 request/);
      assert.equal(scenario.app.state.received.length, 1, 'the server got the replayed request');
      for (const event of [/^Sync completed$/, /^Dispatched sync event$/]) {
        await selectRow(panel, QUEUE_TAG, event, /./);
        const [request, ...more] = await shownRequests(panel);
        assert.equal(more.length, 0);
        assert.deepEqual(
          { method: request!.method, url: request!.url, outcome: request!.outcome, faked: request!.faked },
          { method: 'POST', url: apiURL, outcome: '201 Created', faked: '' },
        );
        assert.deepEqual(await shownConsole(panel), [`replayed POST ${apiURL}: 201`]);
      }
      await waitForQueueCount(panel, 'outbox', 0);
    });
  });
}
