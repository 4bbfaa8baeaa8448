/**
 * Housekeeping from the panel: a tag that ran out of attempts is diagnosed as such and registered
 * again (it then fires for real); a periodic tag is unregistered. Fast retries (1 s) so a tag uses up
 * its three attempts while the test waits on what the panel shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  clickButton,
  openPanel,
  registerTag,
  startScenario,
  waitForLogRow,
  waitForSyncLog,
  waitForTagListed,
  type DemoWindow,
  type Scenario,
  checkState,
} from './support/index.ts';

describe('housekeeping (protocol engine)', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 1 });
    panel = await openPanel(s);
  });
  after(async () => s?.close());

  it('diagnoses a tag that used up its attempts, and registers it again', async () => {
    s.demo.setMode('fail');
    await s.page.evaluate(() =>
      (window as unknown as DemoWindow).demo.send({ to: 'a@example.com', subject: 'x', body: 'y' }),
    );
    await waitForLogRow(panel, 'sync-messages', /^Dispatched sync event$/, /lastChance yes/);
    await waitForTagListed(panel, 'sync-messages', false);
    await panel.locator('::-p-aria(Tag to diagnose)').fill('sync-messages');
    await panel.waitForFunction(
      () =>
        document
          .querySelector(`section[aria-label="Why won't it fire: sync-messages"] [data-check="backoff"]`)
          ?.getAttribute('data-state') === 'problem',
      { timeout: 15_000 },
    );
    const used = await checkState(panel, 'sync-messages', 'backoff');
    assert.match(used.text, /All 3 attempts failed.*Chrome dropped the registration/);
    s.demo.setMode('ok');
    s.demo.state.syncLog.length = 0;
    await panel
      .locator(`section[aria-label="Why won't it fire: sync-messages"] ::-p-aria(Register again[role="button"])`)
      .click();
    await waitForSyncLog(s.demo, (e) => e.tag === 'sync-messages' && e.outcome === 'ok');
    await waitForLogRow(panel, 'sync-messages', /^Sync completed$/, /status succeeded/);
    await panel.waitForFunction(
      () =>
        document
          .querySelector(`section[aria-label="Why won't it fire: sync-messages"] [data-check="backoff"]`)
          ?.getAttribute('data-state') === 'ok',
    );
  });

  it('unregisters a periodic tag', async () => {
    await registerTag(s.page, 'warm-up');
    await clickButton(panel, 'Allow periodic sync for this origin');
    await panel.waitForFunction(() =>
      /periodic-background-sync: granted/.test(document.querySelector('.permissions')?.textContent ?? ''),
    );
    await s.page.evaluate(() =>
      (window as unknown as DemoWindow).demo.registerPeriodic('refresh-inbox', 12 * 3600 * 1000),
    );
    await waitForTagListed(panel, 'refresh-inbox');
    await clickButton(panel, 'Unregister periodic tag: refresh-inbox');
    await waitForTagListed(panel, 'refresh-inbox', false);
    const tags = await s.page.evaluate(() => (window as unknown as DemoWindow).demo.getTags());
    assert.deepEqual(tags.periodic, []);
  });
});
