import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeChunks } from './codecs/byte-sink.ts';
import { exportCsv } from './codecs/csv.ts';
import { cleanRecord, Findings } from './codecs/validate.ts';
import { packRecords, unpackRecords } from './codecs/wire.ts';
import type { SyncRecord } from './model.ts';
import { isFailure, RECORD_FIELD_NAMES } from './record-facts.ts';
import { testRecord } from './test-record.ts';

/** A record with every field set, so a field one codec forgets shows up. */
const full: Required<SyncRecord> = {
  ...testRecord({ kind: 'completed', eventName: 'Sync completed' }),
  scope: 'http://localhost:8088/',
  lastChance: true,
  status: 'waitUntil rejected',
  nextAttemptDelayMs: Infinity,
  reason: 'offline',
  durationMs: 12,
  metadata: [{ key: 'k', value: 'v' }],
  source: 'imported',
  sourceFile: 'log.json',
  storageKey: 'http://localhost:8088/',
  instrumentedId: 'i1',
  sourceLocation: { url: 'http://localhost:8088/sw.js', line: 3, column: 9 },
  error: 'TypeError: offline',
  activity: {
    requests: [{ key: 's|1', method: 'POST', url: 'http://localhost:8088/api', startedAt: 1, status: 201 }],
    console: [{ at: 2, level: 'log', text: 'replayed' }],
  },
};

describe('record facts', () => {
  it('the field list is every field of a record', () => {
    assert.deepEqual([...RECORD_FIELD_NAMES].sort(), Object.keys(full).sort());
  });

  it('validation, the packed form and CSV keep every listed field', () => {
    const f = new Findings();
    // In a file, Infinity is written "infinite"; the file a record came from is named by the import, not by it.
    const { sourceFile: _named, ...fromFile } = full;
    assert.deepEqual(cleanRecord({ ...full, nextAttemptDelayMs: 'infinite' }, 'r', f), fromFile);
    assert.deepEqual(f.warnings(), []);
    assert.deepEqual(unpackRecords(packRecords([full])), [full]);
    const header = decodeChunks(exportCsv([full]))
      .split('\r\n')[0]!
      .split(',');
    for (const field of RECORD_FIELD_NAMES) assert.ok(header.includes(field), `CSV has a ${field} column`);
  });

  it('a failure is a failed attempt or a completion with a status other than succeeded', () => {
    assert.equal(isFailure({ kind: 'failed' }), true);
    assert.equal(isFailure({ kind: 'completed', status: 'waitUntil rejected' }), true);
    assert.equal(isFailure({ kind: 'completed', status: 'succeeded' }), false);
    assert.equal(isFailure({ kind: 'completed' }), false);
    assert.equal(isFailure({ kind: 'dispatched', status: 'timeout' }), false);
  });
});
