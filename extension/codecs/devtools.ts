/**
 * DevTools' "Save events" format (Application > Background services): a JSON array of
 * BackgroundService events, exactly as the protocol sends them (timestamp in seconds).
 *
 * Export: records from Chrome's log (and ones imported from such files) are written as they came.
 * Instrumented records whose event Chrome also logs (e.g. "Dispatched sync event") are mapped onto
 * Chrome's shape. Records Chrome never logs are left out: simulated events (they did not happen in
 * Chrome), failed register() calls, and anything whose event name Chrome does not use.
 */
import { kindOfEventName, recordFromBackgroundServiceEvent, type SyncRecord } from '../model.ts';
import { ByteSink } from './byte-sink.ts';
import { JsonObjectWriter, writeJsonArrayByLine } from './json-bytes.ts';
import { readBackgroundServiceEvent } from './background-service-event.ts';
import { Findings, refuseOverLimit } from './validate.ts';

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

/**
 * The file as UTF-8 chunks: per record the text of `JSON.stringify` of Chrome's event shape
 * (timestamp, origin, serviceWorkerRegistrationId, service, eventName, instanceId, eventMetadata,
 * storageKey, in that order), one event per line, written field by field with no event object made.
 */
export function exportDevtools(records: readonly SyncRecord[]): Uint8Array<ArrayBuffer>[] {
  const sink = new ByteSink();
  const w = new JsonObjectWriter(sink);
  const timestamp = w.step('timestamp');
  const origin = w.step('origin');
  const registrationId = w.step('serviceWorkerRegistrationId');
  const service = w.step('service');
  const eventName = w.step('eventName');
  const instanceId = w.step('instanceId');
  const eventMetadata = w.step('eventMetadata');
  const storageKey = w.step('storageKey');
  // Whether Chrome uses an event name, asked once per name (records share a handful).
  const chromeNames = new Map<string, boolean>();
  const exportable = (r: SyncRecord): boolean => {
    if (r.source === 'simulated' || r.kind === 'registerError') return false;
    let known = chromeNames.get(r.eventName);
    if (known === undefined) chromeNames.set(r.eventName, (known = kindOfEventName(r.eventName) !== 'other'));
    return known;
  };
  writeJsonArrayByLine(
    sink,
    records,
    (r) => {
      w.begin();
      w.put(timestamp, timestampOf(r));
      w.put(origin, r.origin);
      w.put(registrationId, r.registrationId);
      w.put(service, r.service);
      w.put(eventName, r.eventName);
      w.put(instanceId, r.tag);
      w.put(eventMetadata, r.metadata);
      w.put(storageKey, r.storageKey ?? r.origin);
      w.end();
    },
    exportable,
  );
  sink.byte(0x0a);
  return sink.finish();
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
