import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJson } from '../extension/codecs/json.ts';
import { memoryImportInbox } from '../extension/import-inbox.ts';
import type { SyncRecord } from '../extension/model.ts';
import { testRecord } from '../extension/test-record.ts';
import { RecordLog, type RecordStore } from './record-log.ts';
import { StoredImports } from './stored-imports.ts';

const rec = (id: string, patch: Partial<SyncRecord> = {}) => testRecord({ id, time: 1795487862000, ...patch });
const fileOf = (records: SyncRecord[]) => new Blob(exportJson(records, { now: Date.now(), filtered: false }));

/** A store of pages kept in a map: what "the disk" holds across worker restarts. */
function diskStore(pages = new Map<number, SyncRecord[]>()) {
  const store: RecordStore = {
    load: () =>
      Promise.resolve({ pages: [...pages].map(([key, records]) => ({ key, records })), drops: { droppedTotal: 0 } }),
    save(written) {
      for (const page of written) {
        if (page.records.length) pages.set(page.key, [...page.records]);
        else pages.delete(page.key);
      }
      return Promise.resolve();
    },
  };
  return { store, pages };
}

/** Runs handed to `later` wait until the test runs them (the write behind the answer). */
function heldBack() {
  const runs: Array<() => void> = [];
  return { later: (run: () => void) => void runs.push(run), runAll: () => runs.splice(0).forEach((run) => run()) };
}

async function started(store: RecordStore) {
  const log = new RecordLog(store);
  await log.load();
  return log;
}

describe('StoredImports', () => {
  it('imports the handed-over file, answers before the pages are written, and empties the inbox once they are', async () => {
    const { store, pages } = diskStore();
    const log = await started(store);
    const inbox = memoryImportInbox();
    const write = heldBack();
    const imports = new StoredImports(log, inbox, write.later);
    const key = await inbox.put(fileOf([rec('a'), rec('b', { tag: 'u' })]), 'mine.json');
    assert.deepEqual(await imports.import(key, true), { added: 2, duplicates: 0, notAdded: [] });
    assert.deepEqual(
      log.all().map((r) => [r.id, r.source, r.sourceFile]),
      [
        ['a', 'imported', 'mine.json'],
        ['b', 'imported', 'mine.json'],
      ],
    );
    assert.equal(pages.size, 0, 'answered from memory, nothing written yet');
    assert.equal(inbox.size, 1, 'the file is what keeps the answer true meanwhile');
    write.runAll();
    await log.flush();
    await Promise.resolve();
    assert.deepEqual([...pages.values()].flat().map((r) => r.id), ['a', 'b']); // prettier-ignore
    assert.equal(inbox.size, 0);
  });

  it('an answered import survives the worker dying before its pages are written: the next start imports the file again', async () => {
    const disk = diskStore();
    const inbox = memoryImportInbox();
    const first = await started(disk.store);
    const key = await inbox.put(fileOf([rec('a'), rec('b')]), 'mine.json');
    await new StoredImports(first, inbox, heldBack().later).import(key, false); // the write never runs: the worker died
    assert.equal(disk.pages.size, 0);
    const next = await started(disk.store);
    await new StoredImports(next, inbox, (run) => run()).replay();
    assert.deepEqual(
      next.all().map((r) => r.id),
      ['a', 'b'],
    );
    await next.flush();
    await Promise.resolve();
    assert.equal(inbox.size, 0);
    assert.deepEqual(next.imports(), [{ fileName: 'mine.json', count: 2 }]);
  });

  it('a malformed file is refused with its problems, leaves the inbox and changes nothing', async () => {
    const log = await started(diskStore().store);
    log.add([rec('kept')]);
    const inbox = memoryImportInbox();
    const bad = JSON.stringify({ format: 'sync-inspector', version: 1, records: [{ ...rec('x'), time: 'soon' }] });
    const key = await inbox.put(new Blob([bad]), 'bad.json');
    await assert.rejects(
      new StoredImports(log, inbox).import(key, true),
      /^Error: Nothing was imported: records\[0\]: "time" must be a number from 0 to 7258118400000, not "soon"\.$/,
    );
    assert.deepEqual(
      log.all().map((r) => r.id),
      ['kept'],
    );
    assert.equal(inbox.size, 0);
  });

  it('names what the log did not take as given: ids it held, and an id the file holds twice', async () => {
    const log = await started(diskStore().store);
    log.add([rec('held', { time: Date.now() - 1000 })]);
    const inbox = memoryImportInbox();
    const key = await inbox.put(fileOf([rec('new'), rec('held'), rec('new', { tag: 'again' })]), 'f.json');
    assert.deepEqual(await new StoredImports(log, inbox).import(key, true), {
      added: 1,
      duplicates: 2,
      notAdded: [1, 2],
    });
    assert.equal(log.all().find((r) => r.id === 'held')?.source, 'protocol', 'the held record stays as it was');
    assert.equal(log.all().find((r) => r.id === 'new')?.tag, 't', 'the first of the file’s copies is taken');
  });

  it('a panel asking while the start-up replay imports its file gets that import’s answer, not a second import', async () => {
    const log = await started(diskStore().store);
    const inbox = memoryImportInbox();
    const key = await inbox.put(fileOf([rec('a'), rec('b')]), 'mine.json');
    const imports = new StoredImports(log, inbox, heldBack().later);
    const replay = imports.replay();
    const asked = await imports.import(key, true);
    await replay;
    assert.deepEqual(asked, { added: 2, duplicates: 0, notAdded: [] });
    assert.equal(log.size, 2);
  });

  it('a key not in the inbox is an error that says to import again', async () => {
    const log = await started(diskStore().store);
    await assert.rejects(
      new StoredImports(log, memoryImportInbox()).import(7, false),
      /no longer in the extension’s inbox; import it again/,
    );
  });
});
