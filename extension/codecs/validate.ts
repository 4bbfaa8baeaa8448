/**
 * Checks records that come from a file (or over the panel's port) and rebuilds each one from known
 * fields only: nothing unknown is copied (so `__proto__`, `constructor` and friends go nowhere),
 * every string has a length limit, every number must be finite. Problems name the record and field.
 */
import { cleanActivity } from '../activity-validate.ts';
import {
  kindOfEventName,
  SYNC_KINDS,
  type MetadataEntry,
  type SourceLocation,
  type SyncKind,
  type SyncRecord,
  type SyncService,
} from '../model.ts';
import { MAX_TAG_LENGTH, RECORD_FIELD_NAMES } from '../record-facts.ts';

export const LIMITS = {
  /** A file larger than this is refused before parsing (characters, about bytes for JSON). */
  fileChars: 50 * 1024 * 1024,
  tag: MAX_TAG_LENGTH,
  id: 16_384,
  origin: 2_048,
  scope: 4_096,
  registrationId: 64,
  eventName: 256,
  status: 256,
  reason: 10_240,
  storageKey: 4_096,
  metadataEntries: 64,
  metadataKey: 256,
  metadataValue: 10_240,
  fileName: 255,
  /** At most this many problems are listed; the rest are counted. */
  problemsListed: 20,
} as const;

const SERVICES: readonly SyncService[] = ['backgroundSync', 'periodicBackgroundSync'];
const KINDS = SYNC_KINDS;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(RECORD_FIELD_NAMES);
/** Keys that only an attack puts into a record. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Year 1970 to 2200, in ms: anything else is not a time Chrome logged. */
const MAX_TIME_MS = 7_258_118_400_000;

/** Collects problems and warnings for a whole file; lists a few, counts the rest. */
export class Findings {
  readonly problems: string[] = [];
  private readonly warningCounts = new Map<string, number>();

  problem(text: string): void {
    this.problems.push(text);
  }

  /** The same warning for many records is said once, with how many. */
  warn(text: string): void {
    this.warningCounts.set(text, (this.warningCounts.get(text) ?? 0) + 1);
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  listedProblems(): string[] {
    const listed = this.problems.slice(0, LIMITS.problemsListed);
    const more = this.problems.length - listed.length;
    return more > 0 ? [...listed, `…and ${more.toLocaleString('en-US')} more problems.`] : listed;
  }

  warnings(): string[] {
    return [...this.warningCounts].map(([text, n]) =>
      n > 1 ? `${text} (${n.toLocaleString('en-US')} records)` : text,
    );
  }
}

/** Refuses a file of more items than retention keeps; true when it did. */
export function refuseOverLimit(count: number, maxRecords: number, noun: string, f: Findings): boolean {
  if (count <= maxRecords) return false;
  f.problem(
    `The file holds ${count.toLocaleString('en-US')} ${noun}; at most ${maxRecords.toLocaleString('en-US')} (the retention limit) can be imported.`,
  );
  return true;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A short text of a value for a problem message. Never walks into objects: a file may nest arrays
 * a million levels deep, and JSON.stringify of that overflows the stack.
 */
export function preview(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'object' && value !== null) return describeType(value);
  return JSON.stringify(value)?.slice(0, 40) ?? describeType(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A string field: required or optional, at most `max` characters. */
export function stringField(
  o: Record<string, unknown>,
  field: string,
  max: number,
  where: string,
  f: Findings,
  required: boolean,
): string | undefined {
  const value = Object.hasOwn(o, field) ? o[field] : undefined;
  if (value === undefined || (value === null && !required)) {
    if (required) f.problem(`${where}: "${field}" is missing.`);
    return undefined;
  }
  if (typeof value !== 'string') {
    f.problem(`${where}: "${field}" must be a string, not ${describeType(value)}.`);
    return undefined;
  }
  if (value.length > max) {
    f.problem(
      `${where}: "${field}" is ${value.length.toLocaleString('en-US')} characters long; at most ${max.toLocaleString('en-US')} are allowed.`,
    );
    return undefined;
  }
  return value;
}

export function metadataField(value: unknown, where: string, f: Findings): MetadataEntry[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    f.problem(`${where}: must be a list of {key, value}, not ${describeType(value)}.`);
    return undefined;
  }
  if (value.length > LIMITS.metadataEntries) {
    f.problem(`${where}: has ${value.length} entries; at most ${LIMITS.metadataEntries} are allowed.`);
    return undefined;
  }
  const entries: MetadataEntry[] = [];
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (!isPlainObject(entry)) {
      f.problem(`${where}[${i}]: must be {key, value}, not ${describeType(entry)}.`);
      return undefined;
    }
    const key = stringField(entry, 'key', LIMITS.metadataKey, `${where}[${i}]`, f, true);
    const text = stringField(entry, 'value', LIMITS.metadataValue, `${where}[${i}]`, f, true);
    if (key === undefined || text === undefined) return undefined;
    entries.push({ key, value: text });
  }
  return entries;
}

function numberField(
  o: Record<string, unknown>,
  field: string,
  where: string,
  f: Findings,
  min: number,
  max: number,
): number | undefined {
  const value = Object.hasOwn(o, field) ? o[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    f.problem(`${where}: "${field}" must be a number from ${min} to ${max}, not ${preview(value)}.`);
    return undefined;
  }
  return value;
}

/** Unknown fields are not copied anywhere; say which were left behind, and call out the hostile ones. */
export function noteUnknownFields(value: Record<string, unknown>, known: ReadonlySet<string>, f: Findings): void {
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_KEYS.has(key))
      f.warn(`Ignored the field "${key}": it can only be an attempt to change built-in objects.`);
    else if (!known.has(key)) f.warn(`Ignored an unknown field "${key.slice(0, 60)}".`);
  }
}

function sourceLocationField(value: unknown, where: string, f: Findings): SourceLocation | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    f.problem(`${where}: must be {url, line, column}, not ${describeType(value)}.`);
    return undefined;
  }
  const url = stringField(value, 'url', LIMITS.scope, where, f, true);
  const { line, column } = value;
  if (
    typeof line !== 'number' ||
    typeof column !== 'number' ||
    !Number.isInteger(line) ||
    !Number.isInteger(column) ||
    line < 0 ||
    column < 0
  ) {
    f.problem(`${where}: "line" and "column" must be whole numbers from 0.`);
    return undefined;
  }
  if (url === undefined) return undefined;
  return { url, line, column };
}

/** Tags may hold markup (they are the page's): that is fine as data, and worth a word. */
export function noteMarkup(tag: string, f: Findings): void {
  if (/[<>]/.test(tag)) f.warn('Some tags contain markup characters (< or >): they are shown as text, never as HTML.');
}

/**
 * One record of our own format (also what the panel sends the background). Returns a fresh object
 * of known fields, or undefined with the problems recorded.
 */
export function cleanRecord(value: unknown, where: string, f: Findings): SyncRecord | undefined {
  if (!isPlainObject(value)) {
    f.problem(`${where}: must be an object, not ${describeType(value)}.`);
    return undefined;
  }
  noteUnknownFields(value, KNOWN_FIELDS, f);
  const before = f.problems.length;
  const time = numberField(value, 'time', where, f, 0, MAX_TIME_MS);
  if (time === undefined && !f.problems.slice(before).length) f.problem(`${where}: "time" is missing.`);
  const origin = stringField(value, 'origin', LIMITS.origin, where, f, true);
  const registrationId = stringField(value, 'registrationId', LIMITS.registrationId, where, f, true);
  const scope = stringField(value, 'scope', LIMITS.scope, where, f, false);
  const service = value.service;
  if (typeof service !== 'string' || !SERVICES.includes(service as SyncService)) {
    f.problem(`${where}: "service" must be "backgroundSync" or "periodicBackgroundSync", not ${preview(service)}.`);
  }
  const eventName = stringField(value, 'eventName', LIMITS.eventName, where, f, true);
  const tag = stringField(value, 'tag', LIMITS.tag, where, f, true);
  const kindValue = value.kind;
  if (kindValue !== undefined && (typeof kindValue !== 'string' || !KINDS.includes(kindValue as SyncKind))) {
    f.problem(`${where}: "kind" must be one of ${KINDS.join(', ')}.`);
  }
  const lastChance = value.lastChance;
  if (lastChance !== undefined && lastChance !== null && typeof lastChance !== 'boolean')
    f.problem(`${where}: "lastChance" must be true or false.`);
  const status = stringField(value, 'status', LIMITS.status, where, f, false);
  const delayValue = value.nextAttemptDelayMs;
  const nextAttemptDelayMs =
    delayValue === 'infinite'
      ? Infinity
      : numberField(value, 'nextAttemptDelayMs', where, f, 0, Number.MAX_SAFE_INTEGER);
  const reason = stringField(value, 'reason', LIMITS.reason, where, f, false);
  const durationMs = numberField(value, 'durationMs', where, f, 0, Number.MAX_SAFE_INTEGER);
  const metadata = metadataField(value.metadata, `${where}.metadata`, f);
  const storageKey = stringField(value, 'storageKey', LIMITS.storageKey, where, f, false);
  const id = stringField(value, 'id', LIMITS.id, where, f, false);
  const instrumentedId = stringField(value, 'instrumentedId', LIMITS.id, where, f, false);
  const error = stringField(value, 'error', LIMITS.reason, where, f, false);
  const sourceLocation = sourceLocationField(value.sourceLocation, `${where}.sourceLocation`, f);
  if (f.problems.length > before || time === undefined || origin === undefined || registrationId === undefined)
    return undefined;
  if (eventName === undefined || tag === undefined || metadata === undefined) return undefined;
  noteMarkup(tag, f);
  const record: SyncRecord = {
    // A record without an id gets one from what tells events apart, so importing it twice is a no-op.
    id: id ?? ['i', service, time, origin, registrationId, eventName, tag].join('|'),
    time,
    origin,
    registrationId,
    service: service as SyncService,
    kind: (kindValue as SyncKind | undefined) ?? kindOfEventName(eventName),
    eventName,
    tag,
    metadata,
    source: 'imported',
  };
  if (scope !== undefined) record.scope = scope;
  if (typeof lastChance === 'boolean') record.lastChance = lastChance;
  if (status !== undefined) record.status = status;
  if (nextAttemptDelayMs !== undefined) record.nextAttemptDelayMs = nextAttemptDelayMs;
  if (reason !== undefined) record.reason = reason;
  if (durationMs !== undefined) record.durationMs = durationMs;
  if (storageKey !== undefined) record.storageKey = storageKey;
  if (instrumentedId !== undefined) record.instrumentedId = instrumentedId;
  if (error !== undefined) record.error = error;
  if (sourceLocation !== undefined) record.sourceLocation = sourceLocation;
  const activity = cleanActivity(value.activity);
  if (activity !== undefined) record.activity = activity;
  return record;
}

/** The name an import is known by: no folders, no control characters, not empty, not endless. */
export function safeImportName(fileName: string): string {
  const base = String(fileName).split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, LIMITS.fileName);
  return clean || 'imported.json';
}
