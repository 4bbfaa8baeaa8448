/**
 * Measure 3: the panel opened (its navigation start) -> the demo PWA's registrations and Chrome's
 * replayed sync log shown, on the protocol engine against Chrome's real debugging port.
 */
import type { Protocol } from 'devtools-protocol';
import { registerTag, sendMessage, waitForSyncRuns } from '../lib/demo-actions.ts';
import { startProfiling } from '../lib/cpu-profile.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { sleep, startBenchBrowser, type BenchBrowser } from '../lib/panel-session.ts';
import { PANEL_READ_OPEN_MARKS, panelOpenProbe } from '../lib/probes.ts';

const PENDING_TAG = 'sync-messages';

interface OpenMarks {
  registrations?: number;
  log?: number;
  painted?: number;
}

/** Chrome records sync events only while recording is on (it lasts 3 days): as after an earlier panel. */
async function startRecording(b: BenchBrowser): Promise<void> {
  const session = await b.inspected.createCDPSession();
  await session.send('BackgroundService.setRecording', { shouldRecord: true, service: 'backgroundSync' });
  await session.detach();
}

/** How many events Chrome's log holds for the origin: what the panel's replay should show. */
async function chromeLogCount(b: BenchBrowser, origin: string): Promise<number> {
  const session = await b.inspected.createCDPSession();
  let count = 0;
  session.on(
    'BackgroundService.backgroundServiceEventReceived',
    (e: Protocol.BackgroundService.BackgroundServiceEventReceivedEvent) => {
      if (e.backgroundServiceEvent.origin === origin) count++;
    },
  );
  await session.send('BackgroundService.startObserving', { service: 'backgroundSync' });
  await sleep(500);
  await session.detach();
  return count;
}

export async function panelOpenRun(): Promise<OpenMarks & { rows: number }> {
  const b = await startBenchBrowser({ launch: { debuggingPort: 0 }, port: (l) => l.debuggingPort! });
  try {
    const origin = new URL(b.demo.url).origin + '/';
    // Chrome's log gets a failed attempt (the tag stays pending in a 10-minute back-off) and a success.
    await startRecording(b);
    b.demo.setMode('fail');
    await sendMessage(b.inspected, 'bench');
    await waitForSyncRuns(b.demo.state, (e) => e.tag === PENDING_TAG);
    b.demo.setMode('ok');
    await registerTag(b.inspected, 'refresh-news');
    await waitForSyncRuns(b.demo.state, (e) => e.tag === 'refresh-news');
    await sleep(200);
    const rows = await chromeLogCount(b, origin);
    if (rows < 5) throw new Error(`bench: Chrome's log holds ${rows} events for ${origin}, expected at least 5`);
    const panel = await b.launched.browser.newPage();
    await panel.setViewport({ width: 1280, height: 1600 });
    await panel.evaluateOnNewDocument(panelOpenProbe(PENDING_TAG, rows));
    // BENCH_PROFILE=1: where the panel spends its open (a --dev build names functions).
    const profiling = process.env.BENCH_PROFILE ? await startProfiling(panel) : undefined;
    await panel.goto(`chrome-extension://${b.launched.extensionId}/panel.html?tabId=${b.tabId}`);
    await panel.waitForFunction(`${PANEL_READ_OPEN_MARKS}.painted > 0`, { timeout: 15_000 });
    if (profiling) console.log(`  3: panel profile:\n${(await profiling.stop()).join('\n')}`);
    return { ...((await panel.evaluate(PANEL_READ_OPEN_MARKS)) as OpenMarks), rows };
  } finally {
    await b.close();
  }
}

export async function measurePanelOpen(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const results: Array<OpenMarks & { rows: number }> = [];
  for (let i = 0; i < runs; i++) {
    const r = await panelOpenRun();
    log(
      `  3: run ${i + 1}: registrations ${r.registrations?.toFixed(0)} ms, log (${r.rows} rows) ${r.log?.toFixed(0)} ms, painted ${r.painted?.toFixed(0)} ms`,
    );
    results.push(r);
  }
  const n = (x: number | undefined) => x ?? NaN;
  return [
    figure(
      3,
      'panel opened -> registrations and replayed log painted (demo PWA)',
      'ms',
      results.map((r) => n(r.painted)),
      { text: '<= 100 ms', max: 100 },
    ),
    figure(
      3,
      'panel opened -> registrations listed',
      'ms',
      results.map((r) => n(r.registrations)),
    ),
    figure(
      3,
      'panel opened -> replayed log listed',
      'ms',
      results.map((r) => n(r.log)),
      undefined,
      `${results[0]?.rows ?? '?'} events in Chrome's log`,
    ),
  ];
}
