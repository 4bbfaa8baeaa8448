#!/usr/bin/env -S npx tsx
/**
 * `npm run bench`: measures Sync Inspector in Debian's Chromium against the goals, prints a
 * table and writes docs/PERFORMANCE.md.
 *   --runs N       runs per figure (default 5)
 *   --only 1,3,5   only these measures (prints them; the report is written by full runs only)
 *   --no-build     use SYNC_INSPECTOR_DIST as built (default: a fresh release build in a temp folder)
 *   --render-only  rewrite docs/PERFORMANCE.md from docs/performance.json (e.g. after editing bench/findings.md)
 *   --json FILE    also write the figures of this run to FILE (bench/ab.ts reads them)
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notRun, type Figure } from './lib/figure.ts';
import { releaseBuild } from './lib/release-build.ts';
import { spawnSync } from 'node:child_process';
import { REPO as ROOT } from './lib/repo.ts';
import { loadAverage, type LoadNote } from './lib/machine-load.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option('--runs') ?? 5);
const onlyOption = option('--only');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs wants a whole number >= 1');
const findingsFile = join(ROOT, 'bench', 'findings.md');
const reportFile = join(ROOT, 'docs', 'PERFORMANCE.md');
const figuresFile = join(ROOT, 'docs', 'performance.json');
const findings = () => (existsSync(findingsFile) ? { findings: readFileSync(findingsFile, 'utf8').trim() } : {});

if (args.includes('--render-only')) {
  const { writeReport } = await import('./lib/report.ts');
  const saved = JSON.parse(readFileSync(figuresFile, 'utf8'));
  writeReport(reportFile, { ...saved, date: new Date(saved.date), ...findings() });
  console.log(`rewrote ${reportFile} from ${figuresFile}`);
  process.exit(0);
}

if (args.includes('--no-build')) {
  if (!process.env.SYNC_INSPECTOR_DIST) throw new Error('--no-build needs SYNC_INSPECTOR_DIST');
} else {
  const temporary = !process.env.SYNC_INSPECTOR_DIST;
  process.env.SYNC_INSPECTOR_DIST = releaseBuild();
  // A build the bench made for itself goes when the bench does.
  if (temporary) process.on('exit', () => rmSync(process.env.SYNC_INSPECTOR_DIST!, { recursive: true, force: true }));
}
const dist = process.env.SYNC_INSPECTOR_DIST!;
console.log(`bench: extension build in ${dist}, ${runs} runs per figure`);

// Loaded after the build is chosen: the launcher reads SYNC_INSPECTOR_DIST when it loads.
const { launchWithExtension } = await import('../scripts/lib/launch.ts');
const { DIST } = await import('../scripts/lib/paths.ts');
if (DIST !== dist) throw new Error(`bench: the launcher would load ${DIST}, not the bench's build ${dist}`);
const { describeMachine } = await import('./lib/machine.ts');
const { printTable, writeReport } = await import('./lib/report.ts');

const probe = await launchWithExtension();
const machine = await describeMachine(probe.browser);
await probe.close();

const log = (line: string) => console.log(line);
const figures: Figure[] = [];
const measures: Array<[number, () => Promise<Figure[]> | Figure[]]> = [
  [5, async () => (await import('./measures/bundle-size.ts')).measureBundleSize(dist)],
  [3, async () => (await import('./measures/panel-open.ts')).measurePanelOpen(runs, log)],
  [
    6,
    async () => [
      ...(await (await import('./measures/idle-cost.ts')).measureIdleCost(Math.min(runs, 3), log)),
      ...(await (await import('./measures/page-cost-open.ts')).measurePageCostOpen(Math.min(runs, 3), log)),
    ],
  ],
  [1, async () => (await import('./measures/event-latency.ts')).measureEventLatency(runs, log)],
  [2, async () => (await import('./measures/timeline-scale.ts')).measureTimelineScale(runs, log)],
  [4, async () => (await import('./measures/export-import.ts')).measureExportImport(runs, log)],
  [7, async () => (await import('./measures/idle-open.ts')).measureIdleOpen(runs, log)],
  [8, async () => (await import('./measures/peer-view.ts')).measurePeer(runs, log)],
];
const only = new Set(onlyOption ? onlyOption.split(',').map(Number) : measures.map(([n]) => n));
/** The machine's load average around each measure: figures mean little without it on a shared machine. */
const loads: LoadNote[] = [];
for (const [n, measure] of measures) {
  if (!only.has(n)) continue;
  const before = loadAverage();
  console.log(`measure ${n}… (load average ${before})`);
  // One measure that fails (a browser that does not start, a wait that times out) is reported as
  // not run, with its error, and the others still are: a full run is long on this machine.
  try {
    figures.push(...(await measure()));
  } catch (error) {
    console.log(`  measure ${n} failed: ${error instanceof Error ? error.stack : String(error)}`);
    figures.push(
      notRun(n, `measure ${n}`, '—', (error instanceof Error ? error.message : String(error)).split('\n')[0]!),
    );
  }
  loads.push({ measure: n, before, after: loadAverage() });
  console.log(`  (load average after measure ${n}: ${loads[loads.length - 1]!.after})`);
}
figures.sort((a, b) => a.measure - b.measure);

console.log('');
printTable(figures);
const jsonFile = option('--json');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ figures, loads }, null, 1) + '\n');
if (measures.every(([n]) => only.has(n))) {
  const measured = {
    date: new Date(),
    machine,
    runs,
    figures,
    loads,
    command: 'npm ci && npm run bench',
    source: describeSource(),
  };
  writeFileSync(figuresFile, JSON.stringify(measured, null, 1) + '\n');
  writeReport(reportFile, { ...measured, ...findings() });
  console.log(`\nwrote ${reportFile} and ${figuresFile}`);
} else {
  console.log('\n--only: docs/PERFORMANCE.md is written by full runs only; left as it was.');
}

/** Which code was measured: the commit, and whether the build came from elsewhere or a dirty tree. */
function describeSource(): string {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown commit';
  if (process.env.BENCH_SOURCE) return process.env.BENCH_SOURCE;
  if (args.includes('--no-build')) return `the build in SYNC_INSPECTOR_DIST (repository at ${commit})`;
  return git('status', '--porcelain', '--untracked-files=no') ? `${commit} with uncommitted changes` : commit;
}
