/**
 * One browser for one bench run: Chromium with the built extension, the demo PWA as the inspected
 * tab, and the panel opened as a page for that tab.
 */
import type { Page } from 'puppeteer-core';
import { startDemoServer, type DemoServerHandle } from '../../demo/server.mjs';
import {
  launchWithExtension,
  openPanelPage,
  syncPolicyFlags,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
  type LaunchOptions,
} from '../../scripts/lib/launch.ts';

export interface BenchBrowser {
  demo: DemoServerHandle;
  launched: Launched;
  inspected: Page;
  tabId: number;
  close(): Promise<void>;
}

export async function startBenchBrowser(
  options: { launch?: LaunchOptions; port?: (launched: Launched) => number } = {},
): Promise<BenchBrowser> {
  const demo = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({ args: syncPolicyFlags({ retryDelaySec: 600 }), ...options.launch });
  // A port nothing listens on unless told otherwise: a developer's Chrome on 9222 is never reached.
  await writeExtensionSettings(launched, { port: options.port?.(launched) ?? 1 });
  const inspected = await launched.browser.newPage();
  await inspected.goto(demo.url);
  await inspected.evaluate(() =>
    (window as unknown as { demo: { ready: Promise<unknown> } }).demo.ready.then(() => true),
  );
  const tabId = await tabIdOf(launched, inspected);
  return {
    demo,
    launched,
    inspected,
    tabId,
    async close() {
      await launched.close();
      await demo.close();
    },
  };
}

/** Opens the panel for the inspected tab, sized so a burst of rows fits in view, and waits for its engine. */
export async function openBenchPanel(
  b: BenchBrowser,
  engineLabel: 'Protocol engine' | 'Debugger engine',
): Promise<Page> {
  const panel = await openPanelPage(b.launched, b.tabId);
  await panel.setViewport({ width: 1280, height: 1600 });
  await panel.bringToFront();
  await panel.waitForFunction(
    (l) => document.querySelector('[data-testid="engine"]')?.textContent === l,
    { timeout: 15_000 },
    engineLabel,
  );
  return panel;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
