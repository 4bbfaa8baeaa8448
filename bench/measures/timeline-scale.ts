/** Measure 2: 100,000 events in the panel (first render, scroll frame time, filter change, JS heap). */
import { notRun, type Figure } from '../lib/figure.ts';

export async function measureTimelineScale(_runs: number, _log: (line: string) => void): Promise<Figure[]> {
  return [notRun(2, '100,000 events in the panel', '<= 100 ms, <= 16 ms, <= 100 ms, <= 60 MB', 'the import path is not committed yet')];
}
