import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../../extension/model.ts';
import { testRecord } from '../../extension/test-record.ts';
import {
  applyFilters,
  DEFAULT_FILTERS,
  isNarrowed,
  parseFilters,
  type FilterContext,
  type Filters,
} from './filters.ts';

const A = 'http://a.test/';
const B = 'http://b.test/';

function rec(p: Partial<SyncRecord> & { id: string }): SyncRecord {
  return testRecord({ time: 1000, origin: A, ...p });
}

const records = [
  rec({ id: '1', tag: 'sync-messages' }),
  rec({
    id: '2',
    tag: 'sync-messages',
    kind: 'completed',
    eventName: 'Sync completed',
    status: 'succeeded',
    time: 2000,
  }),
  rec({
    id: '3',
    tag: 'other',
    origin: B,
    kind: 'failed',
    eventName: 'sync event failed',
    time: 3000,
    metadata: [{ key: 'Failure Reason', value: 'Network Down' }],
  }),
  rec({ id: '4', tag: 'refresh', service: 'periodicBackgroundSync', eventName: 'Registered periodicsync', time: 4000 }),
  rec({ id: '5', tag: 'old', time: 10 }),
];
const ctx: FilterContext = { inspectedOrigin: A, clearedBefore: 100 };
const ids = (f: Partial<Filters>, c = ctx) => applyFilters(records, { ...DEFAULT_FILTERS, ...f }, c).map((r) => r.id);

describe('filters', () => {
  it('this origin hides other origins and cleared records; all origins shows them', () => {
    assert.deepEqual(ids({}), ['1', '2', '4']);
    assert.deepEqual(ids({ originScope: 'all' }), ['1', '2', '3', '4']);
  });
  it('an unknown inspected origin shows every origin rather than nothing', () => {
    assert.deepEqual(ids({}, { inspectedOrigin: null, clearedBefore: 0 }), ['1', '2', '3', '4', '5']);
  });
  it('service, kind, status and tag narrow', () => {
    assert.deepEqual(ids({ service: 'periodicBackgroundSync' }), ['4']);
    assert.deepEqual(ids({ kind: 'completed' }), ['2']);
    assert.deepEqual(ids({ status: 'succeeded' }), ['2']);
    assert.deepEqual(ids({ tag: 'MESSAGES' }), ['1', '2']);
  });
  it('free text searches metadata values, case-insensitively', () => {
    assert.deepEqual(ids({ originScope: 'all', text: 'network down' }), ['3']);
    assert.deepEqual(ids({ text: 'periodicsync' }), ['4']);
    assert.deepEqual(ids({ text: '   ' }), ['1', '2', '4']);
  });
  it('filters combine', () => {
    assert.deepEqual(ids({ tag: 'sync', kind: 'registered' }), ['1']);
    assert.equal(isNarrowed({ ...DEFAULT_FILTERS, originScope: 'all' }), false);
    assert.equal(isNarrowed({ ...DEFAULT_FILTERS, text: 'x' }), true);
  });
  it('stored filters are validated field by field', () => {
    assert.deepEqual(parseFilters(null), DEFAULT_FILTERS);
    assert.deepEqual(parseFilters({ originScope: 'all', kind: 'bogus', status: 'timeout', tag: 42, text: 'x' }), {
      ...DEFAULT_FILTERS,
      originScope: 'all',
      status: 'timeout',
      text: 'x',
    });
  });
});
