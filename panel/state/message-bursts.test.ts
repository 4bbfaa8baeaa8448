import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackgroundToPanel } from '../../extension/messages.ts';
import type { SyncRecord } from '../../extension/model.ts';
import { burstApplier, coalesceRecords } from './message-bursts.ts';

const record = (id: string) => ({ id }) as SyncRecord;
const records = (...ids: string[]): BackgroundToPanel => ({ type: 'records', records: ids.map(record) });
const ids = (m: BackgroundToPanel | undefined) => (m && 'records' in m ? m.records.map((r) => r.id) : undefined);

describe('coalesceRecords', () => {
  it('merges consecutive records messages, in order', () => {
    const out = coalesceRecords([records('a'), records('b', 'c'), records('d')]);
    assert.equal(out.length, 1);
    assert.deepEqual(ids(out[0]), ['a', 'b', 'c', 'd']);
  });
  it('merges records into the welcome before them', () => {
    const welcome = {
      type: 'welcome',
      version: 1,
      state: {},
      records: [record('a')],
      registrations: null,
    } as unknown as BackgroundToPanel;
    const out = coalesceRecords([welcome, records('b')]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.type, 'welcome');
    assert.deepEqual(ids(out[0]), ['a', 'b']);
  });
  it('never moves records across another message', () => {
    const removed: BackgroundToPanel = { type: 'removed', ids: ['a'], reason: 'retention' };
    const out = coalesceRecords([records('a'), removed, records('b'), records('c')]);
    assert.deepEqual(
      out.map((m) => m.type),
      ['records', 'removed', 'records'],
    );
    assert.deepEqual(ids(out[2]), ['b', 'c']);
  });
});

describe('burstApplier', () => {
  it('hands over everything queued before the scheduled run, once', () => {
    const runs: Array<() => void> = [];
    const applied: BackgroundToPanel[][] = [];
    const take = burstApplier(
      (m) => applied.push(m),
      (run) => runs.push(run),
    );
    take(records('a'));
    take(records('b'));
    assert.equal(runs.length, 1);
    runs[0]!();
    take(records('c'));
    runs[1]!();
    assert.deepEqual(
      applied.map((burst) => burst.map(ids)),
      [[['a', 'b']], [['c']]],
    );
  });

  it('hands a welcome over at once, with what was queued before it, and schedules what follows', () => {
    const runs: Array<() => void> = [];
    const applied: string[][] = [];
    const take = burstApplier(
      (m) => applied.push(m.map((x) => x.type)),
      (run) => runs.push(run),
    );
    const older: BackgroundToPanel = { type: 'older', records: [record('o')], remaining: 0 };
    take({ type: 'cleared', clearedBefore: 1 });
    take({ type: 'welcome', version: 3, total: 2, records: [record('n')] } as unknown as BackgroundToPanel);
    assert.deepEqual(applied, [['cleared', 'welcome']]);
    take(older);
    assert.equal(applied.length, 1, 'the older records wait for the next task');
    for (const run of runs) run();
    assert.deepEqual(applied, [['cleared', 'welcome'], ['older']]);
  });
});
