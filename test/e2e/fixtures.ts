/**
 * End-to-end fixtures: the demo PWA on localhost, Chromium with the built extension, the panel.
 * Waits are on conditions the user would see, never on time.
 */
import type { Frame, Page } from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import {
  launchWithExtension,
  openPanelPage,
  syncPolicyFlags,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
  setMode(mode: 'ok' | 'fail'): void;
  state: {
    mode: string;
    messages: Array<Record<string, unknown>>;
    syncLog: Array<{ tag: string; lastChance: boolean; periodic: boolean; outcome: string; time: number; error?: string }>;
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
  args?: string[];
}

export async function startScenario(options: ScenarioOptions): Promise<Scenario> {
  const demo = (await startDemoServer()) as DemoServer;
  const launched = await launchWithExtension({
    ...(options.protocol ? { debuggingPort: 0 } : {}),
    args: [...syncPolicyFlags({ retryDelaySec: options.retryDelaySec ?? 600 }), ...(options.args ?? [])],
  });
  // Without the protocol engine, point the extension at a port nothing listens on, so a Chrome
  // a developer runs on 9222 meanwhile cannot be reached by accident.
  await writeExtensionSettings(launched, { port: options.protocol ? launched.debuggingPort : 1 });
  const page = await launched.browser.newPage();
  await page.goto(demo.url);
  await page.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true));
  const tabId = await tabIdOf(launched, page);
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
  return page.evaluate((s) => (window as unknown as DemoWindow).demo.send({ to: 'ada@example.com', subject: s, body: 'hello' }), subject);
}

export async function openPanel(scenario: Scenario): Promise<Page> {
  const panel = await openPanelPage(scenario.launched, scenario.tabId);
  await waitForEngine(panel, scenario.launched.debuggingPort ? 'Protocol engine' : 'Debugger engine');
  return panel;
}

type Surface = Page | Frame;

export async function waitForEngine(panel: Surface, label: string): Promise<void> {
  await panel.waitForFunction(
    (l) => document.querySelector('[data-testid="engine"]')?.textContent === l,
    { timeout: 15_000 },
    label,
  );
}

/** The tag names the registrations view lists now. */
export function listedTags(panel: Surface): Promise<string[]> {
  return panel.$$eval('[data-testid="tag-name"]', (els) => els.map((e) => e.textContent ?? ''));
}

export async function waitForTagListed(panel: Surface, tag: string, listed = true): Promise<void> {
  await panel.waitForFunction(
    (t, want) => [...document.querySelectorAll('[data-testid="tag-name"]')].some((e) => e.textContent === t) === want,
    { timeout: 15_000 },
    tag,
    listed,
  );
}

export interface LogRow {
  time: string;
  origin: string;
  event: string;
  tag: string;
  details: string;
}

/** The log rows rendered now (the virtual list renders what is in view: keep tests' logs short). */
export function logRows(panel: Surface): Promise<LogRow[]> {
  return panel.$$eval('[role="grid"][aria-label="Sync events"] [role="row"]:not(.grid-head)', (rows) =>
    rows.map((row) => {
      const [time, origin, event, tag, details] = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '');
      return { time: time!, origin: origin!, event: event!, tag: tag!, details: details! };
    }),
  );
}

/** Waits until the log shows a row for the tag whose event name matches (case-insensitive). */
export async function waitForLogRow(panel: Surface, tag: string, event: RegExp, detail?: RegExp): Promise<void> {
  await panel.waitForFunction(
    (t, eventSource, detailSource) =>
      [...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="row"]')].some((row) => {
        const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '');
        return (
          cells[3] === t &&
          new RegExp(eventSource, 'i').test(cells[2] ?? '') &&
          (detailSource === null || new RegExp(detailSource, 'i').test(cells[4] ?? ''))
        );
      }),
    { timeout: 15_000 },
    tag,
    event.source,
    detail ? detail.source : null,
  );
}

/** Waits until the demo server's sync log has an entry matching. */
export async function waitForSyncLog(
  demo: DemoServer,
  match: (entry: DemoServer['state']['syncLog'][number]) => boolean,
  timeoutMs = 15_000,
): Promise<DemoServer['state']['syncLog'][number]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = demo.state.syncLog.find(match);
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`no matching sync-log entry; have ${JSON.stringify(demo.state.syncLog)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Clicks the button with this accessible name. */
export async function clickButton(panel: Surface, name: string): Promise<void> {
  await panel.locator(`::-p-aria(${name}[role="button"])`).click();
}
