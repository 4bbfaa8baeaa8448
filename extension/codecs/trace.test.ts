import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportRecords } from './index.ts';
import { chromeRecords, instrumentedRecord } from './test-records.ts';
import type { TraceFile } from './trace.ts';

function trace(records = chromeRecords()): TraceFile {
  const file = exportRecords(records, 'trace', { origin: 'http://localhost:8088/', now: 0, filtered: true });
  assert.match(file.fileName, /\.trace\.json$/);
  return JSON.parse(file.text) as TraceFile;
}

describe('Trace Event export', () => {
  it('is Trace Event JSON: every event has ph, ts, pid and tid, X events a dur >= 0', () => {
    const t = trace();
    assert.equal(t.displayTimeUnit, 'ms');
    assert.equal(t.metadata.filtered, true);
    assert.ok(t.traceEvents.length > 0);
    for (const e of t.traceEvents) {
      assert.equal(typeof e.ph, 'string');
      assert.ok(Number.isFinite(e.ts), JSON.stringify(e));
      assert.ok(Number.isInteger(e.pid) && Number.isInteger(e.tid), JSON.stringify(e));
      assert.equal(typeof e.name, 'string');
      if (e.ph === 'X') assert.ok(typeof e.dur === 'number' && e.dur >= 0, JSON.stringify(e));
    }
  });

  it('has a process per origin and a thread per tag, both named', () => {
    const t = trace();
    const processes = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.args!.name);
    assert.deepEqual(processes, ['http://localhost:8088/', 'https://example.com/']);
    const threads = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args!.name);
    assert.deepEqual(threads, ['sync-messages', 'periodic: news', 'other-<b>tag</b>']);
  });

  it('marks each record as an instant event in microseconds', () => {
    const t = trace();
    const instants = t.traceEvents.filter((e) => e.ph === 'i');
    assert.equal(instants.length, chromeRecords().length);
    assert.equal(instants[0]!.ts, Math.round(chromeRecords()[0]!.time * 1000));
    assert.equal(instants[0]!.name, 'Registered sync');
  });

  it('spans each dispatch to its outcome', () => {
    const spans = trace().traceEvents.filter((e) => e.ph === 'X');
    assert.equal(spans.length, 2);
    const records = chromeRecords();
    assert.equal(spans[0]!.ts, Math.round(records[1]!.time * 1000));
    assert.equal(spans[0]!.dur, Math.round((records[2]!.time - records[1]!.time) * 1000));
    assert.equal(spans[0]!.args!.outcome, 'failed');
    assert.equal(spans[1]!.args!.outcome, 'succeeded');
    assert.equal(spans[1]!.args!.lastChance, true);
  });

  it('uses the measured duration of an instrumented dispatch', () => {
    const spans = trace([instrumentedRecord()]).traceEvents.filter((e) => e.ph === 'X');
    assert.equal(spans.length, 1);
    assert.equal(spans[0]!.dur, 12_500);
  });
});
