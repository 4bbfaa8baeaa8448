/**
 * The timeline lives in the extension (IndexedDB): it survives the panel closing, the extension's
 * service worker restarting and the browser restarting with the same profile. Records imported from
 * a file are not in Chrome's log, and the second browser runs without the debugging port (the
 * debugger engine never reads Chrome's log): what the panel shows then can only come from our store.
 * Imports are driven through the background's importRecords command from the panel page (the same
 * message the panel's Import control sends).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import {
  launchWithExtension,
  openPanelPage,
  syncPolicyFlags,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';
import {
  registerTag,
  waitForEngine,
  waitForLogRow,
  type DemoServer,
  type DemoWindow,
  backgroundCommand,
  makeRecords,
  storedRecords,
  waitForStored,
} from './support/index.ts';

describe('the timeline persists', () => {
  let demo: DemoServer;
  let userDataDir: string;
  let launched: Launched | undefined;
  let page: Page;
  let tabId: number;
  let panel: Page;
  let origin: string;

  async function launch(protocol: boolean): Promise<void> {
    launched = await launchWithExtension({
      userDataDir,
      ...(protocol ? { debuggingPort: 0 } : {}),
      args: syncPolicyFlags({ retryDelaySec: 600 }),
    });
    await writeExtensionSettings(launched, { port: protocol ? launched.debuggingPort : 1 });
    page = await launched.browser.newPage();
    await page.goto(demo.url);
    await page.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true));
    tabId = await tabIdOf(launched, page);
  }

  async function openPanel(engine: string): Promise<Page> {
    const opened = await openPanelPage(launched!, tabId);
    await waitForEngine(opened, engine);
    return opened;
  }

  before(async () => {
    demo = (await startDemoServer()) as DemoServer;
    origin = demo.url;
    userDataDir = await mkdtemp(join(tmpdir(), 'sync-inspector-persist-'));
    await launch(true);
    panel = await openPanel('Protocol engine');
  });

  after(async () => {
    await launched?.close();
    await demo?.close();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('stores what it observes and what is imported', async () => {
    await registerTag(page, 'persist-me');
    await waitForLogRow(panel, 'persist-me', /^Sync completed$/, /status succeeded/);
    const result = await backgroundCommand(panel, tabId, 'importRecords', {
      fileName: 'notes.json',
      records: makeRecords(origin, 'imported-only', 1),
    });
    assert.deepEqual(result, { added: 1, duplicates: 0 });
    await waitForLogRow(panel, 'imported-only-0', /^Registered sync$/);
    await waitForStored(panel, 'persist-me', /^Sync completed$/);
    const stored = await storedRecords(panel);
    assert.equal(stored.find((r) => r.tag === 'imported-only-0')?.sourceFile, 'notes.json');
  });

  it('survives the panel closing and opening again', async () => {
    await panel.close();
    panel = await openPanel('Protocol engine');
    await waitForLogRow(panel, 'imported-only-0', /^Registered sync$/);
    await waitForLogRow(panel, 'persist-me', /^Sync completed$/);
  });

  it("survives the extension's service worker restarting", async () => {
    await panel.close();
    await (await launched!.extensionWorker()).close();
    // A new panel wakes a new worker, which loads the timeline before it answers.
    panel = await openPanel('Protocol engine');
    await waitForLogRow(panel, 'imported-only-0', /^Registered sync$/);
    await waitForLogRow(panel, 'persist-me', /^Sync completed$/);
  });

  it('survives the browser restarting with the same profile (without the debugging port)', async () => {
    await launched!.close();
    launched = undefined;
    await launch(false);
    panel = await openPanel('Debugger engine');
    await waitForLogRow(panel, 'persist-me', /^Registered sync$/);
    await waitForLogRow(panel, 'persist-me', /^Sync completed$/, /status succeeded/);
    await waitForLogRow(panel, 'imported-only-0', /^Registered sync$/);
  });

  it('removes an imported file again, and the removal persists', async () => {
    assert.deepEqual(await backgroundCommand(panel, tabId, 'removeImport', { fileName: 'notes.json' }), { removed: 1 });
    await panel.waitForFunction(
      () =>
        ![...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="gridcell"]')].some(
          (c) => c.textContent === 'imported-only-0',
        ),
      { timeout: 15_000 },
    );
    const stored = await storedRecords(panel);
    assert.equal(
      stored.some((r) => r.sourceFile === 'notes.json'),
      false,
    );
    assert.ok(stored.some((r) => r.tag === 'persist-me'));
  });
});
