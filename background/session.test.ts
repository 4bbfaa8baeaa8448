import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackgroundToPanel, SessionState } from '../extension/messages.ts';
import { DEFAULT_RETENTION, type Settings } from '../extension/settings.ts';
import { testRecord } from '../extension/test-record.ts';
import type { Port } from './panel-ports.ts';
import { RecordLog } from './record-log.ts';
import { Session } from './session.ts';
import { settle, TestClock } from './test-clock.ts';
import { FakeEngine, FakeFactory } from './test-engines.ts';

class FakePort implements Port {
  received: BackgroundToPanel[] = [];
  postMessage(message: unknown): void {
    this.received.push(message as BackgroundToPanel);
  }
  disconnect(): void {}
  lastState(): SessionState | undefined {
    return this.received.filter((m) => m.type === 'state').at(-1)?.state;
  }
}

function setup() {
  const clock = new TestClock(Date.UTC(2026, 11, 3));
  const factory = new FakeFactory();
  const settings: Settings = { port: 9222, recording: true, clearedBefore: 0, retention: DEFAULT_RETENTION };
  const kept: Array<[number, boolean]> = [];
  const log = new RecordLog(undefined, () => clock.now());
  const session = new Session<FakePort>(3, log, {
    extensionId: 'abc',
    factory,
    clock,
    readSettings: async () => settings,
    writeSettings: async (patch) => void Object.assign(settings, patch),
    setKeepRecording: async (tabId, on) => void kept.push([tabId, on]),
  });
  return { clock, factory, settings, kept, log, session };
}

describe('Session', () => {
  it('welcomes a panel with the stored timeline, connects, and reads the registrations', async () => {
    const t = setup();
    t.log.add([testRecord({ id: 'old', time: t.clock.now() - 1000 })]);
    const port = new FakePort();
    t.session.addPort(port);
    const welcome = port.received[0];
    assert.equal(welcome?.type, 'welcome');
    assert.deepEqual(welcome?.type === 'welcome' && welcome.records.map((r) => r.id), ['old']);
    await settle();
    assert.equal(port.lastState()?.engine, 'debugger');
    assert.ok(port.received.some((m) => m.type === 'registrations'));
  });

  it('runs commands through the handler map: an ability no engine has is refused with its reason', async () => {
    const t = setup();
    const port = new FakePort();
    t.session.addPort(port);
    await settle();
    await assert.rejects(
      t.session.command('fire', {
        origin: 'https://app.example',
        scope: 'https://app.example/',
        tag: 'x',
        lastChance: false,
        periodic: false,
      }),
      /Fire sync now is not available here: protocol only/,
    );
    const simulated = await t.session.command('simulate', {
      scope: 'https://app.example/',
      tag: 't',
      lastChance: true,
    });
    assert.equal(simulated.outcome, 'resolved');
    await assert.rejects(t.session.command('nope' as 'refresh', {} as Record<string, never>), /Unknown command: nope/);
  });

  it('holds a scope offline and says so in the state', async () => {
    const t = setup();
    const port = new FakePort();
    t.session.addPort(port);
    await settle();
    const { heldScopes } = await t.session.command('hold', { scope: 'https://app.example/', offline: true });
    assert.deepEqual(heldScopes, ['https://app.example/']);
    assert.deepEqual(port.lastState()?.heldScopes, ['https://app.example/']);
  });

  it('the back-off note counts only what was observed, not an imported run', async () => {
    const t = setup();
    t.factory.reachable();
    const port = new FakePort();
    t.session.addPort(port);
    await settle();
    const failed = {
      origin: 'https://app.example/',
      tag: 'outbox',
      kind: 'failed' as const,
      eventName: 'sync event failed',
      nextAttemptDelayMs: 300_000,
      time: t.clock.now() - 1000,
    };
    t.log.add([testRecord({ ...failed, id: 'imp', source: 'imported', sourceFile: 'other-run.json' })]);
    const params = {
      origin: 'https://app.example/',
      scope: 'https://app.example/',
      tag: 'outbox',
      lastChance: false,
      periodic: false,
    };
    assert.equal((await t.session.command('fire', params)).note, undefined);
    t.log.add([testRecord({ ...failed, id: 'seen' })]);
    assert.match((await t.session.command('fire', params)).note ?? '', /was waiting in retry back-off/);
  });

  it('a closed tab ends the keep-recording opt-in', async () => {
    const t = setup();
    await t.session.resumeKept();
    assert.equal(t.session.keepsRecording, true);
    (t.factory.made[0] as FakeEngine).close('target_closed');
    await settle();
    assert.equal(t.session.keepsRecording, false);
    assert.deepEqual(t.kept, [[3, false]]);
  });
});
