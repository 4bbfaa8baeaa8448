#!/usr/bin/env node
/**
 * `npm test`: lint and format check, type check, build, then every test (unit tests beside the code, end-to-end tests in
 * test/e2e against Debian's Chromium) in one run of node's test runner.
 *   --unit   unit tests only (no browser)     --e2e   end-to-end tests only
 *   SYNC_INSPECTOR_DIST=dir   build into and test that folder instead of dist/
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const only = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--e2e') ? 'e2e' : 'all';
const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function find(dir, suffix, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(relative(root, path));
  }
  return out;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
if (only !== 'e2e') {
  run(bin('eslint'), ['.']);
  run(bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  run(bin('tsc'), ['--noEmit', '-p', '.']);
}
if (only !== 'unit') {
  const outdir = process.env.SYNC_INSPECTOR_DIST;
  run(process.execPath, ['build.mjs', ...(outdir ? ['--outdir', outdir] : [])]);
}

const unit = ['extension', 'background', 'panel', 'scripts', 'demo', 'bench']
  .filter((d) => existsSync(join(root, d)))
  .flatMap((d) => find(join(root, d), '.test.ts'));
const e2e = find(join(root, 'test', 'e2e'), '.e2e.ts');
let files = only === 'unit' ? unit : only === 'e2e' ? e2e : [...unit, ...e2e];
if (filter.length) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}
// One file at a time: each end-to-end file runs its own Chromium, and the machine has 2 cores.
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files]);
