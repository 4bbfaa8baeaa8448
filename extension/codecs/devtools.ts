/**
 * DevTools' "Save events" format (Application > Background services): a JSON array of
 * BackgroundService events, exactly as the protocol sends them (timestamp in seconds).
 *
 * Export: records from Chrome's log (and ones imported from such files) are written as they came.
 * Instrumented records whose event Chrome also logs (e.g. "Dispatched sync event") are mapped onto
 * Chrome's shape. Records Chrome never logs are left out: simulated events (they did not happen in
 * Chrome), failed register() calls, and anything whose event name Chrome does not use.
 */
import type { Protocol } from 'devtools-protocol';
import { isSyncService, kindOfEventName, recordFromBackgroundServiceEvent, type SyncRecord } from '../model.ts';
import { jsonArrayByLine } from './json-lines.ts';
import {
  describeType,
  Findings,
  isPlainObject,
  LIMITS,
  metadataField,
  noteMarkup,
  noteUnknownFields,
  preview,
  refuseOverLimit,
  stringField,
} from './validate.ts';

type BackgroundServiceEvent = Protocol.BackgroundService.BackgroundServiceEvent;

const EVENT_FIELDS = new Set([
  'timestamp',
  'origin',
  'serviceWorkerRegistrationId',
  'service',
  'eventName',
  'instanceId',
  'eventMetadata',
  'storageKey',
]);
/** Year 1970 to 2200, in seconds. */
const MAX_TIMESTAMP_S = 7_258_118_400;

function exportableToDevtools(record: SyncRecord): boolean {
  if (record.source === 'simulated' || record.kind === 'registerError') return false;
  return kindOfEventName(record.eventName) !== 'other';
}

/**
 * Chrome's timestamp in seconds. A record of Chrome's log carries the exact one in its id
 * (protocolRecordId): using it keeps ids equal through export and re-import, which time / 1000 may
 * not (floating point).
 */
function timestampOf(record: SyncRecord): number {
  if (record.id.startsWith('p|')) {
    const fromId = Number(record.id.split('|')[2]);
    if (Number.isFinite(fromId) && Math.abs(fromId * 1000 - record.time) < 1) return fromId;
  }
  return record.time / 1000;
}

function toDevtoolsEvent(record: SyncRecord): BackgroundServiceEvent {
  return {
    timestamp: timestampOf(record),
    origin: record.origin,
    serviceWorkerRegistrationId: record.registrationId,
    service: record.service as Protocol.BackgroundService.ServiceName,
    eventName: record.eventName,
    instanceId: record.tag,
    eventMetadata: record.metadata.map((m) => ({ key: m.key, value: m.value })),
    storageKey: record.storageKey ?? record.origin,
  };
}

export function exportDevtools(records: readonly SyncRecord[]): string {
  return jsonArrayByLine(records.filter(exportableToDevtools).map(toDevtoolsEvent)) + '\n';
}

/** Reads a parsed DevTools file: events of other services are skipped (with a warning), bad ones refuse the file. */
export function readDevtoolsFile(list: unknown[], maxRecords: number, f: Findings): SyncRecord[] {
  if (refuseOverLimit(list.length, maxRecords, 'events', f)) return [];
  const records: SyncRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    const event = readEvent(list[i], `event[${i}]`, f);
    if (!event) continue;
    const record = recordFromBackgroundServiceEvent(event, 'imported');
    if (record) records.push(record);
    else
      f.warn(
        `Skipped events of other background services ("${event.service.slice(0, 40)}"): Sync Inspector shows sync only.`,
      );
  }
  return records;
}

function readEvent(value: unknown, where: string, f: Findings): BackgroundServiceEvent | undefined {
  if (!isPlainObject(value)) {
    f.problem(`${where}: must be an object, not ${describeType(value)}.`);
    return undefined;
  }
  noteUnknownFields(value, EVENT_FIELDS, f);
  const before = f.problems.length;
  const timestamp = value.timestamp;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0 || timestamp > MAX_TIMESTAMP_S) {
    f.problem(`${where}: "timestamp" must be seconds since 1970 (a number), not ${preview(timestamp)}.`);
  }
  const origin = stringField(value, 'origin', LIMITS.origin, where, f, true);
  const rawId = value.serviceWorkerRegistrationId;
  // Older DevTools builds wrote the registration id as a number.
  const registrationId =
    typeof rawId === 'number' && Number.isInteger(rawId)
      ? String(rawId)
      : stringField(value, 'serviceWorkerRegistrationId', LIMITS.registrationId, where, f, true);
  const service = stringField(value, 'service', LIMITS.eventName, where, f, true);
  const eventName = stringField(value, 'eventName', LIMITS.eventName, where, f, true);
  const instanceId = stringField(value, 'instanceId', LIMITS.tag, where, f, true);
  const eventMetadata = metadataField(value.eventMetadata, `${where}.eventMetadata`, f);
  const storageKey = stringField(value, 'storageKey', LIMITS.storageKey, where, f, false);
  if (f.problems.length > before) return undefined;
  if (origin === undefined || registrationId === undefined || service === undefined || eventName === undefined)
    return undefined;
  if (instanceId === undefined || eventMetadata === undefined) return undefined;
  if (isSyncService(service)) noteMarkup(instanceId, f);
  return {
    timestamp: timestamp as number,
    origin,
    serviceWorkerRegistrationId: registrationId,
    service: service as Protocol.BackgroundService.ServiceName,
    eventName,
    instanceId,
    eventMetadata,
    storageKey: storageKey ?? '',
  };
}
