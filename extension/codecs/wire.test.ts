import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../model.ts';
import { chromeRecords, instrumentedRecord } from './test-records.ts';
import { isPacked, packRecords, unpackRecords } from './wire.ts';

describe('packed records (the port form)', () => {
  it('round-trips every field, absent ones stay absent, Infinity stays Infinity', () => {
    const records: SyncRecord[] = [
      ...chromeRecords(),
      instrumentedRecord({
        instrumentedId: 'i|merged',
        durationMs: 12.5,
        error: 'TypeError: x',
        sourceLocation: { url: 'http://localhost/sw.js', line: 3, column: 7 },
      }),
      {
        ...chromeRecords()[0]!,
        id: 'inf',
        nextAttemptDelayMs: Infinity,
        lastChance: false,
        sourceFile: 'a.json',
        source: 'imported',
      },
      { ...chromeRecords()[0]!, id: 'zero', nextAttemptDelayMs: 0, lastChance: true, reason: '', metadata: [] },
    ];
    const packed = packRecords(records);
    assert.ok(isPacked(packed));
    assert.deepEqual(unpackRecords(packed), records);
  });

  it('writes each repeated string once', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...chromeRecords()[1]!, id: `r${i}` }));
    const packed = packRecords(many);
    assert.ok(
      packed.json.length < JSON.stringify(many).length / 3,
      `${packed.json.length} vs ${JSON.stringify(many).length}`,
    );
    assert.deepEqual(unpackRecords(packed), many);
  });

  it('refuses a malformed form', () => {
    assert.equal(isPacked([]), false);
    assert.throws(() => unpackRecords({ packed: 1, json: '{"s":[],"r":[[5]]}' }));
    assert.throws(
      () =>
        unpackRecords({
          packed: 1,
          json: '{"s":[],"r":[["id",null,0,0,0,0,0,0,0,0,0,0,0,0,0,1,-1,null,null,-1,null,null,0]]}',
        }),
      /out of range/,
    );
  });
});
