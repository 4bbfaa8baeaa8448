#!/usr/bin/env tsx
/**
 * Draws the toolbar and store icons (16, 32, 48 px) from extension/icons/icon-128.png, in Chromium: halving
 * steps with high-quality smoothing keep the arrows crisp at 16 px. Run by hand when the icon changes;
 * the PNGs are committed (the build copies them, it never draws them).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChrome, INSTALL_HINT } from './lib/find-chrome.ts';
import { ROOT } from './lib/paths.ts';

const SMALLER_SIZES = [16, 32, 48];

const executablePath = findChrome();
if (!executablePath) throw new Error(INSTALL_HINT);
const source = await readFile(join(ROOT, 'extension', 'icons', 'icon-128.png'));
const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const size of SMALLER_SIZES) {
    const dataUrl = await page.evaluate(
      async (src, target) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        let canvas: HTMLCanvasElement | OffscreenCanvas = new OffscreenCanvas(image.width, image.height);
        canvas.getContext('2d')!.drawImage(image, 0, 0);
        while (canvas.width > target) {
          const next = Math.max(target, Math.round(canvas.width / 2));
          const smaller = new OffscreenCanvas(next, next);
          const context = smaller.getContext('2d')!;
          context.imageSmoothingQuality = 'high';
          context.drawImage(canvas, 0, 0, next, next);
          canvas = smaller;
        }
        const blob = await (canvas as OffscreenCanvas).convertToBlob({ type: 'image/png' });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        return btoa(String.fromCharCode(...bytes));
      },
      `data:image/png;base64,${source.toString('base64')}`,
      size,
    );
    const path = join(ROOT, 'extension', 'icons', `icon-${size}.png`);
    await writeFile(path, Buffer.from(dataUrl, 'base64'));
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}
