import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { PendingCalls } from './pending-calls.ts';

const errors = {
  timeout: (label: string, ms: number) => new Error(`${label}: no answer within ${ms} ms`),
  sendFailed: (label: string, error: unknown) => new Error(`${label}: ${String(error)}`),
};

describe('PendingCalls', () => {
  it('gives each call its own id and answers it by id, in any order', async () => {
    const calls = new PendingCalls(errors);
    const ids: number[] = [];
    const a = calls.call<string>('a', 0, (id) => ids.push(id));
    const b = calls.call<string>('b', 0, (id) => ids.push(id));
    assert.equal(new Set(ids).size, 2);
    assert.equal(calls.resolve(ids[1]!, 'B'), true);
    assert.equal(calls.resolve(ids[0]!, 'A'), true);
    assert.deepEqual(await Promise.all([a, b]), ['A', 'B']);
    assert.equal(calls.resolve(ids[0]!, 'again'), false, 'an answered call is gone');
    assert.equal(calls.size, 0);
  });

  it('rejects with an error made from the label', async () => {
    const calls = new PendingCalls(errors);
    let id = 0;
    const p = calls.call('Page.enable', 0, (n) => (id = n));
    calls.reject(id, (label) => new Error(`${label} refused`));
    await assert.rejects(p, /Page.enable refused/);
  });

  it('times a call out, and a late answer finds nothing', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const calls = new PendingCalls(errors);
      let id = 0;
      const p = calls.call('slow', 1000, (n) => (id = n));
      mock.timers.tick(999);
      assert.equal(calls.size, 1);
      mock.timers.tick(1);
      await assert.rejects(p, /slow: no answer within 1000 ms/);
      assert.equal(calls.resolve(id, 'late'), false);
    } finally {
      mock.timers.reset();
    }
  });

  it('fails a call at once when sending it throws', async () => {
    const calls = new PendingCalls(errors);
    const p = calls.call('x', 1000, () => {
      throw new Error('port closed');
    });
    await assert.rejects(p, /x: Error: port closed/);
    assert.equal(calls.size, 0, 'no timer left behind');
  });

  it('rejects every waiting call on close', async () => {
    const calls = new PendingCalls(errors);
    const all = [calls.call('a', 0, () => {}), calls.call('b', 5000, () => {})];
    calls.rejectAll((label) => new Error(`${label}: closed`));
    const results = await Promise.allSettled(all);
    assert.deepEqual(
      results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'resolved')),
      ['a: closed', 'b: closed'],
    );
    assert.equal(calls.size, 0);
  });
});
