/**
 * Where reports arrive, from the worker binding and the page binding alike: each report is heard
 * once (a worker's report may come both ways), checked, and handed on as records.
 */
import type { SyncRecord } from '../../extension/model.ts';
import { parseReport, recordsFromReport, type Report } from './reports.ts';

/** Ids remembered to drop a report heard twice; both copies arrive within milliseconds. */
const REMEMBERED_IDS = 2000;

export class ReportIntake {
  private readonly seen = new Set<string>();

  constructor(private readonly emit: (records: SyncRecord[], report: Report) => void) {}

  /** One binding payload. Returns the report when it was new and valid. */
  take(payload: string): Report | undefined {
    const report = parseReport(payload);
    if (!report) return undefined;
    const key = `${report.origin}|${report.id}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value!);
    this.emit(recordsFromReport(report), report);
    return report;
  }
}
