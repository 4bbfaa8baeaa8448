import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../extension/model.ts';
import { testRecord } from '../extension/test-record.ts';
import { RecordLog, type DropHistory, type RecordStore } from './record-log.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24);

function record(id: string, time: number, patch: Partial<SyncRecord> = {}): SyncRecord {
  return testRecord({ id, time, ...patch });
}

/** An in-memory, paged RecordStore that counts its writes; `records` is every stored record by id. */
function memoryStore(initial: SyncRecord[] = [], drops: DropHistory = { droppedTotal: 0 }) {
  const pages = new Map<number, SyncRecord[]>(initial.length ? [[0, initial]] : []);
  const state = {
    pages,
    drops,
    saves: 0,
    get records() {
      return new Map([...pages.values()].flat().map((r) => [r.id, r]));
    },
  };
  const store: RecordStore = {
    async load() {
      return {
        pages: [...pages].sort(([a], [b]) => a - b).map(([key, records]) => ({ key, records })),
        drops: state.drops,
      };
    },
    async save(written, newDrops) {
      state.saves++;
      for (const page of written) {
        if (page.records.length) pages.set(page.key, [...page.records]);
        else pages.delete(page.key);
      }
      if (newDrops) state.drops = newDrops;
    },
  };
  return { store, state };
}

const retention = (maxRecords: number, maxAgeMs = 3 * DAY) => ({ maxRecords, maxAgeMs });

describe('RecordLog persistence', () => {
  it('loads what the store holds, and a new log over the same store sees what the first added', async () => {
    const { store, state } = memoryStore([record('a', NOW - 1000)]);
    const first = new RecordLog(store, () => NOW);
    await first.load();
    assert.deepEqual(
      first.all().map((r) => r.id),
      ['a'],
    );
    first.add([record('b', NOW), record('c', NOW)]);
    await first.flush();
    assert.equal(state.records.size, 3);
    const second = new RecordLog(store, () => NOW);
    await second.load();
    assert.deepEqual(
      second
        .all()
        .map((r) => r.id)
        .sort(),
      ['a', 'b', 'c'],
    );
  });

  it('writes a burst of adds in one batch', async () => {
    const { store, state } = memoryStore();
    const log = new RecordLog(store, () => NOW);
    await log.load();
    for (let i = 0; i < 1000; i++) log.add([record(`r${i}`, NOW - i)]);
    assert.equal(state.saves, 0);
    await log.flush();
    assert.equal(state.saves, 1);
    assert.equal(state.records.size, 1000);
  });

  it('never duplicates a record seen again (a replay of Chrome log)', async () => {
    const log = new RecordLog(undefined, () => NOW);
    await log.load();
    assert.equal(log.add([record('a', NOW)]).length, 1);
    assert.equal(log.add([record('a', NOW)]).length, 0);
    assert.equal(log.size, 1);
  });

  it('keeps working in memory, and says why, when the store fails', async () => {
    const failing: RecordStore = {
      load: async () => Promise.reject(new Error('quota exceeded')),
      save: async () => Promise.reject(new Error('quota exceeded')),
    };
    const log = new RecordLog(failing, () => NOW);
    await log.load();
    assert.match(log.storageProblem ?? '', /could not be loaded \(quota exceeded\)/);
    log.add([record('a', NOW)]);
    // Nothing is written over pages that may survive: a flush says it did not store.
    await assert.rejects(log.flush(), /could not be loaded \(quota exceeded\)/);
    assert.equal(log.size, 1);
  });
});

describe('RecordLog retention', () => {
  it('drops the oldest records first once over the count, and remembers it', async () => {
    const { store, state } = memoryStore();
    const log = new RecordLog(store, () => NOW);
    await log.load(retention(3));
    const removed: string[][] = [];
    log.onRemoved((ids, reason) => reason === 'retention' && removed.push(ids));
    log.add([
      record('t3', NOW - 3000),
      record('t1', NOW - 5000),
      record('t5', NOW - 1000),
      record('t2', NOW - 4000),
      record('t4', NOW - 2000),
    ]);
    await log.flush();
    assert.deepEqual(
      log
        .all()
        .map((r) => r.id)
        .sort(),
      ['t3', 't4', 't5'],
    );
    assert.deepEqual(removed, [['t1', 't2']]);
    assert.deepEqual([...state.records.keys()].sort(), ['t3', 't4', 't5']);
    assert.deepEqual(log.retentionState(), {
      maxRecords: 3,
      maxAgeMs: 3 * DAY,
      droppedTotal: 2,
      lastDrop: { at: NOW, count: 2, newestDroppedTime: NOW - 4000 },
    });
    assert.equal(state.drops.droppedTotal, 2);
  });

  it('drops observed records older than the age limit, but keeps imported ones', async () => {
    const log = new RecordLog(undefined, () => NOW);
    await log.load(retention(100));
    log.add([record('old', NOW - 4 * DAY), record('new', NOW - DAY)]);
    await log.importFile('colleague.json', [record('old-import', NOW - 30 * DAY)]);
    assert.deepEqual(
      log
        .all()
        .map((r) => r.id)
        .sort(),
      ['new', 'old-import'],
    );
  });

  it('lets records age out while the log lives, when asked (a panel opening)', async () => {
    let now = NOW;
    const log = new RecordLog(undefined, () => now);
    await log.load(retention(100, DAY));
    log.add([record('a', NOW - 1000)]);
    now += 2 * DAY;
    assert.equal(log.size, 1);
    log.expireOld();
    assert.equal(log.size, 0);
  });

  it('applies retention to what it loads, before anyone sees it', async () => {
    const { store } = memoryStore([record('a', NOW - 3000), record('b', NOW - 2000), record('c', NOW - 1000)]);
    const log = new RecordLog(store, () => NOW);
    await log.load(Promise.resolve(retention(1)));
    assert.deepEqual(
      log.all().map((r) => r.id),
      ['c'],
    );
    assert.equal(log.retentionState().lastDrop?.count, 2);
  });

  it('applies a lowered retention at once', async () => {
    const log = new RecordLog(undefined, () => NOW);
    await log.load(retention(10));
    log.add([record('a', NOW - 2), record('b', NOW - 1)]);
    let changed = 0;
    log.onStateChanged(() => changed++);
    log.setRetention(retention(1));
    assert.deepEqual(
      log.all().map((r) => r.id),
      ['b'],
    );
    assert.ok(changed > 0);
  });
});

describe('RecordLog imports', () => {
  it('marks imported records with their file, counts them, and re-importing adds nothing', async () => {
    const log = new RecordLog(undefined, () => NOW);
    await log.load();
    const file = [record('i1', NOW), record('i2', NOW)];
    assert.deepEqual(await log.importFile('run.json', file), { added: 2, duplicates: 0 });
    assert.deepEqual(await log.importFile('run.json', file), { added: 0, duplicates: 2 });
    assert.ok(log.all().every((r) => r.source === 'imported' && r.sourceFile === 'run.json'));
    assert.deepEqual(log.imports(), [{ fileName: 'run.json', count: 2 }]);
  });

  it('removes exactly the records of one file', async () => {
    const { store, state } = memoryStore();
    const log = new RecordLog(store, () => NOW);
    await log.load();
    log.add([record('live', NOW)]);
    await log.importFile('a.json', [record('a1', NOW), record('a2', NOW)]);
    await log.importFile('b.json', [record('b1', NOW)]);
    const removed: Array<[string[], string]> = [];
    log.onRemoved((ids, reason) => removed.push([ids, reason]));
    assert.deepEqual(await log.removeImport('a.json'), { removed: 2 });
    assert.deepEqual(removed, [[['a1', 'a2'], 'import-removed']]);
    assert.deepEqual(
      log
        .all()
        .map((r) => r.id)
        .sort(),
      ['b1', 'live'],
    );
    assert.deepEqual([...state.records.keys()].sort(), ['b1', 'live']);
    assert.deepEqual(log.imports(), [{ fileName: 'b.json', count: 1 }]);
  });
});

describe('RecordLog pages', () => {
  it('stores 5,000 records as a few pages, and a removal rewrites only its page', async () => {
    const { store, state } = memoryStore();
    const log = new RecordLog(store, () => NOW);
    await log.load();
    await log.importFile('early.json', [record('e1', NOW - 6000), record('e2', NOW - 6000)]);
    log.add(Array.from({ length: 5000 }, (_, i) => record(`r${i}`, NOW - 5000 + i)));
    await log.flush();
    assert.ok(state.pages.size >= 2 && state.pages.size <= 5, `${state.pages.size} pages`);
    assert.equal(state.records.size, 5002);
    const before = new Map(state.pages);
    await log.removeImport('early.json');
    const rewritten = [...state.pages].filter(([key, page]) => before.get(key) !== page).map(([key]) => key);
    assert.deepEqual(rewritten, [0]);
    assert.equal(state.records.size, 5000);
  });

  it('a record added before the stored pages are read neither overwrites them nor is lost', async () => {
    const { store, state } = memoryStore([record('stored', NOW - 1000)]);
    const log = new RecordLog(store, () => NOW);
    log.add([record('early', NOW)]);
    await log.load();
    await log.flush();
    assert.deepEqual([...state.records.keys()].sort(), ['early', 'stored']);
  });

  it('writes a store could not take again at the next write', async () => {
    const { store, state } = memoryStore();
    let fail = true;
    const flaky: RecordStore = {
      load: store.load,
      save: (pages, drops) => (fail ? Promise.reject(new Error('busy')) : store.save(pages, drops)),
    };
    const log = new RecordLog(flaky, () => NOW);
    await log.load();
    log.add([record('a', NOW)]);
    await assert.rejects(log.flush(), /could not be stored: busy/);
    assert.match(log.storageProblem ?? '', /busy/);
    fail = false;
    await log.flush();
    assert.equal(log.storageProblem, undefined);
    assert.deepEqual([...state.records.keys()], ['a']);
  });

  it('chunks of one import sent together are answered once stored, in fewer writes than chunks', async () => {
    const { store, state } = memoryStore();
    const log = new RecordLog(store, () => NOW);
    await log.load();
    const chunks = Array.from({ length: 10 }, (_, c) =>
      Array.from({ length: 100 }, (_, i) => record(`c${c}-${i}`, NOW - 1000 + i)),
    );
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        const answer = await log.importFile('big.json', chunk);
        // Answered means stored: a worker dying now loses nothing of this chunk.
        assert.ok(chunk.every((r) => state.records.has(r.id)));
        return answer;
      }),
    );
    assert.equal(
      answers.reduce((n, a) => n + a.added, 0),
      1000,
    );
    assert.ok(state.saves < chunks.length, `${state.saves} writes for ${chunks.length} chunks`);
  });
});

describe('RecordLog import answers', () => {
  it('names the chunk records it does not hold as sent: duplicates, and what retention dropped', async () => {
    const log = new RecordLog(undefined, () => NOW);
    await log.load(retention(3));
    log.add([record('held', NOW)]);
    const answer = await log.importFile(
      'f.json',
      [record('held', NOW), record('old', NOW - 9000), record('a', NOW - 10), record('b', NOW - 5), record('c', NOW)],
      true,
    );
    // 'held' is a duplicate; over 3 imported records, retention drops the oldest import ('old').
    assert.deepEqual(answer, { added: 4, duplicates: 1, notAdded: [0, 1] });
    assert.deepEqual(
      log
        .all()
        .map((r) => r.id)
        .sort(),
      ['a', 'b', 'c', 'held'],
    );
  });

  it('an import never evicts observed history: imports count against their own limit', async () => {
    const log = new RecordLog(undefined, () => NOW);
    await log.load(retention(2));
    log.add([record('seen-1', NOW - 2000), record('seen-2', NOW - 1000)]);
    await log.importFile('newer.json', [record('i1', NOW), record('i2', NOW), record('i3', NOW)]);
    const ids = log.all().map((r) => r.id);
    assert.ok(ids.includes('seen-1') && ids.includes('seen-2'), `kept ${ids.join(', ')}`);
    assert.equal(ids.filter((id) => id.startsWith('i')).length, 2);
  });
});
