import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../extension/model.ts';
import { RecordLog } from './record-log.ts';
import { testRecord } from '../extension/test-record.ts';

const T = 1_795_487_862_000;
const completed = { time: T, kind: 'completed', eventName: 'Sync completed', status: 'succeeded' } as const;
const instrumented: SyncRecord = testRecord({
  ...completed,
  id: 'i|1',
  registrationId: '',
  durationMs: 9,
  source: 'instrumented',
});
const protocol: SyncRecord = testRecord({ ...completed, id: 'p|1', time: T + 1, source: 'protocol' });

describe('RecordLog with both engines', () => {
  it('keeps one record per fact and tells listeners what was merged away', () => {
    const log = new RecordLog(undefined, () => T);
    const added: string[][] = [];
    const removed: Array<[string[], string]> = [];
    log.subscribe((records) => added.push(records.map((r) => r.id)));
    log.onRemoved((ids, reason) => removed.push([ids, reason]));
    log.add([instrumented]);
    log.add([protocol]);
    assert.deepEqual(
      log.all().map((r) => [r.id, r.durationMs]),
      [['p|1', 9]],
    );
    assert.deepEqual(added, [['i|1'], ['p|1']]);
    assert.deepEqual(removed, [[['i|1'], 'merged']]);
    log.add([protocol, instrumented]);
    assert.equal(log.size, 1, 'a replay and a report heard again add nothing');
  });

  it("a report never overwrites what Chrome's record observed (its error), only adds what it lacks", () => {
    const log = new RecordLog(undefined, () => T);
    const failedByChrome: SyncRecord = {
      ...protocol,
      kind: 'failed',
      eventName: 'sync event failed',
      status: undefined,
      error: 'TypeError: Failed to fetch',
    };
    log.add([failedByChrome]);
    // Any script in the page can forge a report of the same fact that says something else.
    log.add([
      { ...instrumented, kind: 'failed', eventName: 'sync event failed', status: undefined, error: 'all is well' },
    ]);
    const [held] = log.all();
    assert.equal(held?.error, 'TypeError: Failed to fetch');
    assert.equal(held?.durationMs, 9, 'what Chrome lacks is added');
  });
});
