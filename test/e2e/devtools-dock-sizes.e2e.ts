/**
 * The panel inside real DevTools at the sizes people meet it: docked right 360, 400 and 550 px wide,
 * docked at the bottom 250 and 300 px tall, and undocked in a 1400x900 window. At each, puppeteer's
 * mouse clicks Fire now, Hold offline, Export and Import, and nothing may be cut at the side: every
 * control lies within the panel's width, nothing scrolls sideways, and the table shows time, event and tag.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import { dockDevTools, showPanelInDevTools, type DockSize } from '../../scripts/lib/devtools-panel.ts';
import {
  launchWithExtension,
  syncPolicyFlags,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';
import {
  sendMessage,
  waitForEngine,
  waitForSyncLog,
  waitForTagListed,
  type DemoServer,
  type DemoWindow,
} from './fixtures.ts';

const SIZES: Array<[string, DockSize]> = [
  ['docked right, 360 px wide', { side: 'right', panelWidth: 360 }],
  ['docked right, 400 px wide', { side: 'right', panelWidth: 400 }],
  ['docked right, 550 px wide', { side: 'right', panelWidth: 550 }],
  ['docked at the bottom, 250 px tall', { side: 'bottom', panelHeight: 250 }],
  ['docked at the bottom, 300 px tall', { side: 'bottom', panelHeight: 300 }],
  ['undocked, a 1400x900 window', { side: 'undocked', windowWidth: 1400, windowHeight: 900 }],
];

/** What is cut at the side: controls reaching past the panel's edges, and anything that scrolls sideways. */
function cutAtTheSide(panel: Frame): Promise<string[]> {
  // No named functions inside: the test runner's transform would wrap them in a helper the page lacks.
  return panel.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const e of document.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(e);
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1)
        problems.push(`${e.tagName} .${e.className} scrolls sideways: ${e.scrollWidth} > ${e.clientWidth}`);
    }
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input:not(.visually-hidden), select, [role="tab"], [role="separator"], summary, a[href]',
    );
    for (const control of controls) {
      const rect = control.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // not rendered (a closed menu, a hidden section)
      if (rect.left < -0.5 || rect.right > width + 0.5)
        problems.push(
          `${control.tagName} "${(control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 40)}" ` +
            `spans ${Math.round(rect.left)}..${Math.round(rect.right)} of ${width}`,
        );
    }
    return problems;
  });
}

/** Headers of the table's columns that are laid out within the panel's width. */
function visibleColumns(panel: Frame): Promise<string[]> {
  return panel.$$eval('[role="grid"][aria-label="Sync events"] [role="columnheader"]', (headers) =>
    headers
      .filter((h) => {
        const r = h.getBoundingClientRect();
        return r.width > 20 && r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5;
      })
      .map((h) => h.textContent ?? ''),
  );
}

/** A user's click: the mouse over the element until it reports :hover, then a real click there. */
async function mouseClick(panel: Frame, element: ElementHandle<Element>): Promise<void> {
  await element.scrollIntoView();
  await element.hover();
  await panel
    .waitForFunction((e) => e.matches(':hover'), { timeout: 5_000 }, element)
    .catch(async (error: Error) => {
      const what = await element.evaluate((e) => `${e.tagName} ${e.getAttribute('aria-label') ?? e.textContent}`);
      throw new Error(`the mouse never got over ${what}: ${error.message}`);
    });
  await element.click();
}

async function button(panel: Frame, name: string): Promise<ElementHandle<Element>> {
  const handle = await panel.locator(`::-p-aria(${name}[role="button"])`).setWaitForEnabled(true).waitHandle();
  return handle as ElementHandle<Element>;
}

/** The log toolbar's Import and export options sit in its ⋯ menu when the log is narrow. */
async function logTool(panel: Frame, name: string): Promise<ElementHandle<Element>> {
  const direct = await panel.$(`::-p-aria(${name}[role="button"])`);
  if (direct) return direct as ElementHandle<Element>;
  await mouseClick(panel, await button(panel, 'More log tools'));
  return button(panel, name);
}

describe('panel inside real DevTools at every dock size', () => {
  let demo: DemoServer;
  let launched: Launched;
  let page: Page;
  let devtools: Page;
  let panel: Frame;
  let dir: string;

  before(async () => {
    demo = (await startDemoServer()) as DemoServer;
    launched = await launchWithExtension({
      debuggingPort: 0,
      realWindows: true,
      args: syncPolicyFlags({ retryDelaySec: 600 }),
    });
    await writeExtensionSettings(launched, { port: launched.debuggingPort });
    page = await launched.browser.newPage();
    await page.goto(demo.url);
    await page.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true));
    ({ devtools, panel } = await showPanelInDevTools(page, launched.extensionId));
    await waitForEngine(panel, 'Protocol engine');
    // A failing server keeps the tag pending in back-off, so Fire now has something to fire at every size.
    demo.setMode('fail');
    await sendMessage(page, 'dock sizes');
    await waitForTagListed(panel, 'sync-messages');
    dir = await mkdtemp(join(tmpdir(), 'sync-inspector-dock-'));
  });
  after(async () => {
    await launched?.close();
    await demo?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const [label, size] of SIZES) {
    it(`${label}: Fire now, Hold offline, Export and Import by mouse, nothing cut at the side`, async () => {
      const got = await dockDevTools(page, devtools, panel, size);
      if (size.side === 'right') assert.equal(got.width, size.panelWidth);
      if (size.side === 'bottom') assert.equal(got.height, size.panelHeight);
      assert.deepEqual(await cutAtTheSide(panel), [], 'nothing cut at the side');
      const columns = await visibleColumns(panel);
      for (const column of ['Time', 'Event', 'Tag']) assert.ok(columns.includes(column), `${column} shows: ${columns}`);

      const fires = () => demo.state.syncLog.filter((e) => e.tag === 'sync-messages').length;
      const before = fires();
      await mouseClick(panel, await button(panel, 'Fire sync now: sync-messages'));
      await waitForSyncLog(demo, () => fires() > before);

      const hold = await button(panel, 'Hold offline');
      await mouseClick(panel, hold);
      await panel.waitForFunction((b) => b.getAttribute('aria-pressed') === 'true', { timeout: 10_000 }, hold);
      assert.deepEqual(await cutAtTheSide(panel), [], 'nothing cut while held offline');
      await mouseClick(panel, await button(panel, 'Hold offline'));
      await panel.waitForFunction((b) => b.getAttribute('aria-pressed') === 'false', { timeout: 10_000 }, hold);

      await mouseClick(panel, await button(panel, 'Export'));
      await panel.waitForFunction(
        () =>
          [...document.querySelectorAll('.notice')].some((n) =>
            /^Exported \d+ events?( and a snapshot \(\d+ pending tags?\))? as /.test(n.textContent ?? ''),
          ),
        { timeout: 10_000 },
      );
      assert.deepEqual(await cutAtTheSide(panel), [], 'nothing cut with a notice shown');

      const file = join(dir, `imported-${size.side}.json`);
      const tag = `imported-${size.side}-${'panelWidth' in size ? size.panelWidth : 'panelHeight' in size ? size.panelHeight : 'window'}`;
      await writeFile(
        file,
        JSON.stringify([
          {
            timestamp: Date.now() / 1000,
            origin: demo.url,
            serviceWorkerRegistrationId: '1',
            service: 'backgroundSync',
            eventName: 'Registered sync',
            instanceId: tag,
            eventMetadata: [],
            storageKey: demo.url,
          },
        ]),
      );
      const importButton = await logTool(panel, 'Import…');
      assert.deepEqual(await cutAtTheSide(panel), [], 'nothing cut with the log tools open');
      await mouseClick(panel, importButton);
      // The picker that click opens belongs to the panel's out-of-process frame, where puppeteer cannot
      // intercept it: give the file to the input the picker fills, as picking it would.
      const input = (await panel.$('input[type="file"][aria-label="Import file"]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      await panel.waitForFunction(
        (t) =>
          [...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="gridcell"]')].some(
            (c) => c.textContent === t,
          ),
        { timeout: 15_000 },
        tag,
      );
      await mouseClick(panel, await button(panel, 'Dismiss import report'));
      // Leave the next size a panel without this size's notices.
      for (const dismiss of await panel.$$('.notices-area button'))
        await dismiss.evaluate((b) => (b as HTMLElement).click());
    });
  }
});
