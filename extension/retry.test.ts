import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryStateFor } from './retry.ts';
import { testRecord } from './test-record.ts';

test("a fire from the panel in back-off is not one of Chrome's attempts, and the tag stays in back-off", () => {
  const base = { origin: 'http://a.test/', tag: 't', service: 'backgroundSync' as const };
  const records = [
    testRecord({ ...base, id: '1', time: 0, kind: 'registered' }),
    testRecord({ ...base, id: '2', time: 10, kind: 'dispatched' }),
    testRecord({ ...base, id: '3', time: 20, kind: 'failed', nextAttemptDelayMs: 300_000 }),
    testRecord({ ...base, id: '4', time: 30_000, kind: 'dispatched', source: 'protocol' }),
    testRecord({ ...base, id: '5', time: 30_010, kind: 'completed', status: 'succeeded', source: 'instrumented' }),
  ];
  const state = retryStateFor(records, base);
  assert.equal(state.attempts, 1);
  assert.equal(state.firedFromOutside, 1);
  assert.equal(state.inBackoff, true, "Chrome's registration still waits for its own retry");
  assert.equal(state.nextAttemptAt, 300_020);
  assert.equal(state.lastFromOutside?.id, '5', "the panel's fire and how it ended");
});
