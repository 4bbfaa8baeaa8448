import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, quantile, spread } from './stats.ts';

describe('quantile', () => {
  it('interpolates between closest ranks, whatever the input order', () => {
    assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
    assert.equal(quantile([10, 20, 30, 40, 50], 0.95), 48);
    assert.equal(quantile([7], 0.95), 7);
  });
  it('gives the extremes at 0 and 1, and NaN for no samples', () => {
    assert.equal(quantile([3, 1, 2], 0), 1);
    assert.equal(quantile([3, 1, 2], 1), 3);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });
  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    median(samples);
    assert.deepEqual(samples, [3, 1, 2]);
  });
});

describe('spread', () => {
  it('reports median, min, max and the count of finite runs', () => {
    assert.deepEqual(spread([5, 1, 9, NaN]), { median: 5, min: 1, max: 9, runs: 3 });
  });
  it('is all NaN when no run produced a figure', () => {
    const s = spread([NaN]);
    assert.equal(s.runs, 0);
    assert.ok(Number.isNaN(s.median));
  });
});
