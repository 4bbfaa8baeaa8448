import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionState } from '../extension/messages.ts';
import {
  EngineSupervisor,
  PROTOCOL_RETRY_MAX_MS,
  PROTOCOL_RETRY_MS,
  type SupervisorHost,
} from './engine-supervisor.ts';
import { canceledDebuggingInMemory, type CanceledDebugging } from './debugging-canceled.ts';
import { FakeEngine, FakeFactory } from './test-engines.ts';
import { settle, TestClock } from './test-clock.ts';

function setup(tab?: { gone: boolean }, canceled?: CanceledDebugging) {
  const clock = new TestClock();
  const loaded = new Set<() => void>();
  const factory = new FakeFactory();
  let state: Partial<SessionState> = {};
  const notices: string[] = [];
  const ended: string[] = [];
  let ready = 0;
  const host: SupervisorHost = {
    records: () => {},
    registrationsMayHaveChanged: () => {},
    update: (patch) => (state = { ...state, ...patch }),
    notice: (_level, text) => notices.push(text),
    engineReady: () => ready++,
    ended: (reason) => ended.push(reason),
  };
  const supervisor = new EngineSupervisor({
    tabId: 7,
    extensionId: 'abc',
    factory,
    clock,
    settings: async () => ({ port: 9222, recording: true }),
    host,
    ...(canceled ? { canceled } : {}),
    ...(tab
      ? {
          tabGone: async () => tab.gone,
          onTabLoaded: (_tabId: number, callback: () => void) => {
            loaded.add(callback);
            return () => loaded.delete(callback);
          },
        }
      : {}),
  });
  return {
    clock,
    factory,
    loaded,
    supervisor,
    notices,
    ended,
    get state() {
      return state;
    },
    get ready() {
      return ready;
    },
  };
}

/** An engine's kind, read past the narrowing of an earlier assert that it was undefined. */
const kindOf = (engine: { kind: string } | undefined): string | undefined => engine?.kind;

describe('EngineSupervisor', () => {
  it('uses the protocol engine when reachable, with the debugger engine beside it as instrumenter', async () => {
    const t = setup();
    t.factory.reachable();
    await t.supervisor.connect();
    assert.equal(t.supervisor.engine?.kind, 'protocol');
    assert.equal(t.supervisor.instrumenter?.kind, 'debugger');
    assert.equal(t.state.engine, 'protocol');
    assert.equal(t.state.phase, 'ready');
    // Together they can do what each can: fire from the protocol engine, simulate from the instrumenter.
    assert.equal(t.supervisor.capabilities().fire.available, true);
    assert.equal(t.supervisor.capabilities().simulate.available, true);
    assert.equal(t.supervisor.withAbility('simulate')?.kind, 'debugger');
    assert.equal(t.supervisor.withAbility('fire')?.kind, 'protocol');
  });

  it('falls back to the debugger engine, retries the protocol engine backing off to a cap, and switches up', async () => {
    const t = setup();
    await t.supervisor.connect();
    assert.equal(t.supervisor.engine?.kind, 'debugger');
    assert.match(t.state.protocol?.error ?? '', /code 1006/);
    assert.equal(t.supervisor.withAbility('fire'), undefined);
    const attemptsAt = (ms: number) => t.clock.advance(ms).then(() => t.factory.protocolAttempts);
    assert.equal(await attemptsAt(PROTOCOL_RETRY_MS - 1), 1);
    assert.equal(await attemptsAt(1), 2);
    assert.equal(await attemptsAt(2 * PROTOCOL_RETRY_MS - 1), 2);
    assert.equal(await attemptsAt(1), 3);
    await t.clock.advance(10 * PROTOCOL_RETRY_MAX_MS);
    const before = t.factory.protocolAttempts;
    assert.equal(await attemptsAt(PROTOCOL_RETRY_MAX_MS), before + 1, 'the delay is capped');
    t.factory.reachable();
    await t.clock.advance(PROTOCOL_RETRY_MAX_MS);
    assert.equal(t.supervisor.engine?.kind, 'protocol');
    assert.equal(t.supervisor.instrumenter?.kind, 'debugger', 'the debugger engine stays, as instrumenter');
  });

  it('reports the real error of an engine that closes while it opens (not a temporal-dead-zone ReferenceError)', async () => {
    const t = setup();
    t.factory.protocolPlan = async (sink) => {
      // The socket opens, the endpoint hangs up, start() fails: the sink hears of the close first.
      sink.closed('socket closed (code 1006)');
      throw new Error('Target.getTargetInfo: connection closed (socket closed (code 1006))');
    };
    await t.supervisor.connect();
    assert.match(t.state.protocol?.error ?? '', /Target\.getTargetInfo: connection closed/);
    assert.doesNotMatch(t.state.protocol?.error ?? '', /ReferenceError|before initialization/);
    assert.equal(t.supervisor.engine?.kind, 'debugger');
  });

  it('an engine that closed while it was made is not used', async () => {
    const t = setup();
    t.factory.protocolPlan = async (sink) => {
      const engine = new FakeEngine('protocol', sink);
      sink.closed('socket closed (code 1000)');
      return engine;
    };
    await t.supervisor.connect();
    assert.equal(t.supervisor.engine?.kind, 'debugger');
    assert.match(t.state.protocol?.error ?? '', /closed as soon as it opened \(socket closed \(code 1000\)\)/);
    assert.equal(t.factory.made[0]!.disposed, true);
  });

  it('a reconnect during a connect wins: the older attempt keeps nothing it made', async () => {
    const t = setup();
    let openFirst: () => void = () => {};
    const first = new Promise<void>((resolve) => (openFirst = resolve));
    let attempt = 0;
    t.factory.protocolPlan = async (sink) => {
      const mine = ++attempt;
      if (mine === 1) await first;
      return new FakeEngine('protocol', sink);
    };
    const connecting = t.supervisor.connect();
    await settle();
    const reconnecting = t.supervisor.reconnect();
    await reconnecting;
    const current = t.supervisor.engine;
    openFirst();
    await connecting;
    await settle();
    assert.equal(t.supervisor.engine as unknown, current, 'the newer engine stays');
    const stale = t.factory.made.find((e) => e.kind === 'protocol' && e !== current)!;
    assert.equal(stale.disposed, true, 'the older attempt disposed what it made');
  });

  it('tells a closed tab and a cancelled debugging bar apart from a lost connection', async () => {
    for (const reason of ['target_closed', 'canceled_by_user'] as const) {
      const t = setup();
      await t.supervisor.connect();
      (t.supervisor.engine as unknown as FakeEngine).close(reason);
      await settle();
      assert.deepEqual(t.ended, [reason]);
      assert.equal(t.state.phase, 'failed');
      assert.match(t.state.message ?? '', reason === 'target_closed' ? /tab was closed/ : /cancelled/);
      await t.clock.advance(60_000);
      assert.equal(t.supervisor.engine, undefined, 'no reconnect');
    }
  });

  it('after the user cancels the debugging bar nothing attaches again, not even a new session, until reconnect()', async () => {
    // One store for the tab, as chrome.storage.session is across the extension worker's restarts.
    const store = canceledDebuggingInMemory();
    const t = setup(undefined, store);
    await t.supervisor.connect();
    (t.supervisor.engine as unknown as FakeEngine).close('canceled_by_user');
    await settle();
    const made = t.factory.made.length;
    // A second panel, or the same one reconnecting its port, asks the supervisor to connect.
    await t.supervisor.connect();
    assert.equal(t.supervisor.engine, undefined);
    assert.equal(t.factory.made.length, made, 'no chrome.debugger attach');
    assert.match(t.state.message ?? '', /cancelled.*Click Reconnect/);
    // Our worker restarted: a new session for the tab, the same answer.
    const restarted = setup(undefined, store);
    await restarted.supervisor.connect();
    assert.equal(restarted.supervisor.engine, undefined);
    assert.equal(restarted.factory.made.length, 0);
    assert.equal(restarted.state.phase, 'failed');
    assert.match(restarted.state.message ?? '', /cancelled/);
    // The user clicks Reconnect: attached again, and the cancel is forgotten.
    await restarted.supervisor.reconnect();
    assert.equal(kindOf(restarted.supervisor.engine), 'debugger');
    assert.equal(await store.read(), false);
  });

  it('a cancelled instrumenter is not attached again beside the protocol engine until reconnect()', async () => {
    const store = canceledDebuggingInMemory();
    const t = setup(undefined, store);
    t.factory.reachable();
    await t.supervisor.connect();
    (t.supervisor.instrumenter as unknown as FakeEngine).close('canceled_by_user');
    await settle();
    const restarted = setup(undefined, store);
    restarted.factory.reachable();
    await restarted.supervisor.connect();
    assert.equal(restarted.supervisor.engine?.kind, 'protocol');
    assert.equal(restarted.supervisor.instrumenter, undefined);
    assert.deepEqual(
      restarted.factory.made.map((e) => e.kind),
      ['protocol'],
    );
    assert.match(restarted.notices.join(' '), /Instrumentation stopped: debugging was cancelled/);
    await restarted.supervisor.reconnect();
    assert.equal(kindOf(restarted.supervisor.instrumenter), 'debugger');
  });

  it('reconnects after a lost connection; one that keeps dying backs off and is told once', async () => {
    const t = setup();
    t.factory.reachable();
    await t.supervisor.connect();
    const started = t.factory.protocolAttempts;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      (t.supervisor.engine as unknown as FakeEngine).close('socket closed (code 1006)');
      let waited = 0;
      while (t.supervisor.engine?.kind !== 'protocol') {
        await t.clock.advance(100);
        waited += 100;
      }
      delays.push(waited);
    }
    assert.equal(t.factory.protocolAttempts, started + 5);
    assert.ok(delays[4]! > delays[1]! && delays[1]! >= 1000, `delays ${delays.join(', ')}`);
    assert.equal(t.notices.filter((n) => /disconnected/.test(n)).length, 1);
  });

  it('the instrumenter closing leaves the protocol engine serving, with a notice', async () => {
    const t = setup();
    t.factory.reachable();
    await t.supervisor.connect();
    (t.supervisor.instrumenter as unknown as FakeEngine).close('canceled_by_user');
    assert.equal(t.supervisor.engine?.kind, 'protocol');
    assert.equal(t.supervisor.instrumenter, undefined);
    assert.equal(t.supervisor.capabilities().simulate.available, false);
    assert.match(t.notices.join(' '), /Instrumentation stopped/);
    assert.deepEqual(t.ended, []);
  });

  it('dispose disposes both engines and stops retrying', async () => {
    const t = setup();
    await t.supervisor.connect();
    const engine = t.supervisor.engine as FakeEngine;
    t.supervisor.dispose();
    assert.equal(engine.disposed, true);
    const attempts = t.factory.protocolAttempts;
    await t.clock.advance(10 * PROTOCOL_RETRY_MAX_MS);
    assert.equal(t.factory.protocolAttempts, attempts);
  });

  it('tells a tab that went to a page it may not debug (target_closed, tab still there) from a closed one, and comes back', async () => {
    const t = setup({ gone: false });
    await t.supervisor.connect();
    (t.supervisor.engine as unknown as FakeEngine).close('target_closed');
    await settle();
    assert.deepEqual(t.ended, [], 'the opt-in and the session stay');
    assert.match(t.state.message ?? '', /does not let extensions debug/);
    assert.equal(t.loaded.size, 1);
    for (const loaded of t.loaded) loaded();
    await settle();
    assert.equal(t.supervisor.engine?.kind, 'debugger', 'attached again once the tab shows a web page');
    assert.equal(t.loaded.size, 0, 'and stopped watching the tab');
  });

  it('a load of the page it may not debug (seen after the detach) keeps the tab away and watched, not failed', async () => {
    const t = setup({ gone: false });
    await t.supervisor.connect();
    (t.supervisor.engine as unknown as FakeEngine).close('target_closed');
    await settle();
    t.factory.debuggerPlan = () => Promise.reject(new Error('Cannot access a chrome:// URL'));
    for (const loaded of t.loaded) loaded();
    await settle();
    assert.match(t.state.message ?? '', /went to a page Chrome does not let extensions debug/);
    assert.equal(t.loaded.size, 1, 'still watching the tab');
    t.factory.debuggerPlan = async (sink) => new FakeEngine('debugger', sink);
    for (const loaded of t.loaded) loaded();
    await settle();
    assert.equal(t.supervisor.engine?.kind, 'debugger');
  });
});
