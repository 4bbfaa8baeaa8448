/**
 * The panel inside real DevTools, as a developer uses it: with the protocol engine (fire a tag from
 * the panel), and in a Chromium without the debugging port (tags listed, the flags to get more).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'puppeteer-core';
import { showPanelInDevTools } from '../../scripts/lib/devtools-panel.ts';
import {
  clickButton,
  registerTag,
  sendMessage,
  startScenario,
  waitForEngine,
  waitForLogRow,
  waitForSyncLog,
  waitForTagListed,
  type Scenario,
} from './support/index.ts';

describe('panel inside DevTools, protocol engine', () => {
  let s: Scenario;
  let panel: Frame;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 600 });
    ({ panel } = await showPanelInDevTools(s.page, s.launched.extensionId));
  });
  after(async () => s?.close());

  it('connects by itself and shows the inspected origin expanded', async () => {
    await waitForEngine(panel, 'Protocol engine');
    const origin = await panel.waitForSelector('.origin-name');
    assert.equal(await origin!.evaluate((e) => e.textContent), new URL(s.demo.url).origin);
    // chrome.devtools gave the panel the real tab: no ?tabId in its URL.
    assert.doesNotMatch(panel.url(), /tabId=/);
  });

  it('lists a pending tag and fires it from the panel', async () => {
    s.demo.setMode('fail');
    await sendMessage(s.page, 'from devtools');
    await waitForTagListed(panel, 'sync-messages');
    s.demo.setMode('ok');
    await clickButton(panel, 'Fire sync now: sync-messages');
    const entry = await waitForSyncLog(s.demo, (e) => e.tag === 'sync-messages' && e.outcome === 'ok');
    assert.equal(entry.lastChance, false);
    await waitForLogRow(panel, 'sync-messages', /^Dispatched sync event$/);
  });
});

describe('panel inside DevTools, Chromium without the debugging port', () => {
  let s: Scenario;
  let panel: Frame;

  before(async () => {
    s = await startScenario({ protocol: false, retryDelaySec: 600 });
    ({ panel } = await showPanelInDevTools(s.page, s.launched.extensionId));
  });
  after(async () => s?.close());

  it('falls back to the debugger engine and says how to start Chrome for the protocol engine', async () => {
    await waitForEngine(panel, 'Debugger engine');
    const flags = await panel.$eval('[data-testid="launch-flags"]', (e) => e.textContent ?? '');
    assert.match(flags, /--remote-debugging-port=\d+/);
    assert.ok(flags.includes(`--remote-allow-origins=chrome-extension://${s.launched.extensionId}`), flags);
    const fire = await panel.$('button[aria-label="Fire sync now: x"]');
    assert.equal(fire, null);
  });

  it('lists the tags the page registered, held pending by a failing server', async () => {
    s.demo.setMode('fail');
    await sendMessage(s.page, 'plain chrome');
    await registerTag(s.page, 'second-tag');
    await waitForTagListed(panel, 'sync-messages');
  });
});
