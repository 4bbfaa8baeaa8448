/**
 * 100,000 events imported from a file (the file picker, as a user would) load, filter and scroll in
 * the table and the timeline, rendering only what is in view; the import is marked by its file and
 * removable. Counts and rendered rows are asserted, never time. Debugger engine: no debugging port.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { exportRecords } from '../../extension/codecs/index.ts';
import type { SyncRecord } from '../../extension/model.ts';
import {
  clickButton,
  openPanel,
  startScenario,
  type Scenario,
  openTimeline,
  shownEventCount,
} from './support/index.ts';

const TOTAL = 100_000;
const TAGS = 500;
const FILE = 'bulk-day.json';

/** A busy day: every tag registered, dispatched, failed once, then completed, over and over. */
function bulkRecords(origin: string): SyncRecord[] {
  const start = Date.now() - 24 * 3600 * 1000;
  const shapes = [
    { kind: 'registered', eventName: 'Registered sync', metadata: [] },
    { kind: 'dispatched', eventName: 'Dispatched sync event', metadata: [{ key: 'Last Chance', value: 'No' }] },
    { kind: 'failed', eventName: 'sync event failed', metadata: [{ key: 'Next Attempt Delay (ms)', value: '300000' }] },
    { kind: 'completed', eventName: 'Sync completed', metadata: [{ key: 'Status', value: 'succeeded' }] },
  ] as const;
  return Array.from({ length: TOTAL }, (_, i) => {
    const shape = shapes[Math.floor(i / TAGS) % shapes.length]!;
    return {
      id: `bulk-${i}`,
      time: start + i * 800,
      origin,
      registrationId: '1',
      service: 'backgroundSync',
      kind: shape.kind,
      eventName: shape.eventName,
      tag: `bulk-${i % TAGS}`,
      metadata: [...shape.metadata],
      source: 'protocol',
    } satisfies SyncRecord;
  });
}

/** Empties the tag filter with an input event, as typing does. */
async function clearTagFilter(panel: Page): Promise<void> {
  await panel.$eval('input[aria-label="Tag filter"]', (input) => {
    (input as HTMLInputElement).value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('100,000 imported events', () => {
  let s: Scenario;
  let panel: Page;
  let folder: string;

  before(async () => {
    s = await startScenario({ protocol: false });
    panel = await openPanel(s);
    folder = await mkdtemp(join(tmpdir(), 'ui-bulk-'));
    const origin = new URL(s.demo.url).origin + '/';
    const file = exportRecords(bulkRecords(origin), 'json', { origin, now: Date.now(), filtered: false });
    await writeFile(join(folder, FILE), file.text);
  });
  after(async () => {
    await s?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('imports through the file picker, marked by their file', async () => {
    const input = await panel.$('input[type="file"][aria-label="Import file"]');
    await input!.uploadFile(join(folder, FILE));
    await panel.waitForFunction(
      (name, total) =>
        document.querySelector('[data-testid="import-summary"]')?.textContent ===
        `Imported ${name}: ${total} added, 0 already there.`,
      { timeout: 240_000 },
      FILE,
      TOTAL,
    );
    await panel.waitForFunction(
      (total) => document.querySelector('[data-testid="event-count"]')?.textContent === `${total} events`,
      { timeout: 120_000 },
      TOTAL,
    );
    const listed = await panel.$eval('ul[aria-label="Imported files"]', (e) => e.textContent ?? '');
    assert.match(listed, new RegExp(`${FILE}.*100000 events`));
  });

  it('the table renders a window of rows and scrolls to any of them', async () => {
    const grid = '[role="grid"][aria-label="Sync events"]';
    assert.equal(await panel.$eval(grid, (e) => e.getAttribute('aria-rowcount')), String(TOTAL + 1));
    const rendered = await panel.$$eval(`${grid} [role="row"]:not(.grid-head)`, (rows) => rows.length);
    assert.ok(rendered > 5 && rendered < 120, `${rendered} rows rendered`);
    await panel.$eval(`${grid} .virtual`, (e) => (e.scrollTop = 50_000 * 22));
    await panel.waitForSelector(`${grid} [role="row"][aria-rowindex="50002"]`);
    await panel.$eval(`${grid} .virtual`, (e) => (e.scrollTop = 0));
    await panel.waitForSelector(`${grid} [role="row"][aria-rowindex="2"]`);
    const first = await panel.$eval(`${grid} [role="row"][aria-rowindex="2"]`, (e) => e.textContent ?? '');
    assert.match(first, /\[bulk-day\.json\]/, 'an imported row names its file');
  });

  it('the timeline has a lane per tag, renders only the lanes in view, and scrolls to the last', async () => {
    await openTimeline(panel);
    const grid = '[role="grid"][aria-label="Timeline"]';
    await panel.waitForFunction(
      (sel, n) => document.querySelector(sel)?.getAttribute('aria-rowcount') === String(n),
      {},
      grid,
      TAGS,
    );
    const lanes = await panel.$$eval(`${grid} [role="row"]`, (rows) => rows.length);
    assert.ok(lanes > 3 && lanes < 60, `${lanes} lanes rendered`);
    const markers = await panel.$$eval(`${grid} g[data-kind]`, (els) => els.length);
    assert.ok(markers > 0 && markers < 20_000, `${markers} markers drawn`);
    await panel.$eval(grid, (e) => (e.scrollTop = e.scrollHeight));
    await panel.waitForSelector(`${grid} [role="row"][aria-rowindex="${TAGS}"]`);
  });

  it('filters the 100,000 by tag, in the timeline and the table', async () => {
    await panel.locator('::-p-aria(Tag filter)').fill('bulk-7');
    // bulk-7 and bulk-70 … bulk-79: 11 tags of 200 events each.
    await panel.waitForFunction(
      () => document.querySelector('[data-testid="event-count"]')?.textContent === '2200 events',
      { timeout: 60_000 },
    );
    await panel.waitForFunction(
      () => document.querySelector('[role="grid"][aria-label="Timeline"]')?.getAttribute('aria-rowcount') === '11',
    );
    assert.equal(await shownEventCount(panel), 2200);
    await panel.locator('::-p-aria(Tag filter)').fill('');
  });

  it('a panel opened on them paints the newest first, says the older are loading, then holds all', async () => {
    // The new panel opens as this one was left (stored): in the table, no filter.
    await panel.click('#tab-table');
    await clearTagFilter(panel);
    await panel.waitForFunction(async () => {
      const stored = (await chrome.storage.local.get('panelView')).panelView as
        { logView?: string; filters?: { tag?: string } } | undefined;
      return stored?.logView === 'table' && stored.filters?.tag === '';
    });
    const second = await s.launched.browser.newPage();
    // Whatever the panel showed while the older records arrived (a script, not a function: tsx would name it).
    await second.evaluateOnNewDocument(`
      window.__whileLoading = [];
      new MutationObserver(() => {
        const status = document.querySelector('[data-testid="older-loading"]');
        if (!status) return;
        const exportButton = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Export');
        window.__whileLoading.push({
          status: status.textContent,
          count: document.querySelector('[data-testid="event-count"]')?.textContent,
          rows: document.querySelectorAll('[data-record-id]').length,
          exportDisabled: exportButton?.disabled ?? null,
        });
      }).observe(document, { childList: true, subtree: true, characterData: true });
    `);
    try {
      await openUntilAllHeld(second, `chrome-extension://${s.launched.extensionId}/panel.html?tabId=${s.tabId}`);
      const seen = (await second.evaluate('window.__whileLoading')) as Array<{
        status: string;
        count: string;
        rows: number;
        exportDisabled: boolean | null;
      }>;
      assert.ok(seen.length > 0, 'the panel said it was loading older events');
      assert.match(seen[0]!.status, new RegExp(`^Loading older events… 500 of ${TOTAL}`));
      assert.ok(
        seen.some((m) => m.rows > 0),
        'rows were shown while the older records arrived',
      );
      for (const m of seen) {
        assert.equal(m.count, `${TOTAL} events in the log`);
        assert.notEqual(m.exportDisabled, false, 'export waits for the whole log');
      }
      assert.equal(await second.$('[data-testid="older-loading"]'), null);
      // The table followed the bottom: the newest record is in view, all 100,000 are rows.
      const grid = '[role="grid"][aria-label="Sync events"]';
      await second.waitForSelector(`${grid} [role="row"][aria-rowindex="${TOTAL + 1}"]`);
      assert.equal(await second.$eval(grid, (e) => e.getAttribute('aria-rowcount')), String(TOTAL + 1));
      assert.equal(
        await second.$eval('select[aria-label="Events to export"] option[value="all"]', (e) => e.textContent),
        `Everything (${TOTAL})`,
      );
      assert.equal(await second.$eval('::-p-text(Export)', (e) => (e as HTMLButtonElement).disabled), false);
      await second.locator('::-p-aria(Tag filter)').fill('bulk-7');
      await second.waitForFunction(
        () => document.querySelector('[data-testid="event-count"]')?.textContent === '2200 events',
        { timeout: 60_000 },
      );
      await clearTagFilter(second);
      await second.waitForFunction(
        (total) => document.querySelector('[data-testid="event-count"]')?.textContent === `${total} events`,
        { timeout: 60_000 },
        TOTAL,
      );
    } finally {
      await second.close();
    }
  });

  it('scrolled up while the older records load, the rows in view stay where they were', async () => {
    const second = await s.launched.browser.newPage();
    // The first moment older events are loading and the newest 500 are rows, scroll to the 400th of
    // them, 5 px into it; from then on, while loading, note where that row is (a script: tsx would name a function).
    await second.evaluateOnNewDocument(`
      window.__scrolled = null;
      window.__placeWhileLoading = null;
      const anchorId = 'bulk-${TOTAL - 100}';
      new MutationObserver(() => {
        if (!document.querySelector('[data-testid="older-loading"]')) return;
        const table = document.querySelector('[role="grid"][aria-label="Sync events"] .virtual');
        if (!table || !table.querySelector('[data-record-id]')) return;
        if (!window.__scrolled) {
          table.scrollTop = 400 * 22 + 5;
          window.__scrolled = { scrollTop: table.scrollTop };
          return;
        }
        const row = table.querySelector('[data-record-id="' + anchorId + '"]');
        if (row) window.__placeWhileLoading = row.getBoundingClientRect().top - table.getBoundingClientRect().top;
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    `);
    try {
      await openUntilAllHeld(second, `chrome-extension://${s.launched.extensionId}/panel.html?tabId=${s.tabId}`);
      const scrolled = (await second.evaluate('window.__scrolled')) as { scrollTop: number } | null;
      assert.equal(scrolled?.scrollTop, 400 * 22 + 5, 'the table was scrolled while older events loaded');
      const before = (await second.evaluate('window.__placeWhileLoading')) as number | null;
      assert.equal(before, -5, 'the row was in view, 5 px scrolled past, while loading');
      const anchorId = `bulk-${TOTAL - 100}`;
      const after = await second.$eval(
        '[role="grid"][aria-label="Sync events"] .virtual',
        (table, id) => {
          const row = table.querySelector(`[data-record-id="${id}"]`);
          return {
            place: row ? row.getBoundingClientRect().top - table.getBoundingClientRect().top : null,
            rowIndex: row?.getAttribute('aria-rowindex') ?? null,
          };
        },
        anchorId,
      );
      assert.deepEqual(after, { place: before, rowIndex: String(TOTAL - 100 + 2) });
    } finally {
      await second.close();
    }
  });

  it('removes the import again', async () => {
    await clickButton(panel, `Remove import ${FILE}`);
    await panel.waitForFunction(
      () => document.querySelector('[data-testid="event-count"]')?.textContent === '0 events',
      { timeout: 120_000 },
    );
    assert.equal(await panel.$('ul[aria-label="Imported files"]'), null);
  });
});

/** Opens the panel page and waits until it holds every record: the older ones loaded, the count the total. */
async function openUntilAllHeld(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => !document.querySelector('[data-testid="older-loading"]'), { timeout: 120_000 });
  await page.waitForFunction(
    (total) => document.querySelector('[data-testid="event-count"]')?.textContent === `${total} events`,
    { timeout: 60_000 },
    TOTAL,
  );
}
