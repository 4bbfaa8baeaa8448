import assert from 'node:assert/strict';
import { it } from 'node:test';
import { exportJson } from '../../extension/codecs/json.ts';
import { LIMITS } from '../../extension/codecs/validate.ts';
import { memoryImportInbox } from '../../extension/import-inbox.ts';
import { PROTOCOL_VERSION, type BackgroundToPanel, type SessionState } from '../../extension/messages.ts';
import { testRecord } from '../../extension/test-record.ts';
import { importFile, inboxHandOver, type HandOver } from './import-files.ts';
import { createStore } from './store.ts';

const fileOf = (records: ReturnType<typeof testRecord>[], name = 'log.json') =>
  new File(exportJson(records, { now: Date.now(), filtered: false }), name);

/** A store that counts what is applied to it. */
function watchedStore() {
  const store = createStore();
  store.applyMessage({ type: 'records', records: [testRecord({ id: 'kept', time: 1795487800000 })] });
  const applied: BackgroundToPanel[] = [];
  const apply = store.applyMessage;
  store.applyMessage = (m) => (applied.push(m), apply(m));
  return { store, applied };
}

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
    return Promise.reject(new Error('not asked'));
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

it('shows the whole file in one go while the background reads it, then takes back what the log did not take', async () => {
  const { store, applied } = watchedStore();
  const records = Array.from({ length: 12_000 }, (_, i) =>
    testRecord({ id: `r${i}`, tag: `t${i % 7}`, time: 1795487863000 + i }),
  );
  let shownBeforeAnswer = -1;
  const handOver: HandOver = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    shownBeforeAnswer = store.records.value.length;
    return { added: 11_998, duplicates: 2, notAdded: [0, 11_999] };
  };
  await importFile(fileOf(records), store, handOver);
  assert.equal(shownBeforeAnswer, 1 + 12_000, 'shown while the background still reads');
  assert.deepEqual(
    applied.map((m) => m.type),
    ['records', 'removed'],
    'one apply of the whole file, not one per chunk',
  );
  assert.equal(store.records.value.length, 1 + 11_998);
  assert.ok(!store.records.value.some((r) => r.id === 'r0' || r.id === 'r11999'));
  assert.ok(store.records.value.every((r) => r.id === 'kept' || r.sourceFile === 'log.json'));
  assert.deepEqual(
    {
      state: store.importReport.value?.state,
      added: store.importReport.value?.added,
      total: store.importReport.value?.total,
    },
    { state: 'done', added: 11_998, total: 12_000 },
  );
});

it('what the log did not take comes back as the panel held it, or as the copy the log took of an id the file holds twice', async () => {
  const { store } = watchedStore();
  const handOver: HandOver = () => Promise.resolve({ added: 1, duplicates: 2, notAdded: [0, 2] });
  await importFile(
    fileOf([
      testRecord({ id: 'kept', tag: 'file' }),
      testRecord({ id: 'x', tag: 'first' }),
      testRecord({ id: 'x', tag: 'second' }),
    ]),
    store,
    handOver,
  );
  assert.deepEqual(
    store.records.value.map((r) => [r.id, r.tag, r.source]),
    [
      ['kept', 't', 'protocol'],
      ['x', 'first', 'imported'],
    ],
  );
});

it('while older records still load, the panel waits for the answer and applies only what the log took', async () => {
  const store = createStore();
  store.applyMessage({
    type: 'welcome',
    version: PROTOCOL_VERSION,
    state: { tabId: 1, clearedBefore: 0 } as unknown as SessionState,
    records: [testRecord({ id: 'newest' })],
    total: 2,
    registrations: null,
  });
  assert.ok(store.loading.value, 'older records are on their way');
  let shownBeforeAnswer = -1;
  await importFile(fileOf([testRecord({ id: 'a' }), testRecord({ id: 'b' })]), store, () => {
    shownBeforeAnswer = store.records.value.length;
    return Promise.resolve({ added: 1, duplicates: 1, notAdded: [1] });
  });
  assert.equal(shownBeforeAnswer, 1);
  assert.deepEqual(store.records.value.map((r) => r.id).sort(), ['a', 'newest']);
});

it('a malformed file is refused problem by problem from the panel’s own reading, not the background’s error, and changes nothing', async () => {
  const { store, applied } = watchedStore();
  const text = JSON.stringify({
    format: 'sync-inspector',
    version: 1,
    exportedAt: new Date().toISOString(),
    filtered: false,
    records: [
      { ...testRecord({ id: 'a' }), time: 'soon' },
      { ...testRecord({ id: 'b' }), tag: 7 },
    ],
  });
  let handedOver = 0;
  await importFile(new File([text], 'bad.json'), store, () => {
    handedOver++;
    return Promise.reject(new Error('Nothing was imported: (the background refuses it too)'));
  });
  assert.equal(handedOver, 1, 'handed over at once, read side by side');
  assert.equal(store.importReport.value?.state, 'refused');
  assert.deepEqual(store.importReport.value?.problems, [
    'records[0]: "time" must be a number from 0 to 7258118400000, not "soon".',
    'records[1]: "tag" must be a string, not a number.',
  ]);
  assert.equal(applied.length, 0);
  assert.deepEqual(
    store.records.value.map((r) => r.id),
    ['kept'],
  );
});

it('when the background does not take the file, the panel says why and takes back all it showed of it', async () => {
  const { store } = watchedStore();
  await importFile(fileOf([testRecord({ id: 'kept', tag: 'file' }), testRecord({ id: 'x' })]), store, () =>
    Promise.reject(new Error('the extension restarted')),
  );
  assert.equal(store.importReport.value?.state, 'refused');
  assert.match(
    store.importReport.value?.problems[0] ?? '',
    /^The extension did not take the file: the extension restarted/,
  );
  assert.deepEqual(
    store.records.value.map((r) => [r.id, r.tag, r.source]),
    [['kept', 't', 'protocol']],
  );
});

it('the inbox hand-over stores the file itself, then names its key; a failed store is said', async () => {
  const inbox = memoryImportInbox();
  const sent: unknown[] = [];
  const file = fileOf([testRecord({ id: 'x' })]);
  const answer = await inboxHandOver((params) => {
    sent.push(params);
    return Promise.resolve({ added: 1, duplicates: 0 });
  }, inbox)(file);
  assert.deepEqual(answer, { added: 1, duplicates: 0 });
  assert.deepEqual(sent, [{ key: 1, showsOwn: true }]);
  assert.equal((await inbox.get(1))?.file, file);
  const full = { ...inbox, put: () => Promise.reject(new Error('QuotaExceededError')) };
  await assert.rejects(
    inboxHandOver(() => Promise.reject(new Error('not asked')), full)(file),
    /^Error: The file could not be handed to the extension: QuotaExceededError$/,
  );
});
