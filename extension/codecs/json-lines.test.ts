import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonArrayByLine } from './json-lines.ts';

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
});
