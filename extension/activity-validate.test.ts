import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanActivity } from './activity-validate.ts';
import { checkFailurePlan } from './activity-model.ts';

test('an activity from a file keeps known fields of the right types and drops the rest', () => {
  const clean = cleanActivity({
    requests: [
      { key: 'k', method: 'POST', url: 'https://a/', startedAt: 1, status: 503, faked: 'HTTP 503', evil: '<script>' },
      { key: 'k2', method: 'GET', url: 42, startedAt: 1 },
      'nonsense',
    ],
    console: [
      { at: 1, level: 'log', text: 'hi', location: { url: 'https://a/sw.js', line: 1, column: 2 } },
      { at: 'x' },
    ],
    droppedRequests: -3,
  });
  assert.deepEqual(clean, {
    requests: [{ key: 'k', method: 'POST', url: 'https://a/', startedAt: 1, status: 503, faked: 'HTTP 503' }],
    console: [{ at: 1, level: 'log', text: 'hi', location: { url: 'https://a/sw.js', line: 1, column: 2 } }],
  });
  assert.equal(cleanActivity({ requests: [], console: [] }), undefined);
  assert.equal(cleanActivity('x'), undefined);
});

test('a failure plan is checked before it is armed', () => {
  assert.deepEqual(checkFailurePlan({ urlPattern: '*', answer: { kind: 'status', status: 503 }, attempts: 2 }), {
    urlPattern: '*',
    answer: { kind: 'status', status: 503 },
    attempts: 2,
  });
  assert.equal(checkFailurePlan({ urlPattern: '*/api/*', answer: { kind: 'network' }, attempts: null }).attempts, null);
  for (const bad of [
    {},
    { urlPattern: '', answer: { kind: 'network' }, attempts: 1 },
    { urlPattern: '*', answer: { kind: 'status', status: 99 }, attempts: 1 },
    { urlPattern: '*', answer: { kind: 'network' }, attempts: 0 },
    { urlPattern: '*', answer: { kind: 'bogus' }, attempts: 1 },
  ])
    assert.throws(() => checkFailurePlan(bad));
});
