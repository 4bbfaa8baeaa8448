import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackgroundToPanel } from '../../extension/messages.ts';
import { packMessage } from '../../extension/port-records.ts';
import { testRecord } from '../../extension/test-record.ts';
import { olderQueue } from './older-queue.ts';

const recs = (from: number, n: number) => Array.from({ length: n }, (_, i) => testRecord({ id: `r${from + i}` }));
const welcome = { type: 'welcome', version: 3, total: 300, records: recs(200, 100) } as unknown as BackgroundToPanel;
const older = (from: number, remaining: number): BackgroundToPanel => ({
  type: 'older',
  records: recs(from, 100),
  remaining,
});

/** Timing by hand: paints and tasks run only when the test says. */
function manualTiming() {
  const paints: Array<() => void> = [];
  const tasks: Array<() => void> = [];
  return {
    paints,
    tasks,
    timing: { afterPaint: (run: () => void) => paints.push(run), task: (run: () => void) => tasks.push(run) },
    runTasks() {
      while (tasks.length) tasks.shift()!();
    },
  };
}

const describeOne = (m: BackgroundToPanel) => (m.type === 'older' ? `older ${m.records[0]!.id}` : m.type);

describe('olderQueue', () => {
  it('asks for the older records once the welcome is painted, and only when the welcome says there are more', () => {
    const t = manualTiming();
    let asked = 0;
    const take = olderQueue(
      () => {},
      t.timing,
      () => asked++,
    );
    take(packMessage(welcome) as BackgroundToPanel);
    assert.equal(asked, 0, 'not before the paint');
    t.paints.shift()!();
    assert.equal(asked, 1);
    take({ type: 'welcome', version: 4, total: 1, records: recs(0, 1) } as unknown as BackgroundToPanel);
    t.paints.shift()!();
    assert.equal(asked, 1, 'a welcome that holds the whole log asks for nothing');
  });

  it('hands the welcome on at once, and the older records one per task only after it was painted', () => {
    const t = manualTiming();
    const seen: BackgroundToPanel[] = [];
    const take = olderQueue((m) => seen.push(m), t.timing);
    take(packMessage(welcome) as BackgroundToPanel);
    take(packMessage(older(0, 100)) as BackgroundToPanel);
    take(packMessage(older(100, 0)) as BackgroundToPanel);
    take({ type: 'notice', level: 'info', text: 'hi' });
    assert.deepEqual(seen.map(describeOne), ['welcome', 'notice']);
    assert.equal((seen[0] as { records: unknown[] }).records.length, 100, 'unpacked');
    assert.equal(t.tasks.length, 0, 'nothing unpacked before the paint');
    t.paints.shift()!();
    assert.equal(t.tasks.length, 1, 'one task at a time');
    t.tasks.shift()!();
    assert.deepEqual(seen.map(describeOne), ['welcome', 'notice', 'older r0']);
    t.runTasks();
    assert.deepEqual(seen.map(describeOne), ['welcome', 'notice', 'older r0', 'older r100']);
    const last = seen[3]!;
    assert.ok(last.type === 'older' && Array.isArray(last.records) && last.remaining === 0);
  });

  it('drops the older records of a welcome another welcome replaced', () => {
    const t = manualTiming();
    const seen: BackgroundToPanel[] = [];
    const take = olderQueue((m) => seen.push(m), t.timing);
    take(welcome);
    take(older(0, 100));
    t.paints.shift()!();
    take(welcome);
    t.runTasks();
    assert.deepEqual(seen.map(describeOne), ['welcome', 'welcome'], 'the first welcome’s older records are gone');
    take(older(0, 0));
    assert.equal(t.tasks.length, 0, 'waits for the new welcome’s paint');
    t.paints.shift()!();
    t.runTasks();
    assert.deepEqual(seen.map(describeOne), ['welcome', 'welcome', 'older r0']);
  });

  it('a paint of a welcome replaced before it was painted starts nothing', () => {
    const t = manualTiming();
    const seen: BackgroundToPanel[] = [];
    const take = olderQueue((m) => seen.push(m), t.timing);
    take(welcome);
    take(welcome);
    take(older(0, 0));
    t.paints.shift()!();
    assert.equal(t.tasks.length, 0);
    t.paints.shift()!();
    t.runTasks();
    assert.deepEqual(seen.map(describeOne), ['welcome', 'welcome', 'older r0']);
  });
});
