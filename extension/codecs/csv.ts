/**
 * CSV export, RFC 4180: CRLF line ends, every field that holds a comma, quote, CR or LF quoted,
 * quotes doubled. Every cell is page-controlled or derived from it, so every cell that a spreadsheet
 * would read as a formula (starting with =, +, -, @, tab or CR) is neutralised with a leading '.
 */
import type { SourceLocation, SyncRecord } from '../model.ts';
import { activityCell } from '../activity-text.ts';
import type { SyncActivity } from '../activity-model.ts';
import { RECORD_FIELD_NAMES, RECORD_FIELDS, type RecordField } from '../record-facts.ts';

type Cell = string | number | boolean | undefined;

/** How a cell shows each kind of field (record-facts.ts lists which field holds which). */
const CELL_OF_KIND: { [K in (typeof RECORD_FIELDS)[RecordField]]: (value: never) => Cell } = {
  id: (v: string) => v,
  text: (v: string) => v,
  time: (v: number) => new Date(v).toISOString(),
  boolean: (v: boolean) => v,
  number: (v: number) => v,
  delay: (v: number) => (v === Infinity ? 'infinite' : v),
  metadata: (v: SyncRecord['metadata']) => v.map((m) => `${m.key}=${m.value}`).join('; '),
  sourceLocation: (v: SourceLocation) => `${v.url}:${v.line}:${v.column}`,
  activity: (v: SyncActivity) => activityCell(v),
};

/** Every field of the record, and the time again as a number (spreadsheets sort by it). */
const COLUMNS: Array<[string, (r: SyncRecord) => Cell]> = RECORD_FIELD_NAMES.flatMap((field) => {
  const cell = CELL_OF_KIND[RECORD_FIELDS[field]] as (value: unknown) => Cell;
  const column: [string, (r: SyncRecord) => Cell] = [
    field,
    (r) => (r[field] === undefined ? undefined : cell(r[field])),
  ];
  return field === 'time' ? [column, ['timeMs', (r: SyncRecord) => r.time]] : [column];
});

/**
 * Spreadsheets skip leading blanks and read full-width ＝ ＋ － ＠ as their ASCII forms, so a cell is
 * formula-looking when, after any whitespace, it starts with one of those (or with a tab or CR).
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

/** A formula-looking cell becomes text: `=HYPERLINK(...)` -> `'=HYPERLINK(...)`. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
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
