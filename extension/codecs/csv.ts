/**
 * CSV export, RFC 4180: CRLF line ends, every field that holds a comma, quote, CR or LF quoted,
 * quotes doubled. Every cell is page-controlled or derived from it, so every cell that a spreadsheet
 * would read as a formula (starting with =, +, -, @, tab or CR) is neutralised with a leading '.
 */
import type { SourceLocation, SyncRecord } from '../model.ts';
import { activityCell } from '../activity-text.ts';
import type { SyncActivity } from '../activity-model.ts';
import { RECORD_FIELD_NAMES, RECORD_FIELDS, type RecordField } from '../record-facts.ts';
import { ByteSink } from './byte-sink.ts';
import { RunWriter } from './run-tree.ts';

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

/** The columns: every field of the record, and the time again as a number (spreadsheets sort by it). */
const COLUMNS: Array<{ name: string; field: RecordField; kind: (typeof RECORD_FIELDS)[RecordField] | 'timeMs' }> =
  RECORD_FIELD_NAMES.flatMap((field) => {
    const column = { name: field, field, kind: RECORD_FIELDS[field] };
    return field === 'time' ? [column, { name: 'timeMs', field, kind: 'timeMs' as const }] : [column];
  });

/** A cell of a field's value, neutralised and quoted. */
function cellText(kind: (typeof RECORD_FIELDS)[RecordField] | 'timeMs', value: unknown): string {
  if (value === undefined) return '';
  if (kind === 'timeMs') return csvCell(value as number);
  return csvCell((CELL_OF_KIND[kind] as (value: unknown) => Cell)(value));
}

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

const COMMA = 0x2c;
/** The columns exportCsv writes by name; when record-facts.ts lists others, it takes the general loop. */
const WRITTEN_IN_ORDER =
  'id,time,timeMs,origin,registrationId,scope,service,kind,eventName,tag,lastChance,status,nextAttemptDelayMs,' +
  'reason,durationMs,metadata,source,sourceFile,storageKey,instrumentedId,sourceLocation,error,activity';
const OBJECT_KINDS = new Set<string>(['metadata', 'sourceLocation', 'activity']);

/**
 * The file as UTF-8 chunks for a Blob. Cells that repeat (origin, service, kind, tag, metadata...)
 * go through runs (run-tree.ts): neutralised, quoted and encoded once per export; ids and times are
 * written per record.
 */
export function exportCsv(records: readonly SyncRecord[]): Uint8Array<ArrayBuffer>[] {
  const sink = new ByteSink();
  sink.text(COLUMNS.map(({ name }) => csvCell(name)).join(',') + '\r\n');
  const runs = new RunWriter(sink);
  const steps = COLUMNS.map(({ kind }, i) => {
    const comma = i ? ',' : '';
    // Objects per record (metadata, source location, activity) come as their cell's text.
    return OBJECT_KINDS.has(kind)
      ? runs.step((cell) => comma + ((cell as string | undefined) ?? ''))
      : runs.step((value) => comma + cellText(kind, value));
  });
  const rowEnd = runs.step(() => '\r\n');
  const writeTime = (ms: number) => {
    runs.flush();
    sink.byte(COMMA);
    const iso = isoTime(ms);
    // An ISO time of years 0-9999 starts with a digit and holds no quote, comma or line end.
    const digit = iso.charCodeAt(0) - 0x30;
    sink.text(digit >= 0 && digit <= 9 ? iso : csvCell(iso));
    sink.byte(COMMA);
    sink.text(csvCell(ms));
  };
  const writeId = (id: string | undefined) => {
    runs.flush();
    if (id !== undefined) sink.text(csvCell(id));
  };
  if (COLUMNS.map(({ name }) => name).join() === WRITTEN_IN_ORDER) {
    // The columns as record-facts.ts lists them, field by field: no keyed access per cell.
    const [, , , origin, registrationId, scope, service, kind, eventName, tag, lastChance, status, delay, reason] =
      steps;
    const [durationMs, metadata, source, sourceFile, storageKey, , sourceLocation, error, activity] = steps.slice(14);
    for (const r of records) {
      writeId(r.id);
      writeTime(r.time);
      runs.extend(origin!, r.origin);
      runs.extend(registrationId!, r.registrationId);
      runs.extend(scope!, r.scope);
      runs.extend(service!, r.service);
      runs.extend(kind!, r.kind);
      runs.extend(eventName!, r.eventName);
      runs.extend(tag!, r.tag);
      runs.extend(lastChance!, r.lastChance);
      runs.extend(status!, r.status);
      runs.extend(delay!, r.nextAttemptDelayMs);
      runs.extend(reason!, r.reason);
      runs.extend(durationMs!, r.durationMs);
      runs.extend(metadata!, cellText('metadata', r.metadata));
      runs.extend(source!, r.source);
      runs.extend(sourceFile!, r.sourceFile);
      runs.extend(storageKey!, r.storageKey);
      runs.flush();
      sink.byte(COMMA);
      writeId(r.instrumentedId);
      runs.extend(sourceLocation!, cellText('sourceLocation', r.sourceLocation));
      runs.extend(error!, r.error);
      runs.extend(activity!, cellText('activity', r.activity));
      runs.extend(rowEnd, undefined);
    }
    runs.flush();
    return sink.finish();
  }
  for (const record of records) {
    for (let i = 0; i < COLUMNS.length; i++) {
      const { field, kind } = COLUMNS[i]!;
      const value = record[field];
      switch (kind) {
        case 'id':
          runs.flush();
          if (i) sink.byte(COMMA);
          if (value !== undefined) sink.text(csvCell(value as string));
          break;
        case 'time': {
          runs.flush();
          if (i) sink.byte(COMMA);
          const iso = isoTime(value as number);
          // An ISO time of years 0-9999 starts with a digit and holds no quote, comma or line end.
          const digit = iso.charCodeAt(0) - 0x30;
          sink.text(digit >= 0 && digit <= 9 ? iso : csvCell(iso));
          break;
        }
        case 'timeMs':
          runs.flush();
          if (i) sink.byte(COMMA);
          sink.text(csvCell(value as number));
          break;
        case 'metadata':
        case 'sourceLocation':
        case 'activity':
          // The run is keyed by the cell's text: the objects are per record.
          runs.extend(steps[i]!, value === undefined ? undefined : cellText(kind, value));
          break;
        default:
          runs.extend(steps[i]!, value);
      }
    }
    runs.extend(rowEnd, undefined);
  }
  runs.flush();
  return sink.finish();
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
