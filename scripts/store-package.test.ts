/** Opens the store zip as the Web Store would and checks what it must and must not hold. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { packageVersion, writeStorePackage } from './lib/store-package.ts';

let dir = '';
let entries: Record<string, Uint8Array> = {};
let manifest: Record<string, unknown> = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sync-inspector-zip-test-'));
  const { path } = await writeStorePackage(join(dir, 'package.zip'));
  entries = unzipSync(new Uint8Array(await readFile(path)));
  manifest = JSON.parse(strFromU8(entries['manifest.json'])) as Record<string, unknown>;
});
after(() => rm(dir, { recursive: true, force: true }));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(strFromU8(bytes.subarray(1, 4)), 'PNG');
  return [view.getUint32(16), view.getUint32(20)];
}

test('the manifest carries package.json version, no key, and Chrome 125 as the minimum', async () => {
  assert.equal(manifest.version, await packageVersion());
  assert.equal(manifest.manifest_version, 3);
  assert.equal('key' in manifest, false, 'the Web Store refuses a manifest with "key"');
  // chrome.debugger child sessions (DebuggerSession.sessionId) arrived in Chrome 125 (chrome-types @since).
  assert.equal(manifest.minimum_chrome_version, '125');
});

test('icons at 16, 32, 48 and 128 px, each the size its name says', () => {
  const icons = manifest.icons as Record<string, string>;
  assert.deepEqual(Object.keys(icons).sort(), ['128', '16', '32', '48']);
  for (const [size, file] of Object.entries(icons)) {
    assert.ok(entries[file], `${file} is in the zip`);
    assert.deepEqual(pngSize(entries[file]), [Number(size), Number(size)], file);
  }
});

test('every page and script the manifest names is there, minified, without source maps', () => {
  const background = manifest.background as { service_worker: string };
  for (const file of [
    background.service_worker,
    manifest.devtools_page as string,
    'panel.html',
    'panel.js',
    'panel.css',
  ]) {
    assert.ok(entries[file], `${file} is in the zip`);
  }
  for (const [name, bytes] of Object.entries(entries)) {
    assert.ok(!name.endsWith('.map'), `${name}: no source maps`);
    if (name.endsWith('.js')) {
      const text = strFromU8(bytes);
      assert.ok(!text.includes('sourceMappingURL'), `${name} points at no source map`);
      // Minified: long lines (the instrumentation's injected sources keep a few line breaks of their own).
      assert.ok(text.length < 1024 || text.length / text.split('\n').length > 400, `${name} is minified`);
    }
  }
  assert.ok(!Object.keys(entries).some((name) => name.endsWith('.ts') || name.endsWith('.tsx')), 'no sources');
});
