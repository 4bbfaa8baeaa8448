import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../extension/model.ts';
import { WorkerErrors } from './worker-errors.ts';
import { testRecord } from '../extension/test-record.ts';

const record = (p: Partial<SyncRecord>): SyncRecord =>
  testRecord({ id: 'x', time: 10_000, origin: 'http://a.test/', kind: 'failed', eventName: 'sync event failed', ...p });

describe('worker errors paired with failures', () => {
  const errors = new WorkerErrors();
  errors.note({
    registrationId: '1',
    message: 'Uncaught (in promise) Error: far',
    url: 'http://a.test/sw.js',
    line: 3,
    column: 1,
    at: 1000,
  });
  errors.note({
    registrationId: '1',
    message: 'Uncaught (in promise) Error: server answered 503',
    url: 'http://a.test/sw.js',
    line: 42,
    column: 7,
    at: 10_010,
  });
  errors.note({ registrationId: '2', message: 'other worker', url: '', line: 0, column: 0, at: 10_000 });

  it('attaches the nearest error of the same registration, with its location', () => {
    const r = errors.explain(record({}));
    assert.equal(r.error, 'Uncaught (in promise) Error: server answered 503');
    assert.deepEqual(r.sourceLocation, { url: 'http://a.test/sw.js', line: 42, column: 7 });
  });
  it('leaves successes, other registrations and distant failures alone', () => {
    assert.equal(errors.explain(record({ kind: 'completed', status: 'succeeded' })).error, undefined);
    assert.equal(errors.explain(record({ registrationId: '3' })).error, undefined);
    assert.equal(errors.explain(record({ time: 100_000 })).error, undefined);
    assert.equal(
      errors.explain(record({ kind: 'completed', status: 'waitUntil rejected' })).error,
      'Uncaught (in promise) Error: server answered 503',
    );
  });
});
