/**
 * The Workbox test app (test/fixtures/workbox-app) in Chromium with the extension, and what the
 * tests ask of the panel about it: its queues, the requests and console lines of a dispatch.
 */
import type { Page } from 'puppeteer-core';
import { startWorkboxApp, type WorkboxApp } from '../../fixtures/workbox-app/server.ts';
import { openPanelPage, type Launched } from '../../../scripts/lib/launch.ts';
import { waitForEngine, type Surface } from '../../../scripts/lib/panel-driver.ts';
import { launchOnApp } from './scenario.ts';

export const QUEUE_TAG = 'workbox-background-sync:outbox';

export interface WorkboxScenario {
  app: WorkboxApp;
  launched: Launched;
  page: Page;
  tabId: number;
  openPanel(): Promise<Page>;
  close(): Promise<void>;
}

interface AppWindow {
  app: {
    ready: Promise<unknown>;
    send(subject: string, body?: string): Promise<number>;
    putRawEntry(entry: unknown): Promise<void>;
    makeForeignDatabase(): Promise<void>;
    getTags(): Promise<string[]>;
  };
}

export async function startWorkboxScenario(options: { protocol: boolean }): Promise<WorkboxScenario> {
  const app = await startWorkboxApp();
  // A failed attempt waits 10 minutes: the queued request stays listed until the test fires.
  const { launched, page, tabId } = await launchOnApp(app.url, { ...options, retryDelaySec: 600 }, (p) =>
    p.evaluate(() => (window as unknown as AppWindow).app.ready.then(() => true)),
  );
  return {
    app,
    launched,
    page,
    tabId,
    async openPanel() {
      const panel = await openPanelPage(launched, tabId);
      await waitForEngine(panel, options.protocol ? 'Protocol engine' : 'Debugger engine');
      return panel;
    },
    async close() {
      await launched.close();
      await app.close();
    },
  };
}

export function sendFromApp(page: Page, subject: string, body = ''): Promise<number> {
  return page.evaluate((s, b) => (window as unknown as AppWindow).app.send(s, b), subject, body);
}

export function putRawEntry(page: Page, entry: unknown): Promise<void> {
  return page.evaluate((e) => (window as unknown as AppWindow).app.putRawEntry(e), entry as never);
}

export function appTags(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as AppWindow).app.getTags());
}

export interface ListedEntry {
  method: string;
  url: string;
  bodySize: string;
}

/** The entries the panel lists under a queue now. */
export function queueEntries(panel: Surface, queue: string): Promise<ListedEntry[]> {
  return panel.$$eval(`[role="group"][aria-label="Queue ${queue}"] [data-testid="queue-entry"]`, (rows) =>
    rows.map((row) => ({
      method: row.querySelector('[data-testid="queue-method"]')?.textContent ?? '',
      url: row.querySelector('[data-testid="queue-url"]')?.textContent ?? '',
      bodySize: row.querySelector('[data-testid="queue-body-size"]')?.textContent ?? '',
    })),
  );
}

/** Waits until the queue lists exactly `count` entries (0: the queue says it is empty). */
export async function waitForQueueCount(panel: Surface, queue: string, count: number): Promise<void> {
  await panel.waitForFunction(
    (q, n) => {
      const group = document.querySelector(`[role="group"][aria-label="Queue ${q}"]`);
      if (!group) return false;
      const rows = group.querySelectorAll('[data-testid="queue-entry"]').length;
      return n === 0 ? rows === 0 && group.querySelector('[data-testid="queue-empty"]') !== null : rows === n;
    },
    { timeout: 15_000 },
    queue,
    count,
  );
}

/** Clicks the log row of this tag and event whose details match, and waits for its details. */
export async function selectRow(panel: Surface, tag: string, event: RegExp, details: RegExp): Promise<void> {
  // The newest matching row (the table lists by time).
  const handle = await panel.waitForFunction(
    (t, ev, d) =>
      [...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="row"]')]
        .filter((row) => {
          const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '');
          return cells[3] === t && new RegExp(ev, 'i').test(cells[2] ?? '') && new RegExp(d).test(cells[4] ?? '');
        })
        .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1))[0],
    { timeout: 15_000 },
    tag,
    event.source,
    details.source,
  );
  await (handle as unknown as { click(): Promise<void> }).click();
  await panel.waitForFunction(() => document.querySelector('section[aria-label="Event details"]'));
}

export interface ShownRequest {
  method: string;
  url: string;
  outcome: string;
  faked: string;
}

/** The requests the selected event's details show. */
export function shownRequests(panel: Surface): Promise<ShownRequest[]> {
  return panel.$$eval('section[aria-label="Event details"] [data-testid="sync-request"]', (rows) =>
    rows.map((row) => ({
      method: row.querySelector('[data-testid="request-method"]')?.textContent ?? '',
      url: row.querySelector('[data-testid="request-url"]')?.textContent ?? '',
      outcome: row.querySelector('[data-testid="request-outcome"]')?.textContent ?? '',
      faked: row.querySelector('[data-testid="request-faked"]')?.textContent ?? '',
    })),
  );
}

export function shownConsole(panel: Surface): Promise<string[]> {
  return panel.$$eval('section[aria-label="Event details"] [data-testid="console-text"]', (els) =>
    els.map((e) => e.textContent ?? ''),
  );
}
