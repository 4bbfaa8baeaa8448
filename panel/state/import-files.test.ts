import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LIMITS } from '../../extension/codecs/validate.ts';
import { testRecord } from '../../extension/test-record.ts';
import { importFile } from './import-files.ts';
import { createStore } from './store.ts';

it('refuses a file over the size limit before reading it, and changes nothing', async () => {
  const store = createStore();
  store.applyMessage({ type: 'records', records: [testRecord({ id: 'kept' })] });
  let read = false;
  const huge = {
    name: 'huge.json',
    size: LIMITS.fileChars + 1,
    text: () => {
      read = true;
      return Promise.resolve('[]');
    },
  } as unknown as File;
  let sent = 0;
  await importFile(huge, store, () => {
    sent++;
    return Promise.resolve(undefined);
  });
  assert.equal(read, false, 'the file is not read');
  assert.equal(sent, 0, 'nothing is sent');
  assert.equal(store.importReport.value?.state, 'refused');
  assert.match(store.importReport.value?.problems[0] ?? '', /^The file is 50\.0 MB; at most 50 MB can be imported\.$/);
  assert.deepEqual(
    store.records.value.map((r) => r.id),
    ['kept'],
  );
});
