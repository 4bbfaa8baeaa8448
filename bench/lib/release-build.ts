/** A release build (minified, as shipped) into a folder of the bench's own, never dist/. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO as ROOT } from './repo.ts';

/** Builds into SYNC_INSPECTOR_DIST when set, else a fresh temporary folder; returns the folder. */
export function releaseBuild(): string {
  const outdir = process.env.SYNC_INSPECTOR_DIST ?? mkdtempSync(join(tmpdir(), 'sync-inspector-bench-'));
  const result = spawnSync(process.execPath, ['build.mjs', '--outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`release build failed (exit ${result.status}):\n${result.stderr}`);
  return outdir;
}
