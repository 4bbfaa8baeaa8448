/**
 * Measure 6, continued: what an open panel (debugger engine) costs the inspected page while it
 * works, next to a tab of the same site that was never inspected, in one browser. The page has 5
 * iframes (3 cross-site, so their own targets) and 2 dedicated workers: what the debugger's
 * auto-attach meets. Page load: navigation start -> the load event and both workers answering,
 * each tab loaded LOADS times, alternating. Then the task time of 20 sync registrations.
 */
import type { Page } from 'puppeteer-core';
import { launchWithExtension, openPanelPage, tabIdOf, writeExtensionSettings } from '../../scripts/lib/launch.ts';
import { startBenchSites } from '../lib/bench-sites.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { median } from '../lib/stats.ts';
import { pageCost } from './idle-cost.ts';

const LOADS = 5;

export interface PageCostOpen {
  loadMs: { inspected: number[]; baseline: number[] };
  taskMs: { inspected: number; baseline: number };
}

/** A load in the front tab (a background tab's timers are throttled): navigation start -> loaded, ms. */
async function loadOnce(page: Page, url: string): Promise<number> {
  await page.bringToFront();
  await page.goto(url);
  return (await page.evaluate('window.benchLoaded')) as number;
}

export async function pageCostOpenRun(): Promise<PageCostOpen> {
  const sites = await startBenchSites();
  const launched = await launchWithExtension();
  try {
    await writeExtensionSettings(launched, { port: 1 });
    const url = `${sites.origin}/frames.html`;
    const baseline = await launched.browser.newPage();
    const inspected = await launched.browser.newPage();
    await loadOnce(baseline, url);
    await loadOnce(inspected, url);
    const panel = await openPanelPage(launched, await tabIdOf(launched, inspected));
    await panel.waitForFunction(
      () => document.querySelector('[data-testid="engine"]')?.textContent === 'Debugger engine',
      { timeout: 15_000 },
    );
    const loadMs = { inspected: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < LOADS; i++) {
      // Alternating, and which goes first alternating too: drift in the machine's speed hits both.
      const order = i % 2 === 0 ? (['baseline', 'inspected'] as const) : (['inspected', 'baseline'] as const);
      for (const which of order) loadMs[which].push(await loadOnce(which === 'baseline' ? baseline : inspected, url));
    }
    const base = await pageCost(baseline, 'baseline');
    const open = await pageCost(inspected, 'inspected');
    return { loadMs, taskMs: { inspected: open.taskMs, baseline: base.taskMs } };
  } finally {
    await launched.close();
    await sites.close();
  }
}

export async function measurePageCostOpen(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const results: PageCostOpen[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await pageCostOpenRun();
    log(`  6: panel open, run ${i + 1}: ${JSON.stringify(r)}`);
    results.push(r);
  }
  const load = (r: PageCostOpen, which: 'inspected' | 'baseline') => median(r.loadMs[which]);
  return [
    figure(
      6,
      'debugger engine, panel open: page load, 5 iframes + 2 workers (never-inspected tab)',
      'ms',
      results.map((r) => load(r, 'baseline')),
      undefined,
      `median of ${LOADS} loads a run`,
    ),
    figure(
      6,
      'debugger engine, panel open: page load, 5 iframes + 2 workers (inspected tab)',
      'ms',
      results.map((r) => load(r, 'inspected')),
    ),
    figure(
      6,
      'debugger engine, panel open: page load, inspected minus never-inspected',
      'ms',
      results.map((r) => load(r, 'inspected') - load(r, 'baseline')),
    ),
    figure(
      6,
      'debugger engine, panel open: page task time for 20 sync registrations, inspected minus never-inspected',
      'ms',
      results.map((r) => r.taskMs.inspected - r.taskMs.baseline),
      undefined,
      `never-inspected ${results.map((r) => r.taskMs.baseline.toFixed(1)).join(', ')} ms`,
    ),
  ];
}
