import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerLocation, parseReport, recordsFromReport } from './reports.ts';

const T = 1_795_487_862_000;
const base = { v: 1, origin: 'http://localhost:8088', scope: 'http://localhost:8088/', tag: 'sync-messages', time: T };

describe('parseReport', () => {
  it('accepts the reports the instrumentation sends', () => {
    const dispatch = parseReport(
      JSON.stringify({ ...base, id: 'a-1', type: 'dispatch', service: 'sync', lastChance: true }),
    );
    assert.deepEqual(dispatch, {
      type: 'dispatch',
      id: 'a-1',
      origin: base.origin,
      tag: base.tag,
      time: T,
      scope: base.scope,
      service: 'sync',
      lastChance: true,
      simulated: false,
    });
    const outcome = parseReport(
      JSON.stringify({
        ...base,
        id: 'a-2',
        type: 'outcome',
        dispatchId: 'a-1',
        service: 'sync',
        lastChance: false,
        durationMs: 12,
        outcome: 'rejected',
        reason: 'Error: 503',
      }),
    );
    assert.equal(outcome?.type, 'outcome');
    const call = parseReport(
      JSON.stringify({
        ...base,
        id: 'p-1',
        type: 'call',
        api: 'sync',
        method: 'register',
        where: 'page',
        ok: false,
        error: 'NotAllowedError: denied',
      }),
    );
    assert.equal(call?.type, 'call');
  });

  it('drops anything malformed, never throws', () => {
    for (const payload of [
      'not json',
      'null',
      '[]',
      JSON.stringify({ ...base, id: 'x', type: 'dispatch', service: 'sync', v: 2 }),
      JSON.stringify({ ...base, id: 'x', type: 'dispatch', service: 'push' }),
      JSON.stringify({ ...base, id: 'x', type: 'dispatch', service: 'sync', time: 'now' }),
      JSON.stringify({
        ...base,
        id: 'x',
        type: 'outcome',
        service: 'sync',
        dispatchId: 'y',
        durationMs: -1,
        outcome: 'resolved',
      }),
      JSON.stringify({
        ...base,
        id: 'x',
        type: 'outcome',
        service: 'sync',
        dispatchId: 'y',
        durationMs: 1,
        outcome: 'maybe',
      }),
      JSON.stringify({ ...base, id: 'x', type: 'call', api: 'sync', method: 'register', where: 'elsewhere', ok: true }),
      JSON.stringify({ ...base, id: '', type: 'dispatch', service: 'sync' }),
      JSON.stringify({ ...base, id: 'x', type: 'dispatch', service: 'sync', tag: 'x'.repeat(20_000) }),
      'x'.repeat(70_000),
    ]) {
      assert.equal(parseReport(payload), undefined, payload.slice(0, 80));
    }
  });
});

describe('recordsFromReport', () => {
  const outcome = (fields: object) =>
    recordsFromReport(
      parseReport(
        JSON.stringify({
          ...base,
          id: 'o',
          type: 'outcome',
          dispatchId: 'd',
          service: 'sync',
          durationMs: 7,
          ...fields,
        }),
      )!,
    )[0]!;

  it('names outcomes as Chrome does: failed before the last chance, completed on it', () => {
    const failed = outcome({ lastChance: false, outcome: 'rejected', reason: 'Error: 503' });
    assert.equal(failed.kind, 'failed');
    assert.equal(failed.eventName, 'sync event failed');
    assert.equal(failed.error, 'Error: 503');
    assert.equal(failed.durationMs, 7);
    assert.equal(failed.origin, 'http://localhost:8088/');
    assert.equal(failed.source, 'instrumented');
    const last = outcome({ lastChance: true, outcome: 'rejected' });
    assert.deepEqual([last.kind, last.eventName, last.status], ['completed', 'Sync completed', 'waitUntil rejected']);
    const ok = outcome({ lastChance: false, outcome: 'resolved' });
    assert.deepEqual([ok.kind, ok.status], ['completed', 'succeeded']);
  });

  it('labels simulated events as such', () => {
    const r = outcome({ lastChance: true, outcome: 'resolved', simulated: true });
    assert.equal(r.source, 'simulated');
    assert.match(r.eventName, /^Simulated/);
    assert.ok(r.metadata.some((m) => m.key === 'Simulated'));
  });

  it('keeps the caller of a failed register call', () => {
    const stack =
      '    at wrapped (<anonymous>:9:20)\n    at send (http://localhost:8088/app.js:68:20)\n    at async HTMLFormElement.<anonymous> (http://localhost:8088/app.js:200:5)';
    const [r] = recordsFromReport(
      parseReport(
        JSON.stringify({
          ...base,
          id: 'c',
          type: 'call',
          api: 'sync',
          method: 'register',
          where: 'page',
          ok: false,
          error: 'NotAllowedError: denied',
          stack,
        }),
      )!,
    );
    assert.equal(r!.kind, 'registerError');
    assert.equal(r!.eventName, 'sync.register() failed');
    assert.equal(r!.error, 'NotAllowedError: denied');
    assert.deepEqual(r!.sourceLocation, { url: 'http://localhost:8088/app.js', line: 68, column: 20 });
  });
});

describe('callerLocation', () => {
  it('skips frames without a URL and reads url:line:col', () => {
    assert.deepEqual(callerLocation('Error\n    at <anonymous>:1:2\n    at https://a.example/x.js:3:4'), {
      frame: 'https://a.example/x.js:3:4',
      location: { url: 'https://a.example/x.js', line: 3, column: 4 },
    });
    assert.equal(callerLocation(''), undefined);
  });
});
