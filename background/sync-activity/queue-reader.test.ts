import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_URL } from '../../extension/activity-model.ts';
import { sanitizeQueues } from './queue-reader.ts';

test('no database is said as such', () => {
  assert.equal(sanitizeQueues({ state: 'none' }).state, 'none');
});

test('anything but a read answer is unreadable, with a reason', () => {
  for (const value of [null, 42, 'x', [], { state: 'weird' }]) {
    const q = sanitizeQueues(value);
    assert.equal(q.state, 'unreadable');
    assert.ok(q.reason);
  }
  assert.equal(sanitizeQueues({ state: 'unreadable', reason: 'no store' }).reason, 'no store');
});

test('entries of the wrong shape are skipped and counted; good ones kept; strings capped', () => {
  const q = sanitizeQueues({
    state: 'read',
    skipped: 2,
    skippedReasons: ['an entry that is not an object', 7],
    entries: [
      { id: 1, queueName: 'outbox', queuedAt: 5, method: 'POST', url: 'https://a/', bodySize: 10, headerCount: 2 },
      { id: 'x', queueName: 'outbox', queuedAt: 5, url: 'https://a/' },
      { id: 2, queueName: 'outbox', queuedAt: 'yesterday', url: 'https://a/' },
      { id: 3, queueName: 'outbox', queuedAt: 6, url: 'u'.repeat(MAX_URL * 2), bodySize: 'big' },
      null,
    ],
    notListed: 4,
  });
  assert.equal(q.state, 'read');
  assert.deepEqual(
    q.entries.map((e) => e.id),
    [1, 3],
  );
  assert.equal(q.skipped, 5);
  assert.deepEqual(q.skippedReasons, ['an entry that is not an object']);
  assert.equal(q.entries[1]!.url.length, MAX_URL);
  assert.equal(q.entries[1]!.bodySize, -1);
  assert.equal(q.entries[1]!.method, 'GET');
  assert.equal(q.notListed, 4);
});
