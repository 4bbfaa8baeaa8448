/**
 * CSV export, RFC 4180: CRLF line ends, every field that holds a comma, quote, CR or LF quoted,
 * quotes doubled. Every cell is page-controlled or derived from it, so every cell that a spreadsheet
 * would read as a formula (starting with =, +, -, @, tab or CR) is neutralised with a leading '.
 */
import type { SyncRecord } from '../model.ts';

const COLUMNS: Array<[string, (r: SyncRecord) => string | number | boolean | undefined]> = [
  ['time', (r) => new Date(r.time).toISOString()],
  ['timeMs', (r) => r.time],
  ['origin', (r) => r.origin],
  ['scope', (r) => r.scope],
  ['registrationId', (r) => r.registrationId],
  ['service', (r) => r.service],
  ['kind', (r) => r.kind],
  ['eventName', (r) => r.eventName],
  ['tag', (r) => r.tag],
  ['lastChance', (r) => r.lastChance],
  ['status', (r) => r.status],
  ['nextAttemptDelayMs', (r) => (r.nextAttemptDelayMs === Infinity ? 'infinite' : r.nextAttemptDelayMs)],
  ['reason', (r) => r.reason],
  ['durationMs', (r) => r.durationMs],
  ['error', (r) => r.error],
  [
    'sourceLocation',
    (r) =>
      r.sourceLocation ? `${r.sourceLocation.url}:${r.sourceLocation.line}:${r.sourceLocation.column}` : undefined,
  ],
  ['metadata', (r) => r.metadata.map((m) => `${m.key}=${m.value}`).join('; ')],
  ['source', (r) => r.source],
  ['sourceFile', (r) => r.sourceFile],
  ['id', (r) => r.id],
];

/** A formula-looking cell becomes text: `=HYPERLINK(...)` -> `'=HYPERLINK(...)`. */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number | boolean | undefined): string {
  const text = neutraliseCell(value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(records: readonly SyncRecord[]): string {
  const lines = [COLUMNS.map(([name]) => csvCell(name)).join(',')];
  for (const record of records) lines.push(COLUMNS.map(([, cell]) => csvCell(cell(record))).join(','));
  return lines.join('\r\n') + '\r\n';
}
