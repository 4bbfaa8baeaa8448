import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OriginRegistrations } from '../extension/model.ts';
import { RECORDS_REFRESH_MIN_MS, REFRESH_DEBOUNCE_MS, RegistrationsRefresh } from './registrations-refresh.ts';
import { settle, TestClock } from './test-clock.ts';

function snapshot(tags: string[], readAt = 0): OriginRegistrations {
  return {
    origin: 'https://app.example',
    url: 'https://app.example/',
    secureContext: true,
    permissions: {},
    scopes: [
      { scope: 'https://app.example/', workerState: 'activated', syncTags: tags, periodicTags: [], heldOffline: false },
    ],
    readAt,
  };
}

/** An engine whose reads the test answers one by one. */
function fakeSource() {
  const pending: Array<(value: OriginRegistrations) => void> = [];
  let reads = 0;
  return {
    source: {
      readRegistrations: () => {
        reads++;
        return new Promise<OriginRegistrations>((resolve) => pending.push(resolve));
      },
    },
    get reads() {
      return reads;
    },
    get waiting() {
      return pending.length;
    },
    answer(value: OriginRegistrations) {
      pending.shift()!(value);
    },
  };
}

function setup(watched = true) {
  const clock = new TestClock();
  const engine = fakeSource();
  const published: OriginRegistrations[] = [];
  let current: typeof engine.source | undefined = engine.source;
  const refresh = new RegistrationsRefresh(
    () => current,
    (r) => published.push(r),
    () => watched,
    clock,
  );
  return { clock, engine, published, refresh, drop: () => (current = undefined) };
}

describe('RegistrationsRefresh', () => {
  it('debounces: many changes in a row make one read', async () => {
    const { clock, engine, refresh } = setup();
    for (let i = 0; i < 10; i++) {
      refresh.schedule();
      await clock.advance(REFRESH_DEBOUNCE_MS - 1);
    }
    assert.equal(engine.reads, 0);
    await clock.advance(1);
    assert.equal(engine.reads, 1);
  });

  it('throttles a stream of records: a read soon after the first, then at most one per interval', async () => {
    const { clock, engine, refresh } = setup();
    for (let t = 0; t < 1000; t += 10) {
      refresh.forRecords();
      await clock.advance(10);
      if (engine.waiting) engine.answer(snapshot([]));
    }
    // 1 s of events at 100/s: the first read after the debounce, then one per RECORDS_REFRESH_MIN_MS.
    assert.ok(engine.reads >= 3 && engine.reads <= 1000 / RECORDS_REFRESH_MIN_MS + 1, `reads: ${engine.reads}`);
  });

  it('reads one at a time: a request during a read runs once more after it, not in parallel', async () => {
    const { engine, refresh } = setup();
    const first = refresh.read();
    void refresh.read();
    void refresh.read();
    await settle();
    assert.equal(engine.reads, 1);
    engine.answer(snapshot(['a']));
    await settle();
    assert.equal(engine.reads, 2);
    engine.answer(snapshot(['a']));
    await first;
    assert.equal(engine.reads, 2);
  });

  it('publishes only a read that changed something (not when only readAt changed)', async () => {
    const { engine, published, refresh } = setup();
    const read = async (value: OriginRegistrations) => {
      const done = refresh.read();
      await settle();
      engine.answer(value);
      await done;
    };
    await read(snapshot(['a'], 1));
    await read(snapshot(['a'], 2));
    await read(snapshot(['a', 'b'], 3));
    assert.deepEqual(
      published.map((r) => r.scopes[0]!.syncTags),
      [['a'], ['a', 'b']],
    );
  });

  it('does not read for nobody: no panel watching, no timers', async () => {
    const { clock, engine, refresh } = setup(false);
    refresh.schedule();
    refresh.forRecords();
    assert.equal(clock.pending, 0);
    await clock.advance(10_000);
    assert.equal(engine.reads, 0);
  });

  it('ignores the failure of an engine that went meanwhile, and reports one of the engine in use', async () => {
    const clock = new TestClock();
    const published: OriginRegistrations[] = [];
    let fail: (error: Error) => void = () => {};
    let source: { readRegistrations(): Promise<OriginRegistrations> } | undefined = {
      readRegistrations: () => new Promise((_, reject) => (fail = reject)),
    };
    const refresh = new RegistrationsRefresh(
      () => source,
      (r) => published.push(r),
      () => true,
      clock,
    );
    const staleRead = refresh.read();
    source = { readRegistrations: () => Promise.reject(new Error('gone')) };
    fail(new Error('detached'));
    await staleRead;
    assert.equal(published.length, 0);
    await refresh.read();
    assert.equal(published.length, 1);
    assert.match(published[0]!.error ?? '', /Could not read the page's registrations: gone/);
  });
});
