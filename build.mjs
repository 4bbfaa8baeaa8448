#!/usr/bin/env node
/**
 * Builds the unpacked extension into dist/ (manifest.json at its root).
 *   node build.mjs           release: minified, no source maps
 *   node build.mjs --watch   development: source maps, rebuilds on change
 *   node build.mjs --dev     development build, once
 *   --outdir DIR (or SYNC_INSPECTOR_DIST=DIR) builds elsewhere than dist/
 *   --store                  the Web Store's manifest: no "key" (the store refuses it and gives its own id)
 * The manifest's version is always package.json's, so the two cannot drift.
 */
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : (process.env.SYNC_INSPECTOR_DIST ?? join(root, 'dist'));
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const store = process.argv.includes('--store');

export const ICON_SIZES = [16, 32, 48, 128];

/** Files copied as they are: the HTML/CSS shells of each page and the icons. */
const STATIC = [
  ['extension/devtools.html', 'devtools.html'],
  ['panel/panel.html', 'panel.html'],
  ['panel/panel.css', 'panel.css'],
  ...ICON_SIZES.map((size) => [`extension/icons/icon-${size}.png`, `icons/icon-${size}.png`]),
];

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    background: join(root, 'background/main.ts'),
    devtools: join(root, 'extension/devtools.ts'),
    panel: join(root, 'panel/main.tsx'),
  },
  outdir,
  bundle: true,
  format: 'esm',
  target: 'chrome125',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'info',
};

async function writeManifest() {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  manifest.version = version;
  if (store) delete manifest.key;
  await writeFile(join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

async function copyStatic() {
  await mkdir(join(outdir, 'icons'), { recursive: true });
  await Promise.all([writeManifest(), ...STATIC.map(([from, to]) => copyFile(join(root, from), join(outdir, to)))]);
}

/** Copies the static files again after each rebuild, so a changed panel.css shows up too. */
const copyStaticPlugin = { name: 'copy-static', setup: (build) => build.onEnd(() => copyStatic()) };

await rm(outdir, { recursive: true, force: true });
if (watch) {
  const context = await esbuild.context({ ...options, plugins: [copyStaticPlugin] });
  await context.watch();
  console.log('watching for changes; load dist/ as an unpacked extension');
} else {
  await esbuild.build(options);
  await copyStatic();
}
