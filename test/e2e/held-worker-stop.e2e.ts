/**
 * A worker held offline that is stopped from outside (here the test's own trusted session, as
 * chrome://serviceworker-internals would). Chrome then keeps the scope's new one-shot syncs pending
 * even after release, and nothing we can send frees them (platform facts §8): what can be proven is
 * that the stop is detected, the user is told plainly, and the hold is released when asked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { clickButton, openPanel, startScenario, waitForText, watchAppWorker, type Scenario } from './support/index.ts';

describe('a held worker that stops', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: false });
    panel = await openPanel(s);
  });
  after(async () => s?.close());

  it('is detected and told plainly, and the hold is released when asked', async () => {
    await clickButton(panel, 'Hold offline');
    await panel.waitForSelector('.scope button[aria-pressed="true"]');
    const worker = await watchAppWorker(s);
    await worker.stop();
    await waitForText(panel, /stopped while held offline/);
    const notice = await panel.evaluate(() => document.body.textContent ?? '');
    assert.match(notice, /To recover: release the hold, then restart Chrome/);
    await clickButton(panel, 'Hold offline');
    await panel.waitForSelector('.scope button[aria-pressed="false"]');
    await worker.detach();
  });
});
