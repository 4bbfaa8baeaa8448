/**
 * Measure 8, the peer side by side: the same N real events in Chrome's own BackgroundService log (a
 * page registers N/3 tags; each gives a registration, a dispatch and a completion), shown by
 * DevTools' Application > Background sync view and by our panel, in one DevTools window of one
 * browser, ours first (see peerRun). For each: showing the view -> first row painted and
 * -> all N rows there (ours: the count shows N), scroll frame work p95, JS heap after GC; ours also
 * a tag filter change. Then our figure over DevTools'.
 */
import type { CDPSession, Frame, Page } from 'puppeteer-core';
import { launchWithExtension, writeExtensionSettings } from '../../scripts/lib/launch.ts';
import { showPanelInDevTools, waitForPanelRegistered } from '../../scripts/lib/devtools-panel.ts';
import { startBenchSites } from '../lib/bench-sites.ts';
import {
  openApplicationPanel,
  scrollBackgroundSyncView,
  showBackgroundSyncView,
} from '../lib/devtools-background-sync.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { loadAverage } from '../lib/machine-load.ts';
import { filterChange, scrollFrames } from '../lib/panel-stopwatch.ts';
import { PEER_PANEL_MARKS, PEER_READ_PANEL_MARKS } from '../lib/peer-probes.ts';
import { quantile } from '../lib/stats.ts';
import { startProfiling } from '../lib/cpu-profile.ts';

/** BENCH_PEER_COUNTS=3000 runs one size only (while working on it); the report's run takes both. */
export const PEER_COUNTS = process.env.BENCH_PEER_COUNTS?.split(',').map(Number) ?? [3000, 30_000];
const EVENTS_PER_TAG = 3;
const SCROLL_STEPS = 60;
const TAG_PREFIX = 'peer-';
/** DevTools' view is given this long to show every row; past it, the rows it reached are reported. */
const VIEW_TIMEOUT_MS = 120_000;

export interface PeerRun {
  count: number;
  devtools: { firstRowMs: number; allRowsMs: number; rows: number; scrollP95: number; heapMB: number };
  ours: {
    firstRowMs: number;
    allRowsMs: number;
    filterMs: number;
    scrollP95: number;
    heapMB: number;
    workerHeapMB: number;
  };
  load: string;
}

async function heapAfterGc(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  return (await session.send('Runtime.getHeapUsage')).usedSize / 1e6;
}

/** Registers tags until Chrome's log holds `count` events of the page's origin (a trusted session observing it). */
async function fillChromeLog(page: Page, origin: string, count: number): Promise<void> {
  const session = await page.createCDPSession();
  let seen = 0;
  session.on('BackgroundService.backgroundServiceEventReceived', (e) => {
    if (e.backgroundServiceEvent.origin === origin) seen++;
  });
  await session.send('BackgroundService.setRecording', { shouldRecord: true, service: 'backgroundSync' });
  await session.send('BackgroundService.startObserving', { service: 'backgroundSync' });
  await page.evaluate(`window.registerMany(${JSON.stringify(TAG_PREFIX)}, ${count / EVENTS_PER_TAG})`);
  const deadline = Date.now() + 300_000;
  while (seen < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await session.send('BackgroundService.stopObserving', { service: 'backgroundSync' });
  await session.detach();
  if (seen !== count) throw new Error(`bench: Chrome's log holds ${seen} events of ${origin}, expected ${count}`);
}

/** How many of the events a tag filter lets through (tags peer-0 .. peer-(count/3 - 1)). */
function matching(part: string, count: number): number {
  let tags = 0;
  for (let t = 0; t < count / EVENTS_PER_TAG; t++) if (`${TAG_PREFIX}${t}`.includes(part)) tags++;
  return tags * EVENTS_PER_TAG;
}

const trace = (step: string) => {
  if (process.env.BENCH_TRACE) console.error(`  8: ${new Date().toISOString().slice(11, 23)} ${step}`);
};

async function measureDevTools(devtools: Page, count: number): Promise<PeerRun['devtools']> {
  trace('DevTools: opening the Application panel');
  await openApplicationPanel(devtools);
  const session = await devtools.createCDPSession();
  const before = await heapAfterGc(session);
  trace('DevTools: showing Background sync');
  const shown = await showBackgroundSyncView(devtools, count, VIEW_TIMEOUT_MS);
  trace(`DevTools: shown ${JSON.stringify(shown)}; scrolling`);
  // A DevTools still busy past the deadline answers nothing more: its scroll and heap are not measured.
  if (!shown.responsive) return { ...shown, scrollP95: NaN, heapMB: NaN };
  const work = await scrollBackgroundSyncView(devtools, SCROLL_STEPS);
  const after = await heapAfterGc(session);
  await session.detach();
  return {
    firstRowMs: shown.firstRowMs,
    allRowsMs: shown.allRowsMs,
    rows: shown.rows,
    scrollP95: quantile(work, 0.95),
    heapMB: after - before,
  };
}

function workerTarget(page: Page, extensionId: string) {
  const url = `chrome-extension://${extensionId}/background.js`;
  const target = page
    .browser()
    .targets()
    .find((t) => t.type() === 'service_worker' && t.url() === url);
  if (!target) throw new Error('bench: no target for the extension worker');
  return target;
}

async function panelFrameSession(page: Page): Promise<CDPSession> {
  const target = page
    .browser()
    .targets()
    .find((t) => t.url().includes('/panel.html'));
  if (!target) throw new Error('bench: no target for the panel frame');
  return target.createCDPSession();
}

async function measureOurs(
  page: Page,
  devtools: Page,
  extensionId: string,
  count: number,
  workerSession: CDPSession,
): Promise<PeerRun['ours']> {
  // Timed from a DevTools that has loaded and registered our panel, as DevTools' own view is timed
  // from its loaded Application panel: neither figure includes DevTools starting up.
  await waitForPanelRegistered(devtools, extensionId);
  trace('ours: worker heap');
  const workerBefore = await heapAfterGc(workerSession);
  trace('ours: showing the panel');
  // BENCH_PROFILE=1: where the extension worker spends the show (the replay of Chrome's log; a --dev build names functions).
  const profiling = process.env.BENCH_PROFILE ? await startProfiling(workerTarget(page, extensionId)) : undefined;
  const start = performance.timeOrigin + performance.now();
  const { panel } = await showPanelInDevTools(page, extensionId);
  await panel.evaluate(PEER_PANEL_MARKS(count));
  await panel.waitForFunction(`${PEER_READ_PANEL_MARKS}.all > 0`, { timeout: 180_000, polling: 100 });
  const marks = (await panel.evaluate(PEER_READ_PANEL_MARKS)) as { first: number; all: number; lateProbe: boolean };
  if (marks.lateProbe) throw new Error('bench: rows were already shown when the probe was installed');
  trace(`ours: shown ${JSON.stringify(marks)}; filter`);
  if (profiling)
    console.error(`  8: extension worker, show -> all rows (self time):\n${(await profiling.stop()).join('\n')}`);
  const filterMs = await filterOnce(panel, count);
  trace('ours: scrolling');
  const work = (await panel.evaluate(scrollFrames(SCROLL_STEPS))) as { work: number[] };
  const session = await panelFrameSession(page);
  const heapMB = await heapAfterGc(session);
  await session.detach();
  const workerHeapMB = (await heapAfterGc(workerSession)) - workerBefore;
  return {
    firstRowMs: marks.first - start,
    allRowsMs: marks.all - start,
    filterMs,
    scrollP95: quantile(work.work, 0.95),
    heapMB,
    workerHeapMB,
  };
}

async function filterOnce(panel: Frame, count: number): Promise<number> {
  // Docked in DevTools the panel is narrow and folds its filters behind a "Filters" button.
  await panel.evaluate(`document.querySelector('input[aria-label="Tag filter"]') ||
    document.querySelector('button[aria-controls="log-filters"]')?.click()`);
  await panel.waitForSelector('input[aria-label="Tag filter"]', { timeout: 10_000 });
  const ms = (await panel.evaluate(
    filterChange('Tag filter', `${TAG_PREFIX}7`, matching(`${TAG_PREFIX}7`, count)),
  )) as number;
  await panel.evaluate(filterChange('Tag filter', '', count));
  return ms;
}

/**
 * Ours first, then DevTools': at 30,000 events DevTools' view can keep its page busy for minutes,
 * and our panel is shown through that same page, so DevTools cannot go first.
 */
export async function peerRun(count: number): Promise<PeerRun> {
  const sites = await startBenchSites();
  const launched = await launchWithExtension({ debuggingPort: 0 });
  try {
    await writeExtensionSettings(launched, { port: launched.debuggingPort! });
    const page = await launched.browser.newPage();
    await page.goto(`${sites.origin}/peer.html`);
    await page.evaluate('window.demo.ready.then(() => true)');
    await fillChromeLog(page, `${sites.origin}/`, count);
    const load = loadAverage();
    const devtools = await page.openDevTools();
    const worker = await launched.extensionWorker();
    const workerSession = worker.client;
    const ours = await measureOurs(page, devtools, launched.extensionId, count, workerSession);
    const devtoolsFigures = await measureDevTools(devtools, count);
    return { count, devtools: devtoolsFigures, ours, load };
  } finally {
    await launched.close();
    await sites.close();
  }
}

export async function measurePeer(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const count of PEER_COUNTS) {
    const results: PeerRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await peerRun(count);
      log(`  8: ${count} events run ${i + 1}: ${JSON.stringify(r)}`);
      results.push(r);
    }
    const n = count.toLocaleString('en');
    /**
     * `bound`: for a time DevTools did not reach within VIEW_TIMEOUT_MS, the ratio is taken against
     * that timeout, an upper bound ("at most"), instead of no ratio at all.
     */
    const both = (
      what: string,
      unit: string,
      d: (r: PeerRun) => number,
      o: (r: PeerRun) => number,
      note?: string,
      bound = false,
    ) => {
      const bounded = bound && results.some((r) => !Number.isFinite(d(r)));
      const against = (r: PeerRun) => (bounded && !Number.isFinite(d(r)) ? VIEW_TIMEOUT_MS : d(r));
      return [
        figure(8, `${n} events, DevTools' Background sync view: ${what}`, unit, results.map(d), undefined, note),
        figure(8, `${n} events, Sync Inspector: ${what}`, unit, results.map(o)),
        figure(
          8,
          `${n} events, Sync Inspector / DevTools: ${what}`,
          '×',
          results.map((r) => o(r) / against(r)),
          undefined,
          bounded
            ? `at most: DevTools had not got there after ${VIEW_TIMEOUT_MS / 1000} s in ${results.filter((r) => !Number.isFinite(d(r))).length} of ${results.length} runs, taken as ${VIEW_TIMEOUT_MS / 1000} s`
            : undefined,
        ),
      ];
    };
    figures.push(
      ...both(
        'shown -> first row painted',
        'ms',
        (r) => r.devtools.firstRowMs,
        (r) => r.ours.firstRowMs,
        undefined,
        true,
      ),
      ...both(
        'shown -> all rows there, painted (ours: the count)',
        'ms',
        (r) => r.devtools.allRowsMs,
        (r) => r.ours.allRowsMs,
        results.some((r) => !Number.isFinite(r.devtools.allRowsMs))
          ? `DevTools rows after ${VIEW_TIMEOUT_MS / 1000} s: ${results.map((r) => (Number.isFinite(r.devtools.allRowsMs) ? 'all' : r.devtools.rows)).join(', ')} (— = not done in any run)`
          : undefined,
        true,
      ),
      ...both(
        `scroll frame work p95 (${SCROLL_STEPS} jumps)`,
        'ms',
        (r) => r.devtools.scrollP95,
        (r) => r.ours.scrollP95,
      ),
      ...both(
        "JS heap after GC (DevTools: its page's growth; ours: the panel frame)",
        'MB',
        (r) => r.devtools.heapMB,
        (r) => r.ours.heapMB,
      ),
      figure(
        8,
        `${n} events, Sync Inspector: tag filter change -> painted`,
        'ms',
        results.map((r) => r.ours.filterMs),
        undefined,
        "DevTools' view has no filter",
      ),
      figure(
        8,
        `${n} events, Sync Inspector: extension worker JS heap growth after GC`,
        'MB',
        results.map((r) => r.ours.workerHeapMB),
        undefined,
        `load ${results.map((r) => r.load).join(' | ')}`,
      ),
    );
  }
  return figures;
}
