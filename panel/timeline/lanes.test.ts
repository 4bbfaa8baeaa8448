import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../../extension/model.ts';
import {
  attemptLabel,
  attemptNumbers,
  buildLanes,
  countdown,
  extendLanes,
  inRange,
  nextAttemptAt,
  projections,
  spans,
  thinMarkers,
} from './lanes.ts';
import { testRecord } from '../../extension/test-record.ts';

let seq = 0;
function rec(p: Partial<SyncRecord>): SyncRecord {
  return testRecord({ id: String(++seq), time: 0, origin: 'http://a.test/', eventName: '', ...p });
}

/** A one-shot tag that fails twice and succeeds on its last chance. */
const run = [
  rec({ time: 0, kind: 'registered' }),
  rec({ time: 1, kind: 'dispatched', lastChance: false }),
  rec({ time: 5, kind: 'failed', nextAttemptDelayMs: 1000 }),
  rec({ time: 1005, kind: 'dispatched', lastChance: false }),
  rec({ time: 1010, kind: 'failed', nextAttemptDelayMs: 1000 }),
  rec({ time: 2010, kind: 'dispatched', lastChance: true }),
  // As Chrome logs it: its status is metadata too (an outcome instrumentation alone saw has none).
  rec({ time: 2020, kind: 'completed', status: 'succeeded', metadata: [{ key: 'Status', value: 'succeeded' }] }),
];

describe('timeline lanes', () => {
  it('puts each origin + service + tag in its own lane, sorted', () => {
    const lanes = buildLanes([
      rec({ time: 1, tag: 'b' }),
      rec({ time: 2, tag: 'a' }),
      rec({ time: 3, tag: 'a', service: 'periodicBackgroundSync' }),
      rec({ time: 4, tag: 'a', origin: 'http://0.test/' }),
      rec({ time: 5, tag: 'b' }),
    ]);
    assert.deepEqual(
      lanes.map((l) => [l.origin, l.service, l.tag, l.records.length]),
      [
        ['http://0.test/', 'backgroundSync', 'a', 1],
        ['http://a.test/', 'backgroundSync', 'a', 1],
        ['http://a.test/', 'backgroundSync', 'b', 2],
        ['http://a.test/', 'periodicBackgroundSync', 'a', 1],
      ],
    );
  });

  it('extends lanes by appended records like a full build, keeping the lanes that did not grow', () => {
    const first = [rec({ time: 1, tag: 'b' }), rec({ time: 2, tag: 'a' }), rec({ time: 3, tag: 'c' })];
    const lanes = buildLanes(first);
    const more = [rec({ time: 4, tag: 'b' }), rec({ time: 5, tag: 'b' })];
    const grown = extendLanes(lanes, more);
    assert.deepEqual(grown, buildLanes([...first, ...more]));
    assert.equal(grown[0], lanes[0], 'lane a did not grow: the same object');
    assert.equal(grown[2], lanes[2]);
    assert.notEqual(grown[1], lanes[1]);
    assert.equal(lanes[1]!.records.length, 1, 'the old lane is not changed in place');
    const newLane = [rec({ time: 6, tag: 'aa' }), rec({ time: 7, tag: 'a', origin: 'http://0.test/' })];
    assert.deepEqual(extendLanes(grown, newLane), buildLanes([...first, ...more, ...newLane]));
    assert.equal(extendLanes(grown, []), grown);
  });

  it('numbers attempts, restarting at each registration, skipping simulations and periodic runs', () => {
    const n = attemptNumbers(run);
    assert.deepEqual([...n.values()].map(attemptLabel), ['1/3', '2/3', '3/3']);
    const again = [...run, rec({ time: 3000, kind: 'registered' }), rec({ time: 3001, kind: 'dispatched' })];
    assert.equal(attemptLabel(attemptNumbers(again).get(again.at(-1)!.id)!), '1/3');
    const simulated = [
      rec({ kind: 'dispatched', source: 'simulated' }),
      rec({ kind: 'dispatched', service: 'periodicBackgroundSync' }),
    ];
    assert.equal(attemptNumbers(simulated).size, 0);
  });

  it('spans each dispatch to its outcome; a run in progress stays open', () => {
    const s = spans([...run, rec({ time: 4000, kind: 'dispatched' })]);
    assert.deepEqual(
      s.map((x) => [x.start, x.end, x.outcome?.kind]),
      [
        [1, 5, 'failed'],
        [1005, 1010, 'failed'],
        [2010, 2020, 'completed'],
        [4000, undefined, undefined],
      ],
    );
  });

  it('projects retries and periodic intervals from the announced delay', () => {
    const periodic = rec({ time: 100, service: 'periodicBackgroundSync', kind: 'nextDelay', nextAttemptDelayMs: 500 });
    const never = rec({
      time: 200,
      service: 'periodicBackgroundSync',
      kind: 'nextDelay',
      nextAttemptDelayMs: Infinity,
    });
    assert.deepEqual(
      projections([...run, periodic, never]).map((p) => [p.kind, p.at]),
      [
        ['retry', 1005],
        ['retry', 2010],
        ['periodic', 600],
      ],
    );
  });

  it('knows the next attempt only while it is ahead and not superseded', () => {
    const failing = run.slice(0, 3);
    assert.equal(nextAttemptAt(failing, 500), 1005);
    assert.equal(nextAttemptAt(failing, 2000), undefined, 'the time has passed');
    assert.equal(nextAttemptAt(run, 0), undefined, 'later dispatches superseded it');
  });

  it('finds the records in view by binary search', () => {
    assert.deepEqual(
      inRange(run, 5, 1010).map((r) => r.time),
      [5, 1005, 1010],
    );
    assert.deepEqual(inRange(run, 3000, 4000), []);
  });

  it('thins crowded markers to one per bucket, keeping failures', () => {
    const many = Array.from({ length: 3000 }, (_, i) => rec({ time: i, kind: i === 7 ? 'failed' : 'dispatched' }));
    const thin = thinMarkers(many, (t) => t / 10, 4);
    assert.equal(
      thin.reduce((sum, m) => sum + m.count, 0),
      3000,
    );
    assert.ok(thin.length <= 80);
    assert.equal(thin[0]!.record.kind, 'failed');
    assert.equal(thinMarkers(run, (t) => t, 4).length, run.length);
  });

  it('counts down in seconds in the last minute, whole minutes (rounded up) before it, and hours', () => {
    assert.equal(countdown(12_300), 'in 13 s');
    assert.equal(countdown(59_200), 'in 1 min');
    assert.equal(countdown(58_900), 'in 59 s');
    assert.equal(countdown(116_000), 'in 2 min');
    assert.equal(countdown(598_000), 'in 10 min');
    assert.equal(countdown(3_723_000), 'in 1 h 3 min');
    assert.equal(countdown(-5), 'in 0 s');
  });

  it("counts only Chrome's own attempts: three fires from the panel in back-off are marked, not 2/3, 3/3, 4/3", () => {
    // The demo with a failing server: Chrome's first attempt fails and plans a retry in 5 minutes;
    // Fire now three times meanwhile; then Chrome's retry comes at its time.
    const minutes = 60_000;
    const lane = [
      rec({ time: 0, kind: 'registered' }),
      rec({ time: 10, kind: 'dispatched', lastChance: false }),
      rec({ time: 20, kind: 'failed', nextAttemptDelayMs: 5 * minutes }),
      rec({ time: 30_000, kind: 'dispatched', lastChance: false }),
      rec({ time: 30_010, kind: 'failed', source: 'instrumented', reason: 'server down' }),
      rec({ time: 60_000, kind: 'dispatched', lastChance: false }),
      rec({ time: 60_010, kind: 'failed', source: 'instrumented' }),
      rec({ time: 90_000, kind: 'dispatched', lastChance: false }),
      rec({ time: 5 * minutes + 20, kind: 'dispatched', lastChance: false }),
      rec({ time: 5 * minutes + 30, kind: 'failed', nextAttemptDelayMs: 15 * minutes }),
    ];
    const labels = lane
      .filter((r) => r.kind === 'dispatched')
      .map((r) => attemptLabel(attemptNumbers(lane).get(r.id)!));
    assert.deepEqual(labels, ['1/3', 'panel', 'panel', 'panel', '2/3']);
    // Chrome's log at hand: a dispatch whose outcome Chrome did not log is a fire from outside, even
    // right after a registration (a tag registered again while it waited in back-off).
    const reregistered = [
      rec({ time: 0, kind: 'registered', eventName: 'Registered sync' }),
      rec({ time: 1000, kind: 'dispatched', metadata: [{ key: 'Last Chance', value: 'No' }] }),
      rec({ time: 1040, kind: 'failed', source: 'instrumented', reason: 'server answered 503' }),
    ];
    assert.deepEqual(attemptNumbers(reregistered).get(reregistered[1]!.id), { byPanel: true });
    // After Chrome completed or gave up, a dispatch is never one of its attempts.
    const done = [
      rec({ time: 0, kind: 'registered' }),
      rec({ time: 1, kind: 'dispatched' }),
      rec({ time: 2, kind: 'completed', status: 'succeeded' }),
      rec({ time: 50, kind: 'dispatched' }),
    ];
    assert.deepEqual(attemptNumbers(done).get(done[3]!.id), { byPanel: true });
  });
});
