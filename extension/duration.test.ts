import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatDuration } from './duration.ts';

it('writes durations plainly: ms below a second, a tenth below 10 s, whole units above', () => {
  assert.equal(formatDuration(12.4), '12 ms');
  assert.equal(formatDuration(1500), '1.5 s');
  assert.equal(formatDuration(3000), '3 s');
  assert.equal(formatDuration(42_400), '42 s');
  assert.equal(formatDuration(600_000), '10 min');
  assert.equal(formatDuration(299_000), '4 min 59 s');
  assert.equal(formatDuration(43_200_000), '12 h');
  assert.equal(formatDuration(5_400_000), '1 h 30 min');
  assert.equal(formatDuration(86_400_000), '1 day');
  assert.equal(formatDuration(7 * 86_400_000 + 3 * 3_600_000), '7 days 3 h');
  assert.equal(formatDuration(-5), '0 s');
  assert.equal(formatDuration(Infinity), 'never');
});
