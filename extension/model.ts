/**
 * The sync data model shared by the background and the panel.
 *
 * One `SyncRecord` per sync fact, shaped after Chrome's BackgroundService event so that DevTools' own
 * "Save events" files map onto it one to one. Every string in here may come from a web page (tags,
 * origins, metadata, error messages): it is data, rendered as text only.
 */
import type { Protocol } from 'devtools-protocol';
import type { SyncActivity, WorkboxQueues, WorkerHandlers } from './activity-model.ts';

export type SyncService = 'backgroundSync' | 'periodicBackgroundSync';

export type SyncKind =
  | 'registered'
  | 'dispatched'
  | 'failed'
  | 'completed'
  | 'reregistered'
  | 'nextDelay'
  | 'unregistered'
  | 'registerError'
  | 'other';

/** Every kind, in the order the panel offers them (filters, validation of imported files). */
export const SYNC_KINDS: readonly SyncKind[] = [
  'registered',
  'dispatched',
  'failed',
  'completed',
  'reregistered',
  'nextDelay',
  'unregistered',
  'registerError',
  'other',
];

/** Where a record came from: Chrome's own log, our instrumentation, a file, or a synthetic event. */
export type SyncSource = 'protocol' | 'instrumented' | 'imported' | 'simulated';

export interface MetadataEntry {
  key: string;
  value: string;
}

export interface SyncRecord {
  /** Stable across replays of the same Chrome event, so re-observing never duplicates. */
  id: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** With a trailing slash, as Chrome reports it: `http://localhost:8088/`. */
  origin: string;
  registrationId: string;
  /** Scope URL of the registration, when known. */
  scope?: string;
  service: SyncService;
  kind: SyncKind;
  /** Chrome's own event name (`Registered sync`, `sync event failed`, ...). */
  eventName: string;
  tag: string;
  lastChance?: boolean;
  /** `Sync completed` status: succeeded, waitUntil rejected, failed, aborted, timeout, unknown error. */
  status?: string;
  /** `Infinity` when Chrome says "infinite". */
  nextAttemptDelayMs?: number;
  /** Failure reason from Chrome, or the rejection reason seen by instrumentation. */
  reason?: string;
  durationMs?: number;
  metadata: MetadataEntry[];
  source: SyncSource;
  /** For imported records: the file they came from, so an import can be removed again. */
  sourceFile?: string;
  /** Chrome's storage key, kept so DevTools-format export round-trips. */
  storageKey?: string;
  /** On a protocol record: the id of the instrumented record of the same fact merged into it (extension/merge.ts). */
  instrumentedId?: string;
  /** Where in the page's or worker's code this came from (a register() caller, a handler's throw). */
  sourceLocation?: SourceLocation;
  /** The worker's error reported with this event (workerErrorReported, or the instrumented rejection). */
  error?: string;
  /** On an outcome: the requests the handler sent and what it logged during this dispatch. */
  activity?: SyncActivity;
}

/** A script position as the user sees it: 1-based line and column. */
export interface SourceLocation {
  url: string;
  line: number;
  column: number;
}

const EVENT_KINDS: Record<string, SyncKind> = {
  'registered sync': 'registered',
  'dispatched sync event': 'dispatched',
  'sync event failed': 'failed',
  'sync completed': 'completed',
  'sync event reregistered': 'reregistered',
  'registered periodicsync': 'registered',
  'got next event delay': 'nextDelay',
  'dispatched periodicsync event': 'dispatched',
  'periodicsync event completed': 'completed',
  'periodicsync event failed': 'failed',
  'unregistered periodicsync': 'unregistered',
};

/** Chrome's event names vary in case ("sync event failed" vs "Sync completed"): match without it. */
export function kindOfEventName(eventName: string): SyncKind {
  return EVENT_KINDS[eventName.trim().toLowerCase()] ?? 'other';
}

export function metadataValue(metadata: readonly MetadataEntry[], key: string): string | undefined {
  const wanted = key.toLowerCase();
  return metadata.find((m) => m.key.toLowerCase() === wanted)?.value;
}

function parseDelayMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*infinite\s*$/i.test(value)) return Infinity;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function isSyncService(service: string): service is SyncService {
  return service === 'backgroundSync' || service === 'periodicBackgroundSync';
}

/** The id of a Chrome log event: every field that tells two events apart, nothing derived. */
export function protocolRecordId(e: Protocol.BackgroundService.BackgroundServiceEvent): string {
  return ['p', e.service, e.timestamp, e.origin, e.serviceWorkerRegistrationId, e.eventName, e.instanceId].join('|');
}

/** Maps one BackgroundService event (live, replayed, or from a DevTools file) onto a record. */
export function recordFromBackgroundServiceEvent(
  e: Protocol.BackgroundService.BackgroundServiceEvent,
  source: SyncSource = 'protocol',
): SyncRecord | undefined {
  if (!isSyncService(e.service)) return undefined;
  const metadata = (e.eventMetadata ?? []).map((m) => ({ key: String(m.key), value: String(m.value) }));
  const kind = kindOfEventName(e.eventName);
  const lastChanceText = metadataValue(metadata, 'Last Chance');
  const record: SyncRecord = {
    id: protocolRecordId(e),
    time: e.timestamp * 1000,
    origin: e.origin,
    registrationId: String(e.serviceWorkerRegistrationId),
    service: e.service,
    kind,
    eventName: e.eventName,
    tag: e.instanceId,
    metadata,
    source,
  };
  if (e.storageKey) record.storageKey = e.storageKey;
  if (lastChanceText !== undefined) record.lastChance = /^yes|true$/i.test(lastChanceText);
  const status = metadataValue(metadata, 'Status');
  if (status !== undefined) record.status = status;
  const delay = parseDelayMs(metadataValue(metadata, 'Next Attempt Delay (ms)'));
  if (delay !== undefined) record.nextAttemptDelayMs = delay;
  const reason = metadataValue(metadata, 'Failure Reason');
  if (reason !== undefined) record.reason = reason;
  return record;
}

/** Chrome reports origins with a trailing slash; `location.origin` has none. */
export function normalizeOrigin(origin: string): string {
  return origin.endsWith('/') ? origin : origin + '/';
}

/** What the inspected page reports about one service-worker registration. */
export interface ScopeRegistration {
  registrationId?: string;
  scope: string;
  /** State of the newest worker: installing, installed, activating, activated, redundant, or none. */
  workerState: string;
  scriptURL?: string;
  /** From the ServiceWorker domain when the protocol engine runs: stopped, starting, running, stopping. */
  runningStatus?: string;
  syncTags: string[];
  periodicTags: PeriodicTag[];
  /** Worker network held offline by us. */
  heldOffline: boolean;
  /** Why tags could not be read, if they could not. */
  error?: string;
  /** The worker's sync handlers, when Sync Inspector has counted them (debugger engine's session). */
  handlers?: WorkerHandlers;
}

export interface PeriodicTag {
  tag: string;
}

export interface OriginRegistrations {
  origin: string;
  url: string;
  secureContext: boolean;
  /** The page's navigator.onLine: false when the browser has no network (a one-shot sync then waits). */
  online?: boolean;
  permissions: { backgroundSync?: string; periodicBackgroundSync?: string };
  scopes: ScopeRegistration[];
  /** When this snapshot was read (ms). */
  readAt: number;
  /** Why nothing could be read (e.g. a restricted page), if nothing could. */
  error?: string;
  /** The origin's Workbox queues (IndexedDB workbox-background-sync), when read. */
  queues?: WorkboxQueues;
}
