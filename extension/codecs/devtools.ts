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
import { kindOfEventName, recordFromBackgroundServiceEvent, type SyncRecord } from '../model.ts';
import { jsonArrayParts } from './json-lines.ts';
import { readBackgroundServiceEvent } from './background-service-event.ts';
import { Findings, refuseOverLimit } from './validate.ts';

type BackgroundServiceEvent = Protocol.BackgroundService.BackgroundServiceEvent;

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
    // `p|<origin>|<timestamp>|...`: sliced out: splitting every id cost more than the rest of the export.
    const start = record.id.indexOf('|', 2) + 1;
    const end = record.id.indexOf('|', start);
    const fromId = start > 0 ? Number(end < 0 ? record.id.slice(start) : record.id.slice(start, end)) : NaN;
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

/** The file as parts of its text (see jsonArrayParts). */
export function exportDevtools(records: readonly SyncRecord[]): string[] {
  return [...jsonArrayParts(records, (r) => (exportableToDevtools(r) ? toDevtoolsEvent(r) : undefined)), '\n'];
}

/** Reads a parsed DevTools file: events of other services are skipped (with a warning), bad ones refuse the file. */
export function readDevtoolsFile(list: unknown[], maxRecords: number, f: Findings): SyncRecord[] {
  if (refuseOverLimit(list.length, maxRecords, 'events', f)) return [];
  const records: SyncRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    const event = readBackgroundServiceEvent(list[i], `event[${i}]`, f);
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
