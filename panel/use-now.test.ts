import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { effect } from '@preact/signals';
import { clockRunning, ticking, useSecondTicks } from './use-now.ts';

/** A stand-in for a component: an effect that re-runs when what it read changes, as Preact's rendering does. */
function render(active: () => boolean): { renders: () => number; dispose: () => void } {
  let renders = 0;
  const dispose = effect(() => {
    renders++;
    useSecondTicks(active());
  });
  return { renders: () => renders, dispose };
}

describe('the panel clock', () => {
  it('runs one timer only while something shown reads it, and stops when the last reader lets go', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      assert.equal(clockRunning(), false);
      const idle = render(() => false);
      assert.equal(clockRunning(), false, 'a render that shows no countdown starts no timer');
      mock.timers.tick(5000);
      assert.equal(idle.renders(), 1);

      const a = render(() => true);
      const b = render(() => true);
      assert.equal(clockRunning(), true);
      mock.timers.tick(3000);
      assert.deepEqual([a.renders(), b.renders(), idle.renders()], [4, 4, 1], 'each reader renders once a tick');

      a.dispose();
      assert.equal(clockRunning(), true, 'another reader still shows a countdown');
      b.dispose();
      assert.equal(clockRunning(), false);
      idle.dispose();
    } finally {
      mock.timers.reset();
    }
  });

  it('lets go of the clock when a render no longer shows anything that moves', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      let ticksLeft = 2;
      const countdown = render(() => ticksLeft-- > 0);
      assert.equal(clockRunning(), true);
      mock.timers.tick(1000);
      mock.timers.tick(1000);
      assert.equal(clockRunning(), false, 'the countdown ran out: its last render read no clock');
      mock.timers.tick(5000);
      assert.equal(countdown.renders(), 3);
      countdown.dispose();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('values on the clock (ticking)', () => {
  it('holds the clock only while bound, and tells its binding only when its value changes', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      // Whole ten-second steps: the value changes on one tick in ten.
      const tens = ticking((now) => Math.floor(now / 10_000));
      assert.equal(clockRunning(), false, 'an unbound value holds no clock');
      let writes = 0;
      const dispose = effect(() => {
        void tens.value;
        writes++;
      });
      assert.equal(clockRunning(), true);
      for (let i = 0; i < 25; i++) mock.timers.tick(1000);
      assert.equal(writes, 3, 'written at the start, at 10 s and at 20 s: not on each of the 25 ticks');
      dispose();
      assert.equal(clockRunning(), false, 'unbound again: the clock stops');
    } finally {
      mock.timers.reset();
    }
  });
});
