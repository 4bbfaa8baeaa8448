import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRecord } from '../test-record.ts';
import { decodeChunks } from './byte-sink.ts';
import { exportTrace, type TraceFile } from './trace.ts';

test("a dispatch's requests are spans inside it and its console lines instants, on its thread", () => {
  const dispatched = testRecord({ id: 'd', kind: 'dispatched', eventName: 'Dispatched sync event', time: 1000 });
  const completed = testRecord({
    id: 'c',
    kind: 'completed',
    eventName: 'Sync completed',
    time: 1100,
    activity: {
      requests: [
        {
          key: 'k',
          method: 'POST',
          url: 'http://x/api',
          startedAt: 1010,
          durationMs: 40,
          status: 503,
          faked: 'HTTP 503',
        },
      ],
      console: [{ at: 1060, level: 'log', text: '<b>replayed</b>' }],
    },
  });
  const trace = JSON.parse(
    decodeChunks(exportTrace([dispatched, completed], { now: 2000, filtered: false })),
  ) as TraceFile;
  const dispatchSpan = trace.traceEvents.find((e) => e.ph === 'X' && e.cat !== 'request')!;
  const request = trace.traceEvents.find((e) => e.cat === 'request')!;
  assert.deepEqual(
    [request.name, request.ts, request.dur, request.args],
    ['POST http://x/api', 1_010_000, 40_000, { status: 503, faked: 'HTTP 503' }],
  );
  assert.equal(request.tid, dispatchSpan.tid);
  assert.ok(request.ts >= dispatchSpan.ts && request.ts + request.dur! <= dispatchSpan.ts + dispatchSpan.dur!);
  const line = trace.traceEvents.find((e) => e.cat === 'console')!;
  assert.deepEqual([line.ph, line.ts, line.args], ['i', 1_060_000, { text: '<b>replayed</b>' }]);
});
