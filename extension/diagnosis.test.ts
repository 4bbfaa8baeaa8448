import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capabilities, type Capability } from './capabilities.ts';
import { diagnose, verdict, type Check, type DiagnosisInput } from './diagnosis.ts';
import { MAX_TAG_LENGTH } from './record-facts.ts';
import type { OriginRegistrations, ScopeRegistration, SyncRecord } from './model.ts';
import { testRecord } from './test-record.ts';

const ORIGIN = 'http://localhost:8088/';
const PROTOCOL: Capability[] = [
  'history',
  'fire',
  'fireInBackoff',
  'lastChance',
  'firePeriodic',
  'periodicPermission',
  'hold',
];

function scope(p: Partial<ScopeRegistration> = {}): ScopeRegistration {
  return {
    scope: ORIGIN,
    registrationId: '1',
    workerState: 'activated',
    syncTags: ['t'],
    periodicTags: [],
    heldOffline: false,
    ...p,
  };
}
function regs(p: Partial<OriginRegistrations> = {}): OriginRegistrations {
  return {
    origin: ORIGIN,
    url: ORIGIN,
    secureContext: true,
    online: true,
    permissions: { backgroundSync: 'granted', periodicBackgroundSync: 'denied' },
    scopes: [],
    readAt: 0,
    ...p,
  };
}
let seq = 0;
function rec(p: Partial<SyncRecord>): SyncRecord {
  return testRecord({ id: String(++seq), time: 0, origin: ORIGIN, eventName: '', ...p });
}
function input(p: Partial<DiagnosisInput> = {}): DiagnosisInput {
  return {
    registrations: regs(),
    scope: scope(),
    tag: 't',
    periodic: false,
    records: [],
    capabilities: capabilities(PROTOCOL, 'no'),
    engine: 'protocol',
    now: 10_000,
    ...p,
  };
}
const check = (checks: Check[], id: string) => {
  const c = checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id}`);
  return c;
};

describe('why will it not fire', () => {
  it('finds nothing wrong with a healthy pending tag', () => {
    const checks = diagnose(input());
    assert.equal(verdict(checks), undefined);
    assert.ok(checks.every((c) => c.state === 'ok' || c.state === 'info'));
  });

  it('an insecure context, a missing or waiting worker', () => {
    assert.equal(
      check(diagnose(input({ registrations: regs({ secureContext: false }) })), 'secure-context').state,
      'problem',
    );
    assert.equal(check(diagnose(input({ scope: scope({ workerState: 'none' }) })), 'active-worker').state, 'problem');
    const waiting = check(diagnose(input({ scope: scope({ workerState: 'installed' }) })), 'active-worker');
    assert.equal(waiting.state, 'warning');
    assert.match(waiting.fix ?? '', /skipWaiting/);
  });

  it('a window of another origin', () => {
    const c = check(diagnose(input({ scope: scope({ scope: 'http://other.test/' }) })), 'window-open');
    assert.equal(c.state, 'warning');
  });

  it('a denied permission', () => {
    const checks = diagnose(input({ registrations: regs({ permissions: { backgroundSync: 'denied' } }) }));
    assert.equal(check(checks, 'permission-sync').state, 'problem');
    assert.equal(verdict(checks)?.id, 'permission-sync');
  });

  it('offline: the real network, and our hold with its release action', () => {
    assert.equal(check(diagnose(input({ registrations: regs({ online: false }) })), 'network').state, 'problem');
    const ours = check(
      diagnose(input({ registrations: regs({ online: false }), scope: scope({ heldOffline: true }) })),
      'network',
    );
    assert.equal(ours.state, 'info', 'offline because of our own hold: the hold check says what to do');
    const held = check(diagnose(input({ scope: scope({ heldOffline: true }) })), 'held-offline');
    assert.equal(held.state, 'problem');
    assert.deepEqual(held.action, { kind: 'release', label: 'Release (go online)', available: true });
    const noHold = check(
      diagnose(input({ scope: scope({ heldOffline: true }), capabilities: capabilities([], 'Needs X') })),
      'held-offline',
    );
    assert.deepEqual(noHold.action, {
      kind: 'release',
      label: 'Release (go online)',
      available: false,
      reason: 'Needs X',
    });
  });

  it('in back-off: which attempt, until when, and that firing is possible', () => {
    const records = [
      rec({ time: 0, kind: 'registered' }),
      rec({ time: 1, kind: 'dispatched' }),
      rec({ time: 2, kind: 'failed', nextAttemptDelayMs: 300_000, reason: 'Network Down' }),
    ];
    const c = check(diagnose(input({ records, now: 2 + 1000 })), 'backoff');
    assert.equal(c.state, 'warning');
    assert.match(c.detail, /attempt 1 of 3 failed \(Network Down\)/);
    assert.match(c.detail, /in 4 min 59 s/);
    // The words that count down, and to when: the panel keeps them current without running the rules again.
    assert.deepEqual(c.countdown, { at: 2 + 300_000, text: 'in 4 min 59 s' });
    assert.ok(c.detail.includes(c.countdown.text));
    assert.equal(c.action?.kind, 'fire');
    assert.equal(c.action?.available, true);
    assert.equal(check(diagnose(input({ records, now: 400_000 })), 'backoff').state, 'info', 'the retry is due');
  });

  it('attempts used up: offers to register again where the engine can', () => {
    const records = [
      rec({ kind: 'registered' }),
      ...[1, 2, 3].flatMap((i) => [
        rec({ time: i, kind: 'dispatched' }),
        rec({ time: i + 0.5, kind: i < 3 ? 'failed' : 'completed', status: i < 3 ? undefined : 'failed' }),
      ]),
    ];
    const c = check(diagnose(input({ records, scope: scope({ syncTags: [] }) })), 'backoff');
    assert.equal(c.state, 'problem');
    assert.equal(c.action?.kind, 'reregister');
    assert.equal(c.action?.available, false);
    const can = check(
      diagnose(
        input({
          records,
          scope: scope({ syncTags: [] }),
          capabilities: capabilities([...PROTOCOL, 'reregister'], 'no'),
        }),
      ),
      'backoff',
    );
    assert.equal(can.action?.available, true);
  });

  it('tag length limit', () => {
    assert.equal(check(diagnose(input({ tag: 'x'.repeat(MAX_TAG_LENGTH) })), 'tag-length').state, 'ok');
    assert.equal(check(diagnose(input({ tag: 'x'.repeat(MAX_TAG_LENGTH + 1) })), 'tag-length').state, 'problem');
  });

  it('periodic: installed app (permission), engagement, minimum interval; no back-off check', () => {
    const records = [
      rec({
        service: 'periodicBackgroundSync',
        kind: 'registered',
        metadata: [{ key: 'minInterval', value: '43200000' }],
      }),
      rec({ time: 1, service: 'periodicBackgroundSync', kind: 'nextDelay', nextAttemptDelayMs: Infinity }),
    ];
    const checks = diagnose(input({ periodic: true, records }));
    assert.equal(
      checks.some((c) => c.id === 'backoff'),
      false,
    );
    assert.equal(check(checks, 'installed').state, 'problem');
    assert.equal(check(checks, 'permission-periodic').action?.kind, 'allowPeriodic');
    assert.ok(check(checks, 'engagement'));
    const interval = check(checks, 'interval');
    assert.equal(interval.state, 'problem');
    assert.match(interval.detail, /minInterval 12 h.*infinite/);
    const granted = diagnose(
      input({
        periodic: true,
        registrations: regs({ permissions: { backgroundSync: 'granted', periodicBackgroundSync: 'granted' } }),
      }),
    );
    assert.equal(check(granted, 'installed').state, 'ok');
  });

  it('says what the current engine can do, or why it cannot', () => {
    assert.match(check(diagnose(input()), 'engine').detail, /protocol engine can dispatch the sync now/);
    const dbg = check(
      diagnose(input({ engine: 'debugger', capabilities: capabilities(['hold'], 'Needs the protocol engine') })),
      'engine',
    );
    assert.match(dbg.detail, /debugger engine can hold the worker offline/);
    assert.equal(dbg.fix, 'Needs the protocol engine');
  });
});
