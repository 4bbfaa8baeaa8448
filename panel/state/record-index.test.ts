import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../../extension/model.ts';
import { appendedTo, incrementalFilter, noteAppend, originTagKey, tagIndex, withOlder } from './record-index.ts';
import { testRecord } from '../../extension/test-record.ts';

const rec = (id: string, time: number, tag = 't', origin = 'https://a.test/'): SyncRecord =>
  testRecord({ id, time, tag, origin, kind: 'dispatched', eventName: 'Dispatched sync event' });

describe('appendedTo', () => {
  it('gives the tail of a noted append, and nothing for an array it does not know as one', () => {
    const a = [rec('1', 1)];
    const b = a.concat([rec('2', 2), rec('3', 3)]);
    noteAppend(a, b);
    assert.deepEqual(
      appendedTo(a, b)?.map((r) => r.id),
      ['2', '3'],
    );
    assert.deepEqual(appendedTo(b, b), []);
    assert.equal(appendedTo([...a], b), undefined);
    assert.equal(appendedTo(a, [...b]), undefined);
  });
});

describe('incrementalFilter', () => {
  it('filters only the appended records while the key holds, and everything when it changes', () => {
    const filter = incrementalFilter();
    const seen: string[] = [];
    const keep = (tag: string) => () => (r: SyncRecord) => (seen.push(r.id), r.tag === tag);
    const a = [rec('1', 1, 'x'), rec('2', 2, 'y')];
    assert.deepEqual(
      filter(a, ['x'], keep('x')).map((r) => r.id),
      ['1'],
    );
    const b = a.concat([rec('3', 3, 'x'), rec('4', 4, 'y')]);
    noteAppend(a, b);
    seen.length = 0;
    const first = filter(b, ['x'], keep('x'));
    assert.deepEqual(
      first.map((r) => r.id),
      ['1', '3'],
    );
    assert.deepEqual(seen, ['3', '4']);
    // Nothing new that passes: the same array (views memoised on it do not render again).
    const c = b.concat([rec('5', 5, 'y')]);
    noteAppend(b, c);
    assert.equal(filter(c, ['x'], keep('x')), first);
    seen.length = 0;
    assert.deepEqual(
      filter(c, ['y'], keep('y')).map((r) => r.id),
      ['2', '4', '5'],
    );
    assert.equal(seen.length, 5);
    // Not an append (a sort, a removal): everything again.
    assert.deepEqual(filter([c[0]!, c[2]!], ['y'], keep('y')), []);
  });
});

describe('tagIndex', () => {
  it('groups by origin and tag, keeps tags in first-seen order, and replaces only the groups that grew', () => {
    const a = [rec('1', 1, 'x'), rec('2', 2, 'y'), rec('3', 3, 'x', 'https://b.test/')];
    const first = tagIndex(a);
    assert.deepEqual(
      first.byOriginTag.get(originTagKey('https://a.test/', 'x'))?.map((r) => r.id),
      ['1'],
    );
    assert.deepEqual(first.tagsByOrigin.get('https://a.test/'), ['x', 'y']);
    const b = a.concat([rec('4', 4, 'x'), rec('5', 5, 'z')]);
    noteAppend(a, b);
    const next = tagIndex(b, { records: a, index: first });
    assert.deepEqual(
      next.byOriginTag.get(originTagKey('https://a.test/', 'x'))?.map((r) => r.id),
      ['1', '4'],
    );
    assert.equal(
      next.byOriginTag.get(originTagKey('https://a.test/', 'y')),
      first.byOriginTag.get(originTagKey('https://a.test/', 'y')),
    );
    assert.deepEqual(next.tagsByOrigin.get('https://a.test/'), ['x', 'y', 'z']);
    assert.equal(next.tagsByOrigin.get('https://b.test/'), first.tagsByOrigin.get('https://b.test/'));
    // The first group is not changed in place: a view holding it still sees what it saw.
    assert.deepEqual(
      first.byOriginTag.get(originTagKey('https://a.test/', 'x'))?.map((r) => r.id),
      ['1'],
    );
    // Not an append: built afresh, the same result.
    assert.deepEqual(tagIndex([...b], { records: a, index: first }), tagIndex(b));
  });
});

describe('withOlder', () => {
  it('puts the older records before the held ones, keeping the held version of an id', () => {
    const older = [rec('1', 1), rec('2', 2), rec('3', 3)];
    const updated = { ...rec('3', 3), tag: 'merged' };
    const held = [updated, rec('4', 4)];
    const next = withOlder(older, held);
    assert.deepEqual(
      next.map((r) => r.id),
      ['1', '2', '3', '4'],
    );
    assert.equal(next[2], updated);
    assert.equal(withOlder([], held), held);
  });
  it('sorts by time when a held record is older than the older ones (an import meanwhile)', () => {
    const next = withOlder([rec('2', 2), rec('4', 4)], [rec('1', 1), rec('5', 5)]);
    assert.deepEqual(
      next.map((r) => r.id),
      ['1', '2', '4', '5'],
    );
  });
});
