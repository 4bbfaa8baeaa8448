/**
 * Measure 2: 100,000 events in the panel. They are imported through the panel's Import control
 * (the real path), then a new panel opens on them: its first render, scrolling, a filter change and
 * its JS heap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIG_COUNT, BIG_TAGS, writeBigFiles } from '../lib/big-timeline.ts';
import { importThroughPanel } from '../lib/big-import.ts';
import { startProfiling } from '../lib/cpu-profile.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { loadFixture } from '../lib/fixture.ts';
import { openBenchPanel, startBenchBrowser } from '../lib/panel-session.ts';
import { filterChange, firstRenderProbe, scrollFrames } from '../lib/panel-stopwatch.ts';
import { quantile } from '../lib/stats.ts';

const SCROLL_STEPS = 60;
/**
 * The scroll is measured again at the sizes the panel has inside DevTools (README: docked right
 * 360-550 px wide, bottom 250-300 px tall): the panel's tab is sized like the docked panel's frame.
 */
const DOCKED_SIZES = [
  { name: 'docked right, 500x800', width: 500, height: 800 },
  { name: 'docked bottom, 1280x300', width: 1280, height: 300 },
] as const;

/** How many of the big timeline's events a tag filter lets through (tags are bench-tag-0..999). */
function matching(part: string): number {
  let tags = 0;
  for (let t = 0; t < BIG_TAGS; t++) if (`bench-tag-${t}`.includes(part)) tags++;
  return (tags * BIG_COUNT) / BIG_TAGS;
}

const FILTER_STEPS: Array<[string, number]> = [
  ['bench-tag-7', matching('bench-tag-7')],
  ['', BIG_COUNT],
  ['bench-tag-42', matching('bench-tag-42')],
  ['', BIG_COUNT],
];

export interface ScaleRun {
  firstRenderMs: number;
  allHeldMs: number;
  scrollWorkP95: number;
  scrollIntervalP95: number;
  /** Frame work p95 per docked size, in DOCKED_SIZES' order. */
  dockedScrollP95: number[];
  filterMaxMs: number;
  heapMB: number;
}

export async function scaleRun(file: (origin: string) => string): Promise<ScaleRun> {
  const b = await startBenchBrowser();
  try {
    const importer = await openBenchPanel(b, 'Debugger engine');
    await importThroughPanel(importer, file(new URL(b.demo.url).origin + '/'), BIG_COUNT);
    await importer.close();
    const panel = await b.launched.browser.newPage();
    await panel.setViewport({ width: 1280, height: 1600 });
    await panel.evaluateOnNewDocument(firstRenderProbe(BIG_COUNT));
    // BENCH_PROFILE=1: where the panel spends its first render, then the scrolling (a --dev build names functions).
    let profiling = process.env.BENCH_PROFILE ? await startProfiling(panel) : undefined;
    await panel.goto(`chrome-extension://${b.launched.extensionId}/panel.html?tabId=${b.tabId}`);
    await panel.waitForFunction('window.__benchFirstRender !== null', { timeout: 60_000, polling: 50 });
    const firstRenderMs = (await panel.evaluate('window.__benchFirstRender')) as number;
    if (profiling) {
      console.log(`  first render profile:\n${(await profiling.stop()).join('\n')}`);
      profiling = await startProfiling(panel);
    }
    // Scrolling and filters are measured over the whole log: wait for it (the older records' arrival).
    await panel.waitForFunction('window.__benchAllHeld !== null', { timeout: 60_000, polling: 50 });
    const allHeldMs = (await panel.evaluate('window.__benchAllHeld')) as number;
    if (profiling) {
      console.log(`  older records profile:\n${(await profiling.stop()).join('\n')}`);
      profiling = await startProfiling(panel);
    }
    // BENCH_SCROLL_TRACE=FILE: a Chrome trace of the scrolling (style, layout, paint per jump), for DevTools' Performance panel.
    const traceFile = process.env.BENCH_SCROLL_TRACE;
    if (traceFile) await panel.tracing.start({ path: traceFile });
    const scroll = (await panel.evaluate(scrollFrames(SCROLL_STEPS))) as { work: number[]; intervals: number[] };
    if (traceFile) await panel.tracing.stop();
    if (profiling) console.log(`  scroll profile:\n${(await profiling.stop()).join('\n')}`);
    const dockedScrollP95: number[] = [];
    for (const size of DOCKED_SIZES) {
      await panel.setViewport({ width: size.width, height: size.height });
      // The window of rows follows the scroller's new height (its ResizeObserver) before the jumps start.
      await panel.waitForFunction(
        (h) =>
          innerHeight === h && new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))),
        { timeout: 10_000 },
        size.height,
      );
      const docked = (await panel.evaluate(scrollFrames(SCROLL_STEPS))) as { work: number[] };
      dockedScrollP95.push(quantile(docked.work, 0.95));
    }
    await panel.setViewport({ width: 1280, height: 1600 });
    const filters: number[] = [];
    for (const [value, expected] of FILTER_STEPS)
      filters.push((await panel.evaluate(filterChange('Tag filter', value, expected))) as number);
    const session = await panel.createCDPSession();
    await session.send('HeapProfiler.collectGarbage');
    await session.detach();
    const heapMB = ((await panel.metrics()).JSHeapUsedSize ?? NaN) / 1e6;
    return {
      firstRenderMs,
      allHeldMs,
      scrollWorkP95: quantile(scroll.work, 0.95),
      scrollIntervalP95: quantile(scroll.intervals, 0.95),
      dockedScrollP95,
      filterMaxMs: Math.max(...filters),
      heapMB,
    };
  } finally {
    await b.close();
  }
}

export async function measureTimelineScale(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const traffic = loadFixture();
  const dir = mkdtempSync(join(tmpdir(), 'sync-inspector-bench-files-'));
  const results: ScaleRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await scaleRun((origin) => writeBigFiles(dir, traffic, origin).devtools);
      log(
        `  2: run ${i + 1}: first render ${r.firstRenderMs.toFixed(0)} ms, all held ${r.allHeldMs.toFixed(0)} ms, scroll frame work p95 ${r.scrollWorkP95.toFixed(1)} ms (docked ${r.dockedScrollP95.map((x) => x.toFixed(1)).join(', ')}) ` +
          `(frame interval p95 ${r.scrollIntervalP95.toFixed(1)} ms), filter change max ${r.filterMaxMs.toFixed(0)} ms, heap ${r.heapMB.toFixed(1)} MB`,
      );
      results.push(r);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    figure(
      2,
      '100,000 events: panel opened -> first render painted',
      'ms',
      results.map((r) => r.firstRenderMs),
      { text: '<= 100 ms', max: 100 },
      'the newest rows and the count of all 100,000 (older records may still be arriving)',
    ),
    figure(
      2,
      '100,000 events: panel opened -> all 100,000 held (filters and export ready)',
      'ms',
      results.map((r) => r.allHeldMs),
    ),
    figure(
      2,
      '100,000 events: scroll, frame work p95 (scroll event -> paint done)',
      'ms',
      results.map((r) => r.scrollWorkP95),
      { text: '<= 16 ms', max: 16 },
      `${SCROLL_STEPS} jumps, one per frame`,
    ),
    ...DOCKED_SIZES.map((size, i) =>
      figure(
        2,
        `100,000 events: scroll, frame work p95, panel ${size.name}`,
        'ms',
        results.map((r) => r.dockedScrollP95[i]!),
        { text: '<= 16 ms', max: 16 },
        `${SCROLL_STEPS} jumps; the panel's tab sized as the docked panel's frame`,
      ),
    ),
    figure(
      2,
      '100,000 events: scroll, frame interval p95 (vsync-bound, 16.7 at best)',
      'ms',
      results.map((r) => r.scrollIntervalP95),
    ),
    figure(
      2,
      '100,000 events: tag filter change -> painted (worst of 4)',
      'ms',
      results.map((r) => r.filterMaxMs),
      { text: '<= 100 ms', max: 100 },
    ),
    figure(
      2,
      '100,000 events: panel JS heap after GC',
      'MB',
      results.map((r) => r.heapMB),
      { text: '<= 40 MB', max: 40 },
    ),
  ];
}
