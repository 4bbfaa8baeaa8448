/**
 * Sync Inspector's own export: a versioned JSON document (documented in docs/export-format.md).
 * Records are written as the model holds them, except that an endless retry delay (Infinity, which
 * JSON cannot hold) is written as the string "infinite".
 */
import type { SyncRecord } from '../model.ts';
import { ByteSink } from './byte-sink.ts';
import { JsonObjectWriter, writeJsonArrayByLine } from './json-bytes.ts';
import type { ExportSnapshot } from './snapshot.ts';
import { cleanRecord, describeType, Findings, isPlainObject, preview, refuseOverLimit } from './validate.ts';

export const JSON_FORMAT = 'sync-inspector';
export const JSON_VERSION = 1;

export interface JsonExport {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  /** ISO 8601, UTC. */
  exportedAt: string;
  origin?: string;
  filtered: boolean;
  /** What the panel showed when the file was made (optional; readers ignore it: older files lack it). */
  snapshot?: ExportSnapshot;
  records: Array<Omit<SyncRecord, 'nextAttemptDelayMs'> & { nextAttemptDelayMs?: number | 'infinite' }>;
}

/**
 * The document as UTF-8 chunks for a Blob: the text of `JSON.stringify` per record, one record per
 * line, with an endless delay written as "infinite".
 */
export function exportJson(
  records: readonly SyncRecord[],
  context: { origin?: string; now: number; filtered: boolean; snapshot?: ExportSnapshot },
): Uint8Array<ArrayBuffer>[] {
  const head: Omit<JsonExport, 'records'> = {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: new Date(context.now).toISOString(),
    ...(context.origin !== undefined ? { origin: context.origin } : {}),
    filtered: context.filtered,
    ...(context.snapshot ? { snapshot: context.snapshot } : {}),
  };
  const sink = new ByteSink();
  sink.text(`${JSON.stringify(head).slice(0, -1)},"records":`);
  const writer = new JsonObjectWriter(sink, (key, value) =>
    key === 'nextAttemptDelayMs' && value === Infinity ? 'infinite' : undefined,
  );
  writeJsonArrayByLine(sink, records, (r) => writer.write(r));
  sink.text('}\n');
  return sink.finish();
}

/** Reads a parsed document of our format: every record checked, the file refused if any is wrong. */
export function readJsonExport(doc: Record<string, unknown>, maxRecords: number, f: Findings): SyncRecord[] {
  if (doc.version !== JSON_VERSION) {
    f.problem(
      typeof doc.version === 'number' && doc.version > JSON_VERSION
        ? `The file is format version ${doc.version}, made by a newer Sync Inspector; this one reads version ${JSON_VERSION}.`
        : `"version" must be ${JSON_VERSION}, not ${preview(doc.version)}.`,
    );
    return [];
  }
  const list = doc.records;
  if (!Array.isArray(list)) {
    f.problem(`"records" must be a list, not ${describeType(list)}.`);
    return [];
  }
  if (refuseOverLimit(list.length, maxRecords, 'records', f)) return [];
  const records: SyncRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    const record = cleanRecord(list[i], `records[${i}]`, f);
    if (record) records.push(record);
  }
  return records;
}

export function isOurDocument(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && value.format === JSON_FORMAT;
}
