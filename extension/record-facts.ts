/**
 * Facts about a SyncRecord that more than one place needs: which outcome is a failure, Chrome's tag
 * limit, and the list of the record's fields (import validation, the port's packed form and CSV
 * derive theirs from it, so a new field cannot be forgotten by one of them).
 */
import type { SyncRecord } from './model.ts';

/** Chrome's own limit for a sync tag, in characters: register() refuses longer ones. */
export const MAX_TAG_LENGTH = 10_240;

/** A failed attempt: Chrome's "sync event failed", or a completion whose status is not "succeeded". */
export function isFailure(r: Pick<SyncRecord, 'kind' | 'status'>): boolean {
  return r.kind === 'failed' || (r.kind === 'completed' && r.status !== undefined && r.status !== 'succeeded');
}

/**
 * Every field of a record, in the record's order, with what it holds. `id`: unique per record (never
 * shared, so the packed form writes it inline); `text`: a string, often repeated across records.
 */
export const RECORD_FIELDS = {
  id: 'id',
  time: 'time',
  origin: 'text',
  registrationId: 'text',
  scope: 'text',
  service: 'text',
  kind: 'text',
  eventName: 'text',
  tag: 'text',
  lastChance: 'boolean',
  status: 'text',
  nextAttemptDelayMs: 'delay',
  reason: 'text',
  durationMs: 'number',
  metadata: 'metadata',
  source: 'text',
  sourceFile: 'text',
  storageKey: 'text',
  instrumentedId: 'id',
  sourceLocation: 'sourceLocation',
  error: 'text',
  activity: 'activity',
} as const satisfies { [K in keyof Required<SyncRecord>]: string };

export type RecordField = keyof typeof RECORD_FIELDS;
export type FieldsHolding<T extends string> = {
  [K in RecordField]: (typeof RECORD_FIELDS)[K] extends T ? K : never;
}[RecordField];

export const RECORD_FIELD_NAMES = Object.keys(RECORD_FIELDS) as RecordField[];

/** The fields that hold a given kind of value, in the record's order. */
export function fieldsHolding<T extends string>(kind: T): Array<FieldsHolding<T>> {
  return RECORD_FIELD_NAMES.filter((f) => RECORD_FIELDS[f] === kind) as Array<FieldsHolding<T>>;
}
