/**
 * An end-to-end scenario: the demo PWA on localhost, Chromium with the built extension, the panel.
 * Waits are on conditions the user would see, never on time (wait.ts).
 */
import type { Page } from 'puppeteer-core';
import { startDemoServer } from '../../../demo/server.mjs';
import {
  launchWithExtension,
  openPanelPage,
  syncPolicyFlags,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../../scripts/lib/launch.ts';
import { waitForEngine } from '../../../scripts/lib/panel-driver.ts';
import { waitUntil } from './wait.ts';

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
  setMode(mode: 'ok' | 'fail'): void;
  state: {
    mode: string;
    messages: Array<Record<string, unknown>>;
    syncLog: Array<{
      tag: string;
      lastChance: boolean;
      periodic: boolean;
      outcome: string;
      time: number;
      error?: string;
    }>;
  };
}

export interface Scenario {
  demo: DemoServer;
  launched: Launched;
  /** The demo PWA, its worker active. */
  page: Page;
  tabId: number;
  close(): Promise<void>;
}

export interface ScenarioOptions {
  /** Open Chrome's debugging port and point the extension at it (the protocol engine). */
  protocol: boolean;
  /** Chrome's first retry delay; long keeps a failed tag pending in back-off. */
  retryDelaySec?: number;
  /** Chrome's minimum periodic-sync interval (periodic syncs fire every ~2x this), when given. */
  periodicIntervalSec?: number;
  args?: string[];
}

/**
 * Chromium with the extension, a tab on `url` once `ready` says the app is up, and that tab's id.
 * Without the protocol engine the extension is pointed at a port nothing listens on, so a Chrome a
 * developer runs on 9222 meanwhile cannot be reached by accident.
 */
export async function launchOnApp(
  url: string,
  options: ScenarioOptions,
  ready: (page: Page) => Promise<unknown>,
): Promise<{ launched: Launched; page: Page; tabId: number }> {
  const launched = await launchWithExtension({
    ...(options.protocol ? { debuggingPort: 0 } : {}),
    args: [
      ...syncPolicyFlags({
        retryDelaySec: options.retryDelaySec ?? 600,
        ...(options.periodicIntervalSec ? { periodicIntervalSec: options.periodicIntervalSec } : {}),
      }),
      ...(options.args ?? []),
    ],
  });
  await writeExtensionSettings(launched, { port: options.protocol ? launched.debuggingPort : 1 });
  const page = await launched.browser.newPage();
  await page.goto(url);
  await ready(page);
  return { launched, page, tabId: await tabIdOf(launched, page) };
}

export async function startScenario(options: ScenarioOptions): Promise<Scenario> {
  const demo = (await startDemoServer()) as DemoServer;
  const { launched, page, tabId } = await launchOnApp(demo.url, options, (p) =>
    p.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true)),
  );
  return {
    demo,
    launched,
    page,
    tabId,
    async close() {
      await launched.close();
      await demo.close();
    },
  };
}

export interface DemoWindow {
  demo: {
    ready: Promise<unknown>;
    send(message: { to: string; subject: string; body: string }): Promise<unknown>;
    registerTag(tag: string): Promise<void>;
    registerPeriodic(tag: string, minInterval: number): Promise<void>;
    getTags(): Promise<{ sync: string[]; periodic: string[] }>;
    outbox(): Promise<unknown[]>;
    setMode(mode: 'ok' | 'fail'): Promise<void>;
  };
}

/** Registers a one-shot tag from the demo page (as the app would). */
export function registerTag(page: Page, tag: string): Promise<void> {
  return page.evaluate((t) => (window as unknown as DemoWindow).demo.registerTag(t), tag);
}

export function sendMessage(page: Page, subject: string): Promise<unknown> {
  return page.evaluate(
    (s) => (window as unknown as DemoWindow).demo.send({ to: 'ada@example.com', subject: s, body: 'hello' }),
    subject,
  );
}

export async function openPanel(scenario: Scenario): Promise<Page> {
  const panel = await openPanelPage(scenario.launched, scenario.tabId);
  await waitForEngine(panel, scenario.launched.debuggingPort ? 'Protocol engine' : 'Debugger engine');
  return panel;
}

/** Waits until the demo server's sync log has an entry matching. */
export async function waitForSyncLog(
  demo: DemoServer,
  match: (entry: DemoServer['state']['syncLog'][number]) => boolean,
  timeoutMs = 15_000,
): Promise<DemoServer['state']['syncLog'][number]> {
  return waitUntil(
    () => demo.state.syncLog.find(match),
    () => `no matching sync-log entry; have ${JSON.stringify(demo.state.syncLog)}`,
    { timeoutMs },
  );
}
