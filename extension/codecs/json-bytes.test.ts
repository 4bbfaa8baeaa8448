import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteSink, decodeChunks } from './byte-sink.ts';
import { JsonObjectWriter, writeJsonArrayByLine } from './json-bytes.ts';

const bytesOf = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((c) => Buffer.from(c)));

/** What a Blob of JSON.stringify's text holds. */
const expected = (items: readonly object[]) =>
  Buffer.from(items.length ? `[\n${items.map((o) => JSON.stringify(o)).join(',\n')}\n]` : '[]', 'utf8');

function written(items: readonly object[], nonFinite?: (key: string, value: number) => string | undefined) {
  const sink = new ByteSink();
  const writer = new JsonObjectWriter(sink, nonFinite);
  writeJsonArrayByLine(sink, items, (o) => writer.write(o));
  return bytesOf(sink.finish());
}

describe('JsonObjectWriter', () => {
  it("writes JSON.stringify's bytes: key order, escapes, unicode, lone surrogates, left-out values", () => {
    const objects: object[] = [
      { id: 'a"b\\c\n', tag: 'é😀', n: -0, x: NaN, y: Infinity, big: 1e21, frac: 0.1 + 0.2 },
      { tag: '\ud800', id: '\u2028', nothing: undefined, f: () => 1, nul: null, t: true, flag: false },
      { metadata: [{ key: 'k', value: 'v' }], time: 1796147394567, nested: { a: [1, 'b'] } },
      { metadata: [{ key: 'k', value: 1 }], 2: 'number-like keys come first', b: 'then the rest' },
      {
        metadata: [],
        eventMetadata: [
          { key: '=', value: '' },
          { key: '=', value: '' },
        ],
      },
      {},
    ];
    // Repeated, so the runs (run-tree.ts) and their caches are used and checked too.
    const many = Array.from({ length: 300 }, (_, i) => ({ ...objects[i % objects.length], i, tag: `t${i % 70}` }));
    assert.deepEqual(written(objects), expected(objects));
    assert.deepEqual(written(many), expected(many));
    assert.deepEqual(written([]), Buffer.from('[]'));
  });

  it('writes a chosen string for a number JSON cannot hold, where asked', () => {
    const text = written([{ nextAttemptDelayMs: Infinity, other: Infinity }], (key, value) =>
      key === 'nextAttemptDelayMs' && value === Infinity ? 'infinite' : undefined,
    ).toString();
    assert.equal(text, '[\n{"nextAttemptDelayMs":"infinite","other":null}\n]');
  });

  it('leaves out the items it is told to, with the separators right', () => {
    const sink = new ByteSink();
    const writer = new JsonObjectWriter(sink);
    const items = [{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }];
    writeJsonArrayByLine(
      sink,
      items,
      (o) => writer.write(o),
      (o) => o.i % 2 === 1,
    );
    assert.equal(decodeChunks(sink.finish()), '[\n{"i":1},\n{"i":3}\n]');
  });
});

describe('ByteSink', () => {
  it('spans chunks: a long file comes back whole, in the order written', () => {
    const sink = new ByteSink();
    const line = 'x'.repeat(999) + 'é\n';
    for (let i = 0; i < 3000; i++) sink.text(line);
    const chunks = sink.finish();
    assert.ok(chunks.length > 2, `${chunks.length} chunks`);
    assert.equal(decodeChunks(chunks), line.repeat(3000));
  });
});
