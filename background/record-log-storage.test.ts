import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../extension/model.ts';
import { testRecord } from '../extension/test-record.ts';
import { RecordLog, type RecordStore, type StoredPage } from './record-log.ts';

const NOW = Date.UTC(2026, 11, 3);
const rec = (id: string, patch: Partial<SyncRecord> = {}) => testRecord({ id, time: NOW - 1000, ...patch });

/** A store whose pages the test sees and whose load and save can be made to fail. */
function faultyStore(pages: Map<number, unknown>, setAside: number[] = []) {
  const state = { loadFails: undefined as Error | undefined, saveFails: undefined as Error | undefined, saves: 0 };
  const store: RecordStore = {
    async load() {
      if (state.loadFails) throw state.loadFails;
      const good: StoredPage[] = [...pages]
        .filter(([key]) => !setAside.includes(key))
        .map(([key, records]) => ({ key, records: records as SyncRecord[] }));
      return { pages: good, drops: { droppedTotal: 0 }, setAside };
    },
    async save(written) {
      if (state.saveFails) throw state.saveFails;
      state.saves++;
      for (const page of written) {
        if (page.records.length) pages.set(page.key, [...page.records]);
        else pages.delete(page.key);
      }
    },
  };
  return { store, state };
}

const quota = () =>
  Object.assign(new Error('QuotaExceededError: The quota has been exceeded.'), { name: 'QuotaExceededError' });

describe('RecordLog storage honesty', () => {
  it('sets a corrupt stored page aside, says so, and never writes over it', async () => {
    const corrupt = { not: 'records' };
    const pages = new Map<number, unknown>([
      [0, [rec('a')]],
      [5, corrupt],
    ]);
    const { store } = faultyStore(pages, [5]);
    const log = new RecordLog(store, () => NOW);
    await log.load();
    assert.deepEqual(
      log.all().map((r) => r.id),
      ['a'],
    );
    assert.match(log.storageProblem ?? '', /could not be read: set aside/);
    log.add([rec('b'), rec('c')]);
    await log.flush();
    assert.equal(pages.get(5), corrupt, 'the corrupt page is untouched');
    assert.ok(
      [...pages.keys()].some((k) => k > 5),
      'new records go to a page above the highest stored',
    );
  });

  it('writes nothing while the stored timeline could not be loaded, and loads again later', async () => {
    const pages = new Map<number, unknown>([[0, [rec('survivor')]]]);
    const { store, state } = faultyStore(pages);
    state.loadFails = new Error('UnknownError: Internal error opening backing store');
    const log = new RecordLog(store, () => NOW);
    await log.load();
    assert.match(log.storageProblem ?? '', /could not be loaded .*nothing is stored until it can be/);
    log.add([rec('new')]);
    await assert.rejects(log.flush(), /could not be loaded/);
    assert.equal(state.saves, 0);
    assert.deepEqual(pages.get(0), [rec('survivor')], 'the surviving page is not overwritten');
    state.loadFails = undefined;
    await log.load();
    assert.deepEqual(
      log
        .all()
        .map((r) => r.id)
        .sort(),
      ['new', 'survivor'],
    );
    await log.flush();
    assert.deepEqual(pages.get(0), [rec('survivor')]);
    assert.equal([...pages.values()].flat().length, 2);
  });

  it('an import answers only once stored, and a quota error is a failed import', async () => {
    const { store, state } = faultyStore(new Map());
    const log = new RecordLog(store, () => NOW);
    await log.load();
    state.saveFails = quota();
    await assert.rejects(log.importFile('big.json', [rec('i1', { source: 'imported' })]), /QuotaExceededError/);
    await assert.rejects(log.removeImport('big.json'), /QuotaExceededError/);
    state.saveFails = undefined;
    const answer = await log.importFile('small.json', [rec('i2')]);
    assert.equal(answer.added, 1);
    assert.equal(state.saves, 1);
  });
});
