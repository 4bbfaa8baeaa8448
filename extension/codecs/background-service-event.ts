/**
 * One BackgroundService event as Chrome's protocol shapes it, checked against the same limits as every
 * imported record (validate.ts): from a DevTools file, and live from the protocol socket, where
 * whatever listens on the debugging port (or a page that made Chrome log a huge tag) could send
 * anything. Rebuilt from known fields only.
 */
import type { Protocol } from 'devtools-protocol';
import { isSyncService, recordFromBackgroundServiceEvent, type SyncRecord } from '../model.ts';
import {
  describeType,
  Findings,
  isPlainObject,
  LIMITS,
  metadataField,
  noteMarkup,
  noteUnknownFields,
  preview,
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

/** A checked copy of the event, or undefined with the problems recorded in `f`. */
export function readBackgroundServiceEvent(
  value: unknown,
  where: string,
  f: Findings,
): BackgroundServiceEvent | undefined {
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

/**
 * A live event from the protocol socket as a record, or undefined when it breaks a limit (or is not
 * of a sync service): then it is dropped, as the same event in a file would refuse that file.
 */
export function recordFromProtocolEvent(value: unknown): SyncRecord | undefined {
  const event = readBackgroundServiceEvent(value, 'event', new Findings());
  return event ? recordFromBackgroundServiceEvent(event, 'protocol') : undefined;
}
