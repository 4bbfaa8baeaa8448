import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordPages } from './record-pages.ts';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('RecordPages', () => {
  it('fills pages in order, a full page at a time, and marks only the pages touched', () => {
    const pages = new RecordPages(3);
    for (const id of ids('r', 7)) pages.touch(id);
    assert.deepEqual(pages.takeDirty(), [
      { key: 0, ids: ['r0', 'r1', 'r2'] },
      { key: 1, ids: ['r3', 'r4', 'r5'] },
      { key: 2, ids: ['r6'] },
    ]);
    assert.equal(pages.dirtyCount, 0);
    pages.touch('r4'); // changed by a merge: its own page is rewritten, not the open one
    assert.deepEqual(pages.takeDirty(), [{ key: 1, ids: ['r3', 'r4', 'r5'] }]);
  });

  it('a removal rewrites its page; a page left empty is written empty (deleted); only the newest page fills up', () => {
    const pages = new RecordPages(2);
    for (const id of ids('r', 4)) pages.touch(id);
    pages.takeDirty();
    pages.remove('r0');
    pages.remove('r1');
    pages.remove('r2');
    assert.deepEqual(pages.takeDirty(), [
      { key: 0, ids: [] },
      { key: 1, ids: ['r3'] },
    ]);
    pages.touch('new');
    pages.touch('newer');
    assert.deepEqual(pages.takeDirty(), [
      { key: 1, ids: ['r3', 'new'] },
      { key: 2, ids: ['newer'] },
    ]);
  });

  it('new records after a load go to pages after the stored ones (a stored page is never overwritten)', () => {
    const pages = new RecordPages(2);
    pages.loaded(0, ['a', 'b']);
    pages.loaded(5, ['c']);
    assert.equal(pages.dirtyCount, 0);
    pages.touch('d');
    pages.touch('a');
    assert.deepEqual(pages.takeDirty(), [
      { key: 0, ids: ['a', 'b'] },
      { key: 6, ids: ['d'] },
    ]);
  });

  it('a record stored in two pages keeps one place, and the other page is rewritten without it', () => {
    const pages = new RecordPages(4);
    pages.loaded(0, ['a', 'b']);
    pages.loaded(1, ['b', 'c']);
    assert.deepEqual(pages.takeDirty(), [{ key: 0, ids: ['a'] }]);
  });

  it('pages of a failed write are written again next time, an emptied page too', () => {
    const pages = new RecordPages(2);
    pages.touch('a');
    pages.takeDirty();
    pages.remove('a');
    pages.touch('b');
    pages.touch('c');
    const failed = pages.takeDirty();
    pages.markDirty(failed.map((p) => p.key));
    assert.deepEqual(pages.takeDirty(), failed);
  });
});
