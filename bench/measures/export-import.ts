/**
 * Measure 4: import of 100,000 events (DevTools "Save events" JSON and Sync Inspector JSON) through
 * the panel's Import control (codecs, importRecords in chunks, the background's log and IndexedDB,
 * back to the panel), and export of them in each format through the Export control.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { EXPORT_FORMATS, type ExportFormat } from '../../extension/codecs/index.ts';
import { BIG_COUNT, writeBigFiles, type BigFiles } from '../lib/big-timeline.ts';
import { importThroughPanel, ImportRefused } from '../lib/big-import.ts';
import { startProfiling } from '../lib/cpu-profile.ts';
import { figure, type Figure } from '../lib/figure.ts';
import { loadFixture } from '../lib/fixture.ts';
import { openBenchPanel, startBenchBrowser, type BenchBrowser } from '../lib/panel-session.ts';
import { ARM_EXPORT_STOPWATCH } from '../lib/panel-stopwatch.ts';

type ImportFormat = 'devtools' | 'json';

async function exportThroughPanel(panel: Page, format: ExportFormat): Promise<{ ms: number; bytes: number }> {
  await panel.evaluate('window.__benchExport = null');
  await panel.select('select[aria-label="Export format"]', format);
  await panel.select('select[aria-label="Events to export"]', 'all');
  const button = await panel.evaluateHandle(() =>
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Export'),
  );
  const element = button.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!element) throw new Error('no Export button in the panel');
  await element.click();
  await panel.waitForFunction('window.__benchExport !== null', { timeout: 60_000, polling: 50 });
  return (await panel.evaluate('window.__benchExport')) as { ms: number; bytes: number };
}

async function profileImport(b: BenchBrowser, panel: Page): Promise<() => Promise<void>> {
  await b.launched.extensionWorker();
  const workerTarget = b.launched.browser
    .targets()
    .find((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  const [inPanel, inWorker] = await Promise.all([
    startProfiling(panel),
    workerTarget ? startProfiling(workerTarget) : undefined,
  ]);
  return async () => {
    console.log(`  import profile, panel:\n${(await inPanel.stop()).join('\n')}`);
    if (inWorker) console.log(`  import profile, extension worker:\n${(await inWorker.stop()).join('\n')}`);
  };
}

/** One fresh browser: import the file, then (optionally) export everything in each format. */
export async function importRun(
  makeFiles: (origin: string) => BigFiles,
  format: ImportFormat,
  exportToo: boolean,
): Promise<{ importMs: number; exports: Map<ExportFormat, { ms: number; bytes: number }> }> {
  const b = await startBenchBrowser();
  try {
    const files = makeFiles(new URL(b.demo.url).origin + '/');
    const panel = await openBenchPanel(b, 'Debugger engine');
    // BENCH_PROFILE=1: where the panel and the extension worker spend the import (a --dev build names functions).
    const profiling = process.env.BENCH_PROFILE ? await profileImport(b, panel) : undefined;
    const importMs = await importThroughPanel(panel, files[format], BIG_COUNT).catch((error: unknown) => {
      if (error instanceof ImportRefused) return NaN; // reported below
      throw error;
    });
    await profiling?.();
    const exports = new Map<ExportFormat, { ms: number; bytes: number }>();
    if (exportToo) {
      await panel.evaluate(ARM_EXPORT_STOPWATCH);
      for (const { format: f } of EXPORT_FORMATS) {
        // BENCH_PROFILE=1: where the panel spends each export, from the click to the download.
        const profile = process.env.BENCH_PROFILE ? await startProfiling(panel) : undefined;
        exports.set(f, await exportThroughPanel(panel, f));
        if (profile) console.log(`  export ${f} profile, panel:\n${(await profile.stop()).join('\n')}`);
      }
    }
    return { importMs, exports };
  } finally {
    await b.close();
  }
}

export async function measureExportImport(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const traffic = loadFixture();
  const dir = mkdtempSync(join(tmpdir(), 'sync-inspector-bench-files-'));
  let bytes = { devtools: 0, json: 0 };
  const makeFiles = (origin: string) => {
    const files = writeBigFiles(dir, traffic, origin);
    bytes = files.bytes;
    return files;
  };
  const imports: Record<ImportFormat, number[]> = { devtools: [], json: [] };
  const exports = new Map<ExportFormat, Array<{ ms: number; bytes: number }>>();
  try {
    for (let i = 0; i < runs; i++) {
      for (const format of ['devtools', 'json'] as const) {
        const r = await importRun(makeFiles, format, format === 'devtools');
        imports[format].push(r.importMs);
        for (const [f, e] of r.exports) exports.set(f, [...(exports.get(f) ?? []), e]);
        const exported = [...r.exports]
          .map(([f, e]) => `${f} ${e.ms.toFixed(0)} ms (${(e.bytes / 1e6).toFixed(1)} MB)`)
          .join(', ');
        log(
          `  4: run ${i + 1}: import ${format} ${Number.isNaN(r.importMs) ? 'REFUSED by the panel' : `${r.importMs.toFixed(0)} ms`}${exported ? `; export ${exported}` : ''}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  return [
    figure(
      4,
      'import 100,000 events, DevTools "Save events" JSON (pick file -> all shown)',
      'ms',
      imports.devtools,
      { text: '<= 1000 ms', max: 1000 },
      `file ${mb(bytes.devtools)}`,
    ),
    figure(
      4,
      'import 100,000 events, Sync Inspector JSON (pick file -> all shown)',
      'ms',
      imports.json,
      { text: '<= 1000 ms', max: 1000 },
      `file ${mb(bytes.json)}`,
    ),
    ...EXPORT_FORMATS.map(({ format, label }) => {
      const samples = exports.get(format) ?? [];
      return figure(
        4,
        `export 100,000 events, ${label} (click -> download handed over)`,
        'ms',
        samples.map((s) => s.ms),
        { text: '<= 300 ms', max: 300 },
        samples[0] ? `file ${mb(samples[0].bytes)}` : undefined,
      );
    }),
  ];
}
