import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { POLL_MAX_MS, POLL_MIN_MS, RegistrationsPoll } from './registrations-poll.ts';

/** When each poll ran, in ms since the start, over `ms` of fake time. */
function pollTimes(run: (poll: RegistrationsPoll) => void, ms: number): number[] {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    const times: number[] = [];
    const poll = new RegistrationsPoll(() => times.push(Date.now()));
    run(poll);
    for (let t = 0; t < ms; t += 1000) mock.timers.tick(1000);
    poll.stop();
    return times;
  } finally {
    mock.timers.reset();
  }
}

describe('RegistrationsPoll', () => {
  it('reads every 2 s at first, then backs off to every 30 s while nothing changes', () => {
    const times = pollTimes(() => {}, 120_000);
    assert.deepEqual(times.slice(0, 5), [2000, 6000, 14_000, 30_000, 60_000]);
    assert.deepEqual(times.slice(5), [90_000, 120_000]);
    assert.equal(POLL_MIN_MS, 2000);
    assert.equal(POLL_MAX_MS, 30_000);
  });

  it('comes back to 2 s on soon() and on a read that differs, not on one that is the same', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    try {
      const poll = new RegistrationsPoll(() => {});
      for (let t = 0; t < 14_000; t += 1000) mock.timers.tick(1000);
      assert.equal(poll.nextDelayMs, 16_000);
      poll.observed('tags: a');
      poll.observed('tags: a');
      assert.equal(poll.nextDelayMs, 16_000, 'the same read keeps the back-off');
      poll.observed('tags: a, b');
      assert.equal(poll.nextDelayMs, POLL_MIN_MS);
      for (let t = 0; t < 6000; t += 1000) mock.timers.tick(1000);
      assert.equal(poll.nextDelayMs, 8000);
      poll.soon();
      assert.equal(poll.nextDelayMs, POLL_MIN_MS);
      poll.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('never polls after stop()', () => {
    const times = pollTimes((poll) => poll.stop(), 60_000);
    assert.deepEqual(times, []);
  });
});
