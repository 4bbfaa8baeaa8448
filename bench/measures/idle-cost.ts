/**
 * Measure 6: what Sync Inspector costs the inspected page once its panel was opened and closed,
 * next to a tab of the same origin that was never inspected (the baseline), for each engine.
 * The harness (puppeteer) is attached to both tabs alike, so only differences count.
 */
import type { Page } from 'puppeteer-core';
import { registerTag } from '../lib/demo-actions.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { openBenchPanel, sleep, startBenchBrowser, type BenchBrowser } from '../lib/panel-session.ts';
import {
  PAGE_READ_TIMERS,
  PAGE_REGISTER_IS_NATIVE,
  PAGE_TIMER_COUNTER,
  WORKER_ARRIVAL_STAMPS,
  WORKER_OPEN_SOCKETS,
  WORKER_RUNNING_INTERVALS,
  workerAttachedServiceWorkers,
  workerHoldsTab,
} from '../lib/probes.ts';

type EngineName = 'protocol' | 'debugger';

export interface IdleCost {
  engine: EngineName;
  /** While the panel was open: proves the probes see what they look for. */
  whileOpen: { holdsTab: boolean | string; registerNative: boolean; runningIntervals: number; openSockets: number };
  holdsTab: boolean | string;
  attachedServiceWorkers: number;
  openSockets: number;
  runningIntervals: number;
  registerNative: boolean;
  registerNativeAfterReload: boolean;
  timerCalls: { inspected: number; baseline: number };
  heapMB: { inspected: number; baseline: number };
  taskMs: { inspected: number; baseline: number };
}

const QUIET_WINDOW_MS = 2000;
const WORKLOAD_TAGS = 20;

async function metric(page: Page, name: 'JSHeapUsedSize' | 'TaskDuration'): Promise<number> {
  return (await page.metrics())[name] ?? NaN;
}

/** Page cost of the same workload (registering sync tags as the app would): JS heap after GC, main-thread task time. */
export async function pageCost(
  page: Page,
  label: string,
): Promise<{ heapMB: number; taskMs: number; timerCalls: number }> {
  for (let i = 0; i < 3; i++) await registerTag(page, `${label}-warmup-${i}`); // the first registrations pay one-time costs
  await page.evaluate(PAGE_TIMER_COUNTER);
  const session = await page.createCDPSession();
  const taskBefore = await metric(page, 'TaskDuration');
  for (let i = 0; i < WORKLOAD_TAGS; i++) await registerTag(page, `${label}-${i}`);
  await sleep(QUIET_WINDOW_MS);
  const taskMs = ((await metric(page, 'TaskDuration')) - taskBefore) * 1000;
  await session.send('HeapProfiler.collectGarbage');
  const heapMB = (await metric(page, 'JSHeapUsedSize')) / 1e6;
  await session.detach();
  const timers = (await page.evaluate(PAGE_READ_TIMERS)) as { timeout: number; interval: number };
  return { heapMB, taskMs, timerCalls: timers.timeout + timers.interval };
}

export async function idleCostRun(engine: EngineName): Promise<IdleCost> {
  const b: BenchBrowser = await startBenchBrowser(
    engine === 'protocol' ? { launch: { debuggingPort: 0 }, port: (l) => l.debuggingPort! } : {},
  );
  try {
    const origin = new URL(b.demo.url).origin;
    const baseline = await b.launched.browser.newPage();
    await baseline.goto(b.demo.url);
    const worker = await b.launched.extensionWorker();
    await worker.evaluate(WORKER_ARRIVAL_STAMPS);
    const panel = await openBenchPanel(b, engine === 'protocol' ? 'Protocol engine' : 'Debugger engine');
    await sleep(1000);
    const whileOpen = {
      holdsTab: (await worker.evaluate(workerHoldsTab(b.tabId))) as boolean | string,
      registerNative: (await b.inspected.evaluate(PAGE_REGISTER_IS_NATIVE)) as boolean,
      runningIntervals: (await worker.evaluate(WORKER_RUNNING_INTERVALS)) as number,
      openSockets: (await worker.evaluate(WORKER_OPEN_SOCKETS)) as number,
    };
    await panel.close();
    // The session ends when its last port goes; give the background a moment to let go of everything.
    await sleep(1000);
    const registerNative = (await b.inspected.evaluate(PAGE_REGISTER_IS_NATIVE)) as boolean;
    const openSockets = (await worker.evaluate(WORKER_OPEN_SOCKETS)) as number;
    const runningIntervals = (await worker.evaluate(WORKER_RUNNING_INTERVALS)) as number;
    const attachedServiceWorkers = (await worker.evaluate(workerAttachedServiceWorkers(origin))) as number;
    const base = await pageCost(baseline, 'baseline');
    const inspected = await pageCost(b.inspected, 'inspected');
    await b.inspected.reload();
    const registerNativeAfterReload = (await b.inspected.evaluate(PAGE_REGISTER_IS_NATIVE)) as boolean;
    const holdsTab = (await worker.evaluate(workerHoldsTab(b.tabId))) as boolean | string;
    return {
      engine,
      whileOpen,
      holdsTab,
      attachedServiceWorkers,
      openSockets,
      runningIntervals,
      registerNative,
      registerNativeAfterReload,
      timerCalls: { inspected: inspected.timerCalls, baseline: base.timerCalls },
      heapMB: { inspected: inspected.heapMB, baseline: base.heapMB },
      taskMs: { inspected: inspected.taskMs, baseline: base.taskMs },
    };
  } finally {
    await b.close();
  }
}

/** Things that must be zero: a debugger session, a socket, a running interval, a wrapped method. */
function leftovers(r: IdleCost): number {
  return (
    (r.holdsTab === true ? 1 : 0) +
    r.attachedServiceWorkers +
    r.openSockets +
    r.runningIntervals +
    (r.registerNative ? 0 : 1) +
    (r.registerNativeAfterReload ? 0 : 1) +
    Math.max(0, r.timerCalls.inspected - r.timerCalls.baseline)
  );
}

export async function measureIdleCost(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const engine of ['debugger', 'protocol'] as const) {
    const results: IdleCost[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await idleCostRun(engine);
      log(`  6: ${engine} run ${i + 1}: ${JSON.stringify(r)}`);
      results.push(r);
    }
    const first = results[0]!;
    const evidence =
      `after close: tab held ${first.holdsTab}, worker sessions ${first.attachedServiceWorkers}, sockets ${first.openSockets}, ` +
      `intervals ${first.runningIntervals}, register native ${first.registerNative} (after reload ${first.registerNativeAfterReload}), ` +
      `page timer calls ${first.timerCalls.inspected} vs ${first.timerCalls.baseline}; while open: tab held ${first.whileOpen.holdsTab}, ` +
      `register native ${first.whileOpen.registerNative}, ` +
      `sockets ${first.whileOpen.openSockets}, intervals ${first.whileOpen.runningIntervals}`;
    figures.push(
      figure(
        6,
        `${engine} engine: leftovers after the panel closed (sessions, sockets, intervals, wrapped methods, extra page timers)`,
        'count',
        results.map(leftovers),
        { text: 'none (0)', max: 0 },
        evidence,
      ),
      figure(
        6,
        `${engine} engine: page JS heap after GC, inspected-then-closed minus never-inspected`,
        'KB',
        results.map((r) => (r.heapMB.inspected - r.heapMB.baseline) * 1000),
        undefined,
        `baseline ${results.map((r) => r.heapMB.baseline.toFixed(2)).join(', ')} MB`,
      ),
      figure(
        6,
        `${engine} engine: page task time for ${WORKLOAD_TAGS} sync registrations, inspected-then-closed minus never-inspected`,
        'ms',
        results.map((r) => r.taskMs.inspected - r.taskMs.baseline),
        undefined,
        `baseline ${results.map((r) => r.taskMs.baseline.toFixed(1)).join(', ')} ms`,
      ),
    );
  }
  return figures;
}
