/**
 * Retention, set small through the extension's settings: the oldest records are dropped first, from
 * the store and from the panel, and the panel says that it happened.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { writeExtensionSettings } from '../../scripts/lib/launch.ts';
import {
  openPanel,
  openSettings,
  registerTag,
  startScenario,
  waitForLogRow,
  type Scenario,
  backgroundCommand,
  makeRecords,
  storedRecords,
  waitForStored,
} from './support/index.ts';

describe('retention', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: true });
    await writeExtensionSettings(s.launched, { retention: { maxAgeMs: 3 * 24 * 60 * 60 * 1000, maxRecords: 3 } });
    panel = await openPanel(s);
  });
  after(async () => s?.close());

  it('keeps the newest records when there are more than it may keep, and says so', async () => {
    const records = makeRecords(s.demo.url, 'kept', 5);
    assert.deepEqual(await backgroundCommand(panel, s.tabId, 'importRecords', { fileName: 'five.json', records }), {
      added: 5,
      duplicates: 0,
    });
    const stored = await storedRecords(panel);
    assert.deepEqual(stored.map((r) => r.tag).sort(), ['kept-2', 'kept-3', 'kept-4']);
    await panel.waitForFunction(
      () => /Retention dropped the 2 oldest events \(keeping at most 3 events/.test(document.body.textContent ?? ''),
      {
        timeout: 15_000,
      },
    );
    await waitForLogRow(panel, 'kept-4', /^Registered sync$/);
    const shown = await panel.$$eval('[role="grid"][aria-label="Sync events"] [role="gridcell"]', (cells) =>
      cells.map((c) => c.textContent),
    );
    assert.equal(shown.includes('kept-0') || shown.includes('kept-1'), false);
  });

  it('counts observed and imported records apart: an import never evicts what was observed, nor the reverse', async () => {
    await registerTag(s.page, 'fresh-tag');
    await waitForStored(panel, 'fresh-tag', /^Sync completed$/);
    const stored = await storedRecords(panel);
    assert.equal(stored.length, 6);
    assert.deepEqual(
      stored
        .filter((r) => r.tag === 'fresh-tag')
        .map((r) => r.eventName)
        .sort(),
      ['Dispatched sync event', 'Registered sync', 'Sync completed'],
    );
    assert.deepEqual(
      stored
        .filter((r) => r.tag !== 'fresh-tag')
        .map((r) => r.tag)
        .sort(),
      ['kept-2', 'kept-3', 'kept-4'],
    );
  });

  it('is set from the panel: a smaller limit drops the oldest at once, and the panel says how many', async () => {
    await openSettings(panel);
    const status = () => panel.$eval('[data-testid="retention-status"]', (e) => e.textContent ?? '');
    assert.match(await status(), /dropped so far/);
    const limit = await panel.$eval('[aria-label="Most events to keep"]', (e) => (e as HTMLInputElement).value);
    assert.equal(limit, '3', 'the field shows the retention in force');
    await panel.locator('::-p-aria(Most events to keep)').fill('1');
    await panel.locator('form[aria-label="Retention"] button[type="submit"]').click();
    await panel.waitForFunction(
      () => /the last 4 at/.test(document.querySelector('[data-testid="retention-status"]')?.textContent ?? ''),
      {
        timeout: 15_000,
      },
    );
    const stored = await storedRecords(panel);
    assert.deepEqual(
      stored.map((r) => r.eventName ?? r.tag).sort(),
      ['Registered sync', 'Sync completed'],
      'the newest observed record and the newest imported one are kept',
    );
    assert.deepEqual(stored.map((r) => r.tag).sort(), ['fresh-tag', 'kept-4']);
  });
});
