/** A well-formed record for unit tests, with what a test cares about patched in. */
import type { SyncRecord } from './model.ts';

export function testRecord(patch: Partial<SyncRecord> = {}): SyncRecord {
  return {
    id: 'a',
    time: 1795487862000,
    origin: 'http://localhost:8088/',
    registrationId: '1',
    service: 'backgroundSync',
    kind: 'registered',
    eventName: 'Registered sync',
    tag: 't',
    metadata: [],
    source: 'protocol',
    ...patch,
  };
}
