/**
 * Measure 1: a replayed CDP event's arrival at the engine's transport (the limit) -> its row in the
 * panel, at 10, 100 and 1,000 events/s. The events come from a fake debugging endpoint in node, over
 * a real WebSocket, into the real protocol engine, session, port and panel.
 */
import { startProfiling } from '../lib/cpu-profile.ts';
import { startFakeCdp } from '../lib/fake-cdp.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { loadFixture, registrationsAt } from '../lib/fixture.ts';
import { openBenchPanel, sleep, startBenchBrowser } from '../lib/panel-session.ts';
import {
  PANEL_READ_ROWS,
  PANEL_ROW_COUNT,
  PANEL_ROW_OBSERVER,
  WORKER_ARRIVAL_STAMPS,
  WORKER_READ_ARRIVALS,
} from '../lib/probes.ts';
import { replayAtRate } from '../lib/replay.ts';
import { quantile } from '../lib/stats.ts';

export const RATES = [
  { perSecond: 10, count: 100 },
  { perSecond: 100, count: 500 },
  { perSecond: 1000, count: 3000 },
];

export interface LatencyRun {
  perSecond: number;
  sent: number;
  /** Rows that appeared in the panel (a row can be skipped if a burst scrolls it past unseen). */
  seen: number;
  arrived: number;
  domP50: number;
  domP95: number;
  frameP50: number;
  frameP95: number;
  /** node send -> arrival at the transport: what the fake endpoint itself adds, for context. */
  wireP50: number;
  /** The panel's main-thread task time during the replay, per 1,000 events: its work, less sensitive to machine load than latency. */
  panelTaskMsPer1000: number;
  /** The same split: script, style recalculation, layout (ms per 1,000 events). */
  panelSplit: { script: number; style: number; layout: number };
}

export async function latencyRun(perSecond: number, count: number): Promise<LatencyRun> {
  const traffic = loadFixture();
  const fake = await startFakeCdp(traffic.registrations);
  const b = await startBenchBrowser({ port: () => fake.port });
  try {
    const origin = new URL(b.demo.url).origin + '/';
    // The fake answers the registrations reader for the inspected origin, so the panel's "This origin" shows the rows.
    fake.registrations = registrationsAt(traffic, origin);
    const worker = await b.launched.extensionWorker();
    fake.targetId = await worker.evaluate(
      async (tabId) => (await chrome.debugger.getTargets()).find((t) => t.tabId === tabId)?.id ?? '',
      b.tabId,
    );
    await worker.evaluate(WORKER_ARRIVAL_STAMPS);
    const panel = await openBenchPanel(b, 'Protocol engine');
    await fake.observing();
    await panel.evaluate(PANEL_ROW_OBSERVER);
    await replayAtRate(fake, traffic, origin, 100, 30, 'warmup-');
    await sleep(300);
    // BENCH_PROFILE=1 prints where the panel spends its time during the run (needs a --dev build to read names).
    const profiling = process.env.BENCH_PROFILE ? await startProfiling(panel) : undefined;
    const before = await panel.metrics();
    // BENCH_LIVE_TRACE=/tmp/live-RATE.json: a Chrome trace of the panel during each rate's replay (RATE is replaced).
    const traceFile = process.env.BENCH_LIVE_TRACE?.replace('RATE', String(perSecond));
    if (traceFile) await panel.tracing.start({ path: traceFile });
    const sent = await replayAtRate(fake, traffic, origin, perSecond, count);
    if (traceFile) await panel.tracing.stop();
    const deadline = Date.now() + 10_000;
    while (((await panel.evaluate(PANEL_ROW_COUNT)) as number) < count && Date.now() < deadline) await sleep(100);
    await sleep(100); // the last rows' animation frame
    const after = await panel.metrics();
    const per1000 = (key: 'TaskDuration' | 'ScriptDuration' | 'RecalcStyleDuration' | 'LayoutDuration') =>
      (((after[key] ?? NaN) - (before[key] ?? NaN)) * 1000 * 1000) / count;
    if (profiling) console.log(`  panel profile at ${perSecond}/s:\n${(await profiling.stop()).join('\n')}`);
    const rows = (await panel.evaluate(PANEL_READ_ROWS)) as Record<string, [number, number]>;
    const arrivals = ((await worker.evaluate(WORKER_READ_ARRIVALS)) ?? {}) as Record<string, number>;
    const dom: number[] = [];
    const frame: number[] = [];
    const wire: number[] = [];
    for (const [tag, sentAt] of sent) {
      const arrivedAt = arrivals[tag];
      if (arrivedAt === undefined) continue;
      wire.push(arrivedAt - sentAt);
      const row = rows[tag];
      if (!row) continue;
      dom.push(row[0] - arrivedAt);
      if (Number.isFinite(row[1])) frame.push(row[1] - arrivedAt);
    }
    return {
      perSecond,
      sent: sent.size,
      arrived: Object.keys(arrivals).length,
      seen: dom.length,
      domP50: quantile(dom, 0.5),
      domP95: quantile(dom, 0.95),
      frameP50: quantile(frame, 0.5),
      frameP95: quantile(frame, 0.95),
      wireP50: quantile(wire, 0.5),
      panelTaskMsPer1000: per1000('TaskDuration'),
      panelSplit: {
        script: per1000('ScriptDuration'),
        style: per1000('RecalcStyleDuration'),
        layout: per1000('LayoutDuration'),
      },
    };
  } finally {
    await b.close();
    await fake.close();
  }
}

export async function measureEventLatency(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const { perSecond, count } of RATES) {
    const results: LatencyRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await latencyRun(perSecond, count);
      log(
        `  1: ${perSecond}/s run ${i + 1}: rows ${r.seen}/${r.sent}, in DOM p50 ${r.domP50.toFixed(1)} p95 ${r.domP95.toFixed(1)} ms, ` +
          `painted p50 ${r.frameP50.toFixed(1)} p95 ${r.frameP95.toFixed(1)} ms (wire ${r.wireP50.toFixed(2)} ms), ` +
          `panel main thread ${r.panelTaskMsPer1000.toFixed(0)} ms per 1,000 events (script ${r.panelSplit.script.toFixed(0)}, ` +
          `style ${r.panelSplit.style.toFixed(0)}, layout ${r.panelSplit.layout.toFixed(0)})`,
      );
      results.push(r);
    }
    const goal = perSecond === 1000 ? { text: '<= 16 ms over the limit', max: 16 } : undefined;
    const seen = `rows seen ${results.map((r) => `${r.seen}/${r.sent}`).join(', ')}`;
    figures.push(
      figure(
        1,
        `event latency p50 at ${perSecond}/s (arrival at transport -> row painted)`,
        'ms',
        results.map((r) => r.frameP50),
      ),
      figure(
        1,
        `event latency p95 at ${perSecond}/s (arrival at transport -> row painted)`,
        'ms',
        results.map((r) => r.frameP95),
        goal,
        seen,
      ),
      figure(
        1,
        `event latency p95 at ${perSecond}/s (arrival at transport -> row in DOM)`,
        'ms',
        results.map((r) => r.domP95),
        goal,
      ),
      figure(
        1,
        `panel main-thread time per 1,000 events at ${perSecond}/s`,
        'ms',
        results.map((r) => r.panelTaskMsPer1000),
      ),
    );
  }
  return figures;
}
