/**
 * The protocol engine end to end: Chromium with the debugging port, the built extension, the demo
 * PWA, and the panel — checked through what the panel shows and what the demo's worker really saw.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  clickButton,
  listedTags,
  logRows,
  openPanel,
  registerTag,
  sendMessage,
  startScenario,
  waitForLogRow,
  waitForSyncLog,
  waitForTagListed,
  type Scenario,
} from './support/index.ts';

describe('protocol engine (Chromium with the debugging port)', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 600 });
    panel = await openPanel(s);
  });
  after(async () => s?.close());

  it('lists a tag held pending by a failing server and a long retry delay', async () => {
    s.demo.setMode('fail');
    await sendMessage(s.page, 'first');
    await waitForTagListed(panel, 'sync-messages');
    await waitForLogRow(panel, 'sync-messages', /^Registered sync$/);
    await waitForLogRow(panel, 'sync-messages', /^Dispatched sync event$/, /lastChance no/);
    await waitForLogRow(panel, 'sync-messages', /^sync event failed$/, /next attempt in 10 min/);
    const attempts = await panel.$eval('.attempts', (e) => e.textContent);
    assert.match(attempts ?? '', /attempt 1 of 3, next/);
  });

  it('fires the pending tag with lastChance true, and the worker sees true', async () => {
    s.demo.state.syncLog.length = 0;
    await panel.locator('::-p-aria(lastChance for sync-messages)').click();
    await clickButton(panel, 'Fire sync now: sync-messages');
    const entry = await waitForSyncLog(s.demo, (e) => e.tag === 'sync-messages');
    assert.equal(entry.lastChance, true);
    // Chrome's own registration stays in back-off: the panel says so.
    await panel.waitForFunction(() =>
      /stays pending until its next scheduled attempt/.test(document.body.textContent ?? ''),
    );
    await waitForLogRow(panel, 'sync-messages', /^Dispatched sync event$/, /lastChance yes/);
  });

  it('fires with lastChance false, and the worker sees false', async () => {
    s.demo.state.syncLog.length = 0;
    await panel.locator('::-p-aria(lastChance for sync-messages)').click();
    const checked = await panel.$eval(
      '[aria-label="lastChance for sync-messages"]',
      (e) => (e as HTMLInputElement).checked,
    );
    assert.equal(checked, false);
    await clickButton(panel, 'Fire sync now: sync-messages');
    const entry = await waitForSyncLog(s.demo, (e) => e.tag === 'sync-messages');
    assert.equal(entry.lastChance, false);
  });

  it('logs a completion with its status when a sync succeeds', async () => {
    s.demo.setMode('ok');
    await registerTag(s.page, 'refresh-news');
    await waitForLogRow(panel, 'refresh-news', /^Sync completed$/, /status succeeded/);
    await waitForSyncLog(s.demo, (e) => e.tag === 'refresh-news' && e.outcome === 'ok');
  });

  it('fires any tag typed in, even one never registered', async () => {
    await panel.locator('::-p-aria(Tag to fire)').fill('typed-<b>tag</b>');
    await panel.locator('form[aria-label="Fire any tag"] button[type="submit"]').click();
    const entry = await waitForSyncLog(s.demo, (e) => e.tag === 'typed-<b>tag</b>');
    assert.equal(entry.lastChance, false);
    // Page-controlled text is text: no element was made of the tag.
    await waitForLogRow(panel, 'typed-<b>tag</b>', /^Dispatched sync event$/);
    assert.equal(await panel.$$eval('.grid b', (els) => els.length), 0);
  });

  it('holds a worker offline, lets a registration wait, and fires it for real on release', async () => {
    await clickButton(panel, 'Hold offline');
    await panel.waitForSelector('.scope button[aria-pressed="true"]');
    await registerTag(s.page, 'held-while-offline');
    await waitForTagListed(panel, 'held-while-offline');
    assert.equal(
      s.demo.state.syncLog.some((e) => e.tag === 'held-while-offline'),
      false,
      'the held tag must not have fired',
    );
    await clickButton(panel, 'Hold offline');
    await waitForSyncLog(s.demo, (e) => e.tag === 'held-while-offline' && e.outcome === 'ok');
    await waitForLogRow(panel, 'held-while-offline', /^Sync completed$/, /status succeeded/);
    await waitForTagListed(panel, 'held-while-offline', false);
  });

  it('shows this origin or all origins', async () => {
    const rows = await logRows(panel);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.origin === new URL(s.demo.url).origin));
    await panel.locator('::-p-aria(All origins)').click();
    await panel.waitForFunction(
      () => document.querySelector('input[type=radio]:checked')?.parentElement?.textContent === 'All origins',
    );
  });

  it('replays the history after the panel is closed and reopened', async () => {
    const before = (await logRows(panel)).length;
    await panel.close();
    // Happens while no panel is open: Chrome records it, the replay brings it back.
    await registerTag(s.page, 'while-closed');
    await waitForSyncLog(s.demo, (e) => e.tag === 'while-closed');
    panel = await openPanel(s);
    await waitForLogRow(panel, 'while-closed', /^Sync completed$/);
    await waitForLogRow(panel, 'sync-messages', /^Registered sync$/);
    assert.ok((await logRows(panel)).length >= before + 3);
  });

  it('misses nothing when the extension service worker is stopped and restarted', async () => {
    const worker = await s.launched.extensionWorker();
    await worker.evaluate(() => ((globalThis as { beforeRestart?: boolean }).beforeRestart = true));
    await worker.close();
    await registerTag(s.page, 'while-worker-dead');
    await waitForSyncLog(s.demo, (e) => e.tag === 'while-worker-dead');
    // The panel reconnects by itself (its port dropped with the worker) and the replay fills the gap.
    await waitForLogRow(panel, 'while-worker-dead', /^Sync completed$/);
    await waitForLogRow(panel, 'refresh-news', /^Sync completed$/);
    assert.deepEqual(
      (await listedTags(panel)).filter((t) => t === 'sync-messages'),
      ['sync-messages'],
      'the pending tag is still listed once',
    );
    const restarted = await s.launched.extensionWorker();
    assert.equal(
      await restarted.evaluate(() => (globalThis as { beforeRestart?: boolean }).beforeRestart),
      undefined,
      'a new worker instance',
    );
  });
});
