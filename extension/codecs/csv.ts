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
  time: (v: number) => isoTime(v),
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
  if (value === undefined) return '';
  // Numbers and booleans need no quotes; of them only a negative number looks like a formula.
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value < 0 ? `'${value}` : String(value);
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines per part of the file (see exportCsv). */
const LINES_PER_PART = 2000;

/** The file as parts of its text, for a Blob: no one string of the whole file is made. */
export function exportCsv(records: readonly SyncRecord[]): string[] {
  const parts = [COLUMNS.map(([name]) => csvCell(name)).join(',') + '\r\n'];
  const cells: string[] = new Array<string>(COLUMNS.length);
  let lines: string[] = [];
  for (const record of records) {
    for (let i = 0; i < COLUMNS.length; i++) cells[i] = csvCell(COLUMNS[i]![1](record));
    lines.push(cells.join(','));
    if (lines.length === LINES_PER_PART) {
      parts.push(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length) parts.push(lines.join('\r\n') + '\r\n');
  return parts;
}

/** The minute `isoTime` wrote last, and its text up to the seconds: records come in time order. */
let cachedMinute = NaN;
let cachedMinuteText = '';

/** `new Date(ms).toISOString()`, without a Date per record: most records share their minute with the one before. */
export function isoTime(ms: number): string {
  const whole = Math.trunc(ms); // as Date does
  if (!(whole >= 0 && whole < 8.64e15)) return new Date(ms).toISOString();
  const rest = whole % 60_000;
  const minute = whole - rest;
  if (minute !== cachedMinute) {
    cachedMinuteText = new Date(minute).toISOString().slice(0, -7); // "YYYY-MM-DDTHH:mm:"
    cachedMinute = minute;
  }
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedMinuteText}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
