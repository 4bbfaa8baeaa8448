import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackgroundToPanel, SessionState } from '../../extension/messages.ts';
import { testRecord } from '../../extension/test-record.ts';
import { createStore } from './store.ts';

const origin = 'https://a.test/';
const state = { tabId: 1, clearedBefore: 0 } as unknown as SessionState;
const rec = (i: number) => testRecord({ id: `r${i}`, time: 1000 + i, origin, tag: `t${i % 3}` });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => rec(from + i));
const welcome = (records = range(8, 10), total = 10): BackgroundToPanel => ({
  type: 'welcome',
  version: 3,
  state,
  records,
  total,
  registrations: { origin, scopes: [] } as never,
});

describe('store: a welcome with older records to follow', () => {
  it('shows the newest at once and says how much is held, then takes the older ones in one go', () => {
    const store = createStore();
    store.applyMessage(welcome());
    assert.deepEqual(store.loading.value, { held: 2, total: 10 });
    assert.equal(store.visibleRecords.value.length, 2);
    assert.deepEqual(store.tags.value.tagsByOrigin.get(origin), ['t2', 't0']);
    store.applyMessage({ type: 'older', records: range(0, 5), remaining: 3 });
    assert.deepEqual(store.loading.value, { held: 7, total: 10 });
    assert.equal(store.records.value.length, 2, 'older records wait until all are here');
    store.applyMessage({ type: 'older', records: range(5, 8), remaining: 0 });
    assert.equal(store.loading.value, null);
    assert.deepEqual(
      store.records.value.map((r) => r.id),
      range(0, 10).map((r) => r.id),
    );
    assert.equal(store.visibleRecords.value.length, 10);
    // Rebuilt over the whole log, in the order first seen, not extended from the newest.
    assert.deepEqual(store.tags.value.tagsByOrigin.get(origin), ['t0', 't1', 't2']);
  });

  it('a small log is complete with its welcome', () => {
    const store = createStore();
    store.applyMessage(welcome(range(0, 3), 3));
    assert.equal(store.loading.value, null);
    assert.equal(store.records.value.length, 3);
  });

  it('a new welcome starts over: older records of the one before are not kept', () => {
    const store = createStore();
    store.applyMessage(welcome());
    store.applyMessage({ type: 'older', records: range(0, 5), remaining: 3 });
    store.applyMessage(welcome(range(8, 10), 4));
    store.applyMessage({ type: 'older', records: range(6, 8), remaining: 0 });
    assert.deepEqual(
      store.records.value.map((r) => r.id),
      ['r6', 'r7', 'r8', 'r9'],
    );
  });

  it('records removed or updated meanwhile stay removed or updated', () => {
    const store = createStore();
    store.applyMessage(welcome());
    store.applyMessage({ type: 'older', records: range(0, 5), remaining: 3 });
    // r1 came already, r7 is still on its way (older-queue.ts hands older records over after the rest).
    store.applyMessage({ type: 'removed', ids: ['r1', 'r7', 'r9'], reason: 'retention' });
    const merged = { ...rec(6), tag: 'merged' };
    store.applyMessage({ type: 'records', records: [merged] });
    store.applyMessage({ type: 'older', records: range(5, 8), remaining: 0 });
    assert.deepEqual(
      store.records.value.map((r) => r.id),
      ['r0', 'r2', 'r3', 'r4', 'r5', 'r6', 'r8'],
    );
    assert.equal(store.records.value.find((r) => r.id === 'r6')?.tag, 'merged');
  });
});
