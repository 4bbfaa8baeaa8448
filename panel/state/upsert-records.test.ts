import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testRecord } from '../../extension/test-record.ts';
import { appendedTo, upsertRecords } from './record-index.ts';

const rec = (id: string, time: number, tag = 't') => testRecord({ id, time, tag });
const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('upsertRecords', () => {
  it('appends later records and notes the append for the incremental views', () => {
    const held = [rec('1', 1), rec('2', 2)];
    const next = upsertRecords(held, [rec('4', 4), rec('3', 3)]);
    assert.deepEqual(ids(next), ['1', '2', '3', '4']);
    assert.deepEqual(ids(appendedTo(held, next) ?? []), ['3', '4']);
    assert.deepEqual(ids(held), ['1', '2'], 'held is not changed');
  });

  it('places an earlier record by time (not an append)', () => {
    const held = [rec('1', 1), rec('3', 3)];
    const next = upsertRecords(held, [rec('2', 2)]);
    assert.deepEqual(ids(next), ['1', '2', '3']);
    assert.equal(appendedTo(held, next), undefined);
  });

  it('replaces a held record by id, re-sorting when its time moved, and adds the new ones', () => {
    const held = [rec('1', 1), rec('2', 2), rec('3', 3)];
    const next = upsertRecords(held, [rec('1', 5, 'merged'), rec('9', 4)]);
    assert.deepEqual(ids(next), ['2', '3', '9', '1']);
    assert.equal(next.find((r) => r.id === '1')?.tag, 'merged');
    assert.equal(appendedTo(held, next), undefined);
  });

  it('keeps the last of two incoming records with one id', () => {
    const next = upsertRecords([], [rec('1', 1, 'first'), rec('1', 1, 'second')]);
    assert.equal(next.length, 1);
    assert.equal(next[0]!.tag, 'second');
  });

  it('returns the held array itself when nothing came', () => {
    const held = [rec('1', 1)];
    assert.equal(upsertRecords(held, []), held);
  });

  it('answers the same from an older array as from a fresh copy (its id set is not the newer one)', () => {
    const a = [rec('1', 1)];
    const b = upsertRecords(a, [rec('2', 2)]);
    // Asked again from `a`: '2' is new to a, so it is added, not treated as a replacement.
    assert.deepEqual(ids(upsertRecords(a, [rec('2', 2)])), ['1', '2']);
    assert.deepEqual(ids(upsertRecords(b, [rec('2', 7, 'x')])), ['1', '2']);
    assert.equal(upsertRecords(b, [rec('2', 7, 'x')]).length, 2);
  });
});
