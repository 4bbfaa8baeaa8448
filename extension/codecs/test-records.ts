/** Records for the codec tests: a real-looking run of Chrome's log, as the protocol engine maps it. */
import type { Protocol } from 'devtools-protocol';
import { recordFromBackgroundServiceEvent, type SyncRecord } from '../model.ts';
import { testRecord } from '../test-record.ts';

export function chromeEvent(
  timestamp: number,
  eventName: string,
  tag: string,
  metadata: Array<[string, string]> = [],
  origin = 'http://localhost:8088/',
  service: 'backgroundSync' | 'periodicBackgroundSync' = 'backgroundSync',
): Protocol.BackgroundService.BackgroundServiceEvent {
  return {
    timestamp,
    origin,
    serviceWorkerRegistrationId: '1',
    service: service as Protocol.BackgroundService.ServiceName,
    eventName,
    instanceId: tag,
    eventMetadata: metadata.map(([key, value]) => ({ key, value })),
    storageKey: origin,
  };
}

/** Registered, dispatched, failed with a retry delay, dispatched again with lastChance, completed. */
export function chromeRun(): Protocol.BackgroundService.BackgroundServiceEvent[] {
  return [
    chromeEvent(1795487862.61858, 'Registered sync', 'sync-messages'),
    chromeEvent(1795487862.620012, 'Dispatched sync event', 'sync-messages', [['Last Chance', 'No']]),
    chromeEvent(1795487862.7314, 'sync event failed', 'sync-messages', [
      ['Next Attempt Delay (ms)', '600000'],
      ['Failure Reason', 'waitUntil rejected'],
    ]),
    chromeEvent(1795488462.9, 'Dispatched sync event', 'sync-messages', [['Last Chance', 'Yes']]),
    chromeEvent(1795488463.01, 'Sync completed', 'sync-messages', [['Status', 'succeeded']]),
    chromeEvent(
      1795488500.5,
      'Registered periodicsync',
      'news',
      [['minInterval', '43200000']],
      'http://localhost:8088/',
      'periodicBackgroundSync',
    ),
    chromeEvent(
      1795488501.25,
      'Got next event delay',
      'news',
      [['Next Attempt Delay (ms)', 'infinite']],
      'http://localhost:8088/',
      'periodicBackgroundSync',
    ),
    chromeEvent(1795488600, 'Registered sync', 'other-<b>tag</b>', [], 'https://example.com/'),
  ];
}

export function chromeRecords(): SyncRecord[] {
  return chromeRun().map((e) => recordFromBackgroundServiceEvent(e)!);
}

export function instrumentedRecord(patch: Partial<SyncRecord> = {}): SyncRecord {
  return testRecord({
    id: 'x|1',
    time: 1795487900000,
    kind: 'dispatched',
    eventName: 'Dispatched sync event',
    tag: 'sync-messages',
    lastChance: false,
    durationMs: 12.5,
    metadata: [{ key: 'Last Chance', value: 'No' }],
    source: 'instrumented',
    error: 'Error: server answered 503',
    sourceLocation: { url: 'http://localhost:8088/sw.js', line: 12, column: 5 },
    ...patch,
  });
}
