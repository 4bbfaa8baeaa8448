/** The bench's output: a table on the terminal and docs/PERFORMANCE.md. */
import { writeFileSync } from 'node:fs';
import type { Figure } from './figure.ts';
import type { Machine } from './machine.ts';
import type { LoadNote } from './machine-load.ts';

/** Whole above 100, one decimal above 0.1, two significant digits below (a ratio of 0.007 is not "0.0"). */
const num = (x: number) => {
  if (!Number.isFinite(x)) return '—';
  const size = Math.abs(x);
  if (size >= 100) return x.toFixed(0);
  return size >= 0.1 || size === 0 ? x.toFixed(1) : x.toPrecision(2);
};

function verdict(f: Figure): string {
  if (f.holds === undefined) return f.note?.startsWith('not run') ? 'not run' : 'info';
  return f.holds ? 'holds' : 'MISSED';
}

function value(f: Figure): string {
  if (!f.value.runs) return '—';
  const unit = f.unit === 'count' ? '' : ` ${f.unit}`;
  return f.value.runs === 1
    ? `${num(f.value.median)}${unit}`
    : `${num(f.value.median)}${unit} (${num(f.value.min)}–${num(f.value.max)})`;
}

export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [String(f.measure), f.name, value(f), f.goal, verdict(f)]);
  const head = ['#', 'figure', 'median (min–max)', 'goal', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export interface ReportInput {
  date: Date;
  machine: Machine;
  runs: number;
  figures: readonly Figure[];
  command: string;
  /** Load average before and after each measure. */
  loads?: readonly LoadNote[];
  /** Which code was measured (commit). */
  source?: string;
  /** Paragraphs written by hand about what the figures mean; kept between runs by the caller. */
  findings?: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderMarkdown(r: ReportInput): string {
  const m = r.machine;
  const table = r.figures
    .map(
      (f) =>
        `| ${f.measure} | ${cell(f.name)} | ${cell(value(f))} | ${cell(f.goal)} | ${verdict(f)} | ${cell(f.note ?? '')} |`,
    )
    .join('\n');
  return `# Sync Inspector performance

Measured ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (written by bench/run.ts; do not edit the table by hand).

- Code: ${r.source ?? 'unknown'}
- Machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGB} GB memory, ${m.platform}
- Browser: ${m.chromium} (Debian's Chromium, headless), Node ${m.node}
- Each figure is the median of ${r.runs} runs (a fresh browser each), with min–max in brackets.
  A p50/p95 is taken within one run, then the median of the runs' values is shown.
${loadLine(r.loads)}
| # | figure | median (min–max) | goal | | notes |
|---|---|---|---|---|---|
${table}

## How the figures are taken

1. **Event latency.** A WebSocket server in node (bench/lib/ws-server.ts, on the \`ws\` package, no
   compression) plays Chrome's debugging endpoint; the extension's protocol engine connects to it as to
   Chrome. It replays BackgroundService events shaped after a recorded demo run
   (bench/fixtures/demo-cdp-traffic.json) at 10, 100 and 1,000 events/s through the real engine,
   session, runtime port, store and view. The limit is the moment each message reaches the engine's
   WebSocket in the extension service worker (a listener the bench adds ahead of the transport's);
   the row is "in DOM" when a MutationObserver in the panel sees it and "painted" at the next
   animation frame. Both clocks are \`performance.timeOrigin + performance.now()\` on one machine.
3. **Panel open.** Chromium with its real debugging port, the demo PWA with a tag pending in
   back-off and a succeeded sync in Chrome's log; from the panel page's navigation start to the
   frame that paints both the pending tag and every replayed log row.
5. **Bundle size.** Every .js file of a release build (node build.mjs), bytes / 1024; gzip at level 9.
6. **Idle cost.** The panel is opened on the demo tab and closed; then, from the extension worker:
   whether our chrome.debugger session still holds the tab (a second attach fails if so), debugger
   sessions on the page's service workers, open WebSockets and running intervals in the extension
   worker; in the page: whether \`SyncManager.prototype.register\` is still native (also after a
   reload), timer calls, JS heap after GC and main-thread task time for registering 20 tags, against
   a tab of the same origin that was never inspected. **With the panel open** (debugger engine): a
   page with 5 iframes (3 cross-site, their own processes) and 2 dedicated workers
   (bench/fixtures/sites/frames.html), loaded 5 times in turn with a never-inspected tab of the same
   page (navigation start -> load event and both workers answering), then 20 registrations' task time.
7. **Idle with the panel open.** The demo with a tag waiting out a 10-minute back-off and nothing else
   happening; the panel open for 3 s, then a 15 s window: the panel's main-thread task time
   (Performance.getMetrics), the CPU time of the extension service worker's thread and of the
   extension's whole renderer process (Linux /proc schedstat and stat, read from outside), the
   inspected page's task time minus a never-inspected tab's; and what woke them (panel timer
   callbacks, frames, DOM mutations; the CDP commands the worker sent). Both engines; the table view
   (no countdown on screen) and the timeline with "Why won't it fire?" open on the pending tag
   (countdowns on screen). The text field is left (blurred) first: a focused field's caret paints a
   frame every 500 ms, which is the browser's, not ours.
8. **The peer.** A page (bench/fixtures/sites/peer.html) registers N/3 tags; each gives Chrome's log a
   registration, a dispatch and a completion, so the log holds exactly N events (checked by a trusted
   session). In one DevTools window (puppeteer's openDevTools), our panel is shown first
   (scripts/lib/devtools-panel.ts), then DevTools' Application > Background sync
   (bench/lib/devtools-background-sync.ts, DevTools internals). Each: from showing it to the paint
   after its first row, and after all N rows (ours: the count shows N; DevTools: its grid's table holds
   N rows), 60 scroll jumps' frame work p95, JS heap after GC (DevTools: its page's growth; ours: the
   panel frame, and the extension worker's growth apart). DevTools' view is given 120 s.
2, 4. **100,000 events, export and import** go through the import command and the codecs.

## Findings
${r.findings ?? '_(none written yet)_'}

## Rerun

\`\`\`
${r.command}
\`\`\`

Options: \`--runs N\` (default 5), \`--only 1,3,5\` (some measures, printed only), \`--no-build\` (use
the build in SYNC_INSPECTOR_DIST as it is), \`--render-only\` (rewrite this file from
docs/performance.json and bench/findings.md). \`BENCH_PROFILE=1\` prints CPU profiles of the slow
paths (build with \`node build.mjs --dev\` into SYNC_INSPECTOR_DIST and pass \`--no-build\` to read
function names). The bench builds a release copy of the extension into a temporary
folder (or SYNC_INSPECTOR_DIST), never dist/. Timings vary with machine load: close other browsers.
`;
}

function loadLine(loads: readonly LoadNote[] | undefined): string {
  if (!loads?.length) return '';
  const each = loads.map((l) => `${l.measure}: ${l.before} → ${l.after}`).join('; ');
  return `- Load average (1, 5, 15 min) before → after each measure: ${each}.\n`;
}

export function writeReport(path: string, r: ReportInput): void {
  writeFileSync(path, renderMarkdown(r));
}
