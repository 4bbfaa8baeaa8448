/** Measure 4: export and import of 100,000 events, each format. */
import { notRun, type Figure } from '../lib/figure.ts';

export async function measureExportImport(_runs: number, _log: (line: string) => void): Promise<Figure[]> {
  return [notRun(4, 'export and import of 100,000 events', 'export <= 500 ms, import <= 1 s', 'the import path is not committed yet')];
}
