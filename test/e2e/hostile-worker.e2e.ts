/**
 * A service worker that abuses waitUntil (a non-promise, no argument, rejections that are no Error,
 * calls from a later task and after the event, its own wrapper over ExtendableEvent.prototype.waitUntil,
 * a listener that throws) must see exactly the same with Sync Inspector's instrumentation as without:
 * the wrappers call the original first and never throw into the worker or change what it returns.
 * The same fixture runs twice in one Chromium, on two origins: once with no panel, once inspected
 * (the panel open before the worker starts, so our instrumentation is installed before its script).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startHostileWorkerApp, type HostileWorkerApp } from '../fixtures/hostile-worker/server.ts';
import {
  launchWithExtension,
  openPanelPage,
  syncPolicyFlags,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';
import { logRows, waitForEngine, waitForLogRow, waitUntil } from './support/index.ts';

interface HostileWindow {
  hostile: { start(): Promise<string>; sync(tag: string): Promise<void> };
}

describe('a hostile service worker and our waitUntil wrapper', () => {
  let launched: Launched;
  let plain: HostileWorkerApp;
  let inspected: HostileWorkerApp;
  let panel: Page;

  before(async () => {
    [plain, inspected] = await Promise.all([startHostileWorkerApp(), startHostileWorkerApp()]);
    // A failed sync waits 10 minutes before Chrome retries: each worker reports exactly once.
    launched = await launchWithExtension({ args: syncPolicyFlags({ retryDelaySec: 600 }) });
    // Port 1: nothing listens, so the debugger engine (the one that instruments) serves the tab.
    await writeExtensionSettings(launched, { port: 1 });
  });
  after(async () => {
    await launched?.close();
    await Promise.all([plain?.close(), inspected?.close()]);
  });

  async function run(app: HostileWorkerApp, withPanel: boolean): Promise<unknown[]> {
    const page = await launched.browser.newPage();
    await page.goto(app.url);
    if (withPanel) {
      panel = await openPanelPage(launched, await tabIdOf(launched, page));
      await waitForEngine(panel, 'Debugger engine');
    }
    await page.evaluate(() => (window as unknown as HostileWindow).hostile.start());
    await page.evaluate(() => (window as unknown as HostileWindow).hostile.sync('hostile'));
    const [report] = await waitUntil(
      () => app.observed.length > 0 && app.observed,
      () => `the worker of ${app.url} never reported what it saw`,
    );
    return report!;
  }

  it('the worker sees exactly the same with the instrumentation as without', async () => {
    const without = await run(plain, false);
    const withUs = await run(inspected, true);
    assert.deepEqual(withUs, without);
    // And the record says what a worker doing all that should see (so equal is not equally empty).
    const byWhat = new Map((without as Array<{ what: string }>).map((o) => [o.what, o]));
    assert.deepEqual(byWhat.get('waitUntil at start'), {
      what: 'waitUntil at start',
      type: 'function',
      name: 'waitUntil',
      length: 1,
      writable: true,
      enumerable: true,
      configurable: true,
      hasPrototype: false,
      construct: {
        threw: '[object Error]',
        name: 'TypeError',
        message: 'original is not a constructor',
        domException: false,
      },
    });
    assert.deepEqual(byWhat.get('waitUntil(42)'), { what: 'waitUntil(42)', returned: 'undefined' });
    assert.equal((byWhat.get('waitUntil()') as { name?: string }).name, 'TypeError');
    assert.equal((byWhat.get('waitUntil on a plain object') as { name?: string }).name, 'TypeError');
    assert.deepEqual(byWhat.get('waitUntil while pending, from a task'), {
      what: 'waitUntil while pending, from a task',
      returned: 'undefined',
    });
    assert.deepEqual(byWhat.get('waitUntil after the event'), {
      what: 'waitUntil after the event',
      threw: '[object DOMException]',
      name: 'InvalidStateError',
      message:
        "Failed to execute 'waitUntil' on 'ExtendableEvent': The event handler is already finished and no extend lifetime promises are outstanding.",
      domException: true,
    });
    assert.equal((byWhat.get('error event') as { message?: string }).message, 'Uncaught thrown by a listener');
    assert.deepEqual(byWhat.get('wrapper calls'), { what: 'wrapper calls', count: 9 });
  });

  it('our timeline still records the dispatch and its outcome, with the reason as plain text', async () => {
    await waitForLogRow(panel, 'hostile', /^Dispatched sync event$/);
    // The throwing listener decides the outcome; the rejections that are no Error did not break the report.
    await waitForLogRow(panel, 'hostile', /^sync event failed$/, /reason thrown by a listener · took \d+ ms/);
    const rows = (await logRows(panel)).filter((r) => r.tag === 'hostile');
    assert.ok(
      rows.every((r) => /instrumented/.test(r.source)),
      `rows: ${JSON.stringify(rows)}`,
    );
  });
});
