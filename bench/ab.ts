#!/usr/bin/env -S npx tsx
/**
 * A/B pairs in one sitting, for a noisy machine: runs the bench on two builds in turn (A B A B …),
 * one run per figure each time, and prints each figure's per-pair values, medians and the B/A ratio.
 *   npx tsx bench/ab.ts --a DIR --b DIR [--pairs 3] [--only 7]
 * DIR: a built extension (node build.mjs --outdir DIR at the code to compare). The bench code is this
 * checkout's for both, so only the extension differs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './lib/figure.ts';
import { loadAverage } from './lib/machine-load.ts';
import { REPO } from './lib/repo.ts';
import { median } from './lib/stats.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback?: string) => {
  const i = args.indexOf(name);
  const value = i >= 0 ? args[i + 1] : fallback;
  if (value === undefined) throw new Error(`bench/ab.ts needs ${name}`);
  return value;
};
const builds = { A: option('--a'), B: option('--b') };
const pairs = Number(option('--pairs', '3'));
const only = option('--only', '7');
const out = mkdtempSync(join(tmpdir(), 'sync-inspector-ab-'));

const values = new Map<string, { A: number[]; B: number[]; unit: string }>();
const loads: string[] = [];
for (let pair = 1; pair <= pairs; pair++) {
  for (const side of ['A', 'B'] as const) {
    const json = join(out, `${side}-${pair}.json`);
    const load = loadAverage();
    console.log(`pair ${pair} ${side} (${builds[side]}), load average ${load}`);
    loads.push(`${side}${pair}: ${load}`);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--no-build', '--only', only, '--runs', '1', '--json', json],
      {
        cwd: REPO,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, SYNC_INSPECTOR_DIST: builds[side] },
      },
    );
    if (run.status !== 0) throw new Error(`bench run ${side} ${pair} failed (exit ${run.status})`);
    for (const f of (JSON.parse(readFileSync(json, 'utf8')) as { figures: Figure[] }).figures) {
      const entry = values.get(f.name) ?? { A: [], B: [], unit: f.unit };
      entry[side].push(f.value.median);
      values.set(f.name, entry);
    }
  }
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log(`\nA = ${builds.A}\nB = ${builds.B}\nload average at each run: ${loads.join('; ')}\n`);
for (const [name, v] of values) {
  const a = median(v.A);
  const b = median(v.B);
  console.log(
    `${name}\n  A ${v.A.map(fmt).join(', ')} → median ${fmt(a)} ${v.unit}; B ${v.B.map(fmt).join(', ')} → median ${fmt(b)} ${v.unit}; B/A ${a ? (b / a).toFixed(2) : '—'}`,
  );
}
