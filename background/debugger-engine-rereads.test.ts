import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DebuggerRereads, FOLLOW_UP_MS, SAFETY_REREAD_MS } from './debugger-engine-rereads.ts';
import { TestClock } from './test-clock.ts';

describe("the debugger engine's re-reads of the tag list", () => {
  it('with nothing reported, reads once per safety period, not on a short poll', async () => {
    const clock = new TestClock();
    let reads = 0;
    const rereads = new DebuggerRereads(() => reads++, clock);
    await clock.advance(SAFETY_REREAD_MS - 1);
    assert.equal(reads, 0);
    await clock.advance(1);
    assert.equal(reads, 1);
    await clock.advance(2 * SAFETY_REREAD_MS);
    assert.equal(reads, 3);
    rereads.dispose();
    await clock.advance(10 * SAFETY_REREAD_MS);
    assert.equal(reads, 3, 'disposed: no read any more');
    assert.equal(clock.pending, 0);
  });

  it('after a report reads at once and follows up while what the report started settles', async () => {
    const clock = new TestClock();
    const at: number[] = [];
    let start = clock.now();
    const rereads = new DebuggerRereads(() => at.push(clock.now() - start), clock);
    rereads.changed();
    await clock.advance(Math.max(...FOLLOW_UP_MS));
    assert.deepEqual(at, [0, ...FOLLOW_UP_MS]);
    // Reports in a row restart the follow-ups instead of piling them up.
    at.length = 0;
    start = clock.now();
    rereads.changed();
    await clock.advance(500);
    rereads.changed();
    await clock.advance(Math.max(...FOLLOW_UP_MS));
    assert.deepEqual(at, [0, 500, ...FOLLOW_UP_MS.map((ms) => 500 + ms)]);
    // The safety read counts from the last read.
    at.length = 0;
    await clock.advance(SAFETY_REREAD_MS);
    assert.equal(at.length, 1);
    rereads.dispose();
  });
});
