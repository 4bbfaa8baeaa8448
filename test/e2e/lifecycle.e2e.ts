/**
 * Lifecycle faults of the debugger engine: a tab that goes to a page extensions may not debug and
 * comes back, and kept-recording tab ids after a restart (Chrome reuses tab ids across restarts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tabIdOf } from '../../scripts/lib/launch.ts';
import { attachedTabs, waitForText } from './debugger-engine-helpers.ts';
import { openPanel, registerTag, startScenario, waitForEngine, waitForLogRow, type Scenario } from './fixtures.ts';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('lifecycle', () => {
  let s: Scenario;

  before(async () => {
    s = await startScenario({ protocol: false });
  });
  after(async () => s?.close());

  it('tells a tab that went to chrome:// from a closed one, and attaches again when it comes back', async () => {
    const panel = await openPanel(s);
    await s.page.goto('chrome://version');
    await waitForText(panel, /went to a page Chrome does not let extensions debug/);
    assert.doesNotMatch(await panel.evaluate(() => document.body.textContent ?? ''), /The inspected tab was closed/);
    await s.page.goto(s.demo.url);
    await waitForEngine(panel, 'Debugger engine');
    await registerTag(s.page, 'after-chrome-page');
    await waitForLogRow(panel, 'after-chrome-page', /^Sync completed$/);
    await panel.close();
  });

  it('after a restart, attaches again only to kept tabs that still show the origin they were kept for', async () => {
    const other = await s.launched.browser.newPage();
    await other.goto(s.demo.url);
    const keptId = await tabIdOf(s.launched, other);
    const demoOrigin = new URL(s.demo.url).origin;
    const worker = await s.launched.extensionWorker();
    // As a browser restart leaves it: s.tabId was kept for another site, and is this demo tab now.
    await worker.evaluate(
      (entries) => chrome.storage.local.set({ keepRecordingTabs: entries }),
      [
        { tabId: s.tabId, origin: 'https://mail.example' },
        { tabId: keptId, origin: demoOrigin },
      ],
    );
    await worker.close();
    const workerURL = `chrome-extension://${s.launched.extensionId}/background.js`;
    await until('the extension worker stopped', async () =>
      s.launched.browser.targets().every((t) => t.type() !== 'service_worker' || t.url() !== workerURL),
    );
    const restarted = await s.launched.extensionWorker();
    await until('the kept tab attached again', async () => (await attachedTabs(s)).includes(keptId));
    assert.equal((await attachedTabs(s)).includes(s.tabId), false, 'a reused tab id is not attached');
    const stored = await restarted.evaluate(
      async () => (await chrome.storage.local.get('keepRecordingTabs')).keepRecordingTabs as Array<{ tabId: number }>,
    );
    assert.deepEqual(
      stored.map((t) => t.tabId),
      [keptId],
    );
    await restarted.evaluate((tabId) => chrome.storage.local.set({ keepRecordingTabs: [] }).then(() => tabId), keptId);
    await other.close();
  });
});
