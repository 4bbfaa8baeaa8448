import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKept, stillKept } from './keep-recording.ts';

describe('kept-recording tabs', () => {
  it('attaches again only to a tab that still shows the origin it was kept for (tab ids are reused)', () => {
    const kept = parseKept([
      { tabId: 1, origin: 'http://localhost:8088' },
      { tabId: 2, origin: 'http://localhost:8088' },
      { tabId: 3, origin: 'https://app.example' },
    ]);
    const urls = new Map([
      [1, 'http://localhost:8088/inbox'],
      // After a browser restart, id 2 is another site's tab now.
      [2, 'https://bank.example/'],
    ]);
    assert.deepEqual(
      stillKept(kept, (id) => urls.get(id)).map((t) => t.tabId),
      [1],
    );
  });

  it('does not trust entries without an origin (the old list of bare ids) or of another shape', () => {
    assert.deepEqual(parseKept([1, 2, { tabId: 3 }, { tabId: 'x', origin: 'a' }, null]), []);
    assert.deepEqual(parseKept('nope'), []);
  });
});
