/**
 * Export and import of the timeline. Pure: text in, text out; the panel saves and reads the files,
 * the background stores what was imported. Formats: docs/export-format.md.
 */
import type { SyncRecord } from '../model.ts';
import { DEFAULT_RETENTION } from '../settings.ts';
import { exportCsv } from './csv.ts';
import { exportDevtools, readDevtoolsFile } from './devtools.ts';
import { exportFileName } from './file-name.ts';
import { exportJson, isOurDocument, readJsonExport } from './json.ts';
import type { ExportSnapshot } from './snapshot.ts';
import { exportTrace } from './trace.ts';
import { Findings, LIMITS, safeImportName } from './validate.ts';
import { errorMessage } from '../error-message.ts';

export type ExportFormat = 'json' | 'devtools' | 'csv' | 'trace';

export const EXPORT_FORMATS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'json', label: 'Sync Inspector JSON' },
  { format: 'devtools', label: 'DevTools "Save events" JSON' },
  { format: 'csv', label: 'CSV' },
  { format: 'trace', label: 'Trace (Perfetto, chrome://tracing)' },
];

export interface ExportContext {
  /** The inspected origin, when the export is of one origin; names the file. */
  origin?: string;
  now: number;
  /** Whether the records are what the filters let through rather than everything. */
  filtered: boolean;
  /** What the panel showed (origin, scopes, workers, permissions, pending tags): Sync Inspector JSON carries it. */
  snapshot?: ExportSnapshot;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's text in parts, for a Blob (no one string of the whole file is made). */
  parts: string[];
  /** The parts joined (tests and tools: a download takes the parts). */
  readonly text: string;
}

function exportedFile(fileName: string, mimeType: string, parts: string[]): ExportedFile {
  return {
    fileName,
    mimeType,
    parts,
    get text() {
      return parts.join('');
    },
  };
}

export type ImportResult =
  | { ok: true; records: SyncRecord[]; format: 'json' | 'devtools'; warnings: string[] }
  | { ok: false; problems: string[] };

export function exportRecords(records: SyncRecord[], format: ExportFormat, context: ExportContext): ExportedFile {
  switch (format) {
    case 'json':
      return exportedFile(
        exportFileName('sync-inspector', context.origin, context.now, '.json'),
        'application/json',
        exportJson(records, context),
      );
    case 'devtools': {
      // DevTools names its files `<service>-YYYYMMDDTHHMMSS.json`; ours add the origin between.
      const service =
        records.length > 0 && records.every((r) => r.service === 'periodicBackgroundSync')
          ? 'periodicBackgroundSync'
          : 'backgroundSync';
      return exportedFile(
        exportFileName(service, context.origin, context.now, '.json'),
        'application/json',
        exportDevtools(records),
      );
    }
    case 'csv':
      return exportedFile(
        exportFileName('sync-inspector', context.origin, context.now, '.csv'),
        'text/csv;charset=utf-8',
        exportCsv(records),
      );
    case 'trace':
      return exportedFile(
        exportFileName('sync-inspector', context.origin, context.now, '.trace.json'),
        'application/json',
        exportTrace(records, context),
      );
  }
}

/** Why a file of `size` bytes (or characters) is refused before it is read, if it is. */
export function sizeProblem(size: number): string | undefined {
  if (size <= LIMITS.fileChars) return undefined;
  return `The file is ${(size / 1024 / 1024).toFixed(1)} MB; at most ${LIMITS.fileChars / 1024 / 1024} MB can be imported.`;
}

/**
 * Reads our JSON or a DevTools "Save events" file. Any wrong record refuses the whole file (nothing
 * half-imported), with each problem named by record and field. Records come back marked as
 * imported from this file; their ids are stable, so importing the same file again adds nothing.
 */
export function parseImport(text: string, fileName: string, options: { maxRecords?: number } = {}): ImportResult {
  const maxRecords = options.maxRecords ?? DEFAULT_RETENTION.maxRecords;
  const sourceFile = safeImportName(fileName);
  if (typeof text !== 'string') return { ok: false, problems: ['The file could not be read as text.'] };
  const tooLarge = sizeProblem(text.length);
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const why = errorMessage(error);
    return { ok: false, problems: [`The file is not JSON (${why.slice(0, 160)}).`] };
  }
  const f = new Findings();
  let records: SyncRecord[];
  let format: 'json' | 'devtools';
  if (Array.isArray(data)) {
    format = 'devtools';
    records = readDevtoolsFile(data, maxRecords, f);
  } else if (isOurDocument(data)) {
    format = 'json';
    records = readJsonExport(data, maxRecords, f);
  } else {
    return {
      ok: false,
      problems: [
        'This is neither a Sync Inspector export ({"format": "sync-inspector", ...}) nor a DevTools "Save events" file (a list of events).',
      ],
    };
  }
  if (!f.ok) return { ok: false, problems: f.listedProblems() };
  const warnings = f.warnings();
  if (records.length === 0) warnings.push('The file holds no sync events.');
  // The records were just built from the file (never shared): marked in place, not copied again.
  for (const record of records) {
    record.source = 'imported';
    record.sourceFile = sourceFile;
  }
  return { ok: true, records, format, warnings };
}

export { LIMITS, safeImportName } from './validate.ts';
