/**
 * The timeline and the event details inside real DevTools: chosen by keyboard in the panel's frame,
 * and the source link of a worker's error opens DevTools' Sources panel (chrome.devtools.panels.openResource).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'puppeteer-core';
import { showPanelInDevTools, waitForDevToolsPanel } from '../../scripts/lib/devtools-panel.ts';
import { sendMessage, startScenario, waitForEngine, waitForLogRow, type Scenario } from './support/index.ts';

describe('timeline and details inside DevTools (protocol engine)', () => {
  let s: Scenario;
  let devtools: Page;
  let panel: Frame;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 600 });
    ({ devtools, panel } = await showPanelInDevTools(s.page, s.launched.extensionId));
    await waitForEngine(panel, 'Protocol engine');
  });
  after(async () => s?.close());

  it('shows the failed run as a lane, and the keyboard selects its last event', async () => {
    s.demo.setMode('fail');
    await sendMessage(s.page, 'inside devtools');
    await waitForLogRow(panel, 'sync-messages', /^sync event failed$/);
    const tab = await panel.waitForSelector('[role="tab"]:not([aria-selected="true"])');
    await tab!.evaluate((e) => (e as HTMLElement).click());
    const grid = await panel.waitForSelector('[role="grid"][aria-label="Timeline"]');
    await panel.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="lane-tag"]')].some((e) => e.textContent === 'sync-messages'),
    );
    await grid!.focus();
    await devtools.keyboard.press('End');
    await panel.waitForFunction(() =>
      /selected: sync event failed/.test(document.querySelector('[data-testid="timeline-status"]')?.textContent ?? ''),
    );
    const details = await panel.waitForSelector('section[aria-label="Event details"]');
    assert.match(
      await details!.evaluate((e) => e.textContent ?? ''),
      /Error reported by the worker.*server answered 503/s,
    );
  });

  it("opens the worker error's location in DevTools' Sources panel", async () => {
    const link = await panel.waitForSelector('section[aria-label="Event details"] .source-link button:not([disabled])');
    assert.match(await link!.evaluate((e) => e.textContent ?? ''), /sw\.js:\d+:\d+ in Sources/);
    await link!.evaluate((e) => (e as HTMLElement).click());
    await waitForDevToolsPanel(devtools, 'sources');
  });
});
