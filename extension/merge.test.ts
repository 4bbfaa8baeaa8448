import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MATCH_WINDOW_MS, mergeRecords } from './merge.ts';
import type { SyncRecord } from './model.ts';
import { testRecord } from './test-record.ts';

const T = 1_795_487_862_000;

function rec(partial: Partial<SyncRecord> & Pick<SyncRecord, 'id' | 'kind' | 'source'>): SyncRecord {
  return testRecord({
    time: T,
    registrationId: partial.source === 'protocol' ? '1' : '',
    eventName: partial.kind,
    tag: 'sync-messages',
    ...partial,
  });
}

function apply(held: Map<string, SyncRecord>, incoming: SyncRecord[]) {
  const result = mergeRecords(held, incoming);
  for (const id of result.remove) held.delete(id);
  for (const r of result.upsert) held.set(r.id, r);
  return result;
}

const protocolFailed = rec({
  id: 'p2',
  kind: 'failed',
  source: 'protocol',
  time: T + 5,
  reason: 'waitUntil rejected',
  nextAttemptDelayMs: 1000,
});
const instrumentedFailed = rec({
  id: 'i2',
  kind: 'failed',
  source: 'instrumented',
  time: T + 6,
  durationMs: 4,
  error: 'Error: server answered 503',
  reason: 'Error: server answered 503',
});

describe('mergeRecords', () => {
  it('adds a protocol outcome arriving after the instrumented one to it: one record, with reason and duration', () => {
    const held = new Map<string, SyncRecord>();
    apply(held, [instrumentedFailed]);
    const result = apply(held, [protocolFailed]);
    assert.deepEqual(result.remove, ['i2']);
    assert.equal(held.size, 1);
    const merged = held.get('p2')!;
    assert.equal(merged.source, 'protocol');
    assert.equal(merged.durationMs, 4);
    assert.equal(merged.error, 'Error: server answered 503');
    assert.equal(merged.reason, 'waitUntil rejected', "Chrome's own reason stays");
    assert.equal(merged.nextAttemptDelayMs, 1000);
    assert.equal(merged.instrumentedId, 'i2');
  });

  it('absorbs an instrumented outcome arriving after the protocol one, and ignores it when heard again', () => {
    const held = new Map<string, SyncRecord>();
    apply(held, [protocolFailed]);
    const first = apply(held, [instrumentedFailed]);
    assert.deepEqual(first.remove, []);
    assert.equal(first.upsert.length, 1);
    assert.equal(held.get('p2')!.durationMs, 4);
    assert.equal(held.size, 1);
    const again = apply(held, [instrumentedFailed]);
    assert.deepEqual(again, { upsert: [], remove: [] });
    assert.equal(held.size, 1);
  });

  it('merges within one batch, and a replay of the protocol record is not a duplicate', () => {
    const held = new Map<string, SyncRecord>();
    apply(held, [instrumentedFailed, protocolFailed]);
    assert.deepEqual([...held.keys()], ['p2']);
    apply(held, [protocolFailed]);
    assert.equal(held.size, 1);
    assert.equal(held.get('p2')!.durationMs, 4, 'the replay does not wipe what instrumentation added');
  });

  it('keeps records of different dispatches apart: lastChance, outcome, time, tag and origin', () => {
    const held = new Map<string, SyncRecord>();
    const protocolDispatch = rec({ id: 'p1', kind: 'dispatched', source: 'protocol', lastChance: true });
    apply(held, [protocolDispatch]);
    apply(held, [rec({ id: 'i1', kind: 'dispatched', source: 'instrumented', lastChance: false })]);
    apply(held, [
      rec({ id: 'i3', kind: 'dispatched', source: 'instrumented', lastChance: true, time: T + MATCH_WINDOW_MS + 1 }),
    ]);
    apply(held, [rec({ id: 'i4', kind: 'dispatched', source: 'instrumented', lastChance: true, tag: 'other' })]);
    apply(held, [
      rec({ id: 'i5', kind: 'dispatched', source: 'instrumented', lastChance: true, origin: 'https://example.com/' }),
    ]);
    const succeededProtocol = rec({
      id: 'p6',
      kind: 'completed',
      source: 'protocol',
      status: 'succeeded',
      time: T + 1000,
    });
    apply(held, [succeededProtocol, rec({ id: 'i6', kind: 'failed', source: 'instrumented', time: T + 1000 })]);
    assert.deepEqual([...held.keys()].sort(), ['i1', 'i3', 'i4', 'i5', 'i6', 'p1', 'p6']);
  });

  it('matches the nearest in time when retries come close together, each once', () => {
    const held = new Map<string, SyncRecord>();
    const a = rec({ id: 'ia', kind: 'dispatched', source: 'instrumented', lastChance: false, time: T });
    const b = rec({ id: 'ib', kind: 'dispatched', source: 'instrumented', lastChance: false, time: T + 400 });
    apply(held, [a, b]);
    apply(held, [rec({ id: 'pb', kind: 'dispatched', source: 'protocol', lastChance: false, time: T + 390 })]);
    apply(held, [rec({ id: 'pa', kind: 'dispatched', source: 'protocol', lastChance: false, time: T + 1 })]);
    assert.deepEqual([...held.keys()].sort(), ['pa', 'pb']);
    assert.equal(held.get('pa')!.instrumentedId, 'ia');
    assert.equal(held.get('pb')!.instrumentedId, 'ib');
  });

  it('gives a register call its caller and never merges simulated records', () => {
    const held = new Map<string, SyncRecord>();
    apply(held, [
      rec({
        id: 'ir',
        kind: 'registered',
        source: 'instrumented',
        metadata: [{ key: 'Caller', value: 'send (http://localhost:8088/app.js:68:20)' }],
        sourceLocation: { url: 'http://localhost:8088/app.js', line: 68, column: 20 },
      }),
      rec({ id: 's1', kind: 'dispatched', source: 'simulated', lastChance: true }),
    ]);
    apply(held, [
      rec({ id: 'pr', kind: 'registered', source: 'protocol' }),
      rec({ id: 'pd', kind: 'dispatched', source: 'protocol', lastChance: true }),
    ]);
    assert.deepEqual([...held.keys()].sort(), ['pd', 'pr', 's1']);
    assert.deepEqual(held.get('pr')!.sourceLocation, { url: 'http://localhost:8088/app.js', line: 68, column: 20 });
    assert.equal(held.get('pr')!.metadata[0]!.key, 'Caller');
  });

  it('dedupes protocol replays by id, as before', () => {
    const held = new Map<string, SyncRecord>();
    const p = rec({ id: 'p', kind: 'registered', source: 'protocol' });
    apply(held, [p]);
    assert.deepEqual(mergeRecords(held, [p]), { upsert: [], remove: [] });
  });

  it('takes the worker error of a failure sent again with it, keeping what the held record absorbed', () => {
    const held = new Map<string, SyncRecord>();
    apply(held, [protocolFailed]);
    const location = { url: 'http://localhost:8088/sw.js', line: 3, column: 9 };
    const again = { ...protocolFailed, error: 'Error: offline', sourceLocation: location };
    assert.deepEqual(apply(held, [again]).upsert, [
      { ...protocolFailed, error: 'Error: offline', sourceLocation: location },
    ]);
    // Heard once more: nothing changes.
    assert.deepEqual(mergeRecords(held, [again]), { upsert: [], remove: [] });
    // The held record has instrumentation's error: it stays, and only where it was thrown is added.
    const absorbed = new Map<string, SyncRecord>();
    apply(absorbed, [instrumentedFailed, protocolFailed]);
    assert.deepEqual(mergeRecords(absorbed, [{ ...protocolFailed, error: 'Error: other' }]), {
      upsert: [],
      remove: [],
    });
    const [updated] = apply(absorbed, [again]).upsert;
    assert.equal(updated!.error, 'Error: server answered 503');
    assert.deepEqual(updated!.sourceLocation, location);
    assert.equal(updated!.durationMs, 4);
  });
});
