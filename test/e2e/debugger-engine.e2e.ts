/**
 * The debugger engine end to end: Debian Chromium WITHOUT the debugging port, so the extension has
 * only chrome.debugger. Checked through the panel, what the demo's worker really ran (the server's
 * sync log), and Chrome's own BackgroundService log read by the test's trusted CDP session.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  ChromeSyncLog,
  panelAttempts,
  logRows,
  typeTag,
  waitForText,
  clickButton,
  openPanel,
  registerTag,
  startScenario,
  waitForLogRow,
  waitForSyncLog,
  waitForTagListed,
  type Scenario,
} from './support/index.ts';

describe('debugger engine (plain Chromium, fast retries)', () => {
  let s: Scenario;
  let panel: Page;
  let chromeLog: ChromeSyncLog;

  before(async () => {
    s = await startScenario({ protocol: false, retryDelaySec: 1, periodicIntervalSec: 2 });
    chromeLog = await ChromeSyncLog.observe(s.page);
    panel = await openPanel(s);
  });
  after(async () => s?.close());

  it('says what it cannot do: Fire now is disabled with the reason', async () => {
    await panel.waitForSelector('button[aria-label="Simulate sync: nothing"], form[aria-label="Fire any tag"]');
    const fire = await panel.$eval('form[aria-label="Fire any tag"] button[type="submit"]', (b) => ({
      disabled: (b as HTMLButtonElement).disabled,
      title: b.getAttribute('title'),
    }));
    assert.equal(fire.disabled, true);
    assert.match(fire.title ?? '', /protocol engine/);
  });

  it('holds the worker offline, lists the waiting tag, and releasing runs the handler for real', async () => {
    await clickButton(panel, 'Hold offline');
    await panel.waitForSelector('.scope button[aria-pressed="true"]');
    await waitForText(panel, /kept running while held/);
    await registerTag(s.page, 'held-tag');
    await waitForTagListed(panel, 'held-tag');
    assert.equal(
      s.demo.state.syncLog.some((e) => e.tag === 'held-tag'),
      false,
      'the held tag must not have fired',
    );
    await clickButton(panel, 'Hold offline');
    const entry = await waitForSyncLog(s.demo, (e) => e.tag === 'held-tag');
    assert.equal(entry.outcome, 'ok');
    await waitForLogRow(panel, 'held-tag', /^Dispatched sync event$/, /lastChance no/);
    await waitForLogRow(panel, 'held-tag', /^Sync completed$/, /status succeeded.*took/);
    await waitForTagListed(panel, 'held-tag', false);
  });

  it("agrees with Chrome's own log, event for event: success, failures with retries, the last chance", async () => {
    s.demo.setMode('ok');
    await registerTag(s.page, 'agree-ok');
    s.demo.setMode('fail');
    await s.page.evaluate(() =>
      (window as unknown as { demo: { send(m: object): Promise<unknown> } }).demo.send({
        to: 'a@b.c',
        subject: 'x',
        body: 'y',
      }),
    );
    await chromeLog.waitFor((log) => log.attempts('sync-messages').includes('completed waitUntil rejected'));
    await chromeLog.waitFor((log) => log.attempts('agree-ok').includes('completed succeeded'));
    assert.deepEqual(chromeLog.attempts('sync-messages'), [
      'dispatched lastChance no',
      'failed',
      'dispatched lastChance no',
      'failed',
      'dispatched lastChance yes',
      'completed waitUntil rejected',
    ]);
    await waitForLogRow(panel, 'sync-messages', /^Sync completed$/, /waitUntil rejected/);
    await waitForLogRow(panel, 'agree-ok', /^Sync completed$/);
    const rows = await logRows(panel);
    for (const tag of ['agree-ok', 'sync-messages']) {
      assert.deepEqual(panelAttempts(rows, tag, /instrumented/), chromeLog.attempts(tag), `instrumented log of ${tag}`);
    }
    // What only instrumentation sees: the handler's own rejection reason.
    const failed = rows.find((r) => r.tag === 'sync-messages' && r.event === 'sync event failed');
    assert.match(failed?.details ?? '', /server answered 503/);
    s.demo.setMode('ok');
  });

  it('re-registers a completed tag from the page: Chrome fires it again, for real', async () => {
    const before = s.demo.state.syncLog.filter((e) => e.tag === 'agree-ok').length;
    await typeTag(panel, 'agree-ok');
    await clickButton(panel, 'Re-register');
    await waitForSyncLog(s.demo, () => s.demo.state.syncLog.filter((e) => e.tag === 'agree-ok').length === before + 1);
    await waitForText(panel, /Registered again from the page/);
  });

  it('simulates a dispatch with lastChance: the handler sees it, the outcome is shown, labelled simulated', async () => {
    await typeTag(panel, 'simulated-<i>tag</i>');
    await panel.locator('::-p-aria(lastChance for the typed tag)').click();
    await clickButton(panel, 'Simulate');
    const entry = await waitForSyncLog(s.demo, (e) => e.tag === 'simulated-<i>tag</i>');
    assert.equal(entry.lastChance, true);
    await waitForText(panel, /Simulated sync "simulated-<i>tag<\/i>" \(lastChance true.*the handlers resolved/);
    await waitForLogRow(panel, 'simulated-<i>tag</i>', /^Simulated sync event$/, /lastChance yes/);
    await waitForLogRow(panel, 'simulated-<i>tag</i>', /^Simulated sync completed$/, /succeeded/);
    assert.equal(await panel.$$eval('.grid i', (els) => els.length), 0, 'page-controlled text stays text');
    // A simulation is not Chrome's: its log has no such dispatch.
    assert.equal(
      chromeLog.events.some((e) => e.instanceId === 'simulated-<i>tag</i>'),
      false,
    );
  });

  it("logs a page's failing register() call with its error and its caller", async () => {
    const browserSession = await s.launched.browser.target().createCDPSession();
    const origin = new URL(s.demo.url).origin;
    await browserSession.send('Browser.setPermission', {
      permission: { name: 'background-sync' },
      setting: 'denied',
      origin,
    });
    const error = await s.page.evaluate(() =>
      (window as unknown as { demo: { registerTag(t: string): Promise<void> } }).demo.registerTag('denied-tag').then(
        () => 'registered',
        (e: Error) => e.name,
      ),
    );
    assert.equal(error, 'NotAllowedError');
    await waitForLogRow(
      panel,
      'denied-tag',
      /^sync\.register\(\) failed$/,
      /NotAllowedError.*Caller: .*registerTag \(.*app\.js:\d+:\d+\)/,
    );
    await browserSession.send('Browser.setPermission', {
      permission: { name: 'background-sync' },
      setting: 'granted',
      origin,
    });
    await browserSession.detach();
  });

  it('logs periodicsync events with their outcome, and periodicSync calls', async () => {
    // Periodic sync needs an installed app; the test grants the permission instead (fast interval flag).
    const browserSession = await s.launched.browser.target().createCDPSession();
    const origin = new URL(s.demo.url).origin;
    // Overrides live as long as the session that set them: detach only at the end.
    await browserSession.send('Browser.setPermission', {
      permission: { name: 'periodic-background-sync' },
      setting: 'granted',
      origin,
    });
    await s.page.waitForFunction(
      async () =>
        (await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName })).state === 'granted',
    );
    await s.page.evaluate(() =>
      (window as unknown as { demo: { registerPeriodic(t: string, i: number): Promise<void> } }).demo.registerPeriodic(
        'refresh-inbox',
        1000,
      ),
    );
    await waitForLogRow(panel, 'refresh-inbox', /^periodicSync\.register\(\) called$/, /minInterval: 1000/);
    await waitForSyncLog(s.demo, (e) => e.tag === 'refresh-inbox' && e.periodic);
    await waitForLogRow(panel, 'refresh-inbox', /^Dispatched periodicsync event$/);
    await waitForLogRow(panel, 'refresh-inbox', /^periodicsync event completed$/, /took/);
    await s.page.evaluate(() =>
      navigator.serviceWorker.ready.then((r) =>
        (r as unknown as { periodicSync: { unregister(t: string): Promise<void> } }).periodicSync.unregister(
          'refresh-inbox',
        ),
      ),
    );
    await waitForLogRow(panel, 'refresh-inbox', /^periodicSync\.unregister\(\) called$/);
    await browserSession.detach();
  });
});
