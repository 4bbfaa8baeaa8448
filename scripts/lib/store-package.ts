/**
 * The Web Store package: a release build (minified, no source maps) with the store's manifest (no
 * "key"), zipped. Kept apart from the CLI so that the test builds one into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { ROOT } from './paths.ts';

export async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).replace(/\\/g, '/'));
}

/** Builds and writes the zip; returns its path and the files in it. `zipPath` defaults to sync-inspector-<version>.zip. */
export async function writeStorePackage(zipPath?: string): Promise<{ path: string; files: string[]; bytes: number }> {
  const outdir = await mkdtemp(join(tmpdir(), 'sync-inspector-package-'));
  try {
    const build = spawnSync(process.execPath, [join(ROOT, 'build.mjs'), '--store', '--outdir', outdir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error(`the release build failed (exit ${build.status})`);
    const files = (await listFiles(outdir)).sort();
    const maps = files.filter((f) => f.endsWith('.map'));
    if (maps.length) throw new Error(`a release build must not ship source maps: ${maps.join(', ')}`);
    const contents: Record<string, Uint8Array> = {};
    for (const file of files) contents[file] = await readFile(join(outdir, file));
    // A fixed time keeps the zip byte-identical between runs of the same tree.
    const zip = zipSync(contents, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
    const path = zipPath ?? join(ROOT, `sync-inspector-${await packageVersion()}.zip`);
    await writeFile(path, zip);
    return { path, files, bytes: zip.byteLength };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
