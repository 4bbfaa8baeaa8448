/** The machine's load average (1, 5, 15 minutes, as `uptime` shows it), noted with the figures. */
import { loadavg } from 'node:os';

export interface LoadNote {
  measure: number;
  before: string;
  after: string;
}

export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}
