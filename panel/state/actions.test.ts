import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJson } from '../../extension/codecs/json.ts';
import type { CommandName, Commands } from '../../extension/messages.ts';
import type { ScopeRegistration } from '../../extension/model.ts';
import { memoryImportInbox } from '../../extension/import-inbox.ts';
import { testRecord } from '../../extension/test-record.ts';
import { createActions, type Request } from './actions.ts';
import { createStore } from './store.ts';

/** A request that answers from a table, and remembers what was asked. */
function fakeRequest(
  answers: Partial<{ [K in CommandName]: (params: Commands[K]['params']) => Commands[K]['result'] }>,
) {
  const sent: Array<{ name: CommandName; params: unknown }> = [];
  const request = (async (name: CommandName, params: unknown) => {
    sent.push({ name, params });
    const answer = answers[name] as ((p: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`${name}: refused`);
    return answer(params);
  }) as Request;
  return { request, sent };
}

const texts = (store: ReturnType<typeof createStore>) => store.notices.value.map((n) => `${n.level}: ${n.text}`);

describe('panel actions', () => {
  it('fire answers how and the note for the view to show by the tag, and adds no notice', async () => {
    const store = createStore();
    const { request, sent } = fakeRequest({ fire: () => ({ how: 'dispatched by Chrome', note: 'in back-off' }) });
    const scope: ScopeRegistration = {
      scope: 's',
      registrationId: '7',
      workerState: 'activated',
      syncTags: [],
      periodicTags: [],
      heldOffline: false,
    };
    const result = await createActions(store, request).fire('o', scope, 'up', {
      lastChance: true,
      periodic: false,
    });
    assert.deepEqual(sent[0]?.params, {
      origin: 'o',
      scope: 's',
      registrationId: '7',
      tag: 'up',
      lastChance: true,
      periodic: false,
    });
    assert.deepEqual(result, { how: 'dispatched by Chrome', note: 'in back-off' });
    assert.deepEqual(texts(store), []);
  });

  it('a failed command becomes an error notice, not a rejection', async () => {
    const store = createStore();
    const { request } = fakeRequest({});
    await createActions(store, request).hold('s', true);
    assert.deepEqual(texts(store), ['error: hold: refused']);
  });

  it('simulate reports what the handlers did', async () => {
    const store = createStore();
    const { request } = fakeRequest({
      simulate: () => ({ outcome: 'rejected', durationMs: 12, reason: 'offline' }),
    });
    await createActions(store, request).simulate('s', 'up', true);
    assert.equal(store.notices.value.length, 1);
    assert.equal(store.notices.value[0]!.level, 'warning');
    assert.match(store.notices.value[0]!.text, /lastChance true.*rejected after 12 ms: offline/);
  });

  it('an import hands the file over through the inbox and shows what the background took, through applyMessage', async () => {
    const store = createStore();
    const records = [testRecord({ id: 'x', tag: 'a' }), testRecord({ id: 'y', tag: 'b', time: 1795487863000 })];
    const file = new File(exportJson(records, { now: Date.now(), filtered: false }), 'log.json');
    const { request, sent } = fakeRequest({ importStoredFile: () => ({ added: 1, duplicates: 1, notAdded: [1] }) });
    const applied: string[] = [];
    const apply = store.applyMessage;
    store.applyMessage = (m) => (applied.push(m.type), apply(m));
    const inbox = memoryImportInbox();
    await createActions(store, request, inbox).importFile(file);
    assert.deepEqual(
      sent.map((s) => [s.name, s.params]),
      [['importStoredFile', { key: 1, showsOwn: true }]],
    );
    assert.equal((await inbox.get(1))?.file, file, 'the file itself is what is handed over');
    assert.deepEqual(applied, ['records', 'removed'], 'shown while read, then what the log did not take taken back');
    assert.deepEqual(
      store.records.value.map((r) => r.tag),
      ['a'],
    );
    assert.equal(store.importReport.value?.state, 'done');
    assert.equal(store.importReport.value?.added, 1);
  });

  it('toggling recording says why when the engine cannot record, and asks nothing', async () => {
    const store = createStore();
    const { request, sent } = fakeRequest({ setRecording: ({ on }) => ({ recording: on }) });
    const actions = createActions(store, request);
    const session = (available: boolean, recording: boolean) =>
      ({
        capabilities: { recording: available ? { available } : { available, reason: 'Needs the protocol engine' } },
        recording,
      }) as never;
    store.session.value = session(false, false);
    await actions.toggleRecording();
    assert.deepEqual(sent, []);
    assert.deepEqual(texts(store), ['warning: Recording: Needs the protocol engine']);
    store.session.value = session(true, true);
    await actions.toggleRecording();
    assert.deepEqual(sent, [{ name: 'setRecording', params: { on: false } }]);
  });
});
