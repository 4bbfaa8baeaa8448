/** Imports a big file through the panel's own Import control, as a user picking the file would. */
import type { Page } from 'puppeteer-core';
import { armImportStopwatch } from './panel-stopwatch.ts';

/**
 * The panel's own measure: input change -> "Imported" shown with `count` events listed, painted.
 * A refused import throws, with the panel's reason.
 */
export async function importThroughPanel(panel: Page, file: string, count: number): Promise<number> {
  await panel.evaluate(armImportStopwatch(count));
  const input = await panel.$('input[type="file"][aria-label="Import file"]');
  if (!input) throw new Error('bench: the panel has no "Import file" input');
  await (input as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(file);
  await panel.waitForFunction('window.__benchImport !== null', { timeout: 120_000, polling: 50 });
  const result = (await panel.evaluate('window.__benchImport')) as { ms: number; refused: string | null };
  if (result.refused) throw new ImportRefused(result.refused);
  return result.ms;
}

export class ImportRefused extends Error {
  constructor(readonly reason: string) {
    super(`the panel refused the import: ${reason}`);
  }
}
