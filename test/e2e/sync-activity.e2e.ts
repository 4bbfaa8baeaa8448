/**
 * Inside a sync, on both engines, with the real Workbox app: a request queued while the server is
 * down is listed under its tag; once fired (protocol engine) or released from a hold (debugger
 * engine) the dispatch's details show the replayed request with the server's status and the line
 * the handler logged, and the queue is empty.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { openTimeline } from './support/panel.ts';
import {
  clickButton,
  waitForLogRow,
  waitForTagListed,
  QUEUE_TAG,
  queueEntries,
  selectRow,
  sendFromApp,
  shownConsole,
  shownRequests,
  startWorkboxScenario,
  waitForQueueCount,
  waitUntil,
  type WorkboxScenario,
} from './support/index.ts';

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

    test('"make it fail" with 503 turns a fire into a failed attempt, the faked answer marked, the entry kept', async () => {
      scenario.app.setMode('down');
      if (!protocol) {
        await clickButton(panel, 'Hold offline');
        await panel.waitForSelector('.held[role="status"]');
      }
      assert.equal(await sendFromApp(scenario.page, 'again'), 202);
      await waitForQueueCount(panel, 'outbox', 1);
      scenario.app.setMode('ok');
      await clickButton(panel, 'Make this sync fail…');
      await clickButton(panel, 'Start failing');
      const armed = await panel.waitForSelector('[data-testid="failure-armed"]');
      assert.match(
        await armed!.evaluate((e) => e.textContent ?? ''),
        /requests matching \* get HTTP 503 from Sync Inspector, for 1 more attempt/,
      );
      if (protocol) await clickButton(panel, `Fire sync now: ${QUEUE_TAG}`);
      else await clickButton(panel, 'Hold offline');
      await waitForLogRow(panel, QUEUE_TAG, /^sync event failed$/, /1 request \(1 faked\)/);
      await selectRow(panel, QUEUE_TAG, /^sync event failed$/, /faked/);
      const [request] = await shownRequests(panel);
      assert.equal(request!.url, apiURL);
      assert.match(request!.outcome, /^503/);
      assert.match(request!.faked, /HTTP 503, faked by Sync Inspector/);
      // The line the handler logged, then its rejection, uncaught, with where it was thrown.
      // The uncaught rejection is reported after the failure row may already be shown.
      const [line, exception, ...more] = await waitUntil(
        async () => {
          const lines = await shownConsole(panel);
          return lines.length >= 2 && lines;
        },
        async () => `console shows ${JSON.stringify(await shownConsole(panel))}`,
      );
      assert.equal(line, `replayed POST ${apiURL}: 503`);
      assert.match(exception!, /^Error: server answered 503\n\s+at Queue.onSync/);
      assert.equal(more.length, 0);
      const links = await panel.$$eval(
        'section[aria-label="Console of this sync"] .source-link button, [aria-label="Console of this sync"] .source-link button',
        (els) => els.map((e) => e.textContent ?? ''),
      );
      assert.ok(
        links.some((l) => new RegExp(`Open ${scenario.app.url}sw.js:\\d+:\\d+ in Sources`).test(l)),
        links.join(),
      );
      assert.equal(scenario.app.state.received.length, 1, 'the faked request never reached the server');
      await waitForQueueCount(panel, 'outbox', 1);
      // One attempt asked for, one made: it turns itself off.
      await panel.waitForFunction(() => !document.querySelector('[data-testid="failure-armed"]'), { timeout: 15_000 });
      // In the timeline, the requests are thin bars inside their dispatch's span; the faked one marked.
      await openTimeline(panel);
      await panel.waitForSelector('[data-testid="request-spans"] rect.request-span.failed.faked');
      assert.ok((await panel.$$('[data-testid="request-spans"] rect.request-span')).length >= 2);
    });

    test('closing the panel turns failing off', async () => {
      await clickButton(panel, 'Make this sync fail…');
      await clickButton(panel, 'Start failing');
      await panel.waitForSelector('[data-testid="failure-armed"]');
      await panel.close();
      panel = await scenario.openPanel();
      await waitForTagListed(panel, QUEUE_TAG);
      assert.equal(await panel.$('[data-testid="failure-armed"]'), null);
      const before = scenario.app.state.received.length;
      // The worker's own fetch of a new post reaches the server: nothing intercepts it any more.
      assert.equal(await sendFromApp(scenario.page, 'live'), 201);
      assert.equal(scenario.app.state.received.length, before + 1);
    });
  });
}
