import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonArrayByLine, jsonArrayParts } from './json-lines.ts';

describe('jsonArrayByLine', () => {
  it('writes one item per line, and parses back to the same items', () => {
    const items = [{ a: 1, b: 'x\ny' }, [2], 'three'];
    const text = jsonArrayByLine(items);
    assert.deepEqual(text.split('\n'), ['[', '{"a":1,"b":"x\\ny"},', '[2],', '"three"', ']']);
    assert.deepEqual(JSON.parse(text), items);
  });
  it('writes an empty list as []', () => {
    assert.equal(jsonArrayByLine([]), '[]');
  });
  it('as parts, is the same text however many parts, and maps or leaves out items on the way', () => {
    const items = Array.from({ length: 4500 }, (_, i) => ({ i, s: `x${i}` }));
    const parts = jsonArrayParts(items);
    assert.ok(parts.length > 2, `${parts.length} parts`);
    assert.equal(parts.join(''), `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`);
    const odd = jsonArrayParts(items, (item) => (item.i % 2 ? item.i : undefined)).join('');
    assert.deepEqual(
      JSON.parse(odd),
      items.filter((item) => item.i % 2).map((item) => item.i),
    );
    assert.deepEqual(
      jsonArrayParts(items, () => undefined),
      ['[]'],
    );
  });
});
