import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OriginRegistrations } from '../model.ts';
import { testRecord } from '../test-record.ts';
import { exportRecords, parseImport } from './index.ts';
import { exportSnapshot } from './snapshot.ts';

const origin = 'http://localhost:8088/';
const registrations: OriginRegistrations = {
  origin,
  url: 'http://localhost:8088/inbox',
  secureContext: true,
  online: true,
  permissions: { backgroundSync: 'granted', periodicBackgroundSync: 'denied' },
  readAt: Date.UTC(2026, 11, 3, 12, 0, 0),
  scopes: [
    {
      registrationId: '1',
      scope: 'http://localhost:8088/',
      workerState: 'activated',
      runningStatus: 'RUNNING',
      scriptURL: 'http://localhost:8088/sw.js',
      syncTags: ['sync-messages', 'never-tried'],
      periodicTags: [{ tag: 'refresh' }],
      heldOffline: false,
    },
  ],
};
const failedAt = Date.UTC(2026, 11, 3, 11, 59, 0);
const records = [
  testRecord({ id: 'r', tag: 'sync-messages', time: failedAt - 20, kind: 'registered' }),
  testRecord({
    id: 'd',
    tag: 'sync-messages',
    time: failedAt - 10,
    kind: 'dispatched',
    eventName: 'Dispatched sync event',
  }),
  testRecord({
    id: 'f',
    tag: 'sync-messages',
    time: failedAt,
    kind: 'failed',
    eventName: 'sync event failed',
    nextAttemptDelayMs: 300_000,
    reason: 'waitUntil rejected',
  }),
];

describe('export snapshot', () => {
  it('says what the panel shows: origin, worker, permissions, and each pending tag with its attempts', () => {
    const snapshot = exportSnapshot(registrations, records, 'protocol');
    assert.equal(snapshot.origin, origin);
    assert.equal(snapshot.engine, 'protocol');
    assert.deepEqual(snapshot.permissions, { backgroundSync: 'granted', periodicBackgroundSync: 'denied' });
    const scope = snapshot.scopes[0]!;
    assert.equal(scope.workerState, 'activated');
    assert.deepEqual(scope.syncTags[0], {
      tag: 'sync-messages',
      attempts: 1,
      maxAttempts: 3,
      firedFromPanel: 0,
      inBackoff: true,
      nextAttemptAt: new Date(failedAt + 300_000).toISOString(),
      lastOutcome: { kind: 'failed', at: new Date(failedAt).toISOString(), reason: 'waitUntil rejected' },
    });
    assert.deepEqual(scope.syncTags[1], {
      tag: 'never-tried',
      attempts: 0,
      maxAttempts: 3,
      firedFromPanel: 0,
      inBackoff: false,
    });
    assert.deepEqual(scope.periodicTags, [{ tag: 'refresh' }]);
  });

  it('goes into Sync Inspector JSON even with no records, and the file still imports', () => {
    const snapshot = exportSnapshot(registrations, [], 'debugger');
    const file = exportRecords([], 'json', { origin, now: Date.now(), filtered: false, snapshot });
    const doc = JSON.parse(file.text) as { snapshot: unknown; records: unknown[] };
    assert.deepEqual(doc.snapshot, snapshot);
    assert.deepEqual(doc.records, []);
    const parsed = parseImport(file.text, 'snap.json');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.records, []);
  });

  it('an older file, without a snapshot, imports as before', () => {
    const old = exportRecords(records, 'json', { origin, now: Date.now(), filtered: false }).text;
    assert.ok(!old.includes('"snapshot"'));
    const parsed = parseImport(old, 'old.json');
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.records.map((r) => r.id),
      ['r', 'd', 'f'],
    );
  });
});
