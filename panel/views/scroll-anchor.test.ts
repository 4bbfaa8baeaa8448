import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorAt, scrollTopFor } from './scroll-anchor.ts';

const ROW = 22;
const keysOf = (ids: number[]) => (index: number) => `r${ids[index]}`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('scroll anchor', () => {
  it('takes the row at the top of the viewport and how far into it', () => {
    assert.deepEqual(anchorAt(400 * ROW + 5, ROW, 500, keysOf(range(99_500, 100_000))), {
      key: 'r99900',
      index: 400,
      offset: 5,
    });
    assert.equal(anchorAt(0, ROW, 0, keysOf([])), null);
  });
  it('rows added above move the scroll position by their height, so the same row stays in place', () => {
    const before = keysOf(range(99_500, 100_000));
    const anchor = anchorAt(400 * ROW + 5, ROW, 500, before)!;
    const after = keysOf(range(0, 100_000));
    assert.equal(scrollTopFor(anchor, 500, 100_000, ROW, after), 99_900 * ROW + 5);
  });
  it('rows added below leave it where it was; rows mixed in are found by key; a row gone answers undefined', () => {
    const anchor = anchorAt(10 * ROW, ROW, 100, keysOf(range(0, 100)))!;
    assert.equal(scrollTopFor(anchor, 100, 150, ROW, keysOf(range(0, 150))), 10 * ROW);
    const mixed = [...range(0, 5), 1000, 1001, 1002, ...range(5, 100)];
    assert.equal(scrollTopFor(anchor, 100, mixed.length, ROW, keysOf(mixed)), 13 * ROW);
    assert.equal(scrollTopFor(anchor, 100, 50, ROW, keysOf(range(50, 100))), undefined);
  });
});
