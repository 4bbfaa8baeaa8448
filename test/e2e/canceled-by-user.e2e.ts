/**
 * The user clicks Cancel on Chrome's '"Sync Inspector" started debugging this browser' bar. That bar is
 * Chrome's own UI, out of CDP's reach and absent when headless: so Chromium runs headful on a private
 * Xvfb and the test presses the keys a keyboard user would (F6 moves focus through Chrome's panes:
 * location bar, tab strip, the infobar's Cancel button). Chrome then detaches every chrome.debugger
 * session of the extension with reason canceled_by_user; the panel must say so plainly, must not
 * attach again by itself (not even after our worker restarts), and Reconnect must bring the tab back.
 * On the debugger engine the whole session ends; beside the protocol engine only the instrumentation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, WebWorker } from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import {
  launchWithExtension,
  openPanelPage,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';
import {
  clickButton,
  registerTag,
  waitForEngine,
  waitForLogRow,
  waitForText,
  waitUntil,
  type DemoServer,
  type DemoWindow,
} from './support/index.ts';
import { startXvfb, type XDisplay } from './support/xvfb.ts';

/** The extension worker's global, where the test collects what chrome.debugger.onDetach told it. */
type WithReasons = typeof globalThis & { detachReasons?: string[] };

describe("cancelling Chrome's debugging bar (headful Chromium on Xvfb)", () => {
  let x: XDisplay;
  let demo: DemoServer;
  let launched: Launched;
  let page: Page;
  let panel: Page;
  let tabId: number;
  let worker: WebWorker;

  before(async () => {
    x = await startXvfb();
    ({ demo, launched, page, tabId, worker, panel } = await headfulOnDemo(x, { protocol: false }));
    // The bar is shown only where Chrome is not told to stay silent about extension debugging.
    const flags = launched.browser.process()?.spawnargs ?? [];
    assert.equal(flags.includes('--silent-debugger-extension-api'), false, 'the launch must not silence the bar');
    await waitForEngine(panel, 'Debugger engine');
    await registerTag(page, 'before-cancel');
    await waitForLogRow(panel, 'before-cancel', /^Sync completed$/);
  });

  after(async () => {
    await launched?.close();
    await demo?.close();
    await x?.close();
  });

  const attached = (): Promise<boolean> => attachedTo(worker, tabId);

  it('Cancel on the bar detaches us with canceled_by_user, and the panel says so plainly', async () => {
    assert.equal(await attached(), true);
    await page.bringToFront();
    await cancelDebuggingBar(x, page, async () => (await detachReasons(worker)).length > 0);
    assert.deepEqual(await detachReasons(worker), ['canceled_by_user']);

    await panel.bringToFront();
    await waitForText(panel, /Debugging was cancelled from Chrome's "started debugging" bar/);
    assert.equal(await badge(panel), 'Not connected');
    assert.equal(await attached(), false);
  });

  it("nothing attaches again by itself, not even when the extension's worker restarts and the panel reconnects", async () => {
    await worker.close();
    // The open panel reconnects by itself to the new worker instance; a panel opened now has no
    // earlier state to show, so its first badge other than "Connecting" is the new session's verdict.
    const fresh = await openPanelPage(launched, tabId);
    const verdict = await waitUntil(
      async () => {
        const text = await fresh.$eval('[data-testid="engine"]', (e) => e.textContent).catch(() => null);
        return text && text !== 'Connecting' && text;
      },
      () => 'the new panel never left "Connecting"',
    );
    assert.equal(verdict, 'Not connected');
    await waitForText(fresh, /Debugging was cancelled from Chrome's "started debugging" bar/);
    await fresh.close();
    await waitForText(panel, /Debugging was cancelled from Chrome's "started debugging" bar/);
    assert.equal(await badge(panel), 'Not connected');
    worker = await launched.extensionWorker();
    assert.equal(await attached(), false, 'Sync Inspector attached again by itself after the user cancelled');
  });

  it("the panel's Reconnect button, in the status line, attaches again and the sync log works", async () => {
    await clickButton(panel, 'Reconnect');
    await waitForEngine(panel, 'Debugger engine');
    assert.equal(await attached(), true);
    await registerTag(page, 'after-reconnect');
    await waitForLogRow(panel, 'after-reconnect', /^Sync completed$/);
  });
});

describe("cancelling Chrome's debugging bar beside the protocol engine (headful Chromium on Xvfb)", () => {
  let x: XDisplay;
  let demo: DemoServer;
  let launched: Launched;
  let page: Page;
  let panel: Page;
  let tabId: number;
  let worker: WebWorker;

  before(async () => {
    x = await startXvfb();
    ({ demo, launched, page, tabId, worker, panel } = await headfulOnDemo(x, { protocol: true }));
    await waitForEngine(panel, 'Protocol engine');
    // The instrumenter (chrome.debugger, with its bar) attaches beside the protocol engine.
    await waitUntil(
      () => attachedTo(worker, tabId),
      () => 'the instrumenter never attached',
    );
  });

  after(async () => {
    await launched?.close();
    await demo?.close();
    await x?.close();
  });

  it('only the instrumentation stops, the panel says so and where Reconnect is, and Reconnect brings it back', async () => {
    await page.bringToFront();
    await cancelDebuggingBar(x, page, async () => (await detachReasons(worker)).length > 0);
    assert.deepEqual(await detachReasons(worker), ['canceled_by_user']);
    await panel.bringToFront();
    await waitForText(panel, /Instrumentation stopped: debugging was cancelled .* choose Reconnect in the ⋮ menu/);
    assert.equal(await badge(panel), 'Protocol engine');
    assert.equal(await attachedTo(worker, tabId), false);
    // Chrome's log still comes over the protocol socket.
    await registerTag(page, 'protocol-after-cancel');
    await waitForLogRow(panel, 'protocol-after-cancel', /^Sync completed$/);

    await clickButton(panel, 'More actions');
    await clickButton(panel, 'Reconnect');
    await waitForEngine(panel, 'Protocol engine');
    await waitUntil(
      () => attachedTo(worker, tabId),
      () => 'the instrumenter did not attach again after Reconnect',
    );
  });
});

/**
 * Headful Chromium on the test's display with the demo in a tab and the panel open on it. Chrome
 * shows one infobar at a time, so the automation bar (which would hide the debugging bar) is dropped.
 * With `protocol` the debugging port serves the protocol engine; without, port 1 (nothing listens)
 * leaves the tab to the debugger engine, whose chrome.debugger attach shows the bar.
 */
async function headfulOnDemo(x: XDisplay, { protocol }: { protocol: boolean }) {
  const demo = (await startDemoServer()) as DemoServer;
  const launched = await launchWithExtension({
    headless: false,
    ...(protocol ? { debuggingPort: 0 } : {}),
    env: { DISPLAY: x.display },
    args: ['--window-position=0,0', '--window-size=1280,800'],
    dropDefaultArgs: ['--enable-automation'],
  });
  await writeExtensionSettings(launched, { port: protocol ? launched.debuggingPort : 1 });
  const page = await launched.browser.newPage();
  await page.goto(demo.url);
  await page.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true));
  const tabId = await tabIdOf(launched, page);
  const worker = await launched.extensionWorker();
  await collectDetachReasons(worker);
  const panel = await openPanelPage(launched, tabId);
  return { demo, launched, page, tabId, worker, panel };
}

/** Collects, in the extension's worker, every reason chrome.debugger.onDetach gives. */
function collectDetachReasons(worker: WebWorker): Promise<void> {
  return worker.evaluate(() => {
    const g = globalThis as WithReasons;
    g.detachReasons = [];
    chrome.debugger.onDetach.addListener((_source, reason) => g.detachReasons!.push(reason));
  });
}

/** Whether this extension holds a chrome.debugger session on the tab (getTargets' flag counts puppeteer's too). */
function attachedTo(worker: WebWorker, tabId: number): Promise<boolean> {
  return worker.evaluate(
    (id) =>
      chrome.debugger.sendCommand({ tabId: id }, 'Runtime.evaluate', { expression: '1' }).then(
        () => true,
        (error: unknown) => {
          if (/not attached/i.test(String(error))) return false;
          throw error;
        },
      ),
    tabId,
  );
}

function badge(panel: Page): Promise<string | null> {
  return panel.$eval('[data-testid="engine"]', (e) => e.textContent);
}

function detachReasons(worker: WebWorker): Promise<string[]> {
  return worker.evaluate(() => (globalThis as WithReasons).detachReasons ?? []);
}

/**
 * Moves keyboard focus to the bar's Cancel button and presses it. F6 cycles Chrome's panes (location
 * bar, tab strip, infobar, page); which press reaches the bar depends on the panes Chrome shows, so
 * each press is followed by Space (harmless elsewhere: it types a space in the location bar or
 * scrolls the page) and a short wait for the detach that says it worked.
 */
async function cancelDebuggingBar(x: XDisplay, page: Page, detached: () => Promise<boolean>): Promise<void> {
  const windowId = (await x.xdotool('search', '--sync', '--onlyvisible', '--class', 'chromium')).trim().split('\n')[0]!;
  await x.xdotool('windowfocus', '--sync', windowId);
  // Focus starts in the page, so the first F6 goes to the location bar.
  await page.focus('body');
  const panes = 8;
  for (let press = 1; press <= panes; press++) {
    await x.xdotool('key', 'F6', 'space');
    // A press that reached another pane changes nothing: then the detach does not come, and F6 moves on.
    const done = await waitUntil(detached, () => 'not yet', { timeoutMs: 1500 }).catch(() => false);
    if (done) return;
  }
  throw new Error(
    `Cancel on Chrome's debugging bar was not reached in ${panes} F6 presses (screenshot: xwd -root -display ${x.display} | convert xwd:- x.png)`,
  );
}
